/// Where a measure (or anything above it) stands.
public enum Status: String, Sendable, Codable, CaseIterable {
    case notApplicable = "not_applicable"
    /// Hidden for now, but whether it applies depends on scope questions not yet answered.
    case scopePending = "scope_pending"
    case notStarted = "not_started"
    case inProgress = "in_progress"
    case met
    case partiallyMet = "partially_met"
    case notMet = "not_met"

    public var label: String {
        switch self {
        case .notApplicable: return "not applicable"
        case .scopePending: return "waiting for scope"
        case .notStarted: return "not started"
        case .inProgress: return "in progress"
        case .met: return "met"
        case .partiallyMet: return "partially met"
        case .notMet: return "not met"
        }
    }
}
