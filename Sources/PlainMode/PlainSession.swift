import AssessmentCore
import AssessmentStore
import FoundationEssentials

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
/// pipes. A state machine fed one input line at a time; it returns the text to print and saves
/// every change at once through `SessionStore.update`. It never prints escape codes: every line
/// passes through `SafeText.inert`.
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
        case question
        case end
        case justification
        case note
        case evidence
    }

    struct OpenSession {
        var session: Session
        var questionnaire: Questionnaire
        var index: QuestionnaireIndex
        var evaluation: Evaluation
        var readOnly: Bool
        var lock: SessionLock?
        /// The question being asked (or the last one, at the end).
        var question: String
        /// Nodes already announced on the way to the current question, outermost first.
        var announced: [String] = []
        var fromHome: Bool
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
            openSession(id, fromHome: false)
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
        o.session = s
        o.evaluation = Evaluation(questionnaire: o.questionnaire, session: s)
        current = o
    }

    // MARK: - Home

    func showHome() {
        mode = .home
        let entries = store.list()
        homeEntries = []
        var unreadable: [String] = []
        var lines: [String] = []
        for e in entries {
            switch e {
            case let .session(s, _):
                homeEntries.append(s.id)
                var line = "\(homeEntries.count). \(inline(s.title))"
                if let q = installed(s.questionnaire.id) {
                    let ev = Evaluation(questionnaire: q, session: s)
                    line += ", \(inline(q.title)), \(ev.overall.answeredQuestions) of \(ev.overall.applicableQuestions) answered"
                } else {
                    line += ", questionnaire \(inline(s.questionnaire.id)) is not installed"
                }
                line += ", updated \(shortDate(s.updated))."
                lines.append(line)
            case let .unreadable(id, _, reason):
                unreadable.append("\(inline(id)): \(inline(reason)).")
            }
        }
        if homeEntries.isEmpty {
            say("No saved assessments yet.")
        } else {
            say("Saved assessments, newest first:")
            lines.forEach(say)
        }
        if !unreadable.isEmpty {
            say("Unreadable session files, left untouched:")
            unreadable.forEach(say)
        }
        if homeEntries.isEmpty {
            say("Type n for a new assessment, or q to quit.")
        } else {
            say("Type a number to open an assessment, n for a new one, or q to quit.")
        }
    }

    func homeInput(_ line: String) {
        let t = line.trimmingWhitespace().lowercased()
        switch t {
        case "q", "quit", "exit":
            say("Goodbye.")
            finish(0)
        case "n", "new":
            showQuestionnaires()
        case "", "l", "list", "r":
            showHome()
        case "?", "h", "help":
            say("Type the number of an assessment to open it.")
            say("n: start a new assessment.")
            say("l: list the assessments again.")
            say("q: quit.")
        default:
            if let k = Int(t), k >= 1, k <= homeEntries.count {
                openSession(homeEntries[k - 1], fromHome: true)
                if current == nil, mode == .home, let e = errorMessage {
                    errorMessage = nil
                    say("Cannot open it: \(e).")
                }
            } else if homeEntries.isEmpty {
                say("Type n for a new assessment, or q to quit.")
            } else {
                say("Type a number from 1 to \(homeEntries.count), n for a new assessment, or q to quit.")
            }
        }
    }

    func showQuestionnaires() {
        guard !questionnaires.isEmpty else {
            say("No questionnaires are installed, so a new assessment cannot start.")
            return
        }
        mode = .pickQuestionnaire
        say("Questionnaires:")
        for (i, q) in questionnaires.enumerated() {
            say("\(i + 1). \(inline(q.title)), version \(inline(q.version)).")
        }
        say("Type a number, or b to go back.")
    }

    func pickQuestionnaireInput(_ line: String) {
        let t = line.trimmingWhitespace().lowercased()
        if ["b", "back", "cancel"].contains(t) { showHome(); return }
        if ["q", "quit"].contains(t) { say("Goodbye."); finish(0); return }
        let byID = questionnaires.firstIndex { $0.id.lowercased() == t }
        guard let k = Int(t).map({ $0 - 1 }) ?? byID, k >= 0, k < questionnaires.count else {
            say("Type a number from 1 to \(questionnaires.count), or b to go back.")
            return
        }
        mode = .newTitle(questionnaires[k].id)
        say("Questionnaire: \(inline(questionnaires[k].title)).")
        say("Give the assessment a title, for example the model and the date. An empty line goes back.")
    }

    func titleInput(_ line: String, questionnaireID: String) {
        let t = line.trimmingWhitespaceAndNewlines()
        if t.isEmpty { showQuestionnaires(); return }
        guard t.count <= 200, !t.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || (0x80..<0xA0).contains($0.value) }) else {
            say("Invalid title '\(AnswerInput.shown(line))': use 1 to 200 printable characters.")
            return
        }
        guard let q = installed(questionnaireID) else { showHome(); return }
        do {
            let s = try store.create(title: t, questionnaire: q, by: user)
            say("Created assessment \(s.id). Answers are saved as you go.")
            openSession(s.id, fromHome: true)
        } catch {
            say("Cannot create it: \(error).")
            showHome()
        }
    }

    // MARK: - Opening

    /// The installed questionnaire with this id.
    func installed(_ id: String) -> Questionnaire? { source.find(id) }

    /// A session and its installed questionnaire; nil when either is missing.
    func loadWithQuestionnaire(_ id: String) -> (Session, Questionnaire)? {
        guard let s = try? store.load(id), let q = installed(s.questionnaire.id) else { return nil }
        return (s, q)
    }

    func openSession(_ arg: String, fromHome: Bool) {
        let id: String
        let s: Session
        do {
            id = try store.resolve(arg)
            s = try store.load(id)
        } catch {
            errorMessage = "\(error)"
            return
        }
        guard let q = installed(s.questionnaire.id) else {
            errorMessage = "questionnaire '\(s.questionnaire.id)' of session '\(s.id)' is not installed"
            return
        }
        var lock: SessionLock? = nil
        do {
            lock = try SessionLock.acquire(id, in: store, user: user)
        } catch let e {
            if case let .locked(_, holder) = e {
                mode = .locked(id)
                say("Assessment \(inline(s.title)) is open elsewhere, \(inline(holder)).")
                lockedChoices(id: id, fromHome: fromHome)
                return
            }
            say("Note: could not mark the assessment as open (\(e)); answers are still saved.")
        }
        enter(s, q, lock: lock, readOnly: false, fromHome: fromHome)
    }

    func lockedChoices(id: String, fromHome: Bool) {
        let stale = SessionLock.holder(of: id, in: store)?.isStale ?? false
        var choices = ["r to open it read-only"]
        if stale { choices.append("t to take it over, since that process has ended") }
        choices.append(fromHome ? "b to go back" : "q to quit")
        say("Type " + choices.dropLast().joined(separator: ", ") + ", or " + choices.last! + ".")
    }

    func lockedInput(_ line: String, id: String) {
        let t = line.trimmingWhitespace().lowercased()
        let fromHome = start == .home
        switch t {
        case "r", "read", "read-only":
            guard case let (s, q)? = loadWithQuestionnaire(id) else {
                fail("cannot open session '\(id)'")
                return
            }
            say("Opened read-only: you can read and move around, but not change answers.")
            enter(s, q, lock: nil, readOnly: true, fromHome: fromHome)
        case "t", "take", "take over":
            guard SessionLock.holder(of: id, in: store)?.isStale ?? false else {
                say("It is still open elsewhere, so it cannot be taken over.")
                lockedChoices(id: id, fromHome: fromHome)
                return
            }
            do {
                let lock = try SessionLock.acquire(id, in: store, user: user, takeOver: true)
                guard case let (s, q)? = loadWithQuestionnaire(id) else {
                    lock.release(in: store)
                    fail("cannot open session '\(id)'")
                    return
                }
                enter(s, q, lock: lock, readOnly: false, fromHome: fromHome)
            } catch {
                say("Cannot take it over: \(error).")
                lockedChoices(id: id, fromHome: fromHome)
            }
        case "b" where fromHome, "back" where fromHome:
            showHome()
        case "q", "quit":
            let holder = SessionLock.holder(of: id, in: store)
            fail(StoreError.locked(id, holder: holder?.description ?? "by another process").description)
        default:
            lockedChoices(id: id, fromHome: fromHome)
        }
    }

    func enter(_ s: Session, _ q: Questionnaire, lock: SessionLock?, readOnly: Bool, fromHome: Bool) {
        let ev = Evaluation(questionnaire: q, session: s)
        let idx = ev.index
        let applicable = idx.questionOrder.filter { ev.questions[$0]?.applicable ?? false }
        var start = applicable.first ?? idx.questionOrder.first ?? ""
        var resumed = false
        if let p = s.position?.question, let i = idx.questionOrder.firstIndex(of: p) {
            resumed = true
            start = idx.questionOrder[i...].first { ev.questions[$0]?.applicable ?? false }
                ?? applicable.first { !(ev.questions[$0]?.answered ?? false) } ?? applicable.last ?? start
        } else if let firstOpen = applicable.first(where: { !(ev.questions[$0]?.answered ?? false) }) {
            start = firstOpen
        }
        current = OpenSession(session: s, questionnaire: q, index: idx, evaluation: ev, readOnly: readOnly, lock: lock,
                              question: start, fromHome: fromHome)
        mode = .question
        say("Assessment: \(inline(s.title)).")
        say("Questionnaire: \(inline(q.title)), version \(inline(q.version)).")
        if s.questionnaire.digest != q.digest && !s.questionnaire.digest.isEmpty {
            say("Note: the questionnaire changed since this assessment started, version \(inline(s.questionnaire.version)) to \(inline(q.version)).")
        }
        say(progressWords(ev) + (resumed ? " Continuing where you left off." : ""))
        say("Type ? at any prompt for help.")
        if idx.questionOrder.isEmpty {
            mode = .end
            say("This questionnaire has no questions.")
            return
        }
        showQuestion()
    }

    // MARK: - The walk

    func questionInput(_ line: String) {
        guard let o = current else { showHome(); return }
        if mode == .question, !isApplicable(o.question) {
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
            guard let o = current else { return }
            if o.evaluation.questions[o.question]?.answered ?? false {
                say("Kept.")
                move(to: nextApplicable(after: o.question), save: true)
            } else if !(o.index.questions[o.question]?.required ?? true) {
                say("Left unanswered (optional).")
                move(to: nextApplicable(after: o.question), save: true)
            } else {
                say("No answer given. Type s to skip, or ? for help.")
            }
            return
        }
        answer(line)
    }

    enum Command: Equatable {
        case skip, back, unanswered, repeatQuestion, notApplicable, clear, note, evidence, guidance, score, help, quit
        case goTo(String)

        static func parse(_ t: String) -> Command? {
            let parts = t.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            guard let first = parts.first else { return nil }
            let word = first.lowercased()
            let rest = parts.count > 1 ? parts[1].trimmingWhitespace() : ""
            if !rest.isEmpty {
                return ["g", "go", "goto", "jump"].contains(word) ? .goTo(rest) : nil
            }
            switch word {
            case "s", "skip": return .skip
            case "b", "back": return .back
            case "u", "unanswered": return .unanswered
            case "r", "repeat": return .repeatQuestion
            case "na", "n/a": return .notApplicable
            case "c", "clear": return .clear
            case "note": return .note
            case "e", "evidence": return .evidence
            case "i", "guidance": return .guidance
            case "p", "score": return .score
            case "?", "h", "help": return .help
            case "q", "quit", "exit": return .quit
            case "g", "go", "goto", "jump": return .goTo("")
            default: return nil
            }
        }
    }

    func run(_ c: Command) {
        guard let o = current else { return }
        switch c {
        case .skip:
            if mode == .end { say("This is the end of the questionnaire. Type b to go back."); return }
            move(to: nextApplicable(after: o.question), save: true)
        case .back:
            if mode == .end {
                move(to: o.index.questionOrder.last { o.evaluation.questions[$0]?.applicable ?? false }, save: true)
                return
            }
            guard let p = previousApplicable(before: o.question) else { say("This is the first question."); return }
            move(to: p, save: true)
        case .unanswered:
            let order = o.index.questionOrder
            let open = order.filter { isApplicable($0) && !isAnswered($0) }
            guard !open.isEmpty else { say("Every applicable question is answered."); return }
            let i = mode == .end ? -1 : (order.firstIndex(of: o.question) ?? -1)
            let after = open.first { (order.firstIndex(of: $0) ?? 0) > i } ?? open[0]
            move(to: after, save: true)
        case .repeatQuestion:
            if mode == .end { showEnd(); return }
            current?.announced = []
            showQuestion()
        case .notApplicable:
            guard mode == .question, writable() else { return }
            guard let q = o.index.questions[o.question] else { return }
            do {
                _ = try AnswerInput.parseValue(AnswerInput.notApplicable, for: q)
                startJustification()
            } catch {
                say("Not saved: \(error.message).")
            }
        case .clear:
            guard mode == .question, writable() else { return }
            guard let a = o.session.answers[o.question], a.value != nil || a.notApplicable else { say("There is no answer to clear."); return }
            let ok = commit { old in
                guard var a = old else { return nil }
                a.value = nil; a.notApplicable = false; a.justification = nil
                return (a.note ?? "").isEmpty && a.evidence.isEmpty ? nil : a
            }
            if ok { say("Answer cleared. " + progressWords(current!.evaluation)) }
        case .note:
            guard mode == .question, writable() else { return }
            mode = .note
            if let n = o.session.answers[o.question]?.note, !n.isEmpty { say("The current note: \(n)") }
            say("Type the note on one line. An empty line leaves it as it is; a single dash removes it.")
        case .evidence:
            guard mode == .question, writable() else { return }
            mode = .evidence
            let ev = o.session.answers[o.question]?.evidence ?? []
            if !ev.isEmpty { say("Evidence so far: " + ev.joined(separator: "; ") + ".") }
            if let h = o.index.questions[o.question]?.evidenceHint { say("Suggested evidence: \(h)") }
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
            goTo(target)
        }
    }

    func writable() -> Bool {
        guard let o = current else { return false }
        if o.readOnly {
            say("Read-only: this assessment is open elsewhere, so answers cannot be changed here.")
            return false
        }
        return true
    }

    func isApplicable(_ id: String) -> Bool { current?.evaluation.questions[id]?.applicable ?? false }
    func isAnswered(_ id: String) -> Bool { current?.evaluation.questions[id]?.answered ?? false }

    func nextApplicable(after id: String, in ev: Evaluation? = nil) -> String? {
        guard let o = current else { return nil }
        let e = ev ?? o.evaluation
        let order = o.index.questionOrder
        guard let i = order.firstIndex(of: id) else { return nil }
        return order[(i + 1)...].first { e.questions[$0]?.applicable ?? false }
    }

    func previousApplicable(before id: String) -> String? {
        guard let o = current else { return nil }
        let order = o.index.questionOrder
        guard let i = order.firstIndex(of: id) else { return nil }
        return order[..<i].last { isApplicable($0) }
    }

    /// Moves to a question (or the end when nil) and remembers the position.
    func move(to id: String?, save: Bool) {
        guard var o = current else { return }
        if let id {
            o.question = id
            current = o
            mode = .question
            if save { savePosition() }
            showQuestion()
        } else {
            mode = .end
            showEnd()
        }
    }

    func savePosition() {
        guard let o = current, !o.readOnly else { return }
        let p = Session.Position(question: o.question, node: o.index.questionPath[o.question]?.first,
                                 guidance: o.session.position?.guidance)
        guard o.session.position != p else { return }
        do {
            let s = try store.update(o.session.id) { s in s.position = p }
            adopt(s)
        } catch {
            say("Could not save the position: \(error).")
        }
    }

    func adopt(_ s: Session) {
        guard var o = current else { return }
        if s != o.session {
            o.session = s
            o.evaluation = Evaluation(questionnaire: o.questionnaire, session: s)
        }
        current = o
    }

    func showEnd() {
        guard let o = current else { return }
        let ev = o.evaluation
        let open = ev.overall.applicableQuestions - ev.overall.answeredQuestions
        say("End of the questionnaire. " + progressWords(ev))
        if open > 0 {
            say("\(open) \(open == 1 ? "question is" : "questions are") still unanswered. Type u to go to the first one.")
        } else {
            say("Every applicable question is answered.")
        }
        say("Type score for the score, b to go back, or q to quit.")
    }

    func showQuestion() {
        guard var o = current, let q = o.index.questions[o.question] else { return }
        let ev = o.evaluation
        if !(ev.questions[q.id]?.applicable ?? false) {
            say("This question does not apply. " + sentence(inline(ev.questions[q.id]?.hiddenReason ?? "condition not met")))
            if let n = nextApplicable(after: q.id) {
                o.question = n
                current = o
                savePosition()
                showQuestion()
            } else {
                mode = .end
                showEnd()
            }
            return
        }
        // Announce the chapter, commitment and measure when they change.
        let path = Array((o.index.questionPath[q.id] ?? []).reversed())
        var newlyEntered = Set<String>()
        for (k, nid) in path.enumerated() where k >= o.announced.count || o.announced[k] != nid {
            if let n = o.index.nodes[nid] { say(heading(n)); newlyEntered.insert(nid) }
        }
        o.announced = path
        current = o
        say(progressLine(q) + ".")
        say(block(q.text))
        if q.critical { say("This is a critical question.") }
        if !q.required { say("Optional: an empty line leaves it unanswered and moves on.") }
        switch q.type {
        case .graded, .choice, .scale, .multi:
            let keys = optionKeys(q)
            for (k, opt) in zip(keys, q.options) {
                var line = "\(k). \(inline(opt.label))"
                if let d = opt.description, !d.isEmpty { line += ": \(inline(d))" }
                if opt.exclusive && q.type == .multi { line += " (only on its own)" }
                if q.type == .multi, opt.example { line += " (an example, not scored)" }
                if q.type == .multi, q.mandatoryOptions.contains(opt) { line += " (required)" }
                say(sentence(line))
            }
            if q.type == .multi { say("Choose one or more, separated by commas.") }
        case .number, .date, .text:
            say("Answer with \(AnswerInput.allowed(for: Question(id: q.id, type: q.type, text: q.text, unit: q.unit, min: q.min, max: q.max))).")
        }
        if q.allowNA { say("na. Not applicable, with a reason.") }
        if let a = o.session.answers[q.id] {
            if let bad = ev.questions[q.id]?.invalidAnswer {
                say("The saved answer no longer fits: \(bad).")
            } else if let d = describe(a, q) {
                say(sentence("Current answer: \(d)"))
            }
            if let n = a.note, !n.isEmpty { say("Note: \(n)") }
            if !a.evidence.isEmpty { say("Evidence: " + a.evidence.joined(separator: "; ") + ".") }
        }
        // The measure's guidance is mentioned once, on entering it; a question's own on every visit.
        let measure = path.compactMap { o.index.nodes[$0] }.last { $0.kind == .measure }
        if let m = measure, newlyEntered.contains(m.id) { sayRequirements(m) }
        if q.guidance != nil || (measure?.guidance != nil && newlyEntered.contains(measure!.id)) { say("Type i for guidance.") }
    }

    /// "Chapter: Transparency.", "Measure 1.1: Keep documentation."
    func heading(_ n: Node) -> String {
        let kind = n.kind.label
        if n.title.lowercased() == n.kind.rawValue { return "\(inline(n.title))." }
        if let num = n.number, !num.isEmpty {
            if num.lowercased().hasPrefix(n.kind.rawValue) { return "\(inline(num)): \(inline(n.title))." }
            if n.kind == .chapter || n.kind == .scope { return "\(kind): \(inline(n.title))." }
            return "\(kind) \(inline(num)): \(inline(n.title))."
        }
        return "\(kind): \(inline(n.title))."
    }

    /// "Copyright, measure 1.3, question 2 of 4"
    func progressLine(_ q: Question) -> String {
        guard let o = current else { return "" }
        let path = o.index.questionPath[q.id] ?? []
        guard let top = path.last.flatMap({ o.index.nodes[$0] }) else { return "" }
        let partID = path.first { o.index.nodes[$0]?.kind == .measure } ?? path.first!
        var parts = [top.kind == .scope ? "Scope" : inline(top.title)]
        if partID != top.id, let part = o.index.nodes[partID] { parts.append(partLabel(part)) }
        let siblings = questions(under: partID).filter(isApplicable)
        let k = (siblings.firstIndex(of: q.id) ?? 0) + 1
        parts.append("question \(k) of \(siblings.count)")
        return parts.joined(separator: ", ")
    }

    /// The measure panel as lines: what the Code asks, and the measure's references.
    func sayRequirements(_ m: Node) {
        guard let o = current, !m.requirements.isEmpty else { return }
        say("What \(inline(o.questionnaire.qualifiedNumber(of: m.id) ?? partLabel(m))) asks:")
        for r in m.requirements { say("- " + sentence(inline(r))) }
        if !m.references.isEmpty { say("References: " + m.references.map(inline).joined(separator: "; ") + ".") }
    }

    func partLabel(_ n: Node) -> String {
        guard let num = n.number, !num.isEmpty else { return inline(n.title) }
        if num.lowercased().hasPrefix(n.kind.rawValue) { return inline(num) }
        return "\(n.kind.rawValue) \(inline(num))"
    }

    func questions(under nodeID: String) -> [String] {
        guard let o = current, let n = o.index.nodes[nodeID] else { return [] }
        return n.questionsBelow.map(\.id)
    }

    /// "37 of 212 answered."
    func progressWords(_ ev: Evaluation) -> String {
        "\(ev.overall.answeredQuestions) of \(ev.overall.applicableQuestions) answered."
    }

    // MARK: - Answering

    /// Option numbers as shown: 1, 2, 3…, or the values themselves when they are all whole numbers
    /// (a 0–4 scale is typed as 0–4, never shifted by one).
    func optionKeys(_ q: Question) -> [String] {
        let values = q.options.map(\.value)
        if !values.isEmpty, values.allSatisfy({ Int($0) != nil && $0 == String(Int($0)!) }), Set(values).count == values.count {
            return values
        }
        return values.indices.map { String($0 + 1) }
    }

    /// Turns a typed option number or label into the option's value; anything else is left for the parser.
    func mapOption(_ token: String, _ q: Question) -> String {
        let t = token.trimmingWhitespace()
        let keys = optionKeys(q)
        if let i = keys.firstIndex(of: t) { return q.options[i].value }
        if q.options.contains(where: { $0.value.lowercased() == t.lowercased() }) { return t }
        if let o = q.options.first(where: { $0.label.lowercased() == t.lowercased() }) { return o.value }
        return t
    }

    func answer(_ input: String) {
        guard let o = current, writable(), mode == .question, let q = o.index.questions[o.question] else {
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
        let now = Timestamp.now(), user = self.user
        let ok = commit(advance: true) { old in
            var a = old ?? Answer(value: nil, by: user, at: now)
            a.value = value
            a.notApplicable = false
            a.justification = nil
            return a
        } confirm: { s in self.sentence("Saved: \(self.describe(value, q))") }
        _ = ok
    }

    func hint(_ q: Question) -> String {
        switch q.type {
        case .graded, .choice, .scale:
            let keys = optionKeys(q)
            return "Type a number from \(keys.first ?? "1") to \(keys.last ?? "1")" + (q.allowNA ? ", or na" : "") + ". Type ? for help."
        case .multi:
            return "Type one or more numbers separated by commas, like 1,2" + (q.allowNA ? ", or na" : "") + "."
        case .number, .date, .text:
            return "Type \(AnswerInput.allowed(for: q)), or s to skip."
        }
    }

    func startJustification() {
        mode = .justification
        say("Why does this question not apply? A reason is required. An empty line cancels.")
    }

    func justificationInput(_ line: String) {
        let t = line.trimmingWhitespaceAndNewlines()
        guard !t.isEmpty, t.lowercased() != "cancel" else {
            mode = .question
            say("Not applicable was not recorded.")
            return
        }
        mode = .question
        let now = Timestamp.now(), user = self.user
        _ = commit(advance: true) { old in
            var a = old ?? Answer(value: nil, by: user, at: now)
            a.value = nil
            a.notApplicable = true
            a.justification = t
            return a
        } confirm: { _ in "Saved as not applicable." }
    }

    func noteInput(_ line: String) {
        mode = .question
        let t = line.trimmingWhitespaceAndNewlines()
        guard let o = current else { return }
        let old = o.session.answers[o.question]?.note
        if t.isEmpty { say("The note was not changed."); return }
        if t == "-" {
            guard old != nil else { say("There is no note to remove."); return }
        }
        let now = Timestamp.now(), user = self.user
        if commit(transform: { old in
            var a = old ?? Answer(value: nil, by: user, at: now)
            a.note = t == "-" ? nil : line.trimmingWhitespace()
            return a.value == nil && !a.notApplicable && (a.note ?? "").isEmpty && a.evidence.isEmpty ? nil : a
        }) {
            say(t == "-" ? "Note removed." : "Note saved.")
        }
    }

    func evidenceInput(_ line: String) {
        mode = .question
        let t = line.trimmingWhitespace()
        if t.isEmpty { say("No evidence was added."); return }
        if t.count > 2000 { say("Not saved: invalid evidence reference '\(AnswerInput.shown(t))'."); return }
        let now = Timestamp.now(), user = self.user
        if commit(transform: { old in
            var a = old ?? Answer(value: nil, by: user, at: now)
            if t == "-" { a.evidence = [] } else if !a.evidence.contains(t) { a.evidence.append(t) }
            return a.value == nil && !a.notApplicable && (a.note ?? "").isEmpty && a.evidence.isEmpty ? nil : a
        }) {
            say(t == "-" ? "Evidence removed." : "Evidence added.")
        }
    }

    /// One change to the current question's answer, as a locked read-modify-write of the stored
    /// session (so a concurrent command-line write is never lost). With `advance`, moves on to
    /// the next applicable question under the new answers and says what the change made
    /// (not) applicable.
    @discardableResult
    func commit(advance: Bool = false, transform: @escaping (Answer?) -> Answer?, confirm: ((Session) -> String)? = nil) -> Bool {
        guard var o = current, !o.readOnly else { return false }
        let qid = o.question
        let before = o.evaluation
        let q = o.questionnaire
        let index = o.index
        let user = self.user
        let now = Timestamp.now()
        var next: String? = nil
        do {
            let s = try store.update(o.session.id) { s in
                s.pin(to: q, by: user, at: now)  // migrate old answers before applying the new one
                var a = transform(s.answers[qid])
                a?.by = user
                a?.at = now
                s.set(qid, to: a, by: user, at: now)
                s.pin(to: q)
                var target = qid
                if advance {
                    let ev = Evaluation(questionnaire: q, session: s)
                    let order = index.questionOrder
                    if let i = order.firstIndex(of: qid) {
                        next = order[(i + 1)...].first { ev.questions[$0]?.applicable ?? false }
                    }
                    target = next ?? qid
                }
                s.position = Session.Position(question: target, node: index.questionPath[target]?.first)
            }
            o.session = s
            o.evaluation = Evaluation(questionnaire: q, session: s)
            current = o
        } catch {
            say("Not saved: \(error).")
            return false
        }
        if let confirm { say(confirm(o.session) + " " + progressWords(o.evaluation)) }
        announceChanges(from: before, to: o.evaluation)
        if advance { move(to: next, save: false) }
        return true
    }

    /// Says which chapters (or other conditional parts) started or stopped applying, and why.
    func announceChanges(from old: Evaluation, to new: Evaluation) {
        guard let o = current else { return }
        var covered = Set<String>()
        func open(_ ev: Evaluation, _ n: Node) -> Bool {
            var any = false
            func go(_ n: Node) {
                if n.questions.contains(where: { ev.questions[$0.id]?.applicable ?? false }) { any = true }
                if !any { n.children.forEach(go) }
            }
            go(n)
            return any
        }
        func visit(_ n: Node) {
            if n.condition != nil || n.conditionSource != nil {
                let was = open(old, n), now = open(new, n)
                if was != now {
                    let name = partTitle(n)
                    if now {
                        say("\(name) now applies." + (n.conditionReason.map { " " + sentence(inline($0)) } ?? ""))
                    } else {
                        let why = new.nodes[n.id]?.hiddenReason ?? n.conditionReason ?? "its condition is no longer met"
                        say("\(name) no longer applies. " + sentence(inline(why)))
                    }
                    questions(under: n.id).forEach { covered.insert($0) }
                    return
                }
            }
            n.children.forEach(visit)
        }
        o.questionnaire.nodes.forEach(visit)
        var shown = 0, hidden = 0
        for id in o.index.questionOrder where !covered.contains(id) {
            let a = old.questions[id]?.applicable ?? false, b = new.questions[id]?.applicable ?? false
            if !a && b { shown += 1 }
            if a && !b { hidden += 1 }
        }
        if shown > 0 { say("\(shown) more \(shown == 1 ? "question now applies" : "questions now apply").") }
        if hidden > 0 { say("\(hidden) \(hidden == 1 ? "question no longer applies" : "questions no longer apply").") }
    }

    /// "Chapter Safety and Security", "Measure 1.2 Provide information"
    func partTitle(_ n: Node) -> String {
        let kind = n.kind.label
        if let num = n.number, !num.isEmpty, n.kind != .chapter, n.kind != .scope {
            if num.lowercased().hasPrefix(n.kind.rawValue) { return "\(inline(num)) \(inline(n.title))" }
            return "\(kind) \(inline(num)) \(inline(n.title))"
        }
        return "\(kind) \(inline(n.title))"
    }

    func describe(_ v: AnswerValue, _ q: Question) -> String {
        let keys = optionKeys(q)
        func opt(_ value: String) -> String {
            guard let i = q.options.firstIndex(where: { $0.value == value }) else { return inline(value) }
            return "\(keys[i]). \(inline(q.options[i].label))"
        }
        switch v {
        case let .text(s):
            switch q.type {
            case .graded, .choice, .scale: return opt(s)
            case .text: return s.count > 60 ? "your text" : inline(s)
            case .multi, .number, .date: return inline(s)
            }
        case let .number(n): return formatNumber(n) + (q.unit.map { " \(inline($0))" } ?? "")
        case let .choices(c): return c.map(opt).joined(separator: ", ")
        }
    }

    func describe(_ a: Answer, _ q: Question) -> String? {
        if a.notApplicable { return "not applicable, because: \(a.justification ?? "")" }
        guard let v = a.value else { return nil }
        return describe(v, q)
    }

    // MARK: - Jump, guidance, score, help

    func goTo(_ target: String) {
        guard let o = current else { return }
        let t = target.trimmingWhitespace()
        if t.isEmpty {
            say("Go where? Type g and a measure number, like g 1.2.")
            return
        }
        // A question or node id.
        if o.index.questions[t] != nil {
            guard isApplicable(t) else { say("That question does not apply. " + sentence(inline(o.evaluation.questions[t]?.hiddenReason ?? "condition not met"))); return }
            move(to: t, save: true)
            return
        }
        var candidates: [Node] = []
        if let n = o.index.nodes[t] { candidates = [n] }
        if candidates.isEmpty {
            let words = t.split(separator: " ").map(String.init)
            var measures: [Node] = []
            var all: [Node] = []
            o.questionnaire.walk { n, _ in all.append(n) }
            let number = words.last!.lowercased()
            measures = all.filter { ($0.number ?? "").lowercased() == number }
            if words.count > 1 {
                let chapterWords = words.dropLast().joined(separator: " ").lowercased()
                let chapters = o.questionnaire.nodes.filter {
                    $0.title.lowercased().hasPrefix(chapterWords) || ($0.number ?? "").lowercased() == chapterWords
                }
                measures = measures.filter { m in chapters.contains { (o.index.nodePath[m.id] ?? []).contains($0.id) } }
            } else if measures.isEmpty {
                // A chapter by the start of its title.
                measures = o.questionnaire.nodes.filter { $0.title.lowercased().hasPrefix(t.lowercased()) }
            }
            if measures.count > 1 {
                let preferred = measures.filter { $0.kind == .measure }
                if !preferred.isEmpty { measures = preferred }
            }
            if measures.count > 1 {
                // Prefer the ones that apply, then the one in the current chapter.
                let open = measures.filter { !questions(under: $0.id).filter(isApplicable).isEmpty }
                if !open.isEmpty { measures = open }
            }
            if measures.count > 1 {
                let chapter = o.index.questionPath[o.question]?.last
                let here = measures.filter { chapter != nil && (o.index.nodePath[$0.id] ?? []).contains(chapter!) }
                if here.count == 1 { measures = here }
            }
            if measures.count > 1 {
                let chapters = measures.compactMap { o.index.nodePath[$0.id]?.last.flatMap { o.index.nodes[$0] } }.map { inline($0.title) }
                say("\(inline(t)) is in several chapters: \(chapters.joined(separator: ", ")).")
                say("Add the chapter name, like g \(chapters.first!.lowercased()) \(inline(t)).")
                return
            }
            candidates = measures
        }
        guard let n = candidates.first else {
            say("No measure \(inline(t)). Type g and a measure number, like g 1.2.")
            return
        }
        let qs = questions(under: n.id)
        guard let landing = qs.first(where: { isApplicable($0) && !isAnswered($0) }) ?? qs.first(where: isApplicable) else {
            let why = o.evaluation.nodes[n.id]?.hiddenReason ?? n.conditionReason ?? "no question in it applies"
            let pending = o.evaluation.nodes[n.id]?.status == .scopePending
            say("\(partTitle(n)) \(pending ? "is waiting for scope: it applies or not depending on scope answers not given yet" : "does not apply"). " + sentence(inline(why)))
            return
        }
        move(to: landing, save: true)
    }

    func showGuidance() {
        guard let o = current, let q = o.index.questions[o.question] else { return }
        var any = false
        if let g = q.guidance(given: o.session.answers, o.evaluation), !g.isEmpty { say("Guidance: \(block(g))"); any = true }
        let path = o.index.questionPath[q.id] ?? []
        if let m = path.compactMap({ o.index.nodes[$0] }).first(where: { $0.kind == .measure }), let g = m.guidance, !g.isEmpty {
            say("Guidance for \(partLabel(m)): \(block(g))"); any = true
        }
        if let m = path.compactMap({ o.index.nodes[$0] }).first(where: { $0.kind == .measure }), !m.requirements.isEmpty {
            sayRequirements(m); any = true
        }
        if !q.references.isEmpty { say("References: " + q.references.map(inline).joined(separator: "; ") + "."); any = true }
        if let h = q.evidenceHint { say("Suggested evidence: \(block(h))"); any = true }
        if let r = q.remediation, !r.isEmpty { say("If this falls short: \(block(r))"); any = true }
        if !any { say("There is no guidance for this question.") }
    }

    func showScore() {
        guard let o = current else { return }
        let ev = o.evaluation
        func pct(_ x: Double?) -> String { x.map { "\(Int(($0 * 100).rounded())) percent" } ?? "no score yet" }
        func line(_ name: String, _ r: Evaluation.NodeResult) -> String {
            if r.status == .notApplicable { return "\(name): not applicable." + (r.hiddenReason.map { " \(sentence(inline($0)))" } ?? "") }
            if r.status == .scopePending, r.id != "overall" {
                return "\(name): waiting for scope." + (r.hiddenReason.map { " \(sentence(inline($0)))" } ?? "")
            }
            var s = "\(name): \(r.status.label)"
            if r.score != nil { s += ", score \(pct(r.score))" }
            return s + ", \(r.answeredQuestions) of \(r.applicableQuestions) answered."
        }
        say(line("Overall", ev.overall))
        if (ev.overall.coverage ?? 0) < 1 && ev.overall.status != .notApplicable {
            say("The score is provisional until every applicable question is answered.")
        }
        for n in o.questionnaire.nodes { if let r = ev.nodes[n.id] { say(line(inline(n.title), r)) } }
        if mode == .question, let m = (o.index.questionPath[o.question] ?? []).compactMap({ o.index.nodes[$0] }).first(where: { $0.kind == .measure }),
           let r = ev.nodes[m.id] {
            say(line(inline(o.questionnaire.qualifiedName(of: m.id) ?? partTitle(m)), r))
        }
    }

    func showHelp() {
        say("Answer by typing the number of an option, or its value.")
        say("For several choices, separate the numbers with commas, like 1,3.")
        say("Commands:")
        say("s: skip to the next question.")
        say("b: go back to the previous question.")
        say("u: go to the next unanswered question.")
        say("r: repeat the question.")
        say("na: mark not applicable. You will be asked why.")
        say("c: clear the answer.")
        say("note: add or change a note.")
        say("e: add evidence, such as a document id, path or URL.")
        say("i: show guidance.")
        say("p or score: show the score.")
        say("g and a measure number, like g 1.2: go to that measure. Add a chapter name if needed, like g copyright 1.2.")
        say("q: quit. Everything is saved as you go.")
        say("An empty line keeps the current answer and moves on.")
        say("To give an answer that looks like a command, start it with =.")
    }

    // MARK: - Text

    /// One-line text from a file or user: control characters made visible, line breaks as spaces.
    func inline(_ s: String) -> String {
        SafeText.inert(s.replacingAll("\r\n", with: " ").replacingAll("\n", with: " "), keepNewlines: false)
    }

    /// "only for models" → "Only for models."
    func sentence(_ s: String) -> String {
        var t = s.prefix(1).uppercased() + s.dropFirst()
        if !(t.hasSuffix(".") || t.hasSuffix("!") || t.hasSuffix("?")) { t += "." }
        return t
    }

    /// Paragraph text: control characters made visible, line breaks kept.
    func block(_ s: String) -> String { SafeText.inert(s, keepNewlines: true) }

    func shortDate(_ d: Date) -> String {
        let f = Timestamp.format(d)
        return String(f.prefix(10)) + " " + String(f.dropFirst(11).prefix(5)) + " UTC"
    }
}
