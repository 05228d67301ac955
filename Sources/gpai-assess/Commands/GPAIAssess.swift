import ArgumentParser

struct GPAIAssess: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gpai-assess",
        abstract: "Assess a general-purpose AI model against the EU General-Purpose AI Code of Practice.",
        discussion: """
        With no command, opens the interactive assessment (home screen with your saved sessions).
        Sessions are JSON files in the store; every change is saved at once.

        Examples:
          gpai-assess                                   open the interactive home screen
          gpai-assess new -q gpai-cop-2025 -t "Acme Q3" --no-tui
          gpai-assess answer acme-q3-k2f9 tr.c1.m1_1.q1 yes --note "Form v3 signed off"
          gpai-assess score acme-q3-k2f9 --json
          gpai-assess report acme-q3-k2f9 --format md -o report.md

        Exit status: 0 success, 1 problems found (validate, unreadable session),
        2 wrong input (nothing written), 3 below --fail-under, 4 cannot write the store.
        """,
        version: "0.1.0",
        subcommands: [
            Questionnaires.self, Outline.self, Validate.self,
            New.self, Resume.self, List.self, AnswerCommand.self, Score.self, Report.self,
            Rename.self, Details.self, Delete.self, Export.self, Import.self,
            ActionCommand.self, MDFCommand.self, SummaryCommand.self, DiffCommand.self, Restore.self, Doctor.self, ReviewCommand.self, Watch.self,
            Sync.self, SyncStatus.self, Conflicts.self, MergeDriver.self,
        ] + testOnlyCommands
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let ctx = try Context(global)
        try Interactive.launch(ctx, open: .home)
    }
}
