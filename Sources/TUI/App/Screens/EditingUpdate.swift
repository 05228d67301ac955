import AssessmentCore
import Walk
import FoundationEssentials

/// A pause in typing: a note, evidence list or text answer being written is saved as it stands
/// (the editor stays open), so not even a killed process loses more than the last second of typing.
func autosaveDraft(_ state: inout AppState) -> [Effect] {
    // Not while a conflict is asked about: the next autosave would otherwise decide it.
    guard state.overlay == nil, let a = state.assessment, !a.readOnly, let ed = a.editing, ed.editor.multiline else { return [] }
    // Emptying is never autosaved: clearing takes an explicit save (Esc must be able to put it back).
    if ed.editor.text.trimmingWhitespaceAndNewlines().isEmpty { return [] }
    let effects = state.withAssessment { a, state in commitEditing(&a, state: state, closing: false) } ?? []
    return effects.filter { $0 != .bell }
}

func startEditing(_ a: inout AssessmentState, _ target: EditTarget, state: inout AppState, initial: String? = nil) -> [Effect] {
    guard let q = a.currentQuestion else { return [] }
    let ans = a.currentAnswer
    var text = ""
    var multiline = false
    switch target {
    case .value:
        if let v = ans?.value, !(ans?.notApplicable ?? false) { text = v.description }
        multiline = q.type == .text
    case .note: text = ans?.note ?? ""; multiline = true
    case .evidence: text = (ans?.evidence ?? []).joined(separator: "\n"); multiline = true
    case .justification: text = ans?.justification ?? ""; multiline = false
    case .discussion: text = a.currentMeasure.flatMap { a.session.discussion[$0] } ?? ""; multiline = true
    }
    // The editor holds what it can edit (a hand-edited 50 MB note took 12 s and 1 GB to load): a longer
    // text was not typed here and is changed with `answer --file`. Bytes first: counting characters is slow.
    let editable = TextEditor().maxLength
    if text.utf8.count > editable * 4 || text.count > editable {
        a.editing = nil
        state.message = Message(.error, "this \(target) has more than \(editable) characters, too long to edit here; change it with 'gpai-assess answer --file'")
        return [.bell]
    }
    var ed = TextEditor(text, multiline: multiline)
    if let i = initial { ed.setText(i) }
    a.editing = Editing(target: target, editor: ed, error: nil, original: text)
    validateLive(&a)
    return []
}

/// Values are checked on confirm (a half-typed date is not an error); typing clears the last complaint.
func validateLive(_ a: inout AssessmentState) {
    guard var ed = a.editing else { return }
    ed.error = nil
    a.editing = ed
}

/// The editor's own keys (Esc, save and help are `editorKey`'s): a new line, moving, deleting, typing.
func editingKey(_ a: inout AssessmentState, _ key: Key, _ action: KeyAction?, state: AppState, layout: AssessmentLayout) -> [Effect] {
    guard var ed = a.editing else { return [] }
    if let action {
        if action == .newLine { ed.editor.insert("\n") }
        else { _ = edit(&ed.editor, action, width: layout.editorWidth, widths: state.config.widths) }
    } else if case let .char(c) = key {
        ed.editor.insert(String(c))
    }
    a.editing = ed
    validateLive(&a)
    return []
}

/// Ends editing: stores the text if it is valid. With `closing` false the editor stays open.
func commitEditing(_ a: inout AssessmentState, state: AppState, closing: Bool) -> [Effect] {
    guard let ed = a.editing, let q = a.currentQuestion else { a.editing = nil; return [] }
    if ed.target == .discussion {
        if closing { a.editing = nil }
        guard let m = a.currentMeasure else { return [] }
        let change = SessionChange.discussion(measure: m, ed.editor.text)
        var s = a.session
        change.apply(to: &s, by: state.config.user, at: state.now)
        guard s != a.session else { return [] }
        a.session = s
        return [.persist(sessionID: s.id, [change])]
    }
    let text = ed.editor.text
    do { try AnswerInput.checkLength(text, what: "this \(ed.target)") } catch {
        if state.quitting { a.editing = nil; return [] }
        var e = ed; e.error = error.message; a.editing = e
        return [.bell]
    }
    // Each editor's commit is one of the walk's actions, so its checks are the walk's.
    let action: WalkAction
    switch ed.target {
    case .value:
        if text.trimmingWhitespaceAndNewlines().isEmpty {
            // Emptied: the value goes (an answer without one, or marked not applicable, stays as it is).
            guard a.currentAnswer?.value != nil else { if closing { a.editing = nil }; return [] }
            action = .clear
        } else {
            do {
                guard let v = try AnswerInput.parseValue(text, for: q) else { a.editing = nil; return [] }
                action = .answer(v, advance: false)
            } catch {
                // An invalid value is never stored; when leaving the program it is dropped.
                if state.quitting { a.editing = nil; return [] }
                var e = ed; e.error = error.message; a.editing = e
                return [.bell]
            }
        }
    case .note:
        let t = text.trimmingWhitespaceAndNewlines().isEmpty ? nil : text
        if t == a.currentAnswer?.note { if closing { a.editing = nil }; return [] }
        action = .note(t)
    case .evidence:
        action = .setEvidence(text.split(separator: "\n").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty })
    case .discussion:
        return []  // handled above
    case .justification:
        action = .notApplicable(reason: text, advance: false)
    }
    let outcome = recordAnswer(&a, action, state: state)
    if let refused = outcome.refused, refused != .readOnly {
        var e = ed; e.error = refusalText(refused); a.editing = e
        return [.bell]
    }
    if closing { a.editing = nil }
    return outcome.effects
}

/// The walk's refusal of an editor's commit, in this screen's words (shown under the editor).
func refusalText(_ e: WalkEffect) -> String {
    switch e {
    case .reasonRequired: return "say why it does not apply (required)"
    case .notApplicableNotAllowed: return "this question cannot be marked not applicable"
    case let .invalidEvidence(r):
        let start = AnswerInput.shown(String(r.prefix(30))) + (r.count > 30 ? "…" : "")
        return "invalid evidence reference '\(start)': one per line, at most \(AnswerInput.maxEvidenceLength) characters each"
    case .nothingToRemove: return "nothing to remove"
    default: return "not saved"
    }
}
