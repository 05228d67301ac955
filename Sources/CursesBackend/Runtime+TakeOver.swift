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

    /// Whether this process still holds the session's lock, and who does: the answer to `.checkLock`, or
    /// (`lost`) what a write that found the lock gone under the file lock reports. The state decides what follows.
    func lockChecked(_ id: String, lost: Bool = false) -> Event {
        guard let l = lock, l.id == id else { return .lockChecked(sessionID: id, stillOurs: !lockLost && !lost, holder: nil) }
        let h = SessionLock.holder(of: id, in: store)
        let ours = !lost && (h.map { $0.pid == l.holder.pid && $0.host == l.holder.host } ?? false)
        let holder = h.map { LockHolder(user: $0.user, host: $0.host == SessionLock.hostName ? nil : $0.host, since: $0.since) }
        return .lockChecked(sessionID: id, stillOurs: ours, holder: holder)
    }
}
