import AssessmentCore

/// What the front end must do (or say) after an action. The words are each front end's own.
public enum WalkEffect: Sendable, Equatable {
    /// Store these changes (a locked read-modify-write); the walk already shows them.
    case persist([SessionChange])
    /// Parts or questions started or stopped applying.
    case announce(ApplicabilityChange)
    /// The walk is on another question, or (nil) past the last one.
    case moved(to: String?)
    /// The session is open read-only: nothing was changed.
    case readOnly
    /// Nothing before the first applicable question.
    case atStart
    /// Already past the last applicable question.
    case atEnd
    /// Every applicable question is answered.
    case allAnswered
    /// There is no answer to clear, no note or no evidence to remove.
    case nothingToRemove
    /// Not applicable needs a reason.
    case reasonRequired
    /// This question cannot be marked not applicable.
    case notApplicableNotAllowed
    /// An evidence reference that is blank or too long (as typed); nothing was stored.
    case invalidEvidence(String)
    /// A go-to with nothing to go to.
    case emptyTarget
    case notFound(String)
    /// A measure number found in several chapters (their node ids).
    case ambiguous(String, chapters: [String])
    /// The question or node gone to does not apply (or waits for scope answers).
    case doesNotApply(id: String, reason: String?, pending: Bool)
}

extension WalkEffect {
    /// The walk refused a change (its checks): nothing was changed or stored.
    public var isRefusal: Bool {
        switch self {
        case .readOnly, .nothingToRemove, .reasonRequired, .notApplicableNotAllowed, .invalidEvidence: return true
        case .persist, .announce, .moved, .atStart, .atEnd, .allAnswered, .emptyTarget, .notFound, .ambiguous, .doesNotApply: return false
        }
    }
}
