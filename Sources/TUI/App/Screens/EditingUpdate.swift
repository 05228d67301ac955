import AssessmentCore
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
    var ans = a.currentAnswer ?? Answer(value: nil, by: state.config.user, at: state.now)
    let text = ed.editor.text
    do { try AnswerInput.checkLength(text, what: "this \(ed.target)") } catch {
        if state.quitting { a.editing = nil; return [] }
        var e = ed; e.error = error.message; a.editing = e
        return [.bell]
    }
    switch ed.target {
    case .value:
        if text.trimmingWhitespaceAndNewlines().isEmpty {
            ans.value = nil
        } else {
            do {
                guard let v = try AnswerInput.parseValue(text, for: q) else { a.editing = nil; return [] }
                ans.value = v
                ans.notApplicable = false
                ans.justification = nil
            } catch {
                // An invalid value is never stored; when leaving the program it is dropped.
                if state.quitting { a.editing = nil; return [] }
                var e = ed; e.error = error.message; a.editing = e
                return [.bell]
            }
        }
    case .note:
        let t = text.trimmingWhitespaceAndNewlines().isEmpty ? nil : text
        if t == ans.note { if closing { a.editing = nil }; return [] }
        ans.note = t
    case .evidence:
        ans.evidence = text.split(separator: "\n").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    case .discussion:
        return []  // handled above
    case .justification:
        let t = text.trimmingWhitespaceAndNewlines()
        guard !t.isEmpty else {
            var e = ed; e.error = "say why it does not apply (required)"; a.editing = e
            return [.bell]
        }
        ans.value = nil
        ans.notApplicable = true
        ans.justification = t
    }
    ans.by = state.config.user
    ans.at = state.now
    if closing { a.editing = nil }
    return setAnswer(&a, ans.isEmpty ? nil : ans, state: state)
}
