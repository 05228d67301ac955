import AssessmentCore

/// A listed session's status: its overall status when it could be scored, or that its
/// questionnaire could not be used. Stored (index file, `list --json`) as a `Status` raw value
/// or "questionnaire_missing", the names older versions wrote.
public enum SummaryStatus: Sendable, Hashable, RawRepresentable, Codable {
    case scored(Status)
    case questionnaireMissing

    public init?(rawValue: String) {
        if rawValue == "questionnaire_missing" { self = .questionnaireMissing; return }
        guard let s = Status(rawValue: rawValue) else { return nil }
        self = .scored(s)
    }

    public var rawValue: String {
        switch self {
        case let .scored(s): return s.rawValue
        case .questionnaireMissing: return "questionnaire_missing"
        }
    }

    /// The overall status, when the session was scored.
    public var scored: Status? {
        switch self {
        case let .scored(s): return s
        case .questionnaireMissing: return nil
        }
    }
}
