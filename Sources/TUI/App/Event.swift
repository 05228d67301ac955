import AssessmentCore

/// Everything that can happen to the program.
public enum Event: Sendable {
    case key(Key)
    /// Text from a bracketed paste: one insertion, never a sequence of keys.
    case paste(String)
    case resize(Size)
    /// The runtime saved a session (the store's copy, which may hold others' changes too).
    case saved(Session)
    case saveFailed(String)
    case sessionsLoaded([SessionSummary])
    /// A session was opened (resume or new).
    case opened(Session, Questionnaire, readOnly: Bool)
    /// The session is open elsewhere (its "open" lock is held); `stale` when that process is gone.
    case lockedElsewhere(sessionID: String, title: String, holder: String, stale: Bool)
    case failed(String)
    case info(String)
    /// Ctrl-C / SIGTERM: leave now, saving first.
    case interrupt
    /// No input for a moment (sent only while a multi-line editor is open).
    case idle
}

/// A change to a stored session, applied by the runtime through the store (under its lock).
public enum SessionChange: Sendable, Equatable {
    case answer(question: String, Answer?)
    case title(String)
    case position(Session.Position)

    /// Applies the change to a session value; used both on screen and by the store update.
    public func apply(to s: inout Session, by user: String, at now: Date) {
        switch self {
        case let .answer(q, a): s.set(q, to: a, by: user, at: now)
        case let .title(t):
            if s.title != t { s.title = t; s.updated = now; s.updatedBy = user }
        case let .position(p): s.position = p
        }
    }
}

/// What the runtime must do after an update.
public enum Effect: Sendable, Equatable {
    case persist(sessionID: String, [SessionChange])
    case quit
    case loadSessions
    case open(sessionID: String)
    /// Open without taking the lock; nothing can be changed.
    case openReadOnly(sessionID: String)
    /// Replace a stale lock and open.
    case takeOver(sessionID: String)
    /// The session is closed (back to the list): release its lock.
    case close(sessionID: String)
    case create(title: String, questionnaireID: String)
    case delete(sessionID: String)
    case report(sessionID: String)
    case bell
    /// Forget what is on screen and repaint everything (Ctrl-L).
    case repaint
}

import Foundation
