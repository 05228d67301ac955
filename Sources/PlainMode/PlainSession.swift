import AssessmentCore
import AssessmentStore
import FoundationEssentials
import Walk

/// What plain mode prints after one step: lines for standard output, then a prompt, and an
/// error for standard error when the program ends with one.
public struct PlainOutput: Sendable, Equatable {
    public var lines: [String]
    public var prompt: String?
    public var error: String?

    public init(lines: [String] = [], prompt: String? = nil, error: String? = nil) {
        self.lines = lines; self.prompt = prompt; self.error = error
    }

    /// Lines and prompt as they appear on standard output.
    public var text: String { lines.map { $0 + "\n" }.joined() + (prompt ?? "") }
}

/// Where plain mode starts.
public enum PlainStart: Sendable, Equatable {
    /// The list of saved assessments, with a way to start a new one.
    case home
    /// One session, by id.
    case session(String)
}

/// Plain mode: the assessment walk as line-by-line prompts, for screen readers, dumb terminals and
/// pipes. Fed one input line at a time, it runs the line on the walk core (`Walk.reduce`, the
/// full screen's rules), stores each change at once through `SessionStore.update` (`perform`) and
/// returns the text to print. It never prints escape codes: every line passes through `SafeText.inert`.
public final class PlainSession {
    public let store: SessionStore
    /// The installed questionnaires; read only when a list is shown.
    public var questionnaires: [Questionnaire] { source.all() }
    let source: QuestionnaireSource
    public let user: String
    public private(set) var finished = false
    public private(set) var exitCode: Int32 = 0
    /// The lock file held while a session is open (for a signal handler to remove).
    public var lockPath: String? { current?.lock?.path }

    let start: PlainStart
    let intro: String?
    var mode: Mode = .home
    var current: OpenSession?
    var homeEntries: [String] = []
    var out: [String] = []
    var errorMessage: String?

    enum Mode: Equatable {
        case home
        case pickQuestionnaire
        case newTitle(String)
        case locked(String)
        /// Taking over a lock whose holder still runs: asked once more.
        case confirmTakeOver(String)
        case question
        case end
        case justification
        case note
        case evidence
    }

    struct OpenSession {
        /// Where the walk is; every move and answer goes through `reduce` (`perform`).
        var walk: WalkState
        var lock: SessionLock?
        /// Nodes already announced on the way to the current question, outermost first.
        var announced: [String] = []

        var session: Session { walk.session }
        var questionnaire: Questionnaire { walk.questionnaire }
        var index: QuestionnaireIndex { walk.index }
        var evaluation: Evaluation { walk.evaluation }
        var question: String { walk.question }
        var readOnly: Bool { walk.readOnly }
    }

    public convenience init(store: SessionStore, questionnaires: [Questionnaire], user: String, start: PlainStart = .home, intro: String? = nil) {
        self.init(store: store, source: QuestionnaireSource(questionnaires), user: user, start: start, intro: intro)
    }

    public init(store: SessionStore, source: QuestionnaireSource, user: String, start: PlainStart = .home, intro: String? = nil) {
        self.store = store; self.source = source; self.user = user; self.start = start; self.intro = intro
    }

    // MARK: - Entry points

    /// The first output: the session's current question, or the list of sessions.
    public func begin() -> PlainOutput {
        if let intro { say(intro) }
        switch start {
        case .home:
            showHome()
        case let .session(id):
            openSession(id)
            var locked = false
            if case .locked = mode { locked = true }
            if current == nil && !locked {
                fail(errorMessage ?? "cannot open session '\(id)'")
            }
        }
        return flush()
    }

    /// Handles one line of input (without its line break).
    public func receive(_ rawLine: String) -> PlainOutput {
        guard !finished else { return PlainOutput() }
        var line = rawLine
        while line.hasSuffix("\r") || line.hasSuffix("\n") { line.removeLast() }
        refresh()
        switch mode {
        case .home: homeInput(line)
        case .pickQuestionnaire: pickQuestionnaireInput(line)
        case let .newTitle(qid): titleInput(line, questionnaireID: qid)
        case let .locked(id): lockedInput(line, id: id)
        case let .confirmTakeOver(id): confirmTakeOverInput(line, id: id)
        case .question, .end: questionInput(line)
        case .justification: justificationInput(line)
        case .note: noteInput(line)
        case .evidence: evidenceInput(line)
        }
        return flush()
    }

    /// Standard input ended: everything is already saved; release the lock and stop.
    public func endOfInput() -> PlainOutput {
        guard !finished else { return PlainOutput() }
        switch mode {
        case .justification: say("Not applicable was not recorded.")
        case .note: say("The note was not changed.")
        case .evidence: say("No evidence was added.")
        default: break
        }
        if case let .confirmTakeOver(id) = mode { mode = .locked(id) }
        if case let .locked(id) = mode {
            let holder = SessionLock.holder(of: id, in: store)
            fail(StoreError.locked(id, holder: holder?.description ?? "by another process").description)
            return flush()
        }
        if current != nil && !(current?.readOnly ?? true) { say("End of input. Everything is saved.") } else { say("End of input.") }
        finish(0)
        return flush()
    }

    // MARK: - Output

    func say(_ s: String) { out.append(s) }

    /// The lock file could not be written: said on opening and on taking over.
    func sayLockUnavailable(_ o: OpenedSession) {
        say("Note: could not mark the assessment as open (\(o.lockError.map { "\($0)" } ?? "")); answers are still saved.")
    }

    func flush() -> PlainOutput {
        var lines: [String] = []
        for l in out {
            // Inert twice over: text from files and users arrives here already escaped; this is the last guard.
            let safe = SafeText.inert(l, keepNewlines: true).replacingAll("\t", with: " ")
            lines += safe.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        out = []
        let e = errorMessage.map { SafeText.inert($0, keepNewlines: false) }
        errorMessage = nil
        return PlainOutput(lines: lines, prompt: finished ? nil : SafeText.inert(prompt(), keepNewlines: false), error: e)
    }

    func prompt() -> String {
        switch mode {
        case .home: return "Choose: "
        case .pickQuestionnaire: return "Questionnaire number: "
        case .newTitle: return "Title: "
        case .locked: return "Choose: "
        case .confirmTakeOver: return "Take it over? (yes/no): "
        case .end: return "Command: "
        case .justification: return "Reason: "
        case .note: return "Note: "
        case .evidence: return "Evidence: "
        case .question:
            guard let o = current, let q = o.index.questions[o.question] else { return "Command: " }
            if o.readOnly { return "Command (read-only): " }
            switch q.type {
            case .graded, .choice, .scale:
                let keys = optionKeys(q)
                return keys.isEmpty ? "Answer: " : "Answer \(keys.first!) to \(keys.last!): "
            case .multi: return "Answers, separated by commas: "
            case .number: return "Number: "
            case .date: return "Date: "
            case .text: return "Text: "
            }
        }
    }

    func finish(_ code: Int32) {
        if let o = current { o.lock?.release(in: store) }
        current = nil
        exitCode = code
        finished = true
    }

    func fail(_ message: String) {
        errorMessage = "gpai-assess: " + message
        finish(1)
    }

    /// Picks up saves made elsewhere (another terminal, the command line).
    func refresh() {
        guard var o = current, let s = try? store.load(o.session.id), s != o.session else { return }
        _ = reduce(&o.walk, .stored(s))
        current = o
    }

    // MARK: - Opening

    /// The installed questionnaire with this id.
    func installed(_ id: String) -> Questionnaire? { source.find(id) }

    /// A session and its installed questionnaire; nil when either is missing.
    func loadWithQuestionnaire(_ id: String) -> (Session, Questionnaire)? {
        guard let s = try? store.load(id), let q = installed(s.questionnaire.id) else { return nil }
        return (s, q)
    }

    func openSession(_ arg: String) {
        let o: OpenedSession
        do {
            o = try store.open(arg, user: user, mode: .normal) { installed($0) }
        } catch {
            errorMessage = "\(error)"
            return
        }
        switch o.outcome {
        case .heldElsewhere: say("Assessment \(inline(o.session.title)) is open elsewhere, \(inline(o.holder ?? "")).")
        case .unavailable: sayLockUnavailable(o)
        case .acquired, .readOnlyAsked: break
        }
        switch OpenDecision.decide(o.outcome, canGoBack: start == .home, canConfirm: true) {
        case .edit: enter(o.session, o.questionnaire, lock: o.lock, readOnly: false)
        case .readOnly: enter(o.session, o.questionnaire, lock: nil, readOnly: true)
        case .ask:
            mode = .locked(o.id)
            lockedChoices(id: o.id)
        }
    }

    /// What the person may do with a session open elsewhere (asked again each time: the holder may end).
    func choices(for id: String) -> [OpenDecision.OpenChoice] {
        let stale = SessionLock.holder(of: id, in: store)?.isStale ?? false
        return OpenDecision.choices(stale: stale, canGoBack: start == .home)
    }

    func lockedChoices(id: String) {
        let words = choices(for: id).map { $0.words(.sentence) }
        say("Type " + words.dropLast().joined(separator: ", ") + ", or " + words.last! + ".")
    }

    func lockedInput(_ line: String, id: String) {
        let t = line.trimmingWhitespace().lowercased()
        let offered = choices(for: id)
        switch t {
        case "r", "read", "read-only":
            guard case let (s, q)? = loadWithQuestionnaire(id) else {
                fail("cannot open session '\(id)'")
                return
            }
            say("Opened read-only: you can read and move around, but not change answers.")
            enter(s, q, lock: nil, readOnly: true)
        case "t", "take", "take over":
            if offered.contains(.takeOver(confirm: true)) {
                let holder = SessionLock.holder(of: id, in: store)
                say("It is \(inline(holder?.description ?? "held by another process")), and that process is still running. "
                    + "If you take it over, that terminal can no longer save; whatever it has not saved stays there.")
                mode = .confirmTakeOver(id)
                return
            }
            guard offered.contains(.takeOver(confirm: false)) else {
                say("It is still open elsewhere, so it cannot be taken over.")
                lockedChoices(id: id)
                return
            }
            takeOver(id)
        case "b" where offered.contains(.back), "back" where offered.contains(.back):
            showHome()
        case "q", "quit":
            let holder = SessionLock.holder(of: id, in: store)
            fail(StoreError.locked(id, holder: holder?.description ?? "by another process").description)
        default:
            lockedChoices(id: id)
        }
    }

    /// The full screen's rule too: a live holder is taken over only after a "yes" (`OpenDecision`).
    func confirmTakeOverInput(_ line: String, id: String) {
        mode = .locked(id)
        switch line.trimmingWhitespace().lowercased() {
        case "y", "yes": takeOver(id)
        default:
            say("Not taken over.")
            lockedChoices(id: id)
        }
    }

    func takeOver(_ id: String) {
        let o: OpenedSession
        do {
            o = try store.open(id, user: user, mode: .takeOver) { installed($0) }
        } catch {
            fail("cannot open session '\(id)'")
            return
        }
        switch o.outcome {
        case .heldElsewhere:
            // Someone took it at the same moment.
            say("Cannot take it over: it is open elsewhere, \(inline(o.holder ?? "")).")
            lockedChoices(id: id)
        case .unavailable:
            // As the full screen does: saves are still locked one by one.
            sayLockUnavailable(o)
            enter(o.session, o.questionnaire, lock: nil, readOnly: false)
        case .acquired, .readOnlyAsked:
            enter(o.session, o.questionnaire, lock: o.lock, readOnly: false)
        }
    }

    func enter(_ s: Session, _ q: Questionnaire, lock: SessionLock?, readOnly: Bool) {
        let walk = WalkState(session: s, questionnaire: q, readOnly: readOnly, user: user, now: Timestamp.now())
        current = OpenSession(walk: walk, lock: lock)
        mode = .question
        say("Assessment: \(inline(s.title)).")
        say("Questionnaire: \(inline(q.title)), version \(inline(q.version)).")
        if s.questionnaire.digest != q.digest && !s.questionnaire.digest.isEmpty {
            say("Note: the questionnaire changed since this assessment started, version \(inline(s.questionnaire.version)) to \(inline(q.version)).")
        }
        say(progressWords(walk.evaluation) + (walk.resumed ? " Continuing where you left off." : ""))
        say("Type ? at any prompt for help.")
        if walk.index.questionOrder.isEmpty {
            mode = .end
            say("This questionnaire has no questions.")
            return
        }
        showQuestion()
    }

    // MARK: - The walk

    /// Runs one action on the walk and carries out its effects: the one place plain mode writes an
    /// open session (a locked read-modify-write each). Nil when a change could not be saved; the
    /// walk is then as it was and the reason has been said.
    func perform(_ action: WalkAction) -> [WalkEffect]? {
        guard var o = current else { return nil }
        let before = o.walk
        o.walk.now = Timestamp.now()
        let fx = reduce(&o.walk, action)
        for case let .persist(changes) in fx {
            let user = self.user, now = o.walk.now, q = o.walk.questionnaire
            do {
                let s = try store.update(o.walk.session.id) { s in s.apply(changes, by: user, at: now, with: q) }
                _ = reduce(&o.walk, .stored(s))
            } catch {
                if changes.allSatisfy(\.isPositionLike) {
                    say("Could not save the position: \(error).")
                    continue
                }
                say("Not saved: \(error).")
                o.walk = before
                current = o
                return nil
            }
        }
        current = o
        return fx
    }

    /// Says what the walk's effects mean, in plain mode's words.
    func show(_ fx: [WalkEffect]) {
        guard let o = current else { return }
        for e in fx {
            switch e {
            case .persist: break
            case let .announce(c): announce(c)
            case let .moved(to: id):
                if id == nil { mode = .end; showEnd() } else { mode = .question; showQuestion() }
            case .readOnly: say("Read-only: this assessment is open elsewhere, so answers cannot be changed here.")
            case .atStart: say("This is the first question.")
            case .atEnd: say("This is the end of the questionnaire. Type b to go back.")
            case .allAnswered: say("Every applicable question is answered.")
            case .nothingToRemove: say("There is nothing to remove.")
            case .reasonRequired: say("Not applicable was not recorded.")
            case .notApplicableNotAllowed: say("Not saved: this question cannot be marked not applicable.")
            case let .invalidEvidence(e): say("Not saved: invalid evidence reference '\(AnswerInput.shown(e))'.")
            case .emptyTarget: say("Go where? Type g and a measure number, like g 1.2.")
            case let .notFound(t): say("No measure \(inline(t)). Type g and a measure number, like g 1.2.")
            case let .ambiguous(t, chapters):
                let names = chapters.compactMap { o.index.nodes[$0] }.map { inline($0.title) }
                say("\(inline(t)) is in several chapters: \(names.joined(separator: ", ")).")
                say("Add the chapter name, like g \(names.first!.lowercased()) \(inline(t)).")
            case let .doesNotApply(id, reason, pending):
                guard let n = o.index.nodes[id] else {
                    say("That question does not apply. " + sentence(inline(reason ?? "condition not met")))
                    continue
                }
                let state = pending ? "is waiting for scope: it applies or not depending on scope answers not given yet" : "does not apply"
                say("\(partTitle(n)) \(state). " + sentence(inline(reason ?? "no question in it applies")))
            }
        }
    }

    /// Runs an action, says `confirm` once it is saved, then what it led to.
    func act(_ action: WalkAction, confirm: (() -> String)? = nil) {
        guard let fx = perform(action) else { return }
        if let confirm, !fx.contains(where: \.isRefusal) { say(confirm()) }
        show(fx)
    }

    /// Says which chapters (or other conditional parts) started or stopped applying, and why.
    func announce(_ c: ApplicabilityChange) {
        guard let o = current else { return }
        for p in c.parts {
            guard let n = o.index.nodes[p.node] else { continue }
            if p.nowApplies {
                say("\(partTitle(n)) now applies." + (p.reason.map { " " + sentence(inline($0)) } ?? ""))
            } else {
                say("\(partTitle(n)) no longer applies. " + sentence(inline(p.reason ?? "its condition is no longer met")))
            }
        }
        let shown = c.otherShown, hidden = c.otherHidden
        if shown > 0 { say("\(shown) more \(shown == 1 ? "question now applies" : "questions now apply").") }
        if hidden > 0 { say("\(hidden) \(hidden == 1 ? "question no longer applies" : "questions no longer apply").") }
    }

    func questionInput(_ line: String) {
        guard let o = current else { showHome(); return }
        if mode == .question, !o.walk.isApplicable(o.question) {
            // An answer saved elsewhere hid this question since it was asked: the input is not applied to it.
            say("Not saved: the question no longer applies after a change made elsewhere.")
            showQuestion()
            return
        }
        let trimmed = line.trimmingWhitespace()
        if trimmed.hasPrefix("=") {
            answer(String(trimmed.dropFirst()))
            return
        }
        if let c = Command.parse(trimmed) {
            run(c)
            return
        }
        if mode == .end {
            say("There is no question here. Type b to go back, u for the first unanswered question, or ? for help.")
            return
        }
        if trimmed.isEmpty {
            if o.walk.isAnswered(o.question) {
                say("Kept.")
                act(.next)
            } else if !(o.walk.currentQuestion?.required ?? true) {
                say("Left unanswered (optional).")
                act(.next)
            } else {
                say("No answer given. Type s to skip, or ? for help.")
            }
            return
        }
        answer(line)
    }

    func run(_ c: Command) {
        guard let o = current else { return }
        switch c {
        case .skip: act(.next)
        case .back: act(.previous)
        case .unanswered: act(.nextUnanswered)
        case .repeatQuestion:
            if mode == .end { showEnd(); return }
            current?.announced = []
            showQuestion()
        case .notApplicable:
            guard mode == .question, writable() else { return }
            guard let q = o.walk.currentQuestion else { return }
            do {
                _ = try AnswerInput.parseValue(AnswerInput.notApplicable, for: q)
                startJustification()
            } catch {
                say("Not saved: \(error.message).")
            }
        case .clear:
            guard mode == .question, writable() else { return }
            guard let a = o.walk.currentAnswer, a.value != nil || a.notApplicable else { say("There is no answer to clear."); return }
            guard let fx = perform(.clear) else { return }
            show(fx)
            say("Answer cleared. " + progressWords(current!.evaluation))
        case .note:
            guard mode == .question, writable() else { return }
            mode = .note
            if let n = o.walk.currentAnswer?.note, !n.isEmpty { say("The current note: \(n)") }
            say("Type the note on one line. An empty line leaves it as it is; a single dash removes it.")
        case .evidence:
            guard mode == .question, writable() else { return }
            mode = .evidence
            let ev = o.walk.currentAnswer?.evidence ?? []
            if !ev.isEmpty { say("Evidence so far: " + ev.joined(separator: "; ") + ".") }
            if let h = o.walk.currentQuestion?.evidenceHint { say("Suggested evidence: \(h)") }
            say("Type a document id, path or URL to add. An empty line adds nothing" + (ev.isEmpty ? "." : "; a single dash removes all evidence."))
        case .guidance:
            if mode == .end { say("There is no question here."); return }
            showGuidance()
        case .score:
            showScore()
        case .help:
            showHelp()
        case .quit:
            say(o.readOnly ? "Goodbye." : "Everything is saved. Goodbye.")
            finish(0)
        case let .goTo(target):
            act(.goTo(target))
        }
    }

    func writable() -> Bool {
        guard let o = current else { return false }
        if o.readOnly {
            show([.readOnly])
            return false
        }
        return true
    }

    func isApplicable(_ id: String) -> Bool { current?.walk.isApplicable(id) ?? false }

    // MARK: - Answering

    func answer(_ input: String) {
        guard let o = current, writable(), mode == .question, let q = o.walk.currentQuestion else {
            if mode == .end { say("There is no question here. Type b to go back.") }
            return
        }
        var text = input
        switch q.type {
        case .graded, .choice, .scale:
            text = mapOption(input, q)
        case .multi:
            var parts = input.split(separator: ",").map { String($0) }
            let words = input.split(whereSeparator: { $0 == " " }).map(String.init)
            if parts.count == 1, words.count > 1, words.allSatisfy({ optionKeys(q).contains($0) }) { parts = words }
            if parts.count == 1, parts[0].trimmingWhitespace().lowercased() == AnswerInput.notApplicable {
                text = AnswerInput.notApplicable
            } else {
                text = parts.map { mapOption($0, q) }.joined(separator: ",")
            }
        case .number, .date, .text: break
        }
        let value: AnswerValue?
        do {
            value = try AnswerInput.parseValue(text, for: q)
        } catch {
            say("Not saved: \(error.message).")
            say(hint(q))
            return
        }
        guard let value else { startJustification(); return }
        act(.answer(value)) { self.sentence("Saved: \(self.describe(value, q))") + " " + self.progressWords(self.current!.evaluation) }
    }

    func startJustification() {
        mode = .justification
        say("Why does this question not apply? A reason is required. An empty line cancels.")
    }

    func justificationInput(_ line: String) {
        let t = line.trimmingWhitespaceAndNewlines()
        mode = .question
        guard !t.isEmpty, t.lowercased() != "cancel" else {
            say("Not applicable was not recorded.")
            return
        }
        act(.notApplicable(reason: t)) { "Saved as not applicable. " + self.progressWords(self.current!.evaluation) }
    }

    func noteInput(_ line: String) {
        mode = .question
        let t = line.trimmingWhitespaceAndNewlines()
        guard let o = current else { return }
        if t.isEmpty { say("The note was not changed."); return }
        if t == "-", o.walk.currentAnswer?.note == nil { say("There is no note to remove."); return }
        act(.note(t == "-" ? nil : line.trimmingWhitespace())) { t == "-" ? "Note removed." : "Note saved." }
    }

    func evidenceInput(_ line: String) {
        mode = .question
        let t = line.trimmingWhitespace()
        if t.isEmpty { say("No evidence was added."); return }
        act(t == "-" ? .removeEvidence : .addEvidence(t)) { t == "-" ? "Evidence removed." : "Evidence added." }
    }
}
