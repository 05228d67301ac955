import ArgumentParser
import AssessmentCore
import FoundationEssentials

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "validate",
        abstract: "Check questionnaire files and report every problem with its location.",
        discussion: "Prints file:line:column: severity: message [JSON path] (code). Exit status 1 when any error is found."
    )

    @Argument(help: "Questionnaire files (JSON).") var files: [String]
    @Flag(help: "Print the problems as JSON.") var json = false

    func run() throws {
        var errors = 0
        var all: [JSON] = []
        for f in files {
            let (q, diags) = QuestionnaireLoader.check(path: f)
            let errs = diags.filter { $0.severity == .error }.count
            errors += errs
            if json {
                all.append(["file": .string(f), "valid": .bool(errs == 0), "diagnostics": .array(diags.map { d in
                    ["severity": .string(d.severity.rawValue), "code": .string(d.code.rawValue), "message": .string(d.message),
                     "path": .string(d.path), "line": d.location.map { JSON($0.line) } ?? .null, "column": d.location.map { JSON($0.column) } ?? .null]
                })])
                continue
            }
            for d in diags { Output.stdout(SafeText.inert(d.description)) }
            if let q, !q.id.isEmpty, f.lastPathPart != "\(q.id).json" {
                // Sessions find their questionnaire by file name first.
                Output.stdout("\(f): warning: the file of questionnaire '\(q.id)' should be named '\(q.id).json' so sessions open it without reading every questionnaire")
            }
            if errs == 0, let q {
                Output.stdout("\(f): ok: '\(q.id)' version \(q.version), \(measureCount(q)) measures, \(q.allQuestions.count) questions")
            } else {
                Output.stdout("\(f): \(errs) error\(errs == 1 ? "" : "s")")
            }
        }
        if json { Output.stdout(JSON.array(all).serialized()) }
        if errors > 0 { throw ExitCode(Exit.problems) }
    }
}
