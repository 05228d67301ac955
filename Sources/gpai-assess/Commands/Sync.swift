import ArgumentParser
import AssessmentCore
import AssessmentStore
import FoundationEssentials
#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import StoreSync

struct Sync: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sync",
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
    @Flag(help: "Say what a sync would do (it fetches, but changes no session here and nothing on the remote).") var dryRun = false

    func run() throws {
        let ctx = try Context(global)
        var syncer = StoreSyncer(store: ctx.store, user: ctx.user, driver: SyncSupport.executablePath())
        syncer.measures = SyncSupport.measures(ctx.catalog)
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

    /// "Transparency 1.1–1.3, Copyright 1.2": the chapters and measure numbers of some questions, in questionnaire order.
    static func measures(_ catalog: QuestionnaireCatalog) -> @Sendable (Session, [String]) -> String? {
        { session, questions in
            guard let q = try? catalog.questionnaire(session.questionnaire.id) else { return nil }
            let index = q.index
            var chapters: [(title: String, numbers: [String])] = []
            let wanted = Set(questions)
            for id in index.questionOrder where wanted.contains(id) {
                guard let path = index.questionPath[id], let top = path.last.flatMap({ index.nodes[$0] }),
                      let measure = path.lazy.compactMap({ index.nodes[$0] }).first(where: { !($0.number ?? "").isEmpty && $0.id != top.id }),
                      let number = measure.number else { continue }
                if let i = chapters.firstIndex(where: { $0.title == top.title }) {
                    if chapters[i].numbers.last != number { chapters[i].numbers.append(number) }
                } else {
                    chapters.append((top.title, [number]))
                }
            }
            if chapters.isEmpty { return nil }
            return chapters.prefix(3).map { c in
                c.title + " " + (c.numbers.count == 1 ? c.numbers[0] : "\(c.numbers.first!)–\(c.numbers.last!)")
            }.joined(separator: ", ") + (chapters.count > 3 ? ", …" : "")
        }
    }

    /// This program's own path, for git to run as the merge driver.
    static func executablePath() -> String? {
        if let p = ProcessEnvironment.selfExecutable { return p }
        let a = CommandLine.arguments.first ?? ""
        return a.hasPrefix("/") ? a : nil
    }
}
