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
    /// tries the lock as `mode` says, loads it and finds its questionnaire with `questionnaire`.
    /// Throws when the session cannot be read or its questionnaire is not installed (no lock is kept then).
    /// Once the session is read, waits for its questionnaire if `QuestionnairePrefetch` is decoding it,
    /// running `whileWaiting` first while that decode is under way. `durableLock` as
    /// `SessionLock.acquire`'s `durable`.
    public func open(_ id: String, user: String, mode: OpenMode, durableLock: Bool = true, whileWaiting: QuestionnairePrefetch.IdleWork? = nil,
                     questionnaire: (String) -> Questionnaire?) throws(StoreError) -> OpenedSession {
        let rid = try resolve(id)
        // The lock is tried first, while the questionnaire's decode (`QuestionnairePrefetch`) goes on.
        // It is let go again when the session cannot be opened.
        var lock: SessionLock?
        var lockError: StoreError?
        if mode != .readOnly {
            do { lock = try SessionLock.acquire(rid, in: self, user: user, takeOver: mode == .takeOver, durable: durableLock) } catch { lockError = error }
        }
        let s: Session
        let q: Questionnaire
        do throws(StoreError) {
            s = try load(rid)
            QuestionnairePrefetch.wait(for: try path(for: rid), whileWaiting: whileWaiting)
            guard let found = questionnaire(s.questionnaire.id) else {
                throw StoreError.questionnaireProblem("questionnaire '\(s.questionnaire.id)' of session '\(s.id)' is not installed")
            }
            q = found
        } catch {
            lock?.release(in: self)
            throw error
        }
        if mode == .readOnly {
            return OpenedSession(id: rid, session: s, questionnaire: q, outcome: .readOnlyAsked, lock: nil, holder: nil, lockError: nil)
        }
        if let lock {
            return OpenedSession(id: rid, session: s, questionnaire: q, outcome: .acquired, lock: lock, holder: nil, lockError: nil)
        }
        if case let .locked(_, holder)? = lockError {
            let stale = SessionLock.holder(of: rid, in: self)?.isStale ?? false
            return OpenedSession(id: rid, session: s, questionnaire: q, outcome: .heldElsewhere(stale: stale), lock: nil, holder: holder, lockError: nil)
        }
        return OpenedSession(id: rid, session: s, questionnaire: q, outcome: .unavailable, lock: nil, holder: nil, lockError: lockError)
    }
}
