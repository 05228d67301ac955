import AssessmentCore
import FoundationEssentials

/// The program's logic: a pure function of the state and one event, returning what the runtime must do.
public func update(_ state: inout AppState, _ event: Event) -> [Effect] {
    switch event {
    case let .mouse(m):
        return mouse(&state, m)
    case let .resize(size):
        state.size = size
        return []
    case .interrupt:
        return quit(&state)
    case let .saved(s):
        saved(&state, s)
        return []
    case let .answerConflict(c):
        state.overlay = .conflict(c)
        state.message = Message(.error, "changed elsewhere meanwhile: choose which version to keep")
        return [.bell]
    case let .saveFailed(why):
        return saveFailed(&state, why)
    case let .failed(why):
        state.message = Message(.error, why)
        return [.bell]
    case let .info(text):
        state.message = Message(.info, text)
        return []
    case let .sessionsLoaded(list):
        state.sessions = list
        if case var .home(h) = state.screen {
            h.cursor = min(h.cursor, max(0, list.count - 1))
            state.screen = .home(h)
        }
        return []
    case let .opened(session, questionnaire, readOnly):
        opened(&state, session, questionnaire, readOnly: readOnly)
        return []
    case let .watch(session, questionnaire):
        watch(&state, session, questionnaire)
        return []
    case let .reloaded(s):
        reloaded(&state, s)
        return []
    case let .reloadFailed(why):
        state.message = Message(.error, "cannot read the session (showing the last copy): " + why)
        return []
    case let .lockedElsewhere(id, title, holder, stale):
        state.overlay = .locked(sessionID: id, title: title, holder: holder, stale: stale)
        return [.bell]
    case let .reportWritten(text):
        if case .report = state.overlay { state.overlay = nil }
        state.message = Message(.info, text)
        return []
    case let .reportFailed(why):
        if case var .report(d) = state.overlay {
            d.error = why
            state.overlay = .report(d)
        } else {
            state.message = Message(.error, "report not written: " + why)
        }
        return [.bell]
    case let .paste(text):
        return paste(&state, text)
    case .idle:
        return autosaveDraft(&state)
    case let .key(key):
        return keyPress(&state, key)
    case let .tick(now):
        state.now = now
        return []
    case let .writeRefused(_, _, why):
        return saveFailed(&state, why)
    case .lockChecked:
        return []  // the lock's life is decided in `step` (`loseLock`), which drops pending writes too
    case let .resumed(now):
        state.now = now
        return []
    }
}

func keyPress(_ state: inout AppState, _ key: Key) -> [Effect] {
    // What the help was opened over counts only while the help is still open.
    if case .help? = state.overlay {} else { state.underHelp = nil }
    switch KeyMaps.always.action(for: key) {
    case .quit?: return quit(&state)
    case .redraw?: return [.repaint]
    default: break
    }
    if state.isTooSmall {
        if KeyMaps.tooSmall.action(for: key) == .quit { return quit(&state) }
        return []
    }
    if state.overlay != nil { return overlayKey(&state, key) }
    if state.offeredDraft != nil { return draftOfferKey(&state, key) }
    switch state.screen {
    case .home: return homeKey(&state, key)
    case .assessment: return assessmentKey(&state, key)
    }
}
