import ArgumentParser
import AssessmentCore
import AssessmentStore
import FoundationEssentials
import Reports
import StoreSync

struct SyncStatus: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "What a sync would send and which sessions hold conflicts (offline; 'sync --dry-run' asks the remote).")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let ctx = try Context(global)
        let syncer = StoreSyncer(store: ctx.store, user: ctx.user)
        let remote = StoreSyncer.remoteURL(ctx.store)
        let unsynced = (syncer.unsynced() ?? Set(ctx.store.ids())).sorted()
        let conflicted = syncer.conflicted()
        if json {
            let obj: JSON = ["remote": remote.map { .string($0) } ?? .null, "unsynced": JSON.array(unsynced.map { .string($0) }),
                             "conflicts": JSON.object(conflicted.mapValues { JSON($0) })]
            Output.stdout(obj.serialized())
            return
        }
        var lines: [String] = []
        lines.append(remote.map { "Remote: \($0)" } ?? "Not synced yet: run 'gpai-assess sync --remote URL' once.")
        lines.append(unsynced.isEmpty ? "Nothing to send." : "Not yet synced (\(unsynced.count)): " + unsynced.joined(separator: ", "))
        for (id, n) in conflicted.sorted(by: { $0.key < $1.key }) { lines.append("\(id): \(n) conflict(s); see 'gpai-assess conflicts \(id)'") }
        Output.stdout(lines.joined(separator: "\n"))
    }
}
