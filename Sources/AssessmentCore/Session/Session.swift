import FoundationEssentials

/// One assessment: the answers a provider gave to one questionnaire, with their history.
/// Stored as `sessions/<id>.json` (see AssessmentStore).
public struct Session: Codable, Sendable, Equatable {
    public static let schemaVersion = 1

    public var schemaVersion: Int
    public var id: String
    public var title: String
    public var organisation: String?
    /// The model's name ("Acme-7B") and, separately, its version ("2.1"), as the provider names them.
    public var model: String?
    public var modelVersion: String?
    public var questionnaire: QuestionnaireRef
    public var answers: [String: Answer]
    public var history: [Change]
    public var position: Position?
    /// The action plan: answers that fall short become actions with an owner and a due date.
    public var actions: [Action]
    /// Four-eyes review per measure id.
    public var reviews: [String: Review]
    /// Facilitator's discussion notes per measure id, separate from answer notes.
    public var discussion: [String: String]
    /// Published by a facilitator's TUI while facilitator mode is on: where the room is, so `watch` viewers follow.
    public var facilitator: Facilitator?
    /// Event dates used to compute deadlines (e.g. "placing_on_market": "2026-03-01").
    public var events: [String: String]
    /// Disagreements found when merging another machine's copy (see `SessionMerge`); stored only when there are any.
    public var conflicts: [Conflict]
    public var created: Date
    public var createdBy: String
    public var updated: Date
    public var updatedBy: String

    public struct QuestionnaireRef: Codable, Sendable, Equatable {
        public var id: String
        public var version: String
        public var digest: String
        public init(id: String, version: String, digest: String) { self.id = id; self.version = version; self.digest = digest }
        public init(_ q: Questionnaire) { self.init(id: q.id, version: q.version, digest: q.digest) }
    }

    /// Where the user was, so that reopening lands on the same question.
    public struct Position: Codable, Sendable, Equatable {
        public var question: String?
        public var node: String?
        /// Whether guidance was shown (`i`), so the next sitting opens the same way; nil: never chosen.
        public var guidance: Bool?
        public init(question: String? = nil, node: String? = nil, guidance: Bool? = nil) {
            self.question = question; self.node = node; self.guidance = guidance
        }
    }

    /// The facilitator's published position (and the running timer of the measure under discussion).
    public struct Facilitator: Codable, Sendable, Equatable {
        public var question: String?
        public var node: String?
        public var by: String
        /// When facilitator mode was switched on.
        public var since: Date
        /// While the measure's timer runs: the moment it would have started had it never been paused
        /// (elapsed = now − timerStartedAt).
        public var timerStartedAt: Date?
        public init(question: String? = nil, node: String? = nil, by: String, since: Date, timerStartedAt: Date? = nil) {
            self.question = question; self.node = node; self.by = by; self.since = since; self.timerStartedAt = timerStartedAt
        }
    }

    /// One entry of the append-only history: who changed what, when, from what to what.
    public struct Change: Codable, Sendable, Equatable {
        public var at: Date
        public var by: String
        public var question: String
        public var old: Answer?
        public var new: Answer?
        public init(at: Date, by: String, question: String, old: Answer?, new: Answer?) {
            self.at = at; self.by = by; self.question = question; self.old = old; self.new = new
        }
    }

    public init(id: String, title: String, questionnaire: Questionnaire, by user: String, at now: Date = Timestamp.now(),
                organisation: String? = nil, model: String? = nil, modelVersion: String? = nil) {
        self.schemaVersion = Session.schemaVersion
        self.id = id; self.title = title; self.organisation = organisation; self.model = model; self.modelVersion = modelVersion
        self.questionnaire = QuestionnaireRef(questionnaire)
        self.answers = [:]; self.history = []; self.position = nil
        self.actions = []; self.reviews = [:]; self.discussion = [:]; self.facilitator = nil; self.events = [:]
        self.conflicts = []
        self.created = now; self.createdBy = user; self.updated = now; self.updatedBy = user
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion, id, title, organisation, model, modelVersion, questionnaire, answers, history, position
        case actions, reviews, discussion, facilitator, events, conflicts, created, createdBy, updated, updatedBy
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schemaVersion = try c.decode(Int.self, forKey: .schemaVersion)
        id = try c.decode(String.self, forKey: .id)
        title = try c.decode(String.self, forKey: .title)
        organisation = try c.decodeIfPresent(String.self, forKey: .organisation)
        model = try c.decodeIfPresent(String.self, forKey: .model)
        modelVersion = try c.decodeIfPresent(String.self, forKey: .modelVersion)
        questionnaire = try c.decode(QuestionnaireRef.self, forKey: .questionnaire)
        answers = try c.decodeIfPresent([String: Answer].self, forKey: .answers) ?? [:]
        history = try c.decodeIfPresent([Change].self, forKey: .history) ?? []
        position = try c.decodeIfPresent(Position.self, forKey: .position)
        actions = try c.decodeIfPresent([Action].self, forKey: .actions) ?? []
        reviews = try c.decodeIfPresent([String: Review].self, forKey: .reviews) ?? [:]
        discussion = try c.decodeIfPresent([String: String].self, forKey: .discussion) ?? [:]
        facilitator = try c.decodeIfPresent(Facilitator.self, forKey: .facilitator)
        events = try c.decodeIfPresent([String: String].self, forKey: .events) ?? [:]
        conflicts = try c.decodeIfPresent([Conflict].self, forKey: .conflicts) ?? []
        created = try c.decode(Date.self, forKey: .created)
        createdBy = try c.decodeIfPresent(String.self, forKey: .createdBy) ?? ""
        updated = try c.decode(Date.self, forKey: .updated)
        updatedBy = try c.decodeIfPresent(String.self, forKey: .updatedBy) ?? ""
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schemaVersion, forKey: .schemaVersion)
        try c.encode(id, forKey: .id)
        try c.encode(title, forKey: .title)
        try c.encodeIfPresent(organisation, forKey: .organisation)
        try c.encodeIfPresent(model, forKey: .model)
        try c.encodeIfPresent(modelVersion, forKey: .modelVersion)
        try c.encode(questionnaire, forKey: .questionnaire)
        try c.encode(answers, forKey: .answers)
        try c.encode(history, forKey: .history)
        try c.encodeIfPresent(position, forKey: .position)
        try c.encode(actions, forKey: .actions)
        try c.encode(reviews, forKey: .reviews)
        try c.encode(discussion, forKey: .discussion)
        try c.encodeIfPresent(facilitator, forKey: .facilitator)
        try c.encode(events, forKey: .events)
        // Absent when empty, so files without conflicts stay as they were.
        if !conflicts.isEmpty { try c.encode(conflicts, forKey: .conflicts) }
        try c.encode(created, forKey: .created)
        try c.encode(createdBy, forKey: .createdBy)
        try c.encode(updated, forKey: .updated)
        try c.encode(updatedBy, forKey: .updatedBy)
    }

    /// "Acme-7B, version 2.1": the model as a document names it (nil when neither is known).
    public var modelDescription: String? {
        switch (model, modelVersion) {
        case let (m?, v?): return "\(m), version \(v)"
        case let (m?, nil): return m
        case let (nil, v?): return "version \(v)"
        default: return nil
        }
    }

    /// Records a new answer (or clears it with nil) and its history entry. Returns false when nothing changed.
    /// Answering a conflicted question resolves the conflict.
    @discardableResult
    public mutating func set(_ question: String, to answer: Answer?, by user: String, at now: Date = Timestamp.now()) -> Bool {
        let old = answers[question]
        let resolved = !conflicts.isEmpty && clearConflict(.answer, key: question)
        if !resolved && (old?.sameContent(as: answer) ?? (answer == nil)) { return false }
        answers[question] = answer
        history.append(Change(at: now, by: user, question: question, old: old, new: answer))
        updated = now
        updatedBy = user
        return true
    }
}

public struct Answer: Codable, Sendable, Equatable {
    /// The value given, interpreted by the question's type. Nil when marked not applicable.
    public var value: AnswerValue?
    /// Marked not applicable; always carries a justification.
    public var notApplicable: Bool
    public var justification: String?
    public var note: String?
    public var evidence: [String]
    public var by: String
    public var at: Date

    public init(value: AnswerValue?, notApplicable: Bool = false, justification: String? = nil, note: String? = nil,
                evidence: [String] = [], by: String, at: Date = Timestamp.now()) {
        self.value = value; self.notApplicable = notApplicable; self.justification = justification
        self.note = note; self.evidence = evidence; self.by = by; self.at = at
    }

    enum CodingKeys: String, CodingKey { case value, notApplicable, justification, note, evidence, by, at }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        value = try c.decodeIfPresent(AnswerValue.self, forKey: .value)
        notApplicable = try c.decodeIfPresent(Bool.self, forKey: .notApplicable) ?? false
        justification = try c.decodeIfPresent(String.self, forKey: .justification)
        note = try c.decodeIfPresent(String.self, forKey: .note)
        evidence = try c.decodeIfPresent([String].self, forKey: .evidence) ?? []
        by = try c.decodeIfPresent(String.self, forKey: .by) ?? ""
        at = try c.decode(Date.self, forKey: .at)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(value, forKey: .value)
        if notApplicable { try c.encode(true, forKey: .notApplicable) }
        try c.encodeIfPresent(justification, forKey: .justification)
        try c.encodeIfPresent(note, forKey: .note)
        if !evidence.isEmpty { try c.encode(evidence, forKey: .evidence) }
        try c.encode(by, forKey: .by)
        try c.encode(at, forKey: .at)
    }

    /// Same value, N/A state, note and evidence — who and when aside.
    public func sameContent(as other: Answer?) -> Bool {
        guard let o = other else { return false }
        return value == o.value && notApplicable == o.notApplicable && justification == o.justification
            && note == o.note && evidence == o.evidence
    }

    /// Holds nothing worth keeping: no value, not N/A, no note, no evidence (such an answer is removed).
    public var isEmpty: Bool { value == nil && !notApplicable && (note ?? "").isEmpty && evidence.isEmpty }

    /// Counts as answered: a value, or N/A with its justification.
    public var isAnswered: Bool {
        if notApplicable { return Answer.hasContent(justification ?? "") }
        switch value {
        case nil: return false
        case let .text(s)?: return Answer.hasContent(s)
        case .number?: return true
        case .choices?: return true
        }
    }

    /// Something other than white space (see `hasNonWhitespace`).
    static func hasContent(_ s: String) -> Bool { hasNonWhitespace(s) }
}

/// A stored answer value: JSON string, number, or array of strings.
public enum AnswerValue: Codable, Sendable, Equatable, CustomStringConvertible {
    /// graded/choice/scale option value, free text, or an ISO date (YYYY-MM-DD).
    case text(String)
    case number(Double)
    /// multi: the chosen option values.
    case choices([String])

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self) { self = .text(s); return }
        if let n = try? c.decode(Double.self) { self = .number(n); return }
        if let a = try? c.decode([String].self) { self = .choices(a); return }
        throw DecodingError.dataCorruptedError(in: c, debugDescription: "an answer value must be a string, a number or an array of strings")
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case let .text(s): try c.encode(s)
        case let .number(n): try c.encode(n)
        case let .choices(a): try c.encode(a)
        }
    }

    public var description: String {
        switch self {
        case let .text(s): return s
        case let .number(n): return formatNumber(n)
        case let .choices(a): return a.joined(separator: ", ")
        }
    }

    public var expressionValue: ExpressionValue {
        switch self {
        case let .text(s): return .string(s)
        case let .number(n): return .number(n)
        case let .choices(a): return .list(a.map { .string($0) })
        }
    }
}
