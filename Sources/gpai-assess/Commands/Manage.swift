import ArgumentParser
import AssessmentCore
import AssessmentStore
import FoundationEssentials

struct Rename: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rename", abstract: "Change a session's title (its id stays).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Session id or unique prefix.") var session: String
    @Argument(help: "The new title.") var title: String

    func run() throws {
        let ctx = try Context(global)
        let t = try checkedLine(title, "title")
        let (s, q) = try ctx.open(session, quiet: true)
        try ctx.update(s.id, questionnaire: q) { $0.rename(to: t, by: ctx.user, at: Timestamp.now()) }
    }
}

struct Delete: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a session (asks first; --yes for scripts).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Session id or unique prefix.") var session: String
    @Flag(help: "Do not ask.") var yes = false
    @Flag(help: "Delete even while the session is open elsewhere.") var force = false

    func run() throws {
        let ctx = try Context(global)
        let id = try ctx.resolve(session)
        if !force, let h = SessionLock.holder(of: id, in: ctx.store), !h.isStale {
            throw CLIError("session '\(id)' is open elsewhere (\(h.description)); close it there first, or use --force", code: Exit.problems)
        }
        guard try confirmOrRefuse(yes: yes, "delete", id, prompt: { "Delete session '\(id)'? This cannot be undone." }) else {
            Output.stderr("Not deleted."); return
        }
        do { try ctx.store.delete(id, force: force) } catch { throw CLIError(error.description, code: Exit.ioError) }
    }
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Copy a session to a file (to archive it or move it to another store).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Session id or unique prefix.") var session: String
    @Option(name: [.short, .long], help: ArgumentHelp("Where to write it.", valueName: "file")) var output: String
    @Flag(help: "Overwrite the file if it exists.") var force = false

    func run() throws {
        let ctx = try Context(global)
        let (s, _) = try ctx.open(session, quiet: true)
        let bytes = try SessionCodec.encode(s)
        try writeOutput(String(decoding: bytes, as: UTF8.self), to: output, force: force)
    }
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Add a session file to the store (refuses to replace one without --force).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "A session file written by 'export'.") var file: String
    @Flag(help: "Replace a session with the same id.") var force = false

    func run() throws {
        let ctx = try Context(global)
        let bytes: [UInt8]
        do { bytes = try FileIO.read(file) } catch { throw CLIError(error.description) }
        let s: Session
        switch SessionCodec.check(bytes) {
        case let .success(x): s = x
        case let .failure(u): throw CLIError("'\(file)' is not a session file: \(u.reason)")
        }
        guard SessionStore.isValidID(s.id) else { throw CLIError("'\(file)' holds an invalid session id '\(AnswerInput.shown(s.id))'") }
        if ctx.store.ids().contains(s.id) && !force {
            throw CLIError("session '\(s.id)' already exists in the store; use --force to replace it")
        }
        if (try? ctx.catalog.questionnaire(s.questionnaire.id)) == nil {
            Output.warning("questionnaire '\(s.questionnaire.id)' is not installed; the session is imported but cannot be scored until it is")
        }
        do { try ctx.store.save(s) } catch { throw CLIError(error.description, code: Exit.ioError) }
        Output.stdout(s.id)
    }
}
