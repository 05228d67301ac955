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
        let catalog = ctx.catalog
        for entry in SessionIndex(store: ctx.store).entries(questionnaire: { try? catalog.questionnaire($0) }) {
            switch entry {
            case let .summary(s, _):
                rows.append(["id": .string(s.id), "title": .string(s.title), "questionnaire": .string(s.questionnaireID),
                             "questionnaireVersion": .string(s.questionnaireVersion),
                             "progress": JSON(rounded(s.progress)), "score": JSON(rounded(s.score)), "status": .string(s.status),
                             "answered": JSON(s.answered), "questions": JSON(s.applicable),
                             "updated": .string(ReportJSON.iso(s.updated)), "updatedBy": .string(s.updatedBy)])
                lines.append([s.id, SafeText.inert(s.title, keepNewlines: false), s.questionnaireID,
                              s.progress.map { "\(Int(($0 * 100).rounded()))%" } ?? "-", s.score.map { "\(Int(($0 * 100).rounded()))%" } ?? "-",
                              s.status.replacingOccurrences(of: "_", with: " "), Self.short(s.updated), SafeText.inert(s.updatedBy, keepNewlines: false)])
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
