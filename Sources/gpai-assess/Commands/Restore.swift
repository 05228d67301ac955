import ArgumentParser
import AssessmentCore
import AssessmentStore

struct Restore: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "restore",
        abstract: "Undo the last save of a session by putting its previous version back.",
        discussion: "Each save keeps the previous version as <id>.json.bak. Restoring swaps the two, so a restore can itself be undone."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Session id or unique prefix.") var session: String
    @Flag(help: "Do not ask.") var yes = false

    func run() throws {
        let ctx = try Context(global)
        let id = try ctx.resolve(session)
        let backup = try ctx.store.backupPath(for: id)
        let previous: Session
        do { previous = try SessionCodec.decode(try FileIO.read(backup)) } catch {
            throw CLIError("no usable previous version of '\(id)' to restore (\(error))", code: Exit.problems)
        }
        let confirmed = try confirmOrRefuse(yes: yes, "restore", id) {
            let current = try? ctx.store.load(id)
            return "Restore '\(id)' to the version saved \(Timestamp.format(previous.updated)) by \(SafeText.inert(previous.updatedBy, keepNewlines: false))"
                + (current.map { " (replacing the one saved \(Timestamp.format($0.updated)), which becomes the backup)" } ?? "") + "?"
        }
        guard confirmed else { Output.stderr("Not restored."); return }
        do {
            let r = try ctx.store.restore(id)
            Output.stderr("Restored '\(id)' to the version saved \(Timestamp.format(r.restored.updated)); \(r.restored.answers.count) answers.")
        } catch { throw CLIError(error.description, code: Exit.ioError) }
    }
}

struct Doctor: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "doctor",
        abstract: "Check the store and list every problem; optionally move broken files to a quarantine folder.",
        discussion: "Nothing is changed without --quarantine, and nothing is ever deleted: broken files move to <store>/quarantine/. Exit status 1 when problems are found."
    )

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Move unreadable session files, leftover temporary files and stale locks to <store>/quarantine/.") var quarantine = false
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let ctx = try Context(global)
        let doctor = StoreDoctor(store: ctx.store)
        let problems = doctor.examine(catalog: ctx.catalog)
        var moved: [String: String] = [:]
        if quarantine {
            for p in problems where p.quarantinable {
                do { moved[p.path] = try doctor.quarantine(p) } catch { Output.error(error.description) }
            }
        }
        if json {
            Output.stdout(JSON.array(problems.map { p in
                ["kind": .string(p.kind.rawValue), "path": .string(p.path), "message": .string(p.message), "movedTo": JSON(moved[p.path])]
            }).serialized())
        } else if problems.isEmpty {
            Output.stdout("No problems found in \(ctx.store.root).")
        } else {
            for p in problems {
                var line = "\(p.kind.rawValue): \(SafeText.inert(p.path, keepNewlines: false)): \(SafeText.inert(p.message, keepNewlines: false))"
                if let to = moved[p.path] { line += " → moved to \(to)" }
                Output.stdout(line)
            }
            if !quarantine && problems.contains(where: \.quarantinable) {
                Output.stdout("Run 'gpai-assess doctor --quarantine' to move the broken files aside (nothing is deleted).")
            }
        }
        if !problems.isEmpty { throw ExitCode(Exit.problems) }
    }
}
