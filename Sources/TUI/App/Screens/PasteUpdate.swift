import AssessmentCore
import FoundationEssentials

/// A bracketed paste goes, as one insertion, into whatever text field has the focus.
func paste(_ state: inout AppState, _ text: String) -> [Effect] {
    if let o = state.overlay {
        switch o {
        case var .search(s):
            s.query.insert(text); state.overlay = .search(s); refreshSearch(&state)
        case .goto(var e, _):
            e.insert(text); state.overlay = .goto(e, error: nil)
        case .rename(let id, var e):
            if refusesLine(&state, "title", text) { return [.bell] }
            e.insert(text); state.overlay = .rename(sessionID: id, e)
        case .newTitle(let qid, var e):
            if refusesLine(&state, "title", text) { return [.bell] }
            e.insert(text); state.overlay = .newTitle(questionnaireID: qid, e)
        case var .report(d) where d.step == .path:
            d.path.insert(text); d.error = nil; state.overlay = .report(d)
        case let .details(d):
            if refusesLine(&state, d.field == 0 ? "organisation" : "model", text) { return [.bell] }
            pasteDetails(&state, d, text)
        default: break
        }
        return []
    }
    if state.assessment?.actionsScreen?.editing != nil {
        state.withAssessment { a, _ in
            // One line: a pasted newline never submits.
            _ = a.actionsScreen?.editing?.editor.insert(text.replacingAll("\r\n", with: " ").replacingAll("\n", with: " "))
            a.actionsScreen?.editing?.error = nil
        }
        return []
    }
    guard state.assessment?.editing != nil else {
        state.message = Message(.info, "paste ignored: open a note (e) or an answer field (Enter) first")
        return []
    }
    state.withAssessment { a, state in
        var ed = a.editing!
        let before = ed.editor.chars.count
        ed.editor.insert(text)
        // The editor holds at most `maxLength` characters: say so rather than drop the rest silently.
        let dropped = TextEditor.clean(text, multiline: ed.editor.multiline).count - max(0, ed.editor.maxLength - before)
        if dropped > 0 {
            state.message = Message(.error, "paste cut to fit the editor's \(ed.editor.maxLength) characters; \(dropped) dropped")
        }
        a.editing = ed
        validateLive(&a)
    }
    return []
}


/// A title or detail pasted with a control character in it is refused whole, as the CLI and plain
/// mode refuse it (`SafeText.validLine`), rather than kept with the controls dropped. Line breaks
/// and tabs are not refused: a one-line editor turns them into spaces.
func refusesLine(_ state: inout AppState, _ what: String, _ text: String) -> Bool {
    guard text.unicodeScalars.contains(where: { SafeText.isControl($0) && !["\n", "\r", "\t"].contains($0) }) else { return false }
    state.message = Message(.error, SafeText.invalidLine(what, text))
    return true
}
