import AssessmentCore
import ArgumentParser
import CursesBackend
import FoundationEssentials
import PlainMode
import AssessmentStore
import Reports
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Hands over to the interactive front end: the full screen (CursesBackend), or plain mode
/// (line-by-line prompts) with --plain, ACCESSIBLE set, no terminal, or a dumb or unknown TERM.
enum Interactive {
    enum Target { case home, session(String) }

    static func launch(_ ctx: Context, open target: Target, facilitate: Bool = false) throws {
        let env = ProcessEnvironment.all
        if let reason = PlainModeDecision.reason(flag: ctx.plain, environment: env,
                                                 stdinIsTerminal: isatty(0) == 1, stdoutIsTerminal: isatty(1) == 1) {
            if facilitate { Output.note("facilitator mode is part of the full screen; plain mode walks the questionnaire as usual") }
            try runPlain(ctx, target, reason)
            return
        }
        let start: TUIStart
        switch target {
        case .home: start = .home
        case let .session(id): start = .session(id)
        }
        var screenEnv = env
        if ctx.noMouse { screenEnv["GPAI_ASSESS_NO_MOUSE"] = "1" }
        let sync = BackgroundSync.start(ctx, disabled: ctx.noSync)
        let code = TerminalApp.run(store: ctx.store, source: QuestionnaireSource(ctx.catalog), open: start, user: ctx.user, facilitate: facilitate,
                                   environment: screenEnv,
                                   report: { s, q, format, path in try writeReport(s, q, format: format, path: path) })
        if let m = sync?.finish(finalSync: code == 0) { Output.stderr(m) }
        if code == 5 {  // TerminalApp.exitNoTerminal: no usable terminal
            // The full screen could not start (its message is on stderr): continue in plain mode.
            try runPlain(ctx, target, .fullScreenFailed)
            return
        }
        if code != 0 { throw ExitCode(code) }
    }

    static func runPlain(_ ctx: Context, _ target: Target, _ reason: PlainModeDecision.Reason) throws {
        let start: PlainStart
        switch target {
        case .home: start = .home
        case let .session(id): start = .session(id)
        }
        let code = PlainRunner.run(store: ctx.store, source: QuestionnaireSource(ctx.catalog), open: start, user: ctx.user, reason: reason)
        if code != 0 { throw ExitCode(code) }
    }
}

/// The report dialog of the full screen: renders the session in the chosen format and writes it
/// atomically to the path typed (a leading `~/` is the home folder, a relative path is relative to
/// where the program was started), never over an existing file. What it throws is shown in the dialog.
func writeReport(_ s: Session, _ q: Questionnaire, format f: ReportFormat, path typed: String) throws -> String {
    var path = typed
    if path == "~" || path.hasPrefix("~/") {
        path = FileIO.homeFolder() + path.dropFirst()
    }
    if !path.hasPrefix("/") { path = FileManager.default.currentDirectoryPath + "/" + path }
    var st = stat()
    if lstat(path, &st) == 0 { throw CLIError("'\(typed)' exists; choose another name") }
    let text = ReportRenderer.render(f, session: s, questionnaire: q)
    do { try FileIO.atomicWrite(Array(text.utf8), to: path) } catch { throw CLIError(error.description, code: Exit.ioError) }
    return "wrote " + typed
}
