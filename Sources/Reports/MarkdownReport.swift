import AssessmentCore
import FoundationEssentials

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
        let x = ExecutiveSummary(c)
        var out = "# Assessment report: \(e(s.title))\n\n"
        if let o = s.organisation { out += "- Organisation: \(e(o))\n" }
        if let m = s.modelDescription { out += "- Model: \(e(m))\n" }
        out += "- Questionnaire: \(e(q.title)) (\(Markdown.code(q.id)), version \(e(q.version)))\n"
        if !q.source.document.isEmpty { out += "- Source: \(e(q.source.document))\(q.source.date.map { ", \(e($0))" } ?? "")\n" }
        out += "- Session: \(Markdown.code(s.id)), created \(ReportContent.humanDay(s.created)) by \(e(s.createdBy)), last changed \(ReportContent.humanDay(s.updated)) by \(e(s.updatedBy))\n"
        out += "- Generated: \(ReportContent.human(c.generated))\n"
        if let note = c.versionNote { out += "\n> **Note:** \(e(note))\n" }
        if c.provisional { out += "\n> **\(e(c.provisionalText))**\n" }

        // Executive summary
        let o = ev.overall, n = c.counts, open = c.openActions
        out += "\n## Executive summary\n\n"
        out += Markdown.table(["Overall status", "Score", "Coverage", "Open gaps", "Open actions"], [[
            "**\(o.status.label)**\(c.provisional ? " (provisional)" : "")", pct(o.score), "\(pct(n.coverage)) (\(n.phrase))",
            "\(c.gaps.count)", "\(open.count)\(open.overdue == 0 ? "" : " (\(open.overdue) overdue)")",
        ]])
        out += "\n\(e(x.paragraph))\n"
        if let change = x.change { out += "\n**Change:** \(e(change))\n" }
        if let ts = x.trainingSummary { out += "\n\(e(ts))\n" }
        if let m = x.mdfContentMissing { out += "\n\(e(m))\n" }
        out += "\n" + Markdown.table(["Chapter / commitment", "Status", "Score", "Coverage"], x.bars.map { b in
            [b.indented ? "&nbsp;&nbsp;" + cell(b.label) : "**\(cell(b.label))**", b.status.label, pct(b.score), pct(b.coverage)]
        })
        out += "\n### Top \(x.topGaps.count == 1 ? "gap" : "\(x.topGaps.count) gaps")\n\n"
        if x.topGaps.isEmpty {
            out += "No answered question falls short.\n"
        } else {
            out += Markdown.table(["#", "Measure", "Question", "Owner", "Due"], x.topGaps.enumerated().map { i, g in
                let owner = g.action.map { $0.owner.map(cell) ?? "*no owner*" } ?? "*no action yet*"
                let due = g.action.flatMap(\.due).map { d in g.overdue ? "**\(ReportContent.humanDay(d)) overdue**" : ReportContent.humanDay(d) } ?? "–"
                return ["\(i + 1)", g.measure.map(cell) ?? "–", cell(g.gap.title) + (g.gap.critical ? " ⚠" : ""), owner, due]
            })
        }
        if !x.deadlines.isEmpty {
            out += "\n### Deadlines\n\n"
            out += Markdown.table(["Due", "Deadline", "State"], x.deadlines.map { d in
                let st = ReportContent.deadlineState(d, human: true)
                return [ReportContent.humanDay(d.due), cell(d.rule.title), d.state == .overdue ? "**\(st)**" : st]
            })
        }
        out += "\nScores are weighted averages of the answered questions (100% = fully meets the measure; weights are 1 unless shown). Statuses: met ≥ \(pct(q.thresholds.met)), partially met ≥ \(pct(q.thresholds.partial)); a critical question below \(pct(q.thresholds.critical)) caps its measure at not met.\n"

        out += "\n## Status by chapter, commitment and measure\n\n"
        out += Markdown.table(["Part", "Status", "Score", "Coverage", "Answered"], c.statusRows.map { r in
            let indent = String(repeating: "&nbsp;&nbsp;", count: r.depth)
            let name = r.node.kind == .chapter ? "**\(cell(r.node.displayName))**" : cell(r.node.kind.label + " " + c.partName(r.node))
            var status = r.result.status.label
            if let why = r.notApplicableReason { status += ": " + cell(why) }
            if r.capped { status += " (capped by a critical question)" }
            return [indent + name, status, pct(r.result.score), pct(r.result.coverage), r.answered]
        })

        // Gaps
        out += "\n## Gaps by priority\n\n"
        if c.gaps.isEmpty {
            out += "No answered question falls short.\n"
        } else {
            out += "Priority = weight × (1 − score); critical questions are marked ⚠.\n\n"
            out += Markdown.table(["#", "Priority", "Question", "Measure", "Answer", "Score", "What to do"], c.gaps.enumerated().map { i, g in
                ["\(i + 1)", "\(ReportContent.num(g.gap.priority))\(g.gap.critical ? " ⚠" : "")", "\(cell(g.gap.title)) \(Markdown.code(g.gap.id))",
                 g.measure.map { cell(c.partName($0)) } ?? "–", g.answer.map(cell) ?? "–", pct(g.gap.score), g.gap.remediation.map(cell) ?? "–"]
            })
        }

        // Actions
        out += "\n## Action plan\n\n"
        if c.actions.isEmpty {
            out += "No actions recorded. Suggested actions: `gpai-assess action suggest \(s.id)`.\n"
        } else {
            out += "By due date, then priority. Overdue as of \(ReportContent.humanDay(c.today)).\n\n"
            out += Markdown.table(["ID", "Due", "Status", "Priority", "Owner", "Action", "Question"], c.actions.map { a in
                let due = a.due.map { c.overdue(a) ? "**\(e(ReportContent.humanDay($0))) overdue**" : e(ReportContent.humanDay($0)) } ?? "–"
                return [e(a.id), due, ReportContent.actionStatus(a), a.priority.map(ReportContent.num) ?? "–", a.owner.map(cell) ?? "–",
                 cell(a.title) + (a.note.map { " — " + cell($0) } ?? ""), a.question.map(Markdown.code) ?? "–"]
            })
        }

        if !c.deadlines.isEmpty {
            out += "\n## Deadlines\n\nComputed from event dates (business days skip weekends only).\n\n"
            out += Markdown.table(["Due", "Deadline", "From event", "State", "Reference"], c.deadlines.map { d in
                let state = ReportContent.deadlineState(d, human: true)
                return [ReportContent.humanDay(d.due), cell(d.rule.title), "\(cell(d.event)) \(ReportContent.humanDay(d.eventDate)) (\(d.rule.offset.text))",
                        d.state == .overdue ? "**\(state)**" : state, cell(d.rule.reference)]
            })
        }

        if let diff = c.comparison { out += renderComparison(diff) }

        // Appendix A: scope
        out += "\n## Appendix A: Scope\n\n"
        let scope = c.scopeQuestions
        if !scope.isEmpty {
            out += Markdown.table(["Scope question", "Answer"], scope.map { [cell($0.question.text), $0.answer.map(cell) ?? "*unanswered*"] }) + "\n"
        }
        for (n, applies, reason) in c.applicability {
            out += "- **\(e(n.displayName))**: " + (applies ? "applies" : e(c.notApplyingText(n, reason: reason))) + "\n"
        }

        // Appendix B: answers
        out += "\n## Appendix B: Answers\n"
        out += "\nEvery question with its answer, note, evidence, who answered and when.\n"
        for sec in c.answerSections {
            let n = sec.node, r = sec.result
            let measure = sec.ancestors.last { $0.kind == .measure }
            let title = n.kind == .measure ? c.partName(n)
                : measure.map { c.partName($0) + " › " + n.displayName } ?? ReportContent.breadcrumb(sec.ancestors, n)
            out += "\n### \(e(title))\n\n"
            if !sec.isScope {
                var line = "Status: **\(r.status.label)**"
                if r.status == .notApplicable || r.status == .scopePending { line += r.hiddenReason.map { " — \(e($0))" } ?? "" }
                else { line += ", score \(pct(r.score)), coverage \(pct(r.coverage))" }
                out += line + "\n"
            }
            if let rv = s.reviews[n.id] {
                out += "\nReviewed by \(e(rv.by)) on \(ReportContent.humanDay(rv.at))\(rv.note.map { ": " + Markdown.block($0, indent: "") } ?? "")\n"
            }
            if let d = s.discussion[n.id] { out += "\nDiscussion: \(Markdown.block(d, indent: ""))\n" }
            if !out.hasSuffix("\n\n") { out += "\n" }
            if sec.partHidden && sec.questions.isEmpty { out += "No question of this part applies.\n" }
            for qu in sec.questions {
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
                    if !a.evidence.isEmpty { out += "  - Evidence: \(a.evidence.map(Markdown.evidence).joined(separator: "; "))\n" }
                    out += "  - By \(e(a.by)), \(ReportContent.human(a.at))\n"
                }
                if let rem = c.remediation(qu.id) { out += "  - To improve: \(e(rem))\n" }
            }
        }

        // Appendix C: audit trail
        out += "\n## Appendix C: Audit trail\n\n"
        if s.history.isEmpty {
            out += "No change recorded.\n"
        } else {
            out += "Every recorded change of an answer, oldest first (\(s.history.count) in all).\n\n"
            out += Markdown.table(["When", "By", "Question", "Change"], s.history.map { ch in
                let what = ReportContent.changeText(ch, ev.index.questions[ch.question])
                return [ReportContent.human(ch.at), cell(ch.by), Markdown.code(ch.question), cell(what)]
            })
        }
        if !ev.orphanedAnswers.isEmpty {
            out += "\n## Answers to questions no longer in the questionnaire\n\nKept in the session, not scored: \(ev.orphanedAnswers.map(Markdown.code).joined(separator: ", "))\n"
        }
        out += "\n---\n\nGenerated by gpai-assess from questionnaire \(Markdown.code(q.id)) version \(e(q.version))\(c.provisional ? "; provisional (\(e(n.sentence)))" : "").\n"
        return out
    }

    static func renderComparison(_ d: SessionDiff) -> String {
        let e = Markdown.escape, cell = Markdown.cell, pct = ReportContent.pct
        var out = "\n## Changes since \(e(d.before.title))\n\n"
        out += "Compared with session \(Markdown.code(d.before.id)) (questionnaire \(e(d.before.questionnaireID)) \(e(d.before.questionnaireVersion)), last changed \(ReportContent.humanDay(d.before.updated))).\n"
        if d.differentQuestionnaires { out += "\n> **Note:** the sessions use different questionnaires; parts are matched by id.\n" }
        out += "\n" + Markdown.table(["", "Before", "Now"], [
            ["Status", d.before.status.label, d.after.status.label],
            ["Score", pct(d.before.score), pct(d.after.score)],
            ["Coverage", pct(d.before.coverage), pct(d.after.coverage)],
        ])
        out += "\n### Status and score changes\n\n"
        if d.nodes.isEmpty {
            out += "No status or score changed.\n"
        } else {
            out += Markdown.table(["Part", "Status before", "Status now", "Score before", "Score now", "Trend"], d.nodes.map { n in
                [cell(n.partTitle), SessionDiff.statusText(n.statusBefore), SessionDiff.statusText(n.statusAfter), pct(n.scoreBefore), pct(n.scoreAfter), n.trend]
            })
            out += "\n\(d.unchangedMeasures) measures unchanged.\n"
        }
        out += "\n### Answer changes\n\n"
        if d.answers.isEmpty {
            out += "No answer changed.\n"
        } else {
            out += Markdown.table(["Question", "Change", "Before", "Now", "By"], d.answers.map { a in
                ["\(cell(a.text)) \(Markdown.code(a.question))", a.changeText, a.before.map(cell) ?? "–", a.after.map(cell) ?? "–",
                 (a.by.map(cell) ?? "–") + (a.at.map { ", \(ReportContent.humanDay($0))" } ?? "")]
            })
        }
        return out
    }
}

extension Markdown {
    /// A table: the header (an empty title leaves its cell blank), the delimiter row, then one line per row.
    /// Cells are written as given; each is already escaped for a table cell.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        var out = "|" + header.map { $0.isEmpty ? " " : " \($0) " }.joined(separator: "|") + "|\n"
        out += "|" + Array(repeating: "---", count: header.count).joined(separator: "|") + "|\n"
        for r in rows { out += "| " + r.joined(separator: " | ") + " |\n" }
        return out
    }

    /// Text for a table cell: escaped, line breaks shown as " ↵ " so the row stays one line.
    public static func cell(_ s: String) -> String {
        normalisedNewlines(s).split(separator: "\n", omittingEmptySubsequences: true)
            .map { escape($0.trimmingWhitespace()) }.joined(separator: " ↵ ")
    }

    /// Multi-line text inside a paragraph or list item: each line escaped, protected against starting
    /// a list, heading or code block, and joined with hard line breaks indented by `indent`.
    public static func block(_ s: String, indent: String) -> String {
        let lines = normalisedNewlines(s).split(separator: "\n", omittingEmptySubsequences: true)
            .map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
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

    /// An evidence reference: an http(s) URL becomes an autolink; anything else stays escaped text.
    public static func evidence(_ s: String) -> String {
        guard let url = ReportContent.linkTarget(s), !url.contains("|") else { return escape(s) }
        return "<\(url)>"
    }

    /// Inline code for ids; falls back to escaped text when the id holds a backtick or control character.
    public static func code(_ s: String) -> String {
        if s.isEmpty || s.unicodeScalars.contains(where: { $0 == "`" || $0 == "|" || $0.value < 0x20 || $0.value == 0x7F || !$0.isASCII }) { return escape(s) }
        return "`\(s)`"
    }
}
