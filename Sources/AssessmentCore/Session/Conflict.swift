import FoundationEssentials

/// Two machines changed the same thing differently since they last synced. Both values are kept
/// (with who and when) until someone picks one; a conflicted question counts as unanswered.
public struct Conflict: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// `key` is the question id; the sides carry `answer` (nil: cleared on that side).
        case answer
        /// `key` is empty; the sides carry `text`.
        case title, organisation, model
        /// `key` is "<action id>.<field>"; the sides carry `text`.
        case action
        /// `key` is the event name / measure id; the sides carry `text` (nil: removed on that side).
        case event, discussion
    }

    /// One machine's version.
    public struct Side: Codable, Sendable, Equatable {
        public var answer: Answer?
        public var text: String?
        public var by: String
        public var at: Date
        public init(answer: Answer? = nil, text: String? = nil, by: String, at: Date) {
            self.answer = answer; self.text = text; self.by = by; self.at = at
        }
    }

    public var kind: Kind
    public var key: String
    /// Two sides, in a fixed order (by time, then content), so both machines store the same bytes.
    public var sides: [Side]

    public init(kind: Kind, key: String, sides: [Side]) {
        self.kind = kind; self.key = key; self.sides = Conflict.ordered(sides)
    }

    /// "answer tr.q1", "title", "action a3.owner".
    public var label: String { key.isEmpty ? kind.rawValue : "\(kind.rawValue) \(key)" }

    static func ordered(_ sides: [Side]) -> [Side] {
        sides.sorted { a, b in
            if a.at != b.at { return a.at < b.at }
            if a.by != b.by { return a.by < b.by }
            return a.sortKey < b.sortKey
        }
    }
}

extension Conflict.Side {
    /// A content key for ordering sides that share time and author.
    var sortKey: String {
        if let a = answer { return "a:\(a.value?.description ?? "")|\(a.notApplicable)|\(a.justification ?? "")|\(a.note ?? "")|\(a.evidence.joined(separator: ","))" }
        return "t:" + (text ?? "\u{0}")
    }
}

extension Session {
    /// The conflict on a question, if any.
    public func conflict(onQuestion id: String) -> Conflict? {
        conflicts.first { $0.kind == .answer && $0.key == id }
    }

    /// Removes the conflict `kind`/`key`; true when there was one.
    @discardableResult
    public mutating func clearConflict(_ kind: Conflict.Kind, key: String) -> Bool {
        guard let i = conflicts.firstIndex(where: { $0.kind == kind && $0.key == key }) else { return false }
        conflicts.remove(at: i)
        return true
    }
}
