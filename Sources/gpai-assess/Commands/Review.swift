import ArgumentParser
import AssessmentCore
import FoundationEssentials

struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Mark a measure as reviewed by a second person (four eyes), or withdraw the review.",
        discussion: """
        The reviewer must not be the person who gave any of the measure's answers; with a shared
        account, say who you are with --as NAME. Reports show who answered and who reviewed.

        Examples:
          gpai-assess review acme 1.2 --as "J. Smith" --note "Checked against DOC-14"
          gpai-assess review acme tr.c1.m1_2 --withdraw
        """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Session id or unique prefix.") var session: String
    @Argument(help: "Measure id, its printed number (e.g. 3.5), or the number with its chapter ('Copyright 1.3', C1.3).") var measure: String
    @Option(help: "What was checked.") var note: String?
    @Flag(help: "Remove the review.") var withdraw = false

    func run() throws {
        let ctx = try Context(global)
        let (s, q) = try ctx.open(session, quiet: true)
        let node = try resolveNodeArgument(measure, in: q)
        let ids = node.questionsBelow.map(\.id)
        let answerers = Set(ids.compactMap { s.answers[$0]?.by })
        if !withdraw {
            guard !answerers.isEmpty else { throw CLIError("nothing to review: no question of '\(node.displayName)' is answered yet") }
            if answerers.contains(ctx.user) {
                throw CLIError("'\(ctx.user)' answered questions of '\(node.displayName)' and cannot also review it; a second person must (use --as NAME on a shared account)")
            }
        }
        let user = ctx.user
        try ctx.update(s.id, questionnaire: q) { s in
            s.setReview(withdraw ? nil : Review(by: user, note: note), of: node.id, by: user, at: Timestamp.now())
        }
        Output.stderr(withdraw ? "Review of \(node.displayName) withdrawn." : "\(node.displayName) reviewed by \(user); answered by \(answerers.sorted().joined(separator: ", ")).")
    }
}
