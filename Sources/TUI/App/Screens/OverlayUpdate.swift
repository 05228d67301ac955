import AssessmentCore
import FoundationEssentials

/// A key in a one-line field: the cursor and deleting keys of `KeyMaps.lineEditing`, or a typed character.
/// Returns true when the key was consumed as editing.
func editLine(_ e: inout TextEditor, _ key: Key, widths: DisplayWidth) -> Bool {
    if let action = KeyMaps.lineEditing.action(for: key) { return edit(&e, action, width: 10_000, widths: widths) }
    guard case let .char(c) = key else { return false }
    e.insert(String(c))
    return true
}

/// Does an editing action to a text (lines of `width` columns for ↑ ↓ Home End); false when the action
/// is not one of the editor's.
func edit(_ e: inout TextEditor, _ action: KeyAction, width: Int, widths: DisplayWidth) -> Bool {
    switch action {
    case .left: e.left()
    case .right: e.right()
    case .up: e.up(width: width, widths: widths)
    case .down: e.down(width: width, widths: widths)
    case .lineStart: e.lineStart(width: width, widths: widths)
    case .lineEnd: e.lineEnd(width: width, widths: widths)
    case .wordLeft: e.wordLeft()
    case .wordRight: e.wordRight()
    case .deleteBackward: e.backspace()
    case .deleteForward: e.deleteForward()
    case .deleteWord: e.deleteWordBackward()
    case .deleteToLineStart: e.deleteToLineStart()
    default: return false
    }
    return true
}

/// The keys of an overlay, looked up in its mode's maps (`KeyMaps.overlayScreen`).
func overlayKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    guard let overlay = state.overlay else { return [] }
    let widths = state.config.widths
    let action = KeyMaps.action(for: key, in: KeyMaps.overlayScreen(overlay, askTakeOver: state.askTakeOver != nil))
    if action == .help, !isHelp(overlay) {
        // The help lists this dialog's keys; closing it comes back here.
        state.underHelp = overlay
        state.overlay = .help(scroll: 0)
        return []
    }
    switch overlay {
    case let .events(d):
        return eventsKey(&state, d, key)
    case let .details(d):
        return detailsKey(&state, d, key)
    case let .info(p):
        infoKey(&state, p, key)
    case let .left(l):
        return leftKey(&state, l, key)
    case let .help(scroll):
        let page = max(1, state.size.height - 6)
        switch action {
        case .quit?: return quit(&state)
        case .down?: state.overlay = .help(scroll: scroll + 1)
        case .up?: state.overlay = .help(scroll: max(0, scroll - 1))
        case .pageDown?: state.overlay = .help(scroll: scroll + page)
        case .pageUp?: state.overlay = .help(scroll: max(0, scroll - page))
        default:
            state.overlay = state.underHelp
            state.underHelp = nil
        }
    case let .search(s):
        return searchKey(&state, s, key)
    case let .goto(e, _):
        return gotoKey(&state, e, key)
    case let .confirmDelete(id, title):
        switch action {
        case .confirm?:
            state.overlay = nil
            state.message = Message(.info, "deleted '\(title)'")
            return [.delete(sessionID: id)]
        case .quit?: return quit(&state)
        default:
            state.overlay = nil
            state.message = Message(.info, "kept '\(title)'")
        }
    case .rename(let id, var e):
        switch action {
        case .cancel?: state.overlay = nil
        case .save?:
            guard let t = typedTitle(e, &state, ifEmpty: "a title cannot be empty") else { return [.bell] }
            state.overlay = nil
            if let i = state.sessions.firstIndex(where: { $0.id == id }) { state.sessions[i].title = t }
            return [.persist(sessionID: id, [.title(t)]), .loadSessions]
        default:
            if editLine(&e, key, widths: widths) { state.overlay = .rename(sessionID: id, e) }
        }
    case let .pickQuestionnaire(cursor):
        let n = state.questionnaires.count
        switch action {
        case .cancel?: state.overlay = nil
        case .quit?: return quit(&state)
        case .up?: state.overlay = .pickQuestionnaire(cursor: max(0, cursor - 1))
        case .down?: state.overlay = .pickQuestionnaire(cursor: min(n - 1, cursor + 1))
        case .activate?:
            state.overlay = .newTitle(questionnaireID: state.questionnaires[cursor].id, TextEditor())
        case .digit?:
            if case let .char(c) = key, let d = c.wholeNumberValue, d >= 1, d <= n {
                state.overlay = .newTitle(questionnaireID: state.questionnaires[d - 1].id, TextEditor())
            }
        default: break
        }
    case let .locked(id, _, holder, stale):
        if let fx = lockedOverlayKey(&state, id: id, holder: holder, stale: stale, action) { return fx }
        switch action {
        case .readOnly?: state.overlay = nil; return [.openReadOnly(sessionID: id)]
        case .quit?: return quit(&state)
        case .back?:
            state.overlay = nil
            if !state.hasHome { return quit(&state) }
        default: break
        }
    case .newTitle(let qid, var e):
        switch action {
        case .cancel?: state.overlay = nil
        case .save?:
            guard let t = typedTitle(e, &state, ifEmpty: "give the assessment a title, e.g. the model's name") else { return [.bell] }
            state.overlay = nil
            state.askDetailsOnOpen = true
            return [.create(title: t, questionnaireID: qid)]
        default:
            if editLine(&e, key, widths: widths) { state.overlay = .newTitle(questionnaireID: qid, e) }
        }
    case let .report(d):
        return reportDialogKey(&state, d, key)
    case let .conflict(c):
        return conflictKey(&state, c, action)
    }
    return []
}

private func isHelp(_ o: Overlay) -> Bool {
    if case .help = o { return true }
    return false
}

/// The title typed in a prompt (the new-assessment and rename prompts share the rule), or nil with
/// the reason on the status line.
private func typedTitle(_ e: TextEditor, _ state: inout AppState, ifEmpty: String) -> String? {
    let trimmed = e.text.trimmingWhitespace()
    guard !trimmed.isEmpty else { state.message = Message(.error, ifEmpty); return nil }
    guard let t = SafeText.validLine(trimmed) else {
        state.message = Message(.error, SafeText.invalidLine("title", e.text))
        return nil
    }
    return t
}
