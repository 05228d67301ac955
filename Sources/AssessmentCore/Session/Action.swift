import FoundationEssentials

/// One item of the action plan.
public struct Action: Codable, Sendable, Equatable {
    public enum State: String, Codable, Sendable, CaseIterable { case open, inProgress = "in_progress", done, dropped }

    public var id: String
    public var title: String
    /// The question or measure this action closes the gap of.
    public var question: String?
    public var measure: String?
    public var owner: String?
    /// YYYY-MM-DD
    public var due: String?
    public var status: State
    public var priority: Double?
    public var note: String?
    public var created: Date
    public var createdBy: String
    public var updated: Date

    public init(id: String, title: String, question: String? = nil, measure: String? = nil, owner: String? = nil,
                due: String? = nil, status: State = .open, priority: Double? = nil, note: String? = nil,
                by: String, at now: Date = Timestamp.now()) {
        self.id = id; self.title = title; self.question = question; self.measure = measure; self.owner = owner
        self.due = due; self.status = status; self.priority = priority; self.note = note
        self.created = now; self.createdBy = by; self.updated = now
    }
}

/// A second person's review of a measure (four eyes).
public struct Review: Codable, Sendable, Equatable {
    public var by: String
    public var at: Date
    public var note: String?
    public init(by: String, at: Date = Timestamp.now(), note: String? = nil) { self.by = by; self.at = at; self.note = note }
}
