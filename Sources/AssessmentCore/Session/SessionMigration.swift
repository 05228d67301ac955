import FoundationEssentials

/// Carrying answers over when a questionnaire changed (`Questionnaire.migrations`). Nothing is lost:
/// every change goes through `set`, so the old answer stays in the history, and a question whose
/// answer cannot be carried over is left unanswered with a note saying why it is asked again.
extension Session {
    /// What one migration did to one question.
    public struct MigrationOutcome: Sendable, Equatable {
        public enum Kind: String, Sendable { case copied, askedAgain }
        public var question: String
        public var from: String
        public var kind: Kind
    }

    /// Applies every migration of `q` whose `from` matches `oldVersion`, in file order, each against the
    /// answers as they were before it (so the order of its mappings does not matter).
    @discardableResult
    public mutating func migrate(from oldVersion: String, to q: Questionnaire, by user: String, at now: Date) -> [MigrationOutcome] {
        var out: [MigrationOutcome] = []
        for m in q.migrations where m.from.matches(oldVersion) {
            let before = answers
            for map in m.answers {
                guard let old = before[map.question], old.isAnswered else { continue }
                for t in map.to {
                    guard let target = q.question(t) else { continue }
                    // A newer answer to a new question is the user's, not ours to overwrite.
                    if t != map.question, let existing = before[t], existing.isAnswered || existing.note != nil { continue }
                    if map.how == .copy, Session.carries(old, to: target, values: map.values) {
                        if t != map.question {
                            var copy = old
                            copy.note = Session.joinNotes(old.note, "Carried over from \(map.question) (questionnaire \(oldVersion) → \(q.version)).")
                            copy.by = user; copy.at = now
                            set(t, to: copy, by: user, at: now)
                        }
                        out.append(MigrationOutcome(question: t, from: map.question, kind: .copied))
                    } else {
                        let why = m.reason ?? "the questionnaire changed this question"
                        var note = "Asked again: in questionnaire \(q.version) \(why). The earlier answer to \(map.question)"
                            + " (\(Session.describe(old))) is kept in " + (t == map.question ? "this question's history." : "\(map.question)'s history.")
                        if t == map.question, let n = old.note, !n.isEmpty { note += "\nEarlier note: " + n }
                        set(t, to: Answer(value: nil, note: note, evidence: t == map.question ? old.evidence : [], by: user, at: now), by: user, at: now)
                        out.append(MigrationOutcome(question: t, from: map.question, kind: .askedAgain))
                    }
                }
            }
        }
        return out
    }

    /// Whether `old` is a valid answer to `target` that the mapping lets through: a value must be
    /// one of `values` (when given) and one of the target's options; N/A only where allowed and no
    /// `values` restrict the copy. Never invents an option that is not there.
    static func carries(_ old: Answer, to target: Question, values: [String]?) -> Bool {
        if old.notApplicable { return target.allowNA && values == nil }
        guard let v = old.value, AnswerInput.problem(with: v, for: target) == nil else { return false }
        guard let values else { return true }
        switch v {
        case let .text(t): return values.contains(t)
        case let .choices(cs): return !cs.isEmpty && cs.allSatisfy(values.contains)
        case .number: return false
        }
    }

    static func describe(_ a: Answer) -> String {
        if a.notApplicable { return "not applicable" }
        return a.value.map { "'\($0.description)'" } ?? "none"
    }

    static func joinNotes(_ a: String?, _ b: String) -> String {
        guard let a, !a.allSatisfy(\.isWhitespace) else { return b }
        return a + "\n" + b
    }
}
