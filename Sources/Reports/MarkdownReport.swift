import AssessmentCore
import Foundation

/// The Markdown report: summary (scope, overall figures, status per chapter, commitment and measure),
/// gaps by priority, action plan, deadlines, optional comparison, then every answer with its note,
/// evidence, who and when. All user and questionnaire text goes through `Markdown.escape`/`Markdown.block`.
public enum MarkdownReport {
    public static func render(session s: Session, questionnaire q: Questionnaire, evaluation ev: Evaluation, generated: Date,
                              comparison: SessionDiff? = nil) -> String {
        render(ReportContent(session: s, questionnaire: q, evaluation: ev, generated: generated, comparison: comparison))
    }

    public static func render(_ c: ReportContent) -> String {
        let s = c.session, q = c.questionnaire, ev = c.evaluation
        let e = Markdown.escape, cell = Markdown.cell, pct = ReportContent.pct
        var out = "# Assessment report: \(e(s.title))\n\n"
        if let o = s.organisation { out += "- Organisation: \(e(o))\n" }
        if let m = s.model { out += "- Model: \(e(m))\n" }
        out += "- Questionnaire: \(e(q.title)) (\(Markdown.code(q.id)), version \(e(q.version)))\n"
        if !q.source.document.isEmpty { out += "- Source: \(e(q.source.document))\(q.source.date.map { ", \(e($0))" } ?? "")\n" }
        out += "- Session: \(Markdown.code(s.id)), created \(ReportContent.day(s.created)) by \(e(s.createdBy)), last changed \(ReportContent.day(s.updated)) by \(e(s.updatedBy))\n"
        out += "- Generated: \(ReportContent.iso(c.generated))\n"
        if let note = c.versionNote { out += "\n> **Note:** \(e(note))\n" }
        if c.provisional { out += "\n> **\(e(c.provisionalText))**\n" }

        // Summary
        let o = ev.overall
        out += "\n## Summary\n\n"
        out += "| Overall status | Score | Coverage | Answered | Open gaps | Open actions |\n|---|---|---|---|---|---|\n"
        let openActions = c.actions.filter(ActionPlan.isActive)
        let overdue = openActions.filter(c.overdue)
        out += "| **\(o.status.label)**\(c.provisional ? " (provisional)" : "") | \(pct(o.score)) | \(pct(o.coverage)) | \(o.answeredQuestions) of \(o.applicableQuestions) | \(c.gaps.count) | \(openActions.count)\(overdue.isEmpty ? "" : " (\(overdue.count) overdue)") |\n"
        out += "\nScores are weighted averages of the answered questions (100% = fully meets the measure; weights are 1 unless shown). Statuses: met ≥ \(pct(q.thresholds.met)), partially met ≥ \(pct(q.thresholds.partial)); a critical question below \(pct(q.thresholds.critical)) caps its measure at not met.\n"

        out += "\n### Scope\n\n"
        let scope = c.scopeQuestions
        if !scope.isEmpty {
            out += "| Scope question | Answer |\n|---|---|\n"
            for (qu, a) in scope { out += "| \(cell(qu.text)) | \(a.map(cell) ?? "*unanswered*") |\n" }
            out += "\n"
        }
        for (n, applies, reason) in c.applicability {
            out += "- **\(e(n.displayName))**: " + (applies ? "applies" : "does not apply — \(e(reason ?? "condition not met"))") + "\n"
        }

        out += "\n### Status by chapter, commitment and measure\n\n"
        out += "| Part | Status | Score | Coverage | Answered |\n|---|---|---|---|---|\n"
        for r in c.statusRows {
            let indent = String(repeating: "&nbsp;&nbsp;", count: r.depth)
            let name = r.node.kind == "chapter" ? "**\(cell(r.node.displayName))**" : cell(r.node.kind.capitalized + " " + r.node.displayName)
            var status = r.result.status.label
            if r.result.status == .notApplicable, let why = r.result.hiddenReason { status += ": " + cell(why) }
            if !r.result.cappedBy.isEmpty && r.node.kind == "measure" { status += " (capped by a critical question)" }
            out += "| \(indent)\(name) | \(status) | \(pct(r.result.score)) | \(pct(r.result.coverage)) | \(r.result.answeredQuestions)/\(r.result.applicableQuestions) |\n"
        }

        // Gaps
        out += "\n## Gaps by priority\n\n"
        if c.gaps.isEmpty {
            out += "No answered question falls short.\n"
        } else {
            out += "Priority = weight × (1 − score); critical questions are marked ⚠.\n\n"
            out += "| # | Priority | Question | Measure | Answer | Score | What to do |\n|---|---|---|---|---|---|---|\n"
            for (i, g) in c.gaps.enumerated() {
                let qu = ev.index.questions[g.gap.id]
                let ans = qu.flatMap { ReportContent.answerText(s.answers[g.gap.id], $0) }
                out += "| \(i + 1) | \(ReportContent.num(g.gap.priority))\(g.gap.critical ? " ⚠" : "") | \(cell(g.gap.title)) \(Markdown.code(g.gap.id)) | \(g.measure.map { cell($0.displayName) } ?? "–") | \(ans.map(cell) ?? "–") | \(pct(g.gap.score)) | \(g.gap.remediation.map(cell) ?? "–") |\n"
            }
        }

        // Actions
        out += "\n## Action plan\n\n"
        if c.actions.isEmpty {
            out += "No actions recorded. Suggested actions: `gpai-assess action suggest \(s.id)`.\n"
        } else {
            out += "By due date, then priority. Overdue as of \(c.today).\n\n"
            out += "| ID | Due | Status | Priority | Owner | Action | Question |\n|---|---|---|---|---|---|---|\n"
            for a in c.actions {
                let due = a.due.map { c.overdue(a) ? "**\(e($0)) overdue**" : e($0) } ?? "–"
                var title = cell(a.title)
                if let n = a.note { title += " — " + cell(n) }
                out += "| \(e(a.id)) | \(due) | \(ReportContent.actionStatus(a)) | \(a.priority.map(ReportContent.num) ?? "–") | \(a.owner.map(cell) ?? "–") | \(title) | \(a.question.map(Markdown.code) ?? "–") |\n"
            }
        }

        let dls = c.deadlines
        if !dls.isEmpty {
            out += "\n## Deadlines\n\nComputed from event dates (business days skip weekends only).\n\n"
            out += "| Due | Deadline | From event | State | Reference |\n|---|---|---|---|---|\n"
            for d in dls {
                let state = ReportContent.deadlineState(d)
                out += "| \(d.due) | \(cell(d.rule.title)) | \(cell(d.event)) \(d.eventDate) (\(d.rule.offset.text)) | \(d.state == .overdue ? "**\(state)**" : state) | \(cell(d.rule.reference)) |\n"
            }
        }

        if let diff = c.comparison { out += renderComparison(diff) }

        // Answers
        out += "\n## Answers\n"
        out += "\nEvery question with its answer, note, evidence, who answered and when.\n"
        for (n, ancestors, r) in c.answerSections {
            out += "\n### \(e(ReportContent.breadcrumb(ancestors, n)))\n\n"
            if !c.isScope(n, ancestors) {
                var line = "Status: **\(r.status.label)**"
                if r.status == .notApplicable { line += r.hiddenReason.map { " — \(e($0))" } ?? "" }
                else { line += ", score \(pct(r.score)), coverage \(pct(r.coverage))" }
                out += line + "\n"
            }
            if let rv = s.reviews[n.id] {
                out += "\nReviewed by \(e(rv.by)) on \(ReportContent.day(rv.at))\(rv.note.map { ": " + Markdown.block($0, indent: "") } ?? "")\n"
            }
            if let d = s.discussion[n.id] { out += "\nDiscussion: \(Markdown.block(d, indent: ""))\n" }
            if !out.hasSuffix("\n\n") { out += "\n" }
            // A part out of scope: only questions that still hold an answer are listed.
            let partHidden = r.status == .notApplicable && r.hiddenReason != nil && !c.isScope(n, ancestors)
            let listed = n.questions.filter { !partHidden || s.answers[$0.id] != nil }
            if partHidden && listed.isEmpty { out += "No question of this part applies.\n" }
            for qu in listed {
                let qr = ev.questions[qu.id]!
                let a = s.answers[qu.id]
                out += "- **\(e(qu.text))** \(Markdown.code(qu.id))\(qu.critical ? " ⚠ critical" : "")\n"
                if !qr.applicable {
                    out += "  - Not applicable: \(e(qr.hiddenReason ?? "condition not met"))\n"
                    if a != nil { out += "  - An answer is kept but not counted.\n" }
                    continue
                }
                if let a, let text = ReportContent.answerText(a, qu) {
                    var ans = "  - Answer: \(Markdown.block(text, indent: "    "))"
                    if let sc = qr.score { ans += " (score \(pct(sc))\(qu.weight != 1 ? ", weight \(formatNumber(qu.weight))" : ""))" }
                    out += ans + "\n"
                } else {
                    out += "  - Answer: *unanswered*\n"
                }
                if let bad = qr.invalidAnswer { out += "  - ⚠ The stored answer is no longer valid and is not counted: \(e(bad))\n" }
                if let a {
                    if let note = a.note { out += "  - Note: \(Markdown.block(note, indent: "    "))\n" }
                    if !a.evidence.isEmpty { out += "  - Evidence: \(a.evidence.map(e).joined(separator: "; "))\n" }
                    out += "  - By \(e(a.by)), \(ReportContent.iso(a.at))\n"
                }
                if let g = ev.gaps.first(where: { $0.kind == .question && $0.id == qu.id }), let rem = g.remediation {
                    out += "  - To improve: \(e(rem))\n"
                }
            }
        }
        if !ev.orphanedAnswers.isEmpty {
            out += "\n## Answers to questions no longer in the questionnaire\n\nKept in the session, not scored: \(ev.orphanedAnswers.map(Markdown.code).joined(separator: ", "))\n"
        }
        out += "\n---\n\nGenerated by gpai-assess from questionnaire \(Markdown.code(q.id)) version \(e(q.version))\(c.provisional ? "; provisional (coverage below 100%)" : "").\n"
        return out
    }

    static func renderComparison(_ d: SessionDiff) -> String {
        let e = Markdown.escape, cell = Markdown.cell, pct = ReportContent.pct
        var out = "\n## Changes since \(e(d.before.title))\n\n"
        out += "Compared with session \(Markdown.code(d.before.id)) (questionnaire \(e(d.before.questionnaireID)) \(e(d.before.questionnaireVersion)), last changed \(ReportContent.day(d.before.updated))).\n"
        if d.differentQuestionnaires { out += "\n> **Note:** the sessions use different questionnaires; parts are matched by id.\n" }
        out += "\n| | Before | Now |\n|---|---|---|\n"
        out += "| Status | \(d.before.status.label) | \(d.after.status.label) |\n"
        out += "| Score | \(pct(d.before.score)) | \(pct(d.after.score)) |\n"
        out += "| Coverage | \(pct(d.before.coverage)) | \(pct(d.after.coverage)) |\n"
        out += "\n### Status and score changes\n\n"
        if d.nodes.isEmpty {
            out += "No status or score changed.\n"
        } else {
            out += "| Part | Status before | Status now | Score before | Score now | Trend |\n|---|---|---|---|---|---|\n"
            for n in d.nodes {
                let trend = n.direction > 0 ? "better" : (n.direction < 0 ? "worse" : "–")
                out += "| \(cell(n.kind.capitalized + " " + (n.number.map { "\($0) " } ?? "") + n.title)) | \(SessionDiff.statusText(n.statusBefore)) | \(SessionDiff.statusText(n.statusAfter)) | \(pct(n.scoreBefore)) | \(pct(n.scoreAfter)) | \(trend) |\n"
            }
            out += "\n\(d.unchangedMeasures) measures unchanged.\n"
        }
        out += "\n### Answer changes\n\n"
        if d.answers.isEmpty {
            out += "No answer changed.\n"
        } else {
            out += "| Question | Change | Before | Now | By |\n|---|---|---|---|---|\n"
            for a in d.answers {
                var change = a.kind.rawValue
                if a.kind == .changed { change += " (\(a.fields.joined(separator: ", ")))" }
                out += "| \(cell(a.text)) \(Markdown.code(a.question)) | \(change) | \(a.before.map(cell) ?? "–") | \(a.after.map(cell) ?? "–") | \(a.by.map(cell) ?? "–")\(a.at.map { ", \(ReportContent.day($0))" } ?? "") |\n"
            }
        }
        return out
    }
}

extension Markdown {
    /// Text for a table cell: escaped, line breaks shown as " ↵ " so the row stays one line.
    public static func cell(_ s: String) -> String {
        normalisedNewlines(s).split(separator: "\n", omittingEmptySubsequences: true)
            .map { escape($0.trimmingCharacters(in: .whitespaces)) }.joined(separator: " ↵ ")
    }

    /// Multi-line text inside a paragraph or list item: each line escaped, protected against starting
    /// a list, heading or code block, and joined with hard line breaks indented by `indent`.
    public static func block(_ s: String, indent: String) -> String {
        let lines = normalisedNewlines(s).split(separator: "\n", omittingEmptySubsequences: true)
            .map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return lines.map(lineStart).joined(separator: "\\\n" + indent)
    }

    /// Escapes one line and the characters that would act at the start of a line.
    static func lineStart(_ line: String) -> String {
        var out = escape(line)
        if let f = out.unicodeScalars.first, f == "-" || f == "+" || f == "=" { out = "\\" + out }
        // "1." or "1)" would start an ordered list.
        let digits = out.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, let next = out.dropFirst(digits.count).first, next == "." || next == ")" {
            out = String(digits) + "\\" + out.dropFirst(digits.count)
        }
        return out
    }

    /// Inline code for ids; falls back to escaped text when the id holds a backtick or control character.
    public static func code(_ s: String) -> String {
        if s.isEmpty || s.unicodeScalars.contains(where: { $0 == "`" || $0 == "|" || $0.value < 0x20 || $0.value == 0x7F || !$0.isASCII }) { return escape(s) }
        return "`\(s)`"
    }
}
