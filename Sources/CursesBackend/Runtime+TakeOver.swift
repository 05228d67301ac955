import AssessmentCore
import AssessmentStore
import FoundationEssentials
import TUI

/// Thrown inside a store update when this process no longer holds the session's "open" lock.
struct LockLost: Error {}

extension Runtime {
    /// Called under the session's file lock before every write: after a take-over, a process that wakes
    /// (a frozen SSH session resumed) must not write over what the new holder saved.
    func checkLock(_ id: String) throws {
        guard let l = lock, l.id == id else { return }
        guard let h = SessionLock.holder(of: id, in: store), h.pid == l.holder.pid, h.host == l.holder.host else { throw LockLost() }
    }

    /// Checks the lock now (on waking, when idle): true when it was lost and the screen went read-only.
    @discardableResult
    mutating func checkLockNow() -> Bool {
        guard !lockLost, let l = lock else { return false }
        do { try checkLock(l.id) } catch { noticeLostLock(); return true }
        return false
    }

    /// Stops writing and says who took over: the screen becomes read-only; the lock (now someone else's) is
    /// left alone, and changes not yet written are dropped rather than written over the new holder's.
    mutating func noticeLostLock() {
        guard !lockLost else { return }
        lockLost = true
        let h = lock.flatMap { SessionLock.holder(of: $0.id, in: store) }
        lock = nil
        let who = h.map { $0.user + ($0.host == SessionLock.hostName ? "" : " on " + $0.host) } ?? "someone else"
        // First: what was not yet written is dropped (never written over the new holder's).
        send(.takenOver(by: who, since: h?.since))
        // Show what is stored now (the new holder's answers), not this screen's unsaved ones.
        if case let .assessment(a) = state.screen, let s = try? store.load(a.session.id) { send(.saved(s)) }
    }
}
