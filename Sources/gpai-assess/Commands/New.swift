import ArgumentParser
import AssessmentCore
import AssessmentStore

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "new", abstract: "Start a new assessment.",
        discussion: "Example: gpai-assess new --questionnaire gpai-cop-2025 --title \"Acme model Q3 2026\" --no-tui")

    @OptionGroup var global: GlobalOptions
    @Option(name: [.short, .long], help: "Questionnaire id.") var questionnaire: String
    @Option(name: [.short, .long], help: "Title of the assessment.") var title: String
    @Option(help: "Organisation assessed.") var organisation: String?
    @Option(help: "Model assessed (its name).") var model: String?
    @Option(help: ArgumentHelp("The model's version.", valueName: "version")) var modelVersion: String?
    @Flag(help: "Do not open the interactive screen; print only the new session id.") var noTui = false

    func run() throws {
        let ctx = try Context(global)
        let t = try checkedLine(title, "title")
        let organisation = try organisation.map { try checkedLine($0, "--organisation") }, model = try model.map { try checkedLine($0, "--model") }
        let modelVersion = try modelVersion.map { try checkedLine($0, "--model-version") }
        let q = try ctx.questionnaire(argument: questionnaire)
        // The installed one by that id (what reopening the session loads) must be this one.
        guard (try? ctx.catalog.questionnaire(q.id))?.digest == q.digest else {
            throw CLIError("questionnaire file '\(questionnaire)' is not installed; put it in a folder listed in GPAI_ASSESS_QUESTIONNAIRES so the session can be reopened")
        }
        let s: Session
        do { s = try ctx.store.create(title: t, questionnaire: q, by: ctx.user, organisation: organisation, model: model, modelVersion: modelVersion) }
        catch { throw CLIError(error.description, code: Exit.ioError) }
        if noTui { Output.stdout(s.id); return }
        try Interactive.launch(ctx, open: .session(s.id))
    }
}

struct Resume: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "resume", abstract: "Open a session in the interactive screen (a picker when none is given).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Session id or a unique prefix of it.") var session: String?
    @Flag(help: "Start in facilitator mode (guidance shown, discussion notes, timer; 'watch' viewers follow you).") var facilitate = false
    @Option(help: ArgumentHelp("Open at a measure or question: an id (cr.c1.m1_3, cr.c1.m1_3.q2), a number (1.3), or a measure named with its chapter ('Copyright 1.3', C1.3).",
                               valueName: "NODE")) var at: String?

    func run() throws {
        try Self.start(try Context(global), session: session, at: at, facilitate: facilitate)
    }

    /// What `resume` does, for the parser and `ResumeFastPath` alike: saves the position `--at`
    /// names, then opens the session (the picker when none is given).
    static func start(_ ctx: Context, session: String?, at: String?, facilitate: Bool) throws {
        guard let session else {
            if at != nil { throw CLIError("--at needs a session: gpai-assess resume SESSION --at NODE") }
            return try Interactive.launch(ctx, open: .home)
        }
        let id = try ctx.resolve(session)
        if let at { try move(ctx, id, to: at) }
        // Its questionnaire is decoded while the terminal is being set up.
        QuestionnairePrefetch.start(id, in: ctx.store, catalog: ctx.catalog)
        try Interactive.launch(ctx, open: .session(id), facilitate: facilitate)
    }

    /// Saves the position at `text` (resolved against the session's questionnaire) so both front
    /// ends open there. The session is read once, under the store's lock, for the resolution and the write.
    static func move(_ ctx: Context, _ id: String, to text: String) throws {
        do {
            try ctx.store.update(id) { s in
                let q = try ctx.questionnaire(s.questionnaire.id)
                let ev = Evaluation(questionnaire: q, session: s)
                let target = try resolveTarget(text, in: q, questions: true, evaluation: ev, near: s.position?.question)
                guard let question = q.landing(target, in: ev) else { throw CLIError("'\(AnswerInput.shown(text))' has no questions to open") }
                var node: String?
                if case let .node(n) = target { node = n } else { node = q.index.questionPath[question]?.first }
                s.position = Session.Position(question: question, node: node, guidance: s.position?.guidance)
            }
        } catch let e as CLIError { throw e } catch let e as StoreError {
            switch e {
            case .noSuchSession, .unreadable: throw CLIError(e.description, code: Exit.problems)
            default: throw CLIError("cannot save the position: \(e)", code: Exit.ioError)
            }
        } catch { throw CLIError("cannot save the position: \(error)", code: Exit.ioError) }
    }
}
