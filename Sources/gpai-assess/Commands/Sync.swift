import ArgumentParser
import AssessmentCore
import AssessmentStore
import FoundationEssentials
#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import StoreSync

struct Sync: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Share the store with other machines through a git remote.",
        discussion: """
        The first time, --remote URL turns the store into a git repository and records the remote
        (a bare repository over SSH, GitLab, GitHub, Gitea, or a folder). Each sync commits your
        changes, fetches the others', merges every session answer by answer, and pushes. Answers
        changed differently on two machines become conflicts: see 'gpai-assess conflicts SESSION'.
        Your git and SSH set-up provides the credentials; none are stored.

        Examples:
          gpai-assess sync --remote git@git.example.org:compliance/assessments.git
          gpai-assess sync
          gpai-assess --store ~/assessments sync --remote /srv/git/assessments.git   (a second machine joining)
        """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("The remote to record and sync with.", valueName: "url")) var remote: String?
    @Flag(help: "Fetch and merge only; do not push.") var noPush = false
    @Flag(help: "Say what a sync would do, changing nothing here or there.") var dryRun = false

    func run() throws {
        let ctx = try Context(global)
        let syncer = StoreSyncer(store: ctx.store, user: ctx.user, driver: SyncSupport.executablePath())
        let report: SyncReport
        do {
            report = try syncer.sync(StoreSyncer.Options(remote: remote, push: !noPush, dryRun: dryRun))
        } catch {
            throw CLIError("not synced: \(error.description)", code: SyncSupport.exitCode(error))
        }
        for w in report.warnings { Output.warning(w) }
        for n in report.notes { Output.note(n) }
        Output.stdout(report.summary)
    }
}

enum SyncSupport {
    static func exitCode(_ e: SyncError) -> Int32 {
        switch e {
        case .badRemote, .noRemote: return Exit.usage
        default: return Exit.ioError
        }
    }

    /// This program's own path, for git to run as the merge driver.
    static func executablePath() -> String? {
        var buf = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buf, buf.count - 1)
        if n > 0 { return String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        let a = CommandLine.arguments.first ?? ""
        return a.hasPrefix("/") ? a : nil
    }
}
