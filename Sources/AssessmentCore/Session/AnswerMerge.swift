import FoundationEssentials

/// How a change made against an older copy of an answer lands on what is stored now.
/// Only the fields the person changed are applied; a field someone else changed meanwhile
/// (to something different) is a conflict, never silently overwritten.
public enum AnswerMerge {
    /// The parts of an answer that are changed independently. `value` covers the value and the
    /// not-applicable state with its justification (they replace each other).
    public enum Field: String, Sendable, CaseIterable, Equatable { case value, note, evidence }

    public enum Outcome: Sendable, Equatable {
        /// The answer to store (nil: no answer left).
        case merged(Answer?)
        /// These fields were changed both by the person and elsewhere, to different content.
        case conflict(fields: [Field], stored: Answer?, mine: Answer?)
    }

    /// - Parameters:
    ///   - base: the answer as the person saw it when they started the change.
    ///   - mine: the answer as the person left it.
    ///   - stored: the answer stored now.
    public static func merge(base: Answer?, mine: Answer?, stored: Answer?) -> Outcome {
        var result = stored ?? Answer(value: nil, by: mine?.by ?? "", at: mine?.at ?? Date(timeIntervalSince1970: 0))
        var conflicts: [Field] = []
        var changed = false
        for f in Field.allCases {
            let b = Part(f, base), m = Part(f, mine), s = Part(f, stored)
            guard m != b else { continue }          // the person did not touch it: keep what is stored
            if s != b && s != m { conflicts.append(f); continue }
            m.write(to: &result)
            changed = true
        }
        if !conflicts.isEmpty { return .conflict(fields: conflicts, stored: stored, mine: mine) }
        guard changed else { return .merged(stored) }
        if let mine { result.by = mine.by; result.at = mine.at }
        return .merged(result.isEmpty ? nil : result)
    }

    /// One field's content, compared as a whole.
    struct Part: Equatable {
        let field: Field
        var value: AnswerValue?
        var notApplicable = false
        var justification: String?
        var note: String?
        var evidence: [String] = []

        init(_ field: Field, _ a: Answer?) {
            self.field = field
            switch field {
            case .value:
                value = a?.value; notApplicable = a?.notApplicable ?? false; justification = a?.justification
            case .note: note = a?.note.flatMap { $0.isEmpty ? nil : $0 }
            case .evidence: evidence = a?.evidence ?? []
            }
        }

        func write(to a: inout Answer) {
            switch field {
            case .value: a.value = value; a.notApplicable = notApplicable; a.justification = justification
            case .note: a.note = note
            case .evidence: a.evidence = evidence
            }
        }
    }
}

extension AnswerMerge {
    /// Copies one field of `from` into `to`.
    public static func copy(_ f: Field, from: Answer, to: inout Answer) { Part(f, from).write(to: &to) }
    /// Empties one field.
    public static func clear(_ f: Field, in a: inout Answer) { Part(f, nil).write(to: &a) }
}
