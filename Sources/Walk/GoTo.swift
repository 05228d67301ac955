import AssessmentCore

/// Where a typed go-to target points, for plain mode's `g` and the full screen's go-to: the
/// questionnaire's one resolution (`Questionnaire.resolve`), narrowed by what the walk knows
/// (what applies, and the chapter of the current question).
public enum GoTo: Sendable, Equatable {
    case question(String)
    case node(String)
    /// Several matches, in document order.
    case ambiguous(candidates: [Questionnaire.Target])
    case notFound
    case empty

    public static func resolve(_ target: String, in w: WalkState) -> GoTo {
        switch w.questionnaire.resolve(target, evaluation: w.evaluation, near: w.question) {
        case .empty: return .empty
        case .notFound: return .notFound
        case let .found(.node(id)): return .node(id)
        case let .found(.question(id)): return .question(id)
        case let .ambiguous(candidates): return .ambiguous(candidates: candidates)
        }
    }

    /// The top-level parts (chapters) the candidates of an ambiguous target are in, each once.
    public static func chapters(of candidates: [Questionnaire.Target], in q: Questionnaire) -> [String] {
        var out: [String] = []
        for c in candidates { if let top = q.topNode(of: c), !out.contains(top) { out.append(top) } }
        return out
    }
}
