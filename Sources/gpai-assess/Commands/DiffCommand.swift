import ArgumentParser
import AssessmentCore
import FoundationEssentials
import Reports

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what changed between two assessments: answers, scores and statuses per measure.",
        discussion: """
        SESSION_A is the earlier assessment, SESSION_B the later one. Each is
        scored against its own questionnaire; parts and questions are matched
        by id. Exit status 0 whether or not anything changed.

        Examples:
          gpai-assess diff acme-q3 acme-q4
          gpai-assess diff acme-q3 acme-q4 --json
        """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The earlier session (id or unique prefix).") var sessionA: String
    @Argument(help: "The later session (id or unique prefix).") var sessionB: String
    @Flag(help: "Print the differences as JSON.") var json = false

    func run() throws {
        let ctx = try Context(global)
        let (a, qa) = try ctx.open(sessionA, quiet: true)
        let (b, qb) = try ctx.open(sessionB, quiet: true)
        let d = SessionDiff(before: a, questionnaire: qa, after: b, questionnaire: qb)
        if d.differentQuestionnaires && !json {
            Output.warning("'\(a.id)' uses questionnaire '\(qa.id)' and '\(b.id)' uses '\(qb.id)'; parts are matched by id")
        }
        Output.stdout(json ? d.json().serialized() : d.text())
    }
}
