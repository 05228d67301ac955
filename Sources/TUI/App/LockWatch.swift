import FoundationEssentials

/// The life of the session's "open for editing" lock, as the state sees it: which session this terminal
/// holds, and when it last made sure it still does. Another terminal may take the session over while this
/// one is frozen (a stopped process, a hung SSH session); `step` asks the runtime to check (`.checkLock`)
/// when idle at most every `checkInterval` and at once on waking (`.resumed`), and decides what a loss
/// does (`.lockChecked`): read-only, the holder named, nothing more written.
public struct LockWatch: Sendable, Equatable {
    /// How often an idle screen checks that the lock is still its own.
    public static let checkInterval: TimeInterval = 2

    /// The session whose lock this terminal holds (nil: none — the list, read-only, watching, or lost).
    public var sessionID: String?
    /// When it was last checked (or taken).
    public var checked: Date?

    public init(sessionID: String? = nil, checked: Date? = nil) { self.sessionID = sessionID; self.checked = checked }

    /// Milliseconds until the next check is due (nil: no lock to check).
    public func msUntilDue(now: Date) -> Int32? {
        guard sessionID != nil else { return nil }
        guard let c = checked else { return 0 }
        return msUntil(c.addingTimeInterval(Self.checkInterval), now: now)
    }
}

/// `.checkLock` when it is due (`force`: now, e.g. on waking); the time of the check is noted.
func lockCheck(_ state: inout AppState, now: Date, force: Bool) -> [Effect] {
    guard let id = state.lock.sessionID, !state.writes.stopped else { return [] }
    guard force || (state.lock.msUntilDue(now: now) ?? 1) == 0 else { return [] }
    state.lock.checked = now
    return [.checkLock(sessionID: id)]
}

/// The lock was found to be someone else's: what was not yet written is dropped (never written over the
/// new holder's), the screen turns read-only naming the holder, and the runtime is told to stop writing
/// and to show what is stored now.
func loseLock(_ state: inout AppState, _ id: String?, by who: String, since: Date?) -> [Effect] {
    state.writes = PendingWrites()
    state.writes.stopped = true
    state.lock = LockWatch()
    takenOver(&state, by: who, since: since)
    guard let id else { return [] }
    return [.lockLost(sessionID: id), .reload(sessionID: id)]
}
