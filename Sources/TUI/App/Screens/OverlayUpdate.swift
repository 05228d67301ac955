import AssessmentCore
import FoundationEssentials

/// Keys every single-line prompt shares. Returns true when the key was consumed as editing.
func editLine(_ e: inout TextEditor, _ key: Key, widths: DisplayWidth) -> Bool {
    switch key {
    case let .char(c): e.insert(String(c))
    case .backspace: e.backspace()
    case .delete: e.deleteForward()
    case .left: e.left()
    case .right: e.right()
    case .home, .ctrl("a"): e.lineStart(width: 10_000, widths: widths)
    case .end, .ctrl("e"): e.lineEnd(width: 10_000, widths: widths)
    case .ctrl("w"): e.deleteWordBackward()
    case .ctrl("u"): e.deleteToLineStart()
    case .alt("b"): e.wordLeft()
    case .alt("f"): e.wordRight()
    default: return false
    }
    return true
}

func overlayKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    guard let overlay = state.overlay else { return [] }
    let widths = state.config.widths
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
        switch key {
        case .char("q"): return quit(&state)
        case .down, .char("j"): state.overlay = .help(scroll: scroll + 1)
        case .up, .char("k"): state.overlay = .help(scroll: max(0, scroll - 1))
        case .pageDown, .char(" "): state.overlay = .help(scroll: scroll + max(1, state.size.height - 6))
        case .pageUp: state.overlay = .help(scroll: max(0, scroll - max(1, state.size.height - 6)))
        default: state.overlay = nil
        }
    case let .search(s):
        return searchKey(&state, s, key)
    case let .goto(e, _):
        return gotoKey(&state, e, key)
    case let .confirmDelete(id, title):
        switch key {
        case .char("y"), .char("Y"):
            state.overlay = nil
            state.message = Message(.info, "deleted '\(title)'")
            return [.delete(sessionID: id)]
        case .char("q"): return quit(&state)
        default:
            state.overlay = nil
            state.message = Message(.info, "kept '\(title)'")
        }
    case .rename(let id, var e):
        switch key {
        case .escape: state.overlay = nil
        case .enter:
            let t = e.text.trimmingWhitespace()
            guard !t.isEmpty else { state.message = Message(.error, "a title cannot be empty"); return [.bell] }
            state.overlay = nil
            if let i = state.sessions.firstIndex(where: { $0.id == id }) { state.sessions[i].title = t }
            return [.persist(sessionID: id, [.title(t)]), .loadSessions]
        default:
            if editLine(&e, key, widths: widths) { state.overlay = .rename(sessionID: id, e) }
        }
    case let .pickQuestionnaire(cursor):
        let n = state.questionnaires.count
        switch key {
        case .escape: state.overlay = nil
        case .char("q"): return quit(&state)
        case .up, .char("k"): state.overlay = .pickQuestionnaire(cursor: max(0, cursor - 1))
        case .down, .char("j"): state.overlay = .pickQuestionnaire(cursor: min(n - 1, cursor + 1))
        case .enter:
            state.overlay = .newTitle(questionnaireID: state.questionnaires[cursor].id, TextEditor())
        case let .char(c):
            if let d = c.wholeNumberValue, d >= 1, d <= n { state.overlay = .newTitle(questionnaireID: state.questionnaires[d - 1].id, TextEditor()) }
        default: break
        }
    case let .locked(id, _, holder, stale):
        if let fx = lockedOverlayKey(&state, id: id, holder: holder, stale: stale, key) { return fx }
        switch key {
        case .char("r"): state.overlay = nil; return [.openReadOnly(sessionID: id)]
        case .char("q"): return quit(&state)
        case .escape, .char("b"):
            state.overlay = nil
            if !state.hasHome { return quit(&state) }
        default: break
        }
    case .newTitle(let qid, var e):
        switch key {
        case .escape: state.overlay = nil
        case .enter:
            let t = e.text.trimmingWhitespace()
            guard !t.isEmpty else { state.message = Message(.error, "give the assessment a title, e.g. the model's name"); return [.bell] }
            state.overlay = nil
            state.askDetailsOnOpen = true
            return [.create(title: t, questionnaireID: qid)]
        default:
            if editLine(&e, key, widths: widths) { state.overlay = .newTitle(questionnaireID: qid, e) }
        }
    case let .report(d):
        return reportDialogKey(&state, d, key)
    case let .conflict(c):
        return conflictKey(&state, c, key)
    }
    return []
}

/// The report dialog: pick a format (1-4 or ↑↓, Enter), then edit the path (Enter writes, Esc cancels).
/// The file is written by the runtime; the dialog stays open until it answers, so that a refusal
