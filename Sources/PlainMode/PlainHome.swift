import AssessmentCore
import AssessmentStore
import FoundationEssentials

/// The list of saved assessments and the start of a new one.
extension PlainSession {
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
                openSession(homeEntries[k - 1])
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
        guard let t = SafeText.validLine(t) else {
            say("Invalid title '\(AnswerInput.shown(line))': use 1 to \(SafeText.maxLineLength) printable characters.")
            return
        }
        guard let q = installed(questionnaireID) else { showHome(); return }
        do {
            let s = try store.create(title: t, questionnaire: q, by: user)
            say("Created assessment \(s.id). Answers are saved as you go.")
            openSession(s.id)
        } catch {
            say("Cannot create it: \(error).")
            showHome()
        }
    }
}
