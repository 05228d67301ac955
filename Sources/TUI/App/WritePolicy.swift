import AssessmentCore
import FoundationEssentials

/// `update`, and then when to write: the function the runtime calls for every event.
///
/// `update` asks for changes to be kept (`.persist`); `step` decides when they reach the store and
/// returns `.write` for each write due now. Position-like changes wait for a pause
/// (`PendingWrites.positionIdle`; the facilitator's at most every `facilitatorInterval`), a refused save
/// is kept and sent again with the next write, on each `.tick`, and at exit (`finish`). The runtime
/// performs `.write` and answers with `.saved` or `.writeRefused`. It also decides when the session's lock
/// is checked (`LockWatch`) and what its loss does.
public func step(_ state: inout AppState, _ event: Event) -> [Effect] {
    switch event {
    case let .tick(now):
        state.now = now
        // The lock first: what falls due is not written if the session was taken over meanwhile.
        var effects = lockCheck(&state, now: now, force: false)
        effects += dueWrites(&state, now: now, idle: true)
        // A pause in typing: a long text being written is saved as it stands.
        if state.isEditingDraft { effects += schedule(&state, update(&state, .idle)) }
        return effects
    case let .writeRefused(id, changes, _):
        // Where someone is goes stale at once: only real changes are kept to retry.
        let kept = changes.filter { !$0.isPositionLike }
        if !kept.isEmpty && !state.writes.stopped {
            var all = kept
            if let u = state.writes.unsaved, u.sessionID == id { all = u.changes + kept }
            state.writes.unsaved = PendingWrites.Unsaved(sessionID: id, changes: all, reason: refusedReason(event))
        }
        return update(&state, event)
    case let .resumed(now):
        state.now = now
        return lockCheck(&state, now: now, force: true)
    case let .lockChecked(id, stillOurs, holder):
        guard !stillOurs, !state.writes.stopped, state.lock.sessionID == id || state.assessment?.session.id == id else { return [] }
        return loseLock(&state, id, by: holder?.name ?? "someone else", since: holder?.since)
    case let .opened(session, _, readOnly):
        state.writes.stopped = false
        state.lock = readOnly ? LockWatch() : LockWatch(sessionID: session.id, checked: state.now)
        return schedule(&state, update(&state, event))
    case .watch:
        state.lock = LockWatch()
        return schedule(&state, update(&state, event))
    default:
        var effects = schedule(&state, update(&state, event))
        effects += dueWrites(&state, now: state.now, idle: false)
        return effects
    }
}

/// Everything still pending, written now (leaving the program; the runtime then reads
/// `state.writes.unsaved` to say what could not be saved).
public func finish(_ state: inout AppState) -> [Effect] {
    guard !state.writes.stopped else { return [] }
    return state.writes.take(for: nil).map { .write(sessionID: $0.0, $0.1) }
}

/// Turns `.persist` requests into writes now or later.
func schedule(_ state: inout AppState, _ effects: [Effect]) -> [Effect] {
    var out: [Effect] = []
    for e in effects {
        switch e {
        case let .persist(id, changes):
            if state.writes.stopped { continue }
            if changes.allSatisfy(\.isPositionLike) {
                for c in changes {
                    switch c {
                    case let .position(p):
                        state.writes.position = PendingWrites.Position(sessionID: id, position: p, at: state.now)
                    case let .facilitator(f):
                        // The first change sets when it is due; later ones only replace the value.
                        let due = state.writes.facilitator?.sessionID == id ? state.writes.facilitator!.due
                            : state.now.addingTimeInterval(PendingWrites.facilitatorInterval)
                        state.writes.facilitator = PendingWrites.Facilitator(sessionID: id, value: f, due: due)
                    default: break
                    }
                }
                continue
            }
            // A real change goes at once, with what was refused before and where the user is.
            let before = state.writes.take(for: id).flatMap(\.1)
            out.append(.write(sessionID: id, before + changes))
        case let .close(id):
            if state.lock.sessionID == id { state.lock = LockWatch() }
            out.append(e)
        case .keepDraft, .dropDraft:
            // Beside a session taken over, nothing is written either.
            if !state.writes.stopped { out.append(e) }
        case .quit:
            // Where the user is is written before leaving (a refused change is retried by `finish`).
            if !state.writes.stopped {
                let unsaved = state.writes.unsaved
                state.writes.unsaved = nil
                out += state.writes.take(for: nil).map { .write(sessionID: $0.0, $0.1) }
                state.writes.unsaved = unsaved
            }
            out.append(.quit)
        default:
            out.append(e)
        }
    }
    return out
}

/// The writes whose time has come: a position after a pause, the facilitator's after its interval,
/// and (when idle) a refused save again.
func dueWrites(_ state: inout AppState, now: Date, idle: Bool) -> [Effect] {
    guard !state.writes.stopped else { return [] }
    var w = state.writes
    var out: [(String, [SessionChange])] = []
    // Compared to the millisecond, as the runtime's clock is read.
    func reached(_ d: Date) -> Bool { (now.timeIntervalSince(d) * 1000).rounded() >= 0 }
    let facilitatorDue = w.facilitator.map { reached($0.due) } ?? false
    let positionDue = w.position.map { idle && reached($0.at.addingTimeInterval(PendingWrites.positionIdle)) } ?? false
    if facilitatorDue || positionDue || (idle && w.unsaved != nil) {
        let unsaved = w.unsaved
        if !idle { w.unsaved = nil }
        out = w.take(for: nil)
        if !idle { w.unsaved = unsaved }
    }
    state.writes = w
    return out.map { .write(sessionID: $0.0, $0.1) }
}

private func refusedReason(_ e: Event) -> String {
    if case let .writeRefused(_, _, reason) = e { return reason }
    return ""
}

extension AppState {
    /// A multi-line editor is open (its text is saved after a pause in typing).
    public var isEditingDraft: Bool {
        if case let .assessment(a) = screen, let ed = a.editing { return ed.editor.multiline && !a.readOnly }
        return false
    }

    /// How long the runtime may wait for input before it must send `.tick`.
    public func wakeAfterMs(now: Date) -> Int32 {
        var t: Int32 = isEditingDraft ? 1000 : 2000
        if let d = writes.msUntilDue(now: now) { t = min(t, max(d, 1)) }
        if !writes.stopped, let d = lock.msUntilDue(now: now) { t = min(t, max(d, 1)) }
        return t
    }
}
