import ArgumentParser
import AssessmentCore

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Start a new assessment.",
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
        let t = try validTitle(title)
        let organisation = try validDetail(organisation, "--organisation"), model = try validDetail(model, "--model")
        let modelVersion = try validDetail(modelVersion, "--model-version")
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
    static let configuration = CommandConfiguration(abstract: "Open a session in the interactive screen (a picker when none is given).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Session id or a unique prefix of it.") var session: String?
    @Flag(help: "Start in facilitator mode (guidance shown, discussion notes, timer; 'watch' viewers follow you).") var facilitate = false

    func run() throws {
        let ctx = try Context(global)
        if let session { try Interactive.launch(ctx, open: .session(try ctx.resolve(session)), facilitate: facilitate) }
        else { try Interactive.launch(ctx, open: .home) }
    }
}
