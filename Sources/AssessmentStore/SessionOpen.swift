import AssessmentCore
import Walk

/// A session opened for one of the front ends: the file as read, its questionnaire, and what
/// became of its "open" lock (the walk's `OpenDecision` says what to offer from there).
public struct OpenedSession: Sendable {
    /// The session's id, resolved from what was given.
    public let id: String
    public let session: Session
    public let questionnaire: Questionnaire
    public let outcome: OpenDecision.LockOutcome
    /// Held when `outcome` is `.acquired`; the caller releases it when it closes the session.
    public let lock: SessionLock?
    /// Who holds the lock (`.heldElsewhere`), as the lock's error words it.
    public let holder: String?
    /// Why the lock file could not be written (`.unavailable`: saves are still locked one by one).
    public let lockError: StoreError?
}

extension SessionStore {
    public enum OpenMode: Sendable, Equatable {
        /// Take the lock if it is free.
        case normal
        /// No lock is tried.
        case readOnly
        /// Replace whoever holds it (asked and confirmed before).
        case takeOver
    }

    /// Opening a session, for both front ends: resolves `id` (an exact id with one lstat, or a prefix),
    /// loads it, finds its questionnaire with `questionnaire`, then tries the lock as `mode` says.
    /// Throws when the session cannot be read or its questionnaire is not installed (no lock is taken then).
    public func open(_ id: String, user: String, mode: OpenMode,
                     questionnaire: (String) -> Questionnaire?) throws(StoreError) -> OpenedSession {
        let rid = try resolve(id)
        let s = try load(rid)
        guard let q = questionnaire(s.questionnaire.id) else {
            throw .questionnaireProblem("questionnaire '\(s.questionnaire.id)' of session '\(s.id)' is not installed")
        }
        guard mode != .readOnly else {
            return OpenedSession(id: rid, session: s, questionnaire: q, outcome: .readOnlyAsked, lock: nil, holder: nil, lockError: nil)
        }
        do {
            let lock = try SessionLock.acquire(rid, in: self, user: user, takeOver: mode == .takeOver)
            return OpenedSession(id: rid, session: s, questionnaire: q, outcome: .acquired, lock: lock, holder: nil, lockError: nil)
        } catch {
            if case let .locked(_, holder) = error {
                let stale = SessionLock.holder(of: rid, in: self)?.isStale ?? false
                return OpenedSession(id: rid, session: s, questionnaire: q, outcome: .heldElsewhere(stale: stale), lock: nil, holder: holder, lockError: nil)
            }
            return OpenedSession(id: rid, session: s, questionnaire: q, outcome: .unavailable, lock: nil, holder: nil, lockError: error)
        }
    }
}
