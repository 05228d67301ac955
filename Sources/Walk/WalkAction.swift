import AssessmentCore

/// What a person can do on the walk, in either front end.
public enum WalkAction: Sendable, Equatable {
    case next
    case previous
    case nextUnanswered
    /// "1.2", "C1.3", "copyright 1.3", a question or node id (`GoTo`).
    case goTo(String)
    /// Straight to a question (a click, a search result).
    case move(to: String)
    /// Answers the current question and moves on to the next applicable one.
    case answer(AnswerValue)
    /// Marks the current question not applicable (a reason is required) and moves on.
    case notApplicable(reason: String)
    /// Removes the value (or the not-applicable mark), keeping note and evidence.
    case clear
    /// Sets the note; nil or blank removes it.
    case note(String?)
    /// Adds one evidence reference.
    case addEvidence(String)
    case removeEvidence
    /// Replaces the current question's answer as a whole (the full screen's editors build it); nil removes it.
    case replace(Answer?)
    /// The stored session as read back (a save, or a change made elsewhere).
    case stored(Session)
}
