import ArgumentParser
import AssessmentCore
import FoundationEssentials
import Reports

extension MDFAudience: ExpressibleByArgument {}
extension DocumentFormat: ExpressibleByArgument {}

struct MDFCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mdf",
        abstract: "Write the Model Documentation Form for one audience from the Transparency answers.",
        discussion: """
        Fills the form's sections with each item's documentation status, the
        note (content or where it is documented), evidence, who and when. Only
        the items meant for the audience are included; unanswered items are
        left visibly empty.

        Audiences: ai-office, authority (national competent authorities),
        downstream (providers who integrate the model).

        Examples:
          gpai-assess mdf acme --audience downstream --format html -o mdf.html
          gpai-assess mdf acme --audience ai-office --document-version 3.1 \\
              --document-date 2026-02-01
        """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Session id or unique prefix.") var session: String
    @Option(help: "ai-office, authority or downstream.") var audience: MDFAudience
    @Option(help: "md, html or json.") var format: ModelDocumentationForm.Format = .md
    @Option(help: ArgumentHelp("The form's document version number.", valueName: "version")) var documentVersion: String?
    @Option(help: ArgumentHelp("The date the documentation was last updated (default: the latest answer to an item).", valueName: "YYYY-MM-DD"))
    var documentDate: String?
    @Option(name: [.short, .long], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var output: String?
    @Flag(help: "Overwrite the output file if it exists.") var force = false

    func validate() throws {
        if let d = documentDate, !AnswerInput.isValidDate(d) {
            throw ValidationError("invalid date '\(AnswerInput.shown(d))' for --document-date; use YYYY-MM-DD")
        }
        if let v = documentVersion, v.trimmingWhitespace().isEmpty || v.count > 64 || v.hasControlCharacters {
            throw ValidationError("invalid --document-version '\(AnswerInput.shown(v))'; use 1–64 printable characters")
        }
    }

    func run() throws {
        let ctx = try Context(global)
        let (s, q) = try ctx.open(session)
        let ev = Evaluation(questionnaire: q, session: s)
        let form: ModelDocumentationForm
        do {
            form = try ModelDocumentationForm(session: s, questionnaire: q, evaluation: ev, audience: audience, generated: Date(),
                                              documentVersion: documentVersion, documentDate: documentDate)
        } catch { throw CLIError(error.description) }
        if form.unanswered > 0 {
            Output.note("\(form.unanswered) of \(form.items.count) items for \(audience.title.lowercased()) are not answered yet; they are left empty")
        }
        try writeOutput(form.render(format), to: output, force: force)
    }
}
