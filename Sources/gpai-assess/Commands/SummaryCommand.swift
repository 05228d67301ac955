import ArgumentParser
import AssessmentCore
import FoundationEssentials
import Reports


struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Write the public summary of training content (AI Act Art. 53(1)(d)) from the assessment.",
        discussion: """
        Follows the structure and order of the Commission's template (24 July 2025,
        C(2025) 8311): general information, the list of data sources by kind, and
        the relevant aspects of data processing. Fields still to be written are
        marked missing; the JSON form is stable for version control
        (docs/training-summary.md). Exit status 0 even when fields are missing;
        a note on standard error counts them.

        Examples:
          gpai-assess summary acme --format html -o training-summary.html
          gpai-assess summary acme --format json -o training-summary.json
        """
    )
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Session id or unique prefix.") var session: String
    @Option(help: "md, html or json.") var format: TrainingSummary.Format = .md
    @Option(name: [.short, .long], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var output: String?
    @Flag(help: "Overwrite the output file if it exists.") var force = false

    func run() throws {
        let ctx = try Context(global)
        let (s, q) = try ctx.open(session)
        let ev = Evaluation(questionnaire: q, session: s)
        let summary: TrainingSummary
        do { summary = try TrainingSummary(session: s, questionnaire: q, evaluation: ev, generated: Date()) }
        catch { throw CLIError(error.description) }
        if let r = ev.nodes["ts"], r.status == .notApplicable {
            Output.warning("the public summary of training content does not apply under the current scope: \(r.hiddenReason ?? "condition not met")")
        }
        if !summary.isComplete {
            let c = summary.completeness
            Output.note("\(summary.missing.count) required field\(summary.missing.count == 1 ? " is" : "s are") missing (\(c.given) of \(c.required) given); they are marked in the summary")
        }
        try writeOutput(summary.render(format), to: output, force: force)
    }
}
