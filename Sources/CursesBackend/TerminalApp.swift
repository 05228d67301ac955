@preconcurrency import CNcursesw
#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import AssessmentCore
import Walk
import AssessmentStore
import FoundationEssentials
import TUI

/// Where the interactive program starts.
public enum TUIStart: Sendable, Equatable {
    /// The list of saved assessments.
    case home
    /// One session, by id; Esc does not lead back to a list.
    case session(String)
}

/// The interactive front end: opens the terminal, runs the event loop, and restores the terminal
/// on every way out.
@MainActor
public enum TerminalApp {
    /// Exit codes: 0 after `q`, 130 after Ctrl-C, 131 after Ctrl-\\ (SIGQUIT), 143 after SIGTERM, 129 after a hang-up (SIGHUP or EIO),
    /// 5 when there is no usable terminal (the message is already on stderr), 1 when the session cannot be
    /// opened, 4 when changes could not be saved even at exit (the message says how many and why).
    public static let exitNoTerminal: Int32 = 5

    /// Polled while the keyboard is idle: a line for the status line and the sessions it rewrote on
    /// disk, or nil. The background sync sets it; work behind it must never block.
    nonisolated(unsafe) public static var idleHook: (@Sendable () -> (message: String, changed: Set<String>)?)?

    /// Runs the interactive program until the user quits or the terminal goes away.
    ///
    /// - Parameters:
    ///   - store: where sessions are read and saved (every change is saved at once).
    ///   - questionnaires: the questionnaires a new assessment can use, and to open sessions with.
    ///   - open: the home screen, or one session.
    ///   - user: recorded with every answer (e.g. `$USER`).
    ///   - report: writes a report of a session in a format (md, html, json, csv) to a path as typed in the
    ///     report dialog, and returns a one-line message for the status line (e.g. "wrote ./x.html"). It must
    ///     not overwrite a file; what it throws is shown in the dialog, which stays open.
    /// Must be called on the main thread (as command-line `run()` methods are).
    public nonisolated static func run(store: SessionStore, questionnaires: [Questionnaire], open: TUIStart = .home,
                                       user: String, environment: [String: String] = ProcessEnvironment.all,
                                       report: ReportWriter? = nil) -> Int32 {
        run(store: store, source: QuestionnaireSource(questionnaires), open: open, user: user, environment: environment, report: report)
    }

    /// As `run(store:questionnaires:…)`, with questionnaires loaded on demand: opening a session
    /// reads only its own questionnaire, so the first frame does not wait for every file.
    public nonisolated static func run(store: SessionStore, source questionnaires: QuestionnaireSource, open: TUIStart = .home,
                                       user: String, facilitate: Bool = false,
                                       environment: [String: String] = ProcessEnvironment.all,
                                       report: ReportWriter? = nil) -> Int32 {
        nonisolated(unsafe) let report = report
        return MainActor.assumeIsolated {
            runOnMain(store: store, questionnaires: questionnaires, open: open, user: user, facilitate: facilitate, environment: environment, report: report)
        }
    }

    /// `watch`: a read-only live view of one session, following it as it is saved elsewhere (inotify on the
    /// sessions folder; polling every 500 ms where inotify is not available or `GPAI_ASSESS_WATCH_POLL=1`).
    /// It never takes the session's lock and never writes. Exit codes as for `run`.
    public nonisolated static func watch(store: SessionStore, questionnaires: [Questionnaire], sessionID: String, user: String,
                                         environment: [String: String] = ProcessEnvironment.all) -> Int32 {
        watch(store: store, source: QuestionnaireSource(questionnaires), sessionID: sessionID, user: user, environment: environment)
    }

    public nonisolated static func watch(store: SessionStore, source questionnaires: QuestionnaireSource, sessionID: String, user: String,
                                         environment: [String: String] = ProcessEnvironment.all) -> Int32 {
        MainActor.assumeIsolated {
            let screen: CursesScreen
            do {
                screen = try CursesScreen(environment: environment)
            } catch let e as TerminalError {
                StandardStream.error.write("gpai-assess: " + e.description + "\n")
                return exitNoTerminal
            } catch {
                return exitNoTerminal
            }
            var runtime = Runtime(screen: screen, store: store, questionnaires: questionnaires, user: user, report: nil)
            let code = runtime.watchLoop(sessionID, forcePolling: environment["GPAI_ASSESS_WATCH_POLL"] == "1")
            screen.restore()
            if let m = runtime.finalMessage { StandardStream.error.write(m + "\n") }
            return code
        }
    }

    static func runOnMain(store: SessionStore, questionnaires: QuestionnaireSource, open: TUIStart,
                          user: String, facilitate: Bool = false, environment: [String: String],
                          report: ReportWriter?) -> Int32 {
        let screen: CursesScreen
        do {
            screen = try CursesScreen(environment: environment)
        } catch {
            StandardStream.error.write("gpai-assess: " + error.description + "\n")
            return exitNoTerminal
        }
        var runtime = Runtime(screen: screen, store: store, questionnaires: questionnaires, user: user, report: report)
        #if DEBUG
        // For the end-to-end test of crash restore only (debug builds): F12 traps.
        runtime.crashKeyForTests = environment["GPAI_ASSESS_TEST_CRASH_KEY"] == "1"
        #endif
        runtime.facilitateOnOpen = facilitate
        let code = runtime.loop(open: open)
        screen.restore()
        if let m = runtime.finalMessage { StandardStream.error.write(m + "\n") }
        return code
    }
}

/// Writes a report: (session, its questionnaire, format id, path as typed) → a message for the status line.
public typealias ReportWriter = (Session, Questionnaire, _ format: ReportFormat, _ path: String) throws -> String

/// The impure part: reads events, calls `update`, performs effects, presents `view`.
@MainActor
struct Runtime {
    let screen: CursesScreen
    let store: SessionStore
    let questionnaires: QuestionnaireSource
    let user: String
    let report: ReportWriter?
    /// The program's state, including the writes still pending (`state.writes`).
    var state: AppState
    var done = false
    var exitCode: Int32 = 0
    var hungUp = false
    var finalMessage: String?
    /// The "open for editing" lock of the session on screen.
    var lock: SessionLock?
    #if DEBUG
    var crashKeyForTests = false
    #endif
    /// `resume --facilitate`: switch facilitator mode on once the session is open (not when read-only).
    var facilitateOnOpen = false
    /// `watch`: nothing is ever written to the store (no lock, no position).
    var neverWrite = false
    /// A note for the status line once the current event is handled (e.g. a paste was cut).
    var afterEvent: String?
    /// Another terminal took the session over (`.lockLost`): nothing more is written from here.
    var lockLost = false
    /// `lock` was taken without its fsync, which waits until the session is on screen (`present`).
    var lockNeedsSync = false

    init(screen: CursesScreen, store: SessionStore, questionnaires: QuestionnaireSource, user: String,
         report: ReportWriter?) {
        self.screen = screen; self.store = store; self.questionnaires = questionnaires; self.user = user; self.report = report
        let config = UIConfig(widths: screen.widths, glyphs: screen.capabilities.unicode && !screen.asciiChrome ? .unicode : .ascii, timeZone: nil, user: user)
        state = AppState(size: screen.size, config: config, screen: .home(HomeState()), questionnaires: [], hasHome: true)
    }

    /// The event for terminal input (nil for a time-out); a signal or hang-up also sets the exit code.
    mutating func event(for input: RawInput) -> Event? {
        switch input {
        case let .key(k):
            #if DEBUG
            if crashKeyForTests && k == .function(12) { fatalError("crash requested by GPAI_ASSESS_TEST_CRASH_KEY") }
            #endif
            return .key(k)
        case let .paste(t):
            if screen.pasteDropped > 0 {
                afterEvent = "paste cut at \(CursesScreen.pasteLimit) characters; the other \(screen.pasteDropped) were dropped"
            }
            return .paste(t)
        case .resize, .resumed: return .resize(screen.size)
        case let .signal(s):
            exitCode = 128 + s  // 130 SIGINT, 131 SIGQUIT, 143 SIGTERM
            return .interrupt
        case .hangup:
            hungUp = true
            exitCode = 129
            alarm(3)  // watchdog: never outlive a dead terminal by more than a few seconds
            return .interrupt
        case .timeout:
            return nil
        case let .mouse(m):
            return .mouse(m)
        }
    }

    mutating func loop(open: TUIStart) -> Int32 {
        switch open {
        case .home:
            perform([.loadSessions])
        case let .session(id):
            state.hasHome = false
            perform([.open(sessionID: id)])
            if case .home = state.screen, state.overlay == nil {
                // Could not open it: say why after leaving the screen.
                finalMessage = "gpai-assess: " + (state.message?.text ?? "cannot open session '\(id)'")
                return 1
            }
            if facilitateOnOpen, case let .assessment(a) = state.screen, !a.readOnly, state.overlay == nil {
                perform(step(&state, .key(.char("F"))))
            }
        }
        if let n = screen.localeNotice, state.overlay == nil { send(.info(n)) }
        present(view(state))
        while !done {
            state.now = Date()
            var timeout = state.wakeAfterMs(now: state.now)
            if state.clockTicking { timeout = min(timeout, msToNextSecond()) }
            let input = screen.read(timeoutMs: timeout)
            var event: Event
            switch input {
            case .timeout:
                // What is due (a lock check, a position after a pause, a refused save again, a long text's
                // autosave) is the state's call.
                let hadUnsaved = state.writes.unsaved != nil, heldLock = state.lock.sessionID
                let effects = step(&state, .tick(Date()))
                perform(effects)
                var changed = hadUnsaved || state.lock.sessionID != heldLock
                    || effects.contains { if case .checkLock = $0 { return false } else { return true } }
                if state.clockTicking { state.now = Date(); changed = true }
                if let hook = TerminalApp.idleHook, let news = hook() {
                    // Show what another machine changed in the session on screen (or the list).
                    if case let .assessment(a) = state.screen, news.changed.contains(a.session.id), let s = try? store.load(a.session.id) {
                        send(.saved(s))
                    } else if case .home = state.screen, !news.changed.isEmpty {
                        perform([.loadSessions])
                    }
                    send(.info(news.message))
                    changed = true
                }
                if changed { present(view(state)) }
                continue
            default:
                // Woken after a stop: someone may have taken over meanwhile (the state asks for a check).
                if input == .resumed { send(.resumed(Date())) }
                guard let e = self.event(for: input) else { continue }
                event = e
            }
            state.now = Date()
            perform(step(&state, event))
            if let n = afterEvent { afterEvent = nil; send(.info(n)) }
            if done || hungUp { break }
            present(view(state))
        }
        perform(finish(&state))
        releaseLock()
        if let u = state.writes.unsaved {
            finalMessage = "gpai-assess: error: \(u.changes.count) change(s) to session '\(u.sessionID)' could not be saved: \(u.reason)"
            if exitCode == 0 { exitCode = 4 }
        }
        return exitCode
    }

    mutating func send(_ e: Event) {
        state.now = Date()
        perform(step(&state, e))
    }

    mutating func perform(_ effects: [Effect]) {
        for e in effects {
            switch e {
            case .persist:
                // `step` turns every request to keep changes into `.write`s; `update` alone is never performed.
                assertionFailure("perform got .persist: call step, not update")
            case let .write(id, changes):
                if neverWrite { continue }
                // Where someone is has nothing to merge on screen; anything else comes back as `.saved`.
                if changes.allSatisfy(\.isPositionLike) { writeQuietly(id, changes) } else { save(id, changes) }
            case .quit:
                done = true
            case .loadSessions:
                // The home screen is the first place that needs every questionnaire (the picker).
                if state.questionnaires.isEmpty { state.questionnaires = questionnaires.all() }
                send(.sessionsLoaded(loadSummaries()))
            case let .open(id):
                openSession(id, mode: .normal)
            case let .openReadOnly(id):
                openSession(id, mode: .readOnly)
            case let .takeOver(id):
                openSession(id, mode: .takeOver)
            case let .close(id):
                if let l = lock, l.id == id { l.release(in: store); lock = nil }
            case let .create(title, qid):
                guard let q = questionnaires.find(qid) else { send(.failed("unknown questionnaire '\(qid)'")); continue }
                do {
                    let s = try store.create(title: title, questionnaire: q, by: user)
                    releaseLock()
                    lock = try? SessionLock.acquire(s.id, in: store, user: user)
                    send(.opened(s, q, readOnly: false))
                    send(.info("created '\(s.id)'; answers are saved as you go"))
                } catch {
                    send(.failed("\(error)"))
                }
            case let .delete(id):
                do { try store.delete(id) } catch { send(.failed("\(error)")) }
                send(.sessionsLoaded(loadSummaries()))
            case let .report(id, format, path):
                guard let report else { send(.reportWritten("run: gpai-assess report \(id) --format \(format.rawValue) -o \(path)")); continue }
                do {
                    let s = try store.load(id)
                    guard let q = questionnaires.find(s.questionnaire.id) else { send(.reportFailed("questionnaire '\(s.questionnaire.id)' not installed")); continue }
                    send(.reportWritten(try report(s, q, format, path)))
                } catch {
                    send(.reportFailed("\(error)"))
                }
            case .bell:
                if !hungUp { beep() }
            case .repaint:
                screen.invalidate()
            case let .dropDraft(id):
                if neverWrite || lockLost { continue }
                store.removeDraft(for: id)
            case let .keepDraft(id, d):
                if neverWrite || lockLost { continue }
                do { try store.saveDraft(d, for: id) } catch { if !hungUp { send(.saveFailed("draft: \(error)")) } }
            case let .checkLock(id):
                send(lockChecked(id))
            case let .lockLost(id):
                lockLost = true
                if lock?.id == id { lock = nil }  // the new holder's now: never released from here
            case let .reload(id):
                if let s = try? store.load(id) { send(.saved(s)) }
            }
        }
    }

    /// Writes changes through the store (locked read-modify-write). Changes that could not be written
    /// (disk full, permissions) go back as `.writeRefused`; `step` keeps them and retries.
    mutating func save(_ id: String, _ changes: [SessionChange]) {
        let all = changes
        guard !all.isEmpty else { return }
        let now = state.now, user = self.user
        var conflicts: [AnswerConflict] = []
        if lockLost { return }
        // The questionnaire on screen is the one the change was made with (the core's one pinning rule).
        let pin = state.assessment.flatMap { $0.session.id == id ? $0.questionnaire : nil }
        do {
            let s = try store.update(id) { s in
                try checkLock(id)
                s.write(with: pin, by: user, at: now) { s in
                    conflicts = []
                    for ch in all {
                        if let c = ch.conflict(in: s) { conflicts.append(c) } else { ch.apply(to: &s, by: user, at: now) }
                    }
                }
            }
            send(.saved(s))
            for c in conflicts {
                // Leaving: no one can choose now, so the person's version is kept as a draft, never lost.
                if state.quitting || hungUp { keepDraft(id, c) } else { send(.answerConflict(c)) }
            }
        } catch is LockLost {
            send(lockChecked(id, lost: true))
        } catch {
            if let e = error as? StoreError, case .tooLarge = e {
                // Retrying cannot help: the typed answer is kept as a draft beside the session, the screen
                // goes back to what is stored, and the person is told why.
                for case let .answer(q, a?, _) in all {
                    let text = a.note ?? a.justification ?? a.value?.description ?? ""
                    try? store.saveDraft(SessionDraft(question: q, field: "answer", text: text, by: user, at: now), for: id)
                }
                if let s = try? store.load(id) { send(.saved(s)) }
                if !hungUp { send(.failed("not saved: \(e.description); what you typed is kept as a draft")) }
                return
            }
            send(.writeRefused(sessionID: id, all, reason: "\(error)"))
        }
    }

    /// Keeps the person's side of a conflict beside the session (it cannot be asked about while leaving).
    mutating func keepDraft(_ id: String, _ c: AnswerConflict) {
        if lockLost { return }
        let text = c.fields.map { "\($0.rawValue): " + AnswerConflict.describe($0, of: c.mine) }.joined(separator: "\n")
        let d = SessionDraft(question: c.question, field: c.fields.map(\.rawValue).joined(separator: ","), text: text, by: user, at: state.now)
        try? store.saveDraft(d, for: id)
        finalMessage = "gpai-assess: '\(c.question)' was changed elsewhere meanwhile; your version was kept as a draft, not saved over it"
    }

    /// Draws a frame, then puts a lock taken for it on disk (`lockNeedsSync`).
    mutating func present(_ frame: Canvas) {
        screen.present(frame)
        if lockNeedsSync {
            lockNeedsSync = false
            lock?.makeDurable()
        }
    }

    mutating func releaseLock() {
        lock?.release(in: store)
        lock = nil
    }

    /// Loads a session and takes its "open" lock; if someone else holds it, asks what to do.
    mutating func openSession(_ id: String, mode: SessionStore.OpenMode) {
        do {
            releaseLock()
            let questionnaires = self.questionnaires
            // The lock's fsync waits for the frame (`present`); while the questionnaire of a session
            // opened at start-up is still being decoded, this thread warms up the drawing (`Warmup`).
            let shown = state
            let o = try store.open(id, user: user, mode: mode, durableLock: false,
                                   whileWaiting: { Warmup.frame(like: shown, while: $0) }) { questionnaires.find($0) }
            let s = o.session, q = o.questionnaire, rid = o.id
            // Held elsewhere is what the walk core's decision asks about; the dialog (`lockedChoices`) offers its choices.
            if case let .heldElsewhere(stale) = o.outcome {
                send(.lockedElsewhere(sessionID: rid, title: s.title, holder: o.holder ?? "", stale: stale))
                return
            }
            // `.unavailable`: the lock file could not be written; answers are still saved safely (each save is locked).
            lock = o.lock
            lockNeedsSync = o.lock != nil
            lockLost = false
            var opened = s
            if mode == .takeOver, opened.facilitator != nil {
                // The frozen holder can no longer publish: watchers are told the facilitator left.
                writeQuietly(rid, [.facilitator(nil)])
                opened.facilitator = nil
            }
            send(.opened(opened, q, readOnly: mode == .readOnly))
            if mode != .readOnly, let d = store.draft(for: rid) { offerDraft(&state, d) }
            if s.questionnaire.digest != q.digest && !s.questionnaire.digest.isEmpty {
                send(.info("note: the questionnaire changed since this session started (version \(s.questionnaire.version) → \(q.version))"))
            }
        } catch {
            send(.failed("\(error)"))
        }
    }

    /// Writes position-like changes (nothing to merge on screen; a failure is reported but not retried).
    mutating func writeQuietly(_ id: String, _ changes: [SessionChange]) {
        let user = self.user, now = state.now
        if lockLost { return }
        do {
            try store.update(id) { s in
                try checkLock(id)
                for ch in changes { ch.apply(to: &s, by: user, at: now) }
            }
        } catch is LockLost {
            send(lockChecked(id, lost: true))
        } catch {
            send(.writeRefused(sessionID: id, changes, reason: "\(error)"))
        }
    }

    /// The home list, from the store's summary index (no decoding of unchanged session files).
    func loadSummaries() -> [SessionSummary] {
        let byID = Dictionary(questionnaires.all().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return SessionIndex(store: store).entries(questionnaire: { byID[$0] }).map { entry in
            switch entry {
            case let .summary(s, _):
                let q = byID[s.questionnaireID]
                return SessionSummary(id: s.id, title: s.title, questionnaireID: s.questionnaireID,
                                      questionnaireTitle: q?.title ?? s.questionnaireID, answered: s.answered, applicable: s.applicable,
                                      score: s.score, status: s.status.scored, updated: s.updated, updatedBy: s.updatedBy,
                                      problem: q == nil ? "questionnaire '\(s.questionnaireID)' is not installed" : nil)
            case let .unreadable(id, _, reason):
                return SessionSummary(id: id, title: id, questionnaireID: "", questionnaireTitle: "", answered: 0, applicable: 0,
                                      score: nil, status: nil, updated: nil, updatedBy: "", problem: "unreadable: " + reason)
            }
        }
    }
}


/// Milliseconds until the wall clock's next whole second (a running timer is redrawn on the second).
func msToNextSecond() -> Int32 {
    let t = Date().timeIntervalSince1970
    return Int32(max(5, min(1000, (1 - (t - t.rounded(.down))) * 1000 + 5)))
}
