import ArgumentParser
import AssessmentCore
import AssessmentStore
import Foundation
import Reports

extension ReportFormat: ExpressibleByArgument {}

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a report of an assessment.",
        discussion: "Example: gpai-assess report acme --format html -o acme.html"
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Session id or unique prefix.") var session: String
    @Option(help: "md, html, json or csv.") var format: ReportFormat = .md
    @Option(name: [.short, .long], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var output: String?
    @Flag(help: "Overwrite the output file if it exists.") var force = false

    func run() throws {
        let ctx = try Context(global)
        let (s, q) = try ctx.open(session)
        let text = ReportRenderer.render(format, session: s, questionnaire: q)
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
