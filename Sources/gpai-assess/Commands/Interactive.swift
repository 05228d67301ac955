import AssessmentCore
import ArgumentParser
import CursesBackend
import Foundation
import PlainMode
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
        let code = TerminalApp.run(store: ctx.store, questionnaires: ctx.catalog.questionnaires, open: start, user: ctx.user)
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
