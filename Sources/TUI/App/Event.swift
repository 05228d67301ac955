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
    /// `watch`: the session to follow, opened read-only without its lock.
    case watch(Session, Questionnaire)
    /// `watch`: the session file changed on disk; this is its new content.
    case reloaded(Session)
    /// `watch`: the session file could not be read (gone, unreadable); the last good copy stays on screen.
    case reloadFailed(String)
    /// The report asked for with `Effect.report` was written; the text is for the status line (e.g. "wrote ./x.html").
    case reportWritten(String)
    /// The report could not be written (e.g. the file exists); the dialog stays open showing why.
    case reportFailed(String)
}

/// A change to a stored session, applied by the runtime through the store (under its lock).
public enum SessionChange: Sendable, Equatable {
    case answer(question: String, Answer?)
    case title(String)
    case position(Session.Position)
    /// The facilitator's published position (nil: facilitator mode off).
    case facilitator(Session.Facilitator?)
    /// The discussion note of a measure (nil or empty removes it).
    case discussion(measure: String, String?)

    /// Applies the change to a session value; used both on screen and by the store update.
    public func apply(to s: inout Session, by user: String, at now: Date) {
        switch self {
        case let .answer(q, a): s.set(q, to: a, by: user, at: now)
        case let .title(t): s.rename(to: t, by: user, at: now)
        case let .position(p): s.position = p
        case let .facilitator(f): s.facilitator = f
        case let .discussion(m, text): s.setDiscussion(text, measure: m, by: user, at: now)
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
    /// Write a report of the session in `format` (md, html, json or csv) to `path` (as typed; a leading `~/`
    /// is the home folder), never overwriting a file. Answered with `reportWritten` or `reportFailed`.
    case report(sessionID: String, format: String, path: String)
    case bell
    /// Forget what is on screen and repaint everything (Ctrl-L).
    case repaint
}

import FoundationEssentials
