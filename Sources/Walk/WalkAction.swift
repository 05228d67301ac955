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
    /// Answers the current question and (with `advance`) moves on to the next applicable one.
    case answer(AnswerValue, advance: Bool = true)
    /// Marks the current question not applicable (a reason is required) and (with `advance`) moves on.
    case notApplicable(reason: String, advance: Bool = true)
    /// Removes the value (or the not-applicable mark), keeping note and evidence.
    case clear
    /// Sets the note; nil or blank removes it.
    case note(String?)
    /// Adds one evidence reference (checked: `AnswerInput.isValidEvidence`).
    case addEvidence(String)
    /// Replaces the evidence list (the full screen's editor edits it whole); each reference checked.
    case setEvidence([String])
    case removeEvidence
    /// Puts back a whole answer (undo, keeping one side of a sync conflict); nil removes it. Edits
    /// use the actions above, whose checks are the walk's.
    case replace(Answer?)
    /// The stored session as read back (a save, or a change made elsewhere).
    case stored(Session)
}
