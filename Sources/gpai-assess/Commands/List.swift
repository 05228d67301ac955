import ArgumentParser
import AssessmentCore
import AssessmentStore
import FoundationEssentials
import Reports
import StoreSync

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List saved sessions, newest first.",
        discussion: "Unreadable files are listed with the reason and never modified.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let ctx = try Context(global)
        let catalog = ctx.catalog
        let entries = SessionIndex(store: ctx.store).entries(questionnaire: { try? catalog.questionnaire($0) })
        // A session whose questionnaire cannot be used is listed all the same; say why once per questionnaire.
        var explained = Set<String>()
        for case let .summary(sum, _) in entries where sum.status == .questionnaireMissing && explained.insert(sum.questionnaireID).inserted {
            do { _ = try catalog.questionnaire(sum.questionnaireID) } catch {
                let why = error.description.split(separator: "\n").prefix(2).joined(separator: "; ")
                Output.note("sessions on questionnaire '\(sum.questionnaireID)' are not scored: \(why)")
            }
        }
        // Only for stores that sync: whether each session has changes not yet on the remote, and its conflicts.
        let sync: (unsynced: Set<String>, conflicts: [String: Int])? = StoreSyncer.isRepository(ctx.store)
            ? { let s = StoreSyncer(store: ctx.store, user: ctx.user); return (s.unsynced() ?? [], s.conflicted()) }() : nil
        if json {
            Output.stdout(JSON.array(entries.map { e in
                var row = Self.row(e)
                if let sync, case var .object(o) = row, case .summary = e {
                    o["sync"] = .string(sync.unsynced.contains(e.id) ? "unsynced" : "synced")
                    o["conflicts"] = JSON(sync.conflicts[e.id] ?? 0)
                    row = .object(o)
                }
                return row
            }).serialized())
            return
        }
        if entries.isEmpty { Output.stdout("No sessions in \(ctx.store.root). Start one with: gpai-assess new --questionnaire gpai-cop-2025 --title \"…\""); return }
        var header = ["ID", "TITLE", "QUESTIONNAIRE", "PROGRESS", "SCORE", "STATUS", "UPDATED", "BY"]
        var lines = entries.map(Self.line)
        if let sync {
            header.append("SYNC")
            for (i, e) in entries.enumerated() {
                var cell = sync.unsynced.contains(e.id) ? "unsynced" : "synced"
                if let n = sync.conflicts[e.id] { cell += ", \(n) conflict\(n == 1 ? "" : "s")" }
                lines[i].append(cell)
            }
        }
        let all = [header] + lines
        let widths = header.indices.map { i in min(40, all.map { $0[i].count }.max() ?? 0) }
        // One write for the whole table: thousands of rows.
        Output.stdout(all.map { row in
            row.enumerated().map { i, c in
                let cut = c.count > widths[i] ? String(c.prefix(widths[i] - 1)) + "…" : c
                return i == row.count - 1 ? cut : cut.padded(toLength: widths[i])
            }.joined(separator: "  ")
        }.joined(separator: "\n"))
    }

    static func row(_ entry: SessionIndex.Entry) -> JSON {
        switch entry {
        case let .summary(s, _):
            return ["id": .string(s.id), "title": .string(s.title), "questionnaire": .string(s.questionnaireID),
                    "questionnaireVersion": .string(s.questionnaireVersion),
                    "progress": JSON(rounded(s.progress)), "score": JSON(rounded(s.score)), "status": .string(s.status.rawValue),
                    "answered": JSON(s.answered), "questions": JSON(s.applicable),
                    "updated": .string(ReportJSON.iso(s.updated)), "updatedBy": .string(s.updatedBy)]
        case let .unreadable(id, path, reason):
            return ["id": .string(id), "path": .string(path), "status": "unreadable", "error": .string(reason)]
        }
    }

    static func line(_ entry: SessionIndex.Entry) -> [String] {
        switch entry {
        case let .summary(s, _):
            return [s.id, SafeText.inert(s.title, keepNewlines: false), s.questionnaireID,
                    s.progress.map { "\(Int(($0 * 100).rounded()))%" } ?? "-", s.score.map { "\(Int(($0 * 100).rounded()))%" } ?? "-",
                    s.status.rawValue.replacingAll("_", with: " "), short(s.updated), SafeText.inert(s.updatedBy, keepNewlines: false)]
        case let .unreadable(id, _, reason):
            return [SafeText.inert(id, keepNewlines: false), "UNREADABLE: " + SafeText.inert(reason, keepNewlines: false), "", "", "", "unreadable", "", ""]
        }
    }

    /// UTC, to the second: 2026-11-29T10:36:43.
    static func short(_ d: Date) -> String { String(Timestamp.format(d).prefix(19)) }
}
