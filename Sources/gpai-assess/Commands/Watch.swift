import ArgumentParser
import AssessmentCore
import AssessmentStore
import CursesBackend
import FoundationEssentials

struct Watch: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "watch",
        abstract: "Follow a session live, read-only, from another terminal (e.g. a workshop on a shared host).",
        discussion: """
        Shows the assessment screen as it is edited elsewhere: the question being discussed (the
        facilitator's, when facilitator mode is on in the editing terminal — key F — else the last
        position saved), answers, progress and scores, within a second of each save. It never takes
        the session's lock and never writes, so any number of people can watch while one edits.

        Keys: f stops / resumes following (move around freely meanwhile), i guidance, d dashboard, q quits.
        Uses inotify on the sessions folder; set GPAI_ASSESS_WATCH_POLL=1 to check every 0.5 s instead.

        Examples:
          gpai-assess resume acme-q3        (facilitator: press F)
          gpai-assess watch acme-q3         (everyone else, on their own login)
        """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Session id or a unique prefix of it.") var session: String

    func run() throws {
        let ctx = try Context(global)
        let id = try ctx.resolve(session)
        var env = ProcessEnvironment.all
        if ctx.noMouse { env["GPAI_ASSESS_NO_MOUSE"] = "1" }
        let code = TerminalApp.watch(store: ctx.store, source: QuestionnaireSource(ctx.catalog), sessionID: id, user: ctx.user, environment: env)
        if code != 0 { throw ExitCode(code) }
    }
}
