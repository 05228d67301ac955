import ArgumentParser
import AssessmentCore
import AssessmentStore
import FoundationEssentials
import Reports

extension ReportFormat: ExpressibleByArgument {}

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a report of an assessment.",
        discussion: """
        Formats: md (Markdown), html (one self-contained printable file), json
        (the complete result, see docs/reports.md), csv (one row per question,
        RFC 4180). Every report names the questionnaire version and says when
        the score is provisional.

        Examples:
          gpai-assess report acme --format html -o acme.html
          gpai-assess report acme-q4 --format md --compare acme-q3
        """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Session id or unique prefix.") var session: String
    @Option(help: "md, html, json or csv.") var format: ReportFormat = .md
    @Option(name: [.short, .long], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var output: String?
    @Option(help: ArgumentHelp("An earlier session to compare with (adds a 'changes' section; not in csv).", valueName: "session"))
    var compare: String?
    @Flag(help: "Overwrite the output file if it exists.") var force = false

    func validate() throws {
        if compare != nil && format == .csv { throw ValidationError("--compare is not available for csv; use 'gpai-assess diff' or another format") }
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
        let text = ReportRenderer.render(format, session: s, questionnaire: q, baseline: baseline)
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
