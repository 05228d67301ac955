import ArgumentParser
import AssessmentCore
import AssessmentStore
import FoundationEssentials
import Reports

extension ReportFormat: ExpressibleByArgument {}

/// What `report --format` accepts: the renderers' formats, and pdf (the HTML printed by an installed browser).
enum ReportOutput: String, CaseIterable, ExpressibleByArgument {
    case md, html, json, csv, pdf
    var rendered: ReportFormat { ReportFormat(rawValue: rawValue) ?? .html }
}

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report",
        abstract: "Write a report of an assessment.",
        discussion: """
        Formats: md (Markdown), html (one self-contained printable file), json
        (the complete result, see docs/reports.md), csv (one row per question,
        RFC 4180), pdf (the HTML printed by a headless Chromium or wkhtmltopdf,
        whichever is installed; needs -o). Every report names the questionnaire
        version and says when the score is provisional.

        Examples:
          gpai-assess report acme --format html -o acme.html
          gpai-assess report acme-q4 --format md --compare acme-q3
          gpai-assess report acme --format pdf -o acme.pdf
        """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Session id or unique prefix.") var session: String
    @Option(help: "md, html, json, csv or pdf.") var format: ReportOutput = .md
    @Option(name: [.short, .long], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var output: String?
    @Option(help: ArgumentHelp("An earlier session to compare with (adds a 'changes' section; not in csv).", valueName: "session"))
    var compare: String?
    @Flag(help: "Overwrite the output file if it exists.") var force = false

    func validate() throws {
        if compare != nil && format == .csv { throw ValidationError("--compare is not available for csv; use 'gpai-assess diff' or another format") }
        if format == .pdf && (output == nil || output == "-") { throw ValidationError("--format pdf needs -o FILE (a PDF is not written to standard output)") }
    }

    func run() throws {
        let ctx = try Context(global)
        let (s, q) = try ctx.open(session)
        var baseline: (session: Session, questionnaire: Questionnaire)? = nil
        if let compare {
            let (b, bq) = try ctx.open(compare, quiet: true)
            if b.id == s.id { Output.warning("comparing session '\(s.id)' with itself") }
            baseline = (b, bq)
        }
        let text = ReportRenderer.render(format.rendered, session: s, questionnaire: q, baseline: baseline)
        if format == .pdf {
            let engine = try PDFPrinter.write(html: text, to: output!, force: force)
            Output.note("wrote \(output!) with \(engine.name)")
            return
        }
        try writeOutput(text, to: output, force: force)
    }
}

/// Writes command output to a file (atomically, refusing to overwrite without --force) or stdout.
func writeOutput(_ text: String, to path: String?, force: Bool) throws {
    guard let path, path != "-" else { Output.stdout(text); return }
    if !force && FileManager.default.fileExists(atPath: path) {
        throw CLIError("'\(path)' already exists; use --force to overwrite")
    }
    do { try FileIO.atomicWrite(Array(text.utf8), to: path) } catch { throw CLIError(error.description, code: Exit.ioError) }
}
