import ArgumentParser
import AssessmentCore

struct Questionnaires: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "questionnaires",
        abstract: "List the questionnaires available.",
        discussion: "Folders searched: $GPAI_ASSESS_QUESTIONNAIRES (colon-separated), the installed share folder, the checkout's Questionnaires/."
    )

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let ctx = try Context(global)
        for p in ctx.catalog.problems {
            Output.warning("skipping '\(p.file)': \(p.diagnostics.first { $0.severity == .error }?.message ?? "invalid")")
        }
        let rows = ctx.catalog.questionnaires.map { q in (q, measureCount(q), q.allQuestions.count) }
        if json {
            Output.stdout(JSON.array(rows.map { q, m, n in
                ["id": .string(q.id), "title": .string(q.title), "version": .string(q.version), "language": .string(q.language),
                 "source": ["document": .string(q.source.document), "date": JSON(q.source.date)],
                 "measures": JSON(m), "questions": JSON(n), "digest": .string(q.digest), "path": JSON(q.path)]
            }).serialized())
            return
        }
        if rows.isEmpty { Output.stdout("No questionnaires found. Folders searched:\n  " + ctx.catalog.folders.joined(separator: "\n  ")); return }
        let idW = max(2, rows.map { $0.0.id.count }.max() ?? 2)
        Output.stdout("ID".padded(toLength: idW) + "  VERSION  MEASURES  QUESTIONS  TITLE")
        for (q, m, n) in rows {
            Output.stdout(q.id.padded(toLength: idW) + "  "
                + q.version.padded(toLength: 7) + "  "
                + String(m).leftPad(8) + "  " + String(n).leftPad(9) + "  " + SafeText.inert(q.title))
        }
    }
}

/// How many measures a questionnaire has.
func measureCount(_ q: Questionnaire) -> Int {
    var measures = 0
    q.walk { n, _ in if n.kind == .measure { measures += 1 } }
    return measures
}

extension String {
    func leftPad(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
