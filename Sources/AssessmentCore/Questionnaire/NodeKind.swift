/// What a node of the questionnaire tree is. The JSON names are the raw values; the loader
/// rejects any other name. See docs/questionnaire-format.md, "Kinds".
public enum NodeKind: String, Sendable, CaseIterable, Codable {
    /// Scoping questions: listed apart in reports; a top-level scope node does not decide
    /// whether the questionnaire applies.
    case scope
    /// Headings and summaries in reports; qualifies measure numbers ("Safety & Security 7.7").
    case chapter
    case commitment
    /// The level where statuses count: critical caps, measure gaps, the dashboard's counts.
    case measure
    /// Structure only.
    case group, section, appendix

    /// The kind as the first word of a label: "Measure 1.2", "Chapter: Transparency".
    public var label: String {
        switch self {
        case .scope: return "Scope"
        case .chapter: return "Chapter"
        case .commitment: return "Commitment"
        case .measure: return "Measure"
        case .group: return "Group"
        case .section: return "Section"
        case .appendix: return "Appendix"
        }
    }
}
