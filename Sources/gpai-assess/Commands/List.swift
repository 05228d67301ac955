import ArgumentParser
import AssessmentCore
import AssessmentStore
import Foundation
import Reports

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List saved sessions, newest first.",
        discussion: "Unreadable files are listed with the reason and never modified.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let ctx = try Context(global)
        var rows: [JSON] = []
        var lines: [[String]] = []
        var questionnaires: [String: Questionnaire] = [:]
        for entry in ctx.store.list() {
            switch entry {
            case let .session(s, _):
                var progress: Double? = nil, score: Double? = nil, status = "unknown"
                let q = questionnaires[s.questionnaire.id] ?? (try? ctx.catalog.questionnaire(s.questionnaire.id))
                if let q {
                    questionnaires[q.id] = q
                    let ev = Evaluation(questionnaire: q, session: s)
                    progress = ev.overall.applicableQuestions > 0 ? Double(ev.overall.answeredQuestions) / Double(ev.overall.applicableQuestions) : 0
                    score = ev.overall.score
                    status = ev.overall.status.rawValue
                } else {
                    status = "questionnaire_missing"
                }
                rows.append(["id": .string(s.id), "title": .string(s.title), "questionnaire": .string(s.questionnaire.id),
                             "questionnaireVersion": .string(s.questionnaire.version),
                             "progress": JSON(rounded(progress)), "score": JSON(rounded(score)), "status": .string(status),
                             "updated": .string(ReportJSON.iso(s.updated)), "updatedBy": .string(s.updatedBy)])
                lines.append([s.id, SafeText.inert(s.title, keepNewlines: false), s.questionnaire.id,
                              progress.map { "\(Int(($0 * 100).rounded()))%" } ?? "-", score.map { "\(Int(($0 * 100).rounded()))%" } ?? "-",
                              status.replacingOccurrences(of: "_", with: " "), Self.short(s.updated), SafeText.inert(s.updatedBy, keepNewlines: false)])
            case let .unreadable(id, path, reason):
                rows.append(["id": .string(id), "path": .string(path), "status": "unreadable", "error": .string(reason)])
                lines.append([SafeText.inert(id, keepNewlines: false), "UNREADABLE: " + SafeText.inert(reason, keepNewlines: false), "", "", "", "unreadable", "", ""])
            }
        }
        if json { Output.stdout(JSON.array(rows).serialized()); return }
        if lines.isEmpty { Output.stdout("No sessions in \(ctx.store.root). Start one with: gpai-assess new --questionnaire gpai-cop-2025 --title \"…\""); return }
        let header = ["ID", "TITLE", "QUESTIONNAIRE", "PROGRESS", "SCORE", "STATUS", "UPDATED", "BY"]
        let all = [header] + lines
        let widths = header.indices.map { i in min(40, all.map { $0[i].count }.max() ?? 0) }
        for row in all {
            Output.stdout(row.enumerated().map { i, c in
                let cut = c.count > widths[i] ? String(c.prefix(widths[i] - 1)) + "…" : c
                return i == row.count - 1 ? cut : cut.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }.joined(separator: "  "))
        }
    }

    static func short(_ d: Date) -> String {
        d.formatted(Date.ISO8601FormatStyle().year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false).timeSeparator(.colon))
    }
}
