import AssessmentCore
import ArgumentParser
import CursesBackend

/// Hands over to the interactive front end (CursesBackend).
enum Interactive {
    enum Target { case home, session(String) }

    static func launch(_ ctx: Context, open target: Target) throws {
        let start: TUIStart
        switch target {
        case .home: start = .home
        case let .session(id): start = .session(id)
        }
        let code = TerminalApp.run(store: ctx.store, questionnaires: ctx.catalog.questionnaires, open: start, user: ctx.user)
        if code != 0 { throw ExitCode(code) }
    }
}
