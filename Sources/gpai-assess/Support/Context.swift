import ArgumentParser
import AssessmentCore
import AssessmentStore
import FoundationEssentials
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Store folder (default: $GPAI_ASSESS_HOME, $XDG_DATA_HOME/gpai-assess or ~/.local/share/gpai-assess).", valueName: "dir"))
    var store: String?

    @Option(name: .customLong("as"), help: ArgumentHelp("Record answers under this name instead of your login name (shared accounts).", valueName: "name"))
    var asUser: String?

    @Flag(name: .long, help: "Line-by-line prompts instead of the full screen (screen readers, dumb terminals, pipes). Also when ACCESSIBLE is set or there is no terminal.")
    var plain = false

    @Flag(name: .customLong("no-mouse"), help: "Do not take the mouse in the full screen (clicks and the wheel then go to the terminal, e.g. for selecting text). Also when GPAI_ASSESS_NO_MOUSE=1.")
    var noMouse = false

    @Flag(name: .long, help: "The full screen does not sync with the store's git remote in the background.")
    var noSync = false
}

/// What a command needs: the store, the questionnaires, who is acting.
struct Context {
    let store: SessionStore
    let catalog: QuestionnaireCatalog
    /// Who is acting: `--as NAME`, else the login name, looked up when first asked for (the look-up
    /// reads /etc/nsswitch.conf and /etc/passwd, and `resume` starts reading its session before it).
    var user: String { asUser ?? CurrentUser.name }
    private let asUser: String?
    /// `--plain`: the interactive front end uses line-by-line prompts.
    let plain: Bool
    /// `--no-mouse`: the full screen leaves the mouse to the terminal.
    let noMouse: Bool
    /// `--no-sync`: no background sync behind the full screen.
    let noSync: Bool

    init(_ g: GlobalOptions) throws {
        try self.init(store: g.store, asUser: g.asUser, plain: g.plain, noSync: g.noSync, noMouse: g.noMouse)
    }

    init(store storeOption: String?, asUser: String?, plain: Bool, noSync: Bool = false, noMouse: Bool = false) throws {
        self.plain = plain
        self.noSync = noSync
        self.noMouse = noMouse
        if let given = storeOption {
            guard !given.isEmpty else { throw CLIError("--store needs a folder; '' names none") }
            var st = stat()
            if stat(given, &st) == 0, st.st_mode & S_IFMT != S_IFDIR {
                throw CLIError("--store '\(AnswerInput.shown(given))' is not a folder")
            }
        }
        let root = storeOption.map { $0.standardizedPath(from: ProcessEnvironment.currentDirectory) } ?? SessionStore.defaultRoot()
        store = SessionStore(root: root)
        if let p = store.sessionsFolderProblem { throw CLIError("cannot use store '\(root)': " + p, code: Exit.problems) }
        catalog = QuestionnaireCatalog(folders: QuestionnaireCatalog.defaultFolders(), cache: QuestionnaireCache.user())
        if let u = asUser {
            guard let t = SafeText.validName(u) else {
                throw CLIError("invalid name '\(AnswerInput.shown(u))' for --as; use 1–64 printable characters (no control or bidi characters)")
            }
            self.asUser = t
        } else {
            self.asUser = nil
        }
    }

    func questionnaire(_ id: String) throws -> Questionnaire {
        do { return try catalog.questionnaire(id) } catch { throw CLIError(error.description) }
    }

    /// A questionnaire as typed on the command line: an id or a path to a file.
    func questionnaire(argument: String) throws -> Questionnaire {
        do { return try catalog.questionnaire(argument: argument) } catch { throw CLIError(error.description) }
    }

    func resolve(_ arg: String) throws -> String {
        do { return try store.resolve(arg) } catch { throw CLIError(error.description) }
    }

    /// Loads a session and its questionnaire, telling the user when the questionnaire changed.
    func open(_ arg: String, quiet: Bool = false) throws -> (Session, Questionnaire) {
        let id = try resolve(arg)
        let s: Session
        do { s = try store.load(id) } catch {
            throw CLIError(error.description, code: Exit.problems)
        }
        let q = try questionnaire(s.questionnaire.id)
        if !quiet && q.digest != s.questionnaire.digest {
            let ev = Evaluation(questionnaire: q, session: s)
            var msg = "questionnaire '\(q.id)' changed since session '\(s.id)' was saved (version \(s.questionnaire.version) → \(q.version)); answers are matched by question id"
            if !ev.orphanedAnswers.isEmpty {
                msg += "; \(ev.orphanedAnswers.count) answer(s) to questions that no longer exist are kept: \(ev.orphanedAnswers.prefix(5).joined(separator: ", "))"
            }
            let invalid = ev.questions.values.filter { $0.invalidAnswer != nil }.map(\.id).sorted()
            if !invalid.isEmpty { msg += "; \(invalid.count) answer(s) no longer fit their question: \(invalid.prefix(5).joined(separator: ", "))" }
            var preview = s
            let moves = preview.migrate(from: s.questionnaire.version, to: q, by: user, at: s.updated)
            if !moves.isEmpty {
                let again = moves.filter { $0.kind == .askedAgain }.map(\.question)
                msg += "; the next save carries \(moves.count - again.count) answer(s) over to changed questions"
                if !again.isEmpty { msg += " and asks again: \(again.prefix(5).joined(separator: ", "))" }
            }
            Output.note(msg)
        }
        return (s, q)
    }

    /// Locked read-modify-write of one session; records the current questionnaire version when it changed something and carries old answers over first (`Session.write(with:by:at:_:)`).
    @discardableResult
    func update(_ id: String, questionnaire q: Questionnaire, _ body: (inout Session) throws -> Void) throws -> Session {
        do {
            return try store.update(id) { s in
                try s.write(with: q, by: user, at: Timestamp.now(), body)
            }
        } catch let e as CLIError { throw e } catch let e as StoreError {
            if case .tooLarge = e { throw CLIError(e.description, code: Exit.usage) }
            throw CLIError(e.description, code: Exit.ioError)
        }
    }
}

/// Asks a yes/no question on the terminal; false when input is not a terminal.
func confirm(_ prompt: String) -> Bool {
    guard Output.stdinIsTerminal else { return false }
    StandardStream.error.write(SafeText.inert("\(prompt) [y/N] "))
    guard let line = readLine() else { return false }
    return ["y", "yes"].contains(line.trimmingWhitespace().lowercased())
}

/// Without `yes`: refuses when input is not a terminal, else asks (`prompt` is built only then).
/// True when the command may go ahead.
func confirmOrRefuse(yes: Bool, _ verb: String, _ id: String, prompt: () throws -> String) throws -> Bool {
    if yes { return true }
    guard Output.stdinIsTerminal else { throw CLIError("refusing to \(verb) '\(id)' without --yes when input is not a terminal") }
    return confirm(try prompt())
}

