import AssessmentCore
import ArgumentParser
import CursesBackend
import Foundation
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

    static func launch(_ ctx: Context, open target: Target) throws {
        let env = ProcessInfo.processInfo.environment
        if let reason = PlainModeDecision.reason(flag: ctx.plain, environment: env,
                                                 stdinIsTerminal: isatty(0) == 1, stdoutIsTerminal: isatty(1) == 1) {
            try runPlain(ctx, target, reason)
            return
        }
        let start: TUIStart
        switch target {
        case .home: start = .home
        case let .session(id): start = .session(id)
        }
        let code = TerminalApp.run(store: ctx.store, source: QuestionnaireSource(ctx.catalog), open: start, user: ctx.user,
                                   report: { s, q in try writeReports(s, q, store: ctx.store) })
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
        let code = PlainRunner.run(store: ctx.store, questionnaires: ctx.catalog.questionnaires, open: start, user: ctx.user, reason: reason)
        if code != 0 { throw ExitCode(code) }
    }
}

/// The report key of the full screen: writes the HTML and Markdown reports next to where the
/// program was started (or into the store's reports/ folder when that is not writable), never
/// overwriting an existing file, and says where they went.
func writeReports(_ s: Session, _ q: Questionnaire, store: SessionStore) throws -> String {
    let cwd = FileManager.default.currentDirectoryPath
    let folder = access(cwd, W_OK) == 0 ? cwd : store.root + "/reports"
    try FileIO.ensureDirectory(folder)
    let day = String(Timestamp.format(Timestamp.now()).prefix(10))
    var written: [String] = []
    for format in [ReportFormat.html, .md] {
        var path = "\(folder)/\(s.id)-report-\(day).\(format.rawValue)"
        var n = 2
        while FileManager.default.fileExists(atPath: path) {
            path = "\(folder)/\(s.id)-report-\(day)-\(n).\(format.rawValue)"
            n += 1
        }
        try FileIO.atomicWrite(Array(ReportRenderer.render(format, session: s, questionnaire: q).utf8), to: path)
        written.append(path)
    }
    return "wrote " + written.joined(separator: " and ")
}
