import AssessmentCore
import FoundationEssentials

/// An answer changed on screen whose changed field was also changed elsewhere (e.g. by `answer` on the
/// command line) since the screen showed it. Nothing was overwritten; the person chooses.
public struct AnswerConflict: Sendable, Equatable {
    public var sessionID: String
    public var question: String
    public var fields: [AnswerMerge.Field]
    public var stored: Answer?
    public var mine: Answer?
    public init(sessionID: String, question: String, fields: [AnswerMerge.Field], stored: Answer?, mine: Answer?) {
        self.sessionID = sessionID; self.question = question; self.fields = fields; self.stored = stored; self.mine = mine
    }

    /// The stored answer with the conflicting fields taken from the person's version.
    public var resolvedWithMine: Answer? {
        var r = stored ?? Answer(value: nil, by: mine?.by ?? "", at: mine?.at ?? Date(timeIntervalSince1970: 0))
        for f in fields {
            if let m = mine { AnswerMerge.copy(f, from: m, to: &r) } else { AnswerMerge.clear(f, in: &r) }
        }
        if let m = mine { r.by = m.by; r.at = m.at }
        return r.isEmpty ? nil : r
    }

    /// How a field reads in the prompt.
    public static func describe(_ f: AnswerMerge.Field, of a: Answer?) -> String {
        guard let a else { return "(no answer)" }
        switch f {
        case .value:
            if a.notApplicable { return "not applicable: " + (a.justification ?? "") }
            return a.value?.description ?? "(none)"
        case .note: return a.note.flatMap { $0.isEmpty ? nil : $0 } ?? "(none)"
        case .evidence: return a.evidence.isEmpty ? "(none)" : a.evidence.joined(separator: "; ")
        }
    }
}

/// The conflict prompt: `s` keeps what is stored, `m` stores the person's version of the conflicting fields.
func conflictKey(_ state: inout AppState, _ c: AnswerConflict, _ action: KeyAction?) -> [Effect] {
    switch action {
    case .keepMine?:
        state.overlay = nil
        let resolved = c.resolvedWithMine
        state.message = Message(.info, "saved your version of the " + c.fields.map(\.rawValue).joined(separator: " and "))
        return [.persist(sessionID: c.sessionID, [.answer(question: c.question, resolved, shown: c.stored)])]
    case .keepStored?:
        state.overlay = nil
        state.message = Message(.info, "kept the stored answer; your version was not saved")
        state.withAssessment { a, _ in if a.question == c.question { a.editing = nil } }
        return []
    default:
        return [.bell]
    }
}
