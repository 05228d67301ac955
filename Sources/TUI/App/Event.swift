import AssessmentCore
import FoundationEssentials

/// Everything that can happen to the program.
public enum Event: Sendable {
    case key(Key)
    /// A click or wheel turn (when the terminal reports the mouse).
    case mouse(MouseEvent)
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
    /// A change to an answer was not applied: the same field was changed elsewhere since the screen showed it.
    case answerConflict(AnswerConflict)
    /// Time passed without input (`step` writes what has fallen due; see `AppState.wakeAfterMs`).
    case tick(Date)
    /// The store refused a `.write` (disk full, permissions): the changes are kept and retried.
    case writeRefused(sessionID: String, [SessionChange], reason: String)
    /// The answer to `.checkLock` (or what a write found): whether this terminal still holds the session's
    /// lock, and who does (nil: nobody, or unreadable).
    case lockChecked(sessionID: String, stillOurs: Bool, holder: LockHolder?)
    /// The program was resumed after a stop (Ctrl-Z and fg, SIGSTOP and SIGCONT): others may have taken over.
    case resumed(Date)
}

extension SessionChange {
    /// The conflict this change would meet in `s`, if any.
    public func conflict(in s: Session) -> AnswerConflict? {
        guard case let .answer(q, a, shown) = self,
              case let .conflict(fields, stored, mine) = AnswerMerge.merge(base: shown, mine: a, stored: s.answers[q]) else { return nil }
        return AnswerConflict(sessionID: s.id, question: q, fields: fields, stored: stored, mine: mine)
    }
}

/// What the runtime must do after an update.
public enum Effect: Sendable, Equatable {
    /// Keep these changes: `step` turns it into a `.write` now or later (see `WritePolicy.swift`).
    case persist(sessionID: String, [SessionChange])
    /// Write these changes to the store now; answered with `.saved` or `.writeRefused`.
    case write(sessionID: String, [SessionChange])
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
    case report(sessionID: String, format: ReportFormat, path: String)
    case bell
    /// Forget what is on screen and repaint everything (Ctrl-L).
    case repaint
    /// Keep text that was typed but not confirmed beside the session (never as the answer), e.g. at Ctrl-C.
    case keepDraft(sessionID: String, SessionDraft)
    /// The kept draft was taken up or discarded: remove it.
    case dropDraft(sessionID: String)
    /// Check that this terminal still holds the session's lock; answered with `.lockChecked`.
    case checkLock(sessionID: String)
    /// The lock is someone else's now: forget it without releasing it, and write nothing more to the session.
    case lockLost(sessionID: String)
    /// Read the stored session; answered with `.saved` (e.g. to show what the new holder saved).
    case reload(sessionID: String)
}
