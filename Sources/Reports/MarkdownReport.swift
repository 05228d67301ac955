import AssessmentCore
import Foundation

/// The Markdown report: summary, gaps by priority, then every answer.
public enum MarkdownReport {
    public static func render(session s: Session, questionnaire q: Questionnaire, evaluation ev: Evaluation, generated: Date) -> String {
        func pct(_ x: Double?) -> String { x.map { "\(Int(($0 * 100).rounded()))%" } ?? "–" }
        var out = "# Assessment report: \(Markdown.escape(s.title))\n\n"
        out += "- Questionnaire: \(Markdown.escape(q.title)) (`\(q.id)` version \(Markdown.escape(q.version)))\n"
        out += "- Generated: \(ReportJSON.iso(generated))\n"
        out += "- Overall: **\(ev.overall.status.label)**, score \(pct(ev.overall.score)), coverage \(pct(ev.overall.coverage)) (\(ev.overall.answeredQuestions) of \(ev.overall.applicableQuestions) applicable questions answered)\n"
        if (ev.overall.coverage ?? 0) < 1 { out += "\n> The score is provisional: coverage is below 100%.\n" }
        out += "\n## Status\n\n| Part | Status | Score | Coverage |\n|---|---|---|---|\n"
        q.walk { n, a in
            let r = ev.nodes[n.id]!
            out += "| \(String(repeating: "  ", count: a.count))\(Markdown.escape(n.displayName)) | \(r.status.label) | \(pct(r.score)) | \(pct(r.coverage)) |\n"
        }
        out += "\n## Gaps\n\n"
        let qg = ev.gaps.filter { $0.kind == .question }
        if qg.isEmpty { out += "No answered question falls short.\n" }
        for g in qg { out += "- `\(g.id)` score \(pct(g.score)), priority \(formatNumber(rounded(g.priority, places: 2)!))\(g.critical ? " (critical)" : ""): \(Markdown.escape(g.remediation ?? g.title))\n" }
        out += "\n## Answers\n"
        q.walk { n, _ in
            guard !n.questions.isEmpty else { return }
            out += "\n### \(Markdown.escape(n.displayName))\n\n"
            for qu in n.questions {
                let a = s.answers[qu.id]
                let shown = a.map { a -> String in
                    if a.notApplicable { return "N/A — \(Markdown.escape(a.justification ?? ""))" }
                    guard let v = a.value else { return "—" }
                    if case let .text(t) = v, let o = qu.option(t) { return Markdown.escape(o.label) }
                    return Markdown.escape(v.description)
                } ?? "unanswered"
                out += "- **\(Markdown.escape(qu.text))** `\(qu.id)`: \(shown)"
                if let a { out += " (\(Markdown.escape(a.by)), \(ReportJSON.iso(a.at)))" }
                out += "\n"
                if let note = a?.note { out += "  - Note: \(Markdown.escape(note))\n" }
                if let e = a?.evidence, !e.isEmpty { out += "  - Evidence: \(e.map(Markdown.escape).joined(separator: "; "))\n" }
            }
        }
        return out
    }
}
