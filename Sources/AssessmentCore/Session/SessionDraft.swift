import FoundationEssentials

/// Text typed but never confirmed (e.g. a one-line value when Ctrl-C or a hang-up came), kept beside
/// the session so it can be offered again. It is never an answer.
public struct SessionDraft: Codable, Sendable, Equatable {
    public var question: String
    /// What was being edited: value, justification, note, evidence or discussion.
    public var field: String
    public var text: String
    public var by: String
    public var at: Date
    public init(question: String, field: String, text: String, by: String, at: Date) {
        self.question = question; self.field = field; self.text = text; self.by = by; self.at = at
    }
}
