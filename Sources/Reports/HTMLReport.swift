import AssessmentCore
import Foundation

/// HTML escaping for user and questionnaire text: entities for markup characters and quotes,
/// control characters, bidi controls and noncharacters shown as visible escapes.
public enum HTML {
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in normalisedNewlines(s).unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n", "\t": out.unicodeScalars.append(u)
            default:
                if SafeText.isHazardous(u) {
                    out += SafeText.visible(u)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out
    }

    /// A fragment identifier made only of [A-Za-z0-9._-]; other characters become _hex_.
    public static func anchor(_ prefix: String, _ id: String) -> String {
        var out = prefix + "-"
        for u in id.unicodeScalars {
            if u.isASCII, (u.properties.isAlphabetic || ("0"..."9").contains(u) || u == "-" || u == "." || u == "_") { out.unicodeScalars.append(u) }
            else { out += "_" + String(u.value, radix: 16) + "_" }
        }
        return out
    }

    /// A table with a header row. Cells are written as given (already HTML); the columns in `numeric` are
    /// right-aligned, `rowClasses` gives each row a class, and `rowHeaders` makes each row's first cell its header.
    static func table(_ header: [String], numeric: Set<Int> = [], rows: [[String]], rowClasses: [String]? = nil, rowHeaders: Bool = false) -> String {
        func num(_ j: Int) -> String { numeric.contains(j) ? " class=\"num\"" : "" }
        var out = "<table>\n<thead><tr>" + header.enumerated().map { j, t in "<th scope=\"col\"\(num(j))>\(t)</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for (i, r) in rows.enumerated() {
            out += rowClasses.map { "<tr class=\"\($0[i])\">" } ?? "<tr>"
            for (j, cell) in r.enumerated() {
                out += rowHeaders && j == 0 ? "<th scope=\"row\">\(cell)</th>" : "<td\(num(j))>\(cell)</td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }
}

/// The HTML report: one self-contained HTML5 file (no script, no external resources), printable,
/// with a table of contents and an inline SVG chart of scores per commitment. Same content as Markdown.
public enum HTMLReport {
    public static func render(session s: Session, questionnaire q: Questionnaire, evaluation ev: Evaluation, generated: Date,
                              comparison: SessionDiff? = nil) -> String {
        render(ReportContent(session: s, questionnaire: q, evaluation: ev, generated: generated, comparison: comparison))
    }

    static let css = """
    :root { --met: #1b7a3a; --partial: #b26a00; --notmet: #b3261e; --progress: #3b5ba5; --muted: #666; --line: #d0d4da; }
    * { box-sizing: border-box; }
    body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; line-height: 1.45; color: #1d1d1f; margin: 0 auto; max-width: 64rem; padding: 1.5rem; }
    h1 { font-size: 1.7rem; margin: 0 0 .5rem; }
    h2 { font-size: 1.35rem; border-bottom: 2px solid var(--line); padding-bottom: .2rem; margin-top: 2.2rem; }
    h3 { font-size: 1.1rem; margin-top: 1.6rem; }
    table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; font-size: .92rem; }
    th, td { border: 1px solid var(--line); padding: .3rem .45rem; text-align: left; vertical-align: top; }
    th { background: #f1f3f6; }
    td.num, th.num { text-align: right; white-space: nowrap; }
    .meta { color: var(--muted); margin: 0 0 1rem; }
    .meta dt { font-weight: 600; float: left; clear: left; width: 9rem; }
    .meta dd { margin: 0 0 .2rem 9.5rem; }
    .banner { border: 2px solid var(--partial); background: #fff6e5; padding: .6rem .8rem; border-radius: 4px; font-weight: 600; }
    .note-box { border-left: 4px solid var(--progress); background: #eef2fb; padding: .5rem .8rem; }
    .cards { display: flex; flex-wrap: wrap; gap: .8rem; margin: 1rem 0; }
    .card { border: 1px solid var(--line); border-radius: 6px; padding: .6rem .9rem; min-width: 9rem; }
    .card .big { font-size: 1.5rem; font-weight: 700; display: block; }
    .status { display: inline-block; padding: 0 .4rem; border-radius: 3px; font-size: .85rem; white-space: nowrap; border: 1px solid currentColor; }
    .s-met { color: var(--met); } .s-partially_met { color: var(--partial); } .s-not_met { color: var(--notmet); }
    .s-in_progress { color: var(--progress); } .s-not_started, .s-not_applicable, .s-scope_pending { color: var(--muted); }
    .overdue { color: var(--notmet); font-weight: 700; }
    .depth-1 td:first-child { padding-left: 1.4rem; } .depth-2 td:first-child { padding-left: 2.6rem; } .depth-3 td:first-child { padding-left: 3.8rem; }
    tr.chapter td { font-weight: 700; background: #f8f9fb; }
    .text { white-space: pre-wrap; overflow-wrap: anywhere; }
    .q { border: 1px solid var(--line); border-radius: 4px; padding: .5rem .7rem; margin: .5rem 0; break-inside: avoid; }
    .q h4 { margin: 0 0 .3rem; font-size: 1rem; }
    .q dl { margin: 0; display: grid; grid-template-columns: 8rem 1fr; gap: .15rem .6rem; }
    .q dt { color: var(--muted); } .q dd { margin: 0; }
    .q.na { opacity: .75; }
    code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .85em; background: #f1f3f6; padding: 0 .2rem; border-radius: 2px; }
    nav.toc ol { padding-left: 1.4rem; } nav.toc a { text-decoration: none; }
    svg.chart { width: 100%; height: auto; max-width: 60rem; }
    svg.chart text { font-family: inherit; font-size: 12px; fill: #1d1d1f; }
    footer { margin-top: 3rem; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--line); padding-top: .5rem; }
    @media print {
      body { max-width: none; padding: 0; font-size: 10.5pt; }
      nav.toc { break-after: page; }
      h2 { break-after: avoid; } h3 { break-after: avoid; }
      tr, .q, .card, svg.chart { break-inside: avoid; }
      a { color: inherit; text-decoration: none; }
      .banner, .status, th, tr.chapter td { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    }
    @page { margin: 16mm 14mm; }
    """

    public static func render(_ c: ReportContent) -> String {
        let s = c.session, q = c.questionnaire, ev = c.evaluation
        let h = HTML.escape, pct = ReportContent.pct
        func status(_ st: Status) -> String { "<span class=\"status s-\(st.rawValue)\">\(st.label)</span>" }
        func text(_ t: String) -> String { "<span class=\"text\">\(h(t))</span>" }

        var sections: [(id: String, title: String)] = [("summary", "Summary"), ("scope", "Scope"), ("chart", "Scores per commitment"),
                                                       ("status", "Status by chapter, commitment and measure"), ("gaps", "Gaps by priority"),
                                                       ("actions", "Action plan")]
        if !c.deadlines.isEmpty { sections.append(("deadlines", "Deadlines")) }
        if c.comparison != nil { sections.append(("changes", "Changes since the earlier assessment")) }
        sections.append(("answers", "Answers"))
        if !ev.orphanedAnswers.isEmpty { sections.append(("orphaned", "Answers to removed questions")) }

        var out = "<!DOCTYPE html>\n<html lang=\"\(h(q.language.isEmpty ? "en" : q.language))\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<meta name=\"generator\" content=\"gpai-assess\">\n"
        out += "<title>Assessment report: \(h(s.title))</title>\n<style>\n\(css)\n</style>\n</head>\n<body>\n"
        out += "<header>\n<h1>Assessment report: \(h(s.title))</h1>\n<dl class=\"meta\">\n"
        if let o = s.organisation { out += "<dt>Organisation</dt><dd>\(h(o))</dd>\n" }
        if let m = s.model { out += "<dt>Model</dt><dd>\(h(m))</dd>\n" }
        out += "<dt>Questionnaire</dt><dd>\(h(q.title)) (<code>\(h(q.id))</code>, version \(h(q.version)))</dd>\n"
        if !q.source.document.isEmpty { out += "<dt>Source</dt><dd>\(h(q.source.document))\(q.source.date.map { ", \(h($0))" } ?? "")</dd>\n" }
        out += "<dt>Session</dt><dd><code>\(h(s.id))</code>, created \(ReportContent.day(s.created)) by \(h(s.createdBy)), last changed \(ReportContent.day(s.updated)) by \(h(s.updatedBy))</dd>\n"
        out += "<dt>Generated</dt><dd>\(ReportContent.iso(c.generated))</dd>\n</dl>\n"
        if let note = c.versionNote { out += "<p class=\"note-box\">\(h(note))</p>\n" }
        if c.provisional { out += "<p class=\"banner\" role=\"note\">\(h(c.provisionalText))</p>\n" }
        out += "</header>\n"

        out += "<nav class=\"toc\" aria-label=\"Contents\">\n<h2>Contents</h2>\n<ol>\n"
        for sec in sections { out += "<li><a href=\"#\(sec.id)\">\(h(sec.title))</a></li>\n" }
        out += "</ol>\n</nav>\n<main>\n"

        // Summary
        let o = ev.overall
        let open = c.openActions
        out += "<section id=\"summary\">\n<h2>Summary</h2>\n<div class=\"cards\">\n"
        out += "<div class=\"card\">Overall status<span class=\"big s-\(o.status.rawValue)\">\(o.status.label)</span>\(c.provisional ? "provisional" : "")</div>\n"
        out += "<div class=\"card\">Score<span class=\"big\">\(pct(o.score))</span>weighted average</div>\n"
        out += "<div class=\"card\">Coverage<span class=\"big\">\(pct(o.coverage))</span>\(o.answeredQuestions) of \(o.applicableQuestions) answered</div>\n"
        out += "<div class=\"card\">Open gaps<span class=\"big\">\(c.gaps.count)</span>questions below full score</div>\n"
        out += "<div class=\"card\">Open actions<span class=\"big\">\(open.count)</span>\(open.overdue == 0 ? "none overdue" : "<span class=\"overdue\">\(open.overdue) overdue</span>")</div>\n"
        out += "</div>\n<p>Scores are weighted averages of the answered questions (100% = fully meets the measure; weights are 1 unless shown). Statuses: met ≥ \(pct(q.thresholds.met)), partially met ≥ \(pct(q.thresholds.partial)); a critical question below \(pct(q.thresholds.critical)) caps its measure at not met. Unanswered questions are not counted as zero; they lower the coverage.</p>\n</section>\n"

        // Scope
        out += "<section id=\"scope\">\n<h2>Scope</h2>\n"
        let scope = c.scopeQuestions
        if !scope.isEmpty {
            out += HTML.table(["Scope question", "Answer"], rows: scope.map { [h($0.question.text), $0.answer.map(text) ?? "<em>unanswered</em>"] })
        }
        out += "<ul>\n"
        for (n, applies, reason) in c.applicability {
            out += "<li><strong>\(h(n.displayName))</strong>: " + (applies ? "applies" : h(c.notApplyingText(n, reason: reason))) + "</li>\n"
        }
        out += "</ul>\n</section>\n"

        out += "<section id=\"chart\">\n<h2>Scores per commitment</h2>\n" + chart(c) + "</section>\n"

        // Status
        let rows = c.statusRows
        out += "<section id=\"status\">\n<h2>Status by chapter, commitment and measure</h2>\n"
        out += HTML.table(["Part", "Status", "Score", "Coverage", "Answered"], numeric: [2, 3, 4], rows: rows.map { r in
            var st = status(r.result.status)
            if let why = r.notApplicableReason { st += " \(h(why))" }
            if r.capped { st += " capped by a critical question" }
            let name = r.node.kind == "measure" ? "<a href=\"#\(HTML.anchor("m", r.node.id))\">\(h(r.node.kind.capitalized + " " + r.node.displayName))</a>"
                : h((r.node.kind == "chapter" ? "" : r.node.kind.capitalized + " ") + r.node.displayName)
            return [name, st, pct(r.result.score), pct(r.result.coverage), r.answered]
        }, rowClasses: rows.map { $0.node.kind == "chapter" ? "chapter" : "depth-\(min(3, $0.depth))" })
        out += "</section>\n"

        // Gaps
        out += "<section id=\"gaps\">\n<h2>Gaps by priority</h2>\n"
        if c.gaps.isEmpty {
            out += "<p>No answered question falls short.</p>\n"
        } else {
            out += "<p>Priority = weight × (1 − score); ⚠ marks critical questions.</p>\n"
            out += HTML.table(["#", "Priority", "Question", "Measure", "Answer", "Score", "What to do"], numeric: [0, 1, 5], rows: c.gaps.enumerated().map { i, g in
                ["\(i + 1)", "\(ReportContent.num(g.gap.priority))\(g.gap.critical ? " ⚠" : "")", "\(h(g.gap.title)) <code>\(h(g.gap.id))</code>",
                 g.measure.map { "<a href=\"#\(HTML.anchor("m", $0.id))\">\(h($0.displayName))</a>" } ?? "–",
                 g.answer.map(text) ?? "–", pct(g.gap.score), g.gap.remediation.map(h) ?? "–"]
            })
        }
        out += "</section>\n"

        // Actions
        out += "<section id=\"actions\">\n<h2>Action plan</h2>\n"
        if c.actions.isEmpty {
            out += "<p>No actions recorded. Suggested actions: <code>gpai-assess action suggest \(h(s.id))</code>.</p>\n"
        } else {
            out += "<p>By due date, then priority. Overdue as of \(c.today).</p>\n"
            out += HTML.table(["ID", "Due", "Status", "Priority", "Owner", "Action", "Question"], numeric: [3], rows: c.actions.map { a in
                let due = a.due.map { c.overdue(a) ? "<span class=\"overdue\">\(h($0)) overdue</span>" : h($0) } ?? "–"
                return [h(a.id), due, ReportContent.actionStatus(a), a.priority.map(ReportContent.num) ?? "–", a.owner.map(h) ?? "–",
                        text(a.title) + (a.note.map { "<br>" + text($0) } ?? ""), a.question.map { "<code>\(h($0))</code>" } ?? "–"]
            })
        }
        out += "</section>\n"

        if !c.deadlines.isEmpty {
            out += "<section id=\"deadlines\">\n<h2>Deadlines</h2>\n<p>Computed from event dates (business days skip weekends only).</p>\n"
            out += HTML.table(["Due", "Deadline", "From event", "State", "Reference"], rows: c.deadlines.map { d in
                let state = h(ReportContent.deadlineState(d))
                return ["\(d.due)", h(d.rule.title), "<code>\(h(d.event))</code> \(d.eventDate) (\(h(d.rule.offset.text)))",
                        d.state == .overdue ? "<span class=\"overdue\">\(state)</span>" : state, h(d.rule.reference)]
            })
            out += "</section>\n"
        }

        if let d = c.comparison { out += comparison(d) }

        // Answers
        out += "<section id=\"answers\">\n<h2>Answers</h2>\n<p>Every question with its answer, note, evidence, who answered and when.</p>\n"
        for sec in c.answerSections {
            let n = sec.node, r = sec.result
            out += "<section id=\"\(HTML.anchor("m", n.id))\">\n<h3>\(h(ReportContent.breadcrumb(sec.ancestors, n)))</h3>\n"
            if !sec.isScope {
                out += "<p>Status: \(status(r.status))"
                if r.status == .notApplicable || r.status == .scopePending { out += r.hiddenReason.map { " \(h($0))" } ?? "" }
                else { out += ", score \(pct(r.score)), coverage \(pct(r.coverage))" }
                out += "</p>\n"
            }
            if let rv = s.reviews[n.id] {
                out += "<p>Reviewed by \(h(rv.by)) on \(ReportContent.day(rv.at))\(rv.note.map { ": " + text($0) } ?? "")</p>\n"
            }
            if let d = s.discussion[n.id] { out += "<p>Discussion: \(text(d))</p>\n" }
            if sec.partHidden && sec.questions.isEmpty { out += "<p>No question of this part applies.</p>\n" }
            for qu in sec.questions {
                let qr = ev.questions[qu.id]!
                let a = s.answers[qu.id]
                out += "<div class=\"q\(qr.applicable ? "" : " na")\">\n<h4>\(h(qu.text)) <code>\(h(qu.id))</code>\(qu.critical ? " ⚠ critical" : "")</h4>\n<dl>\n"
                if !qr.applicable {
                    out += "<dt>Not applicable</dt><dd>\(h(qr.hiddenReason ?? "condition not met"))\(a != nil ? " (an answer is kept but not counted)" : "")</dd>\n</dl>\n</div>\n"
                    continue
                }
                if let a, let t = ReportContent.answerText(a, qu) {
                    out += "<dt>Answer</dt><dd>\(text(t))\(qr.score.map { " (score \(pct($0))\(qu.weight != 1 ? ", weight \(formatNumber(qu.weight))" : ""))" } ?? "")</dd>\n"
                } else {
                    out += "<dt>Answer</dt><dd><em>unanswered</em></dd>\n"
                }
                if let bad = qr.invalidAnswer { out += "<dt>Invalid</dt><dd>\(h(bad)) (not counted)</dd>\n" }
                if let a {
                    if let note = a.note { out += "<dt>Note</dt><dd>\(text(note))</dd>\n" }
                    if !a.evidence.isEmpty {
                        out += "<dt>Evidence</dt><dd><ul>" + a.evidence.map { "<li>\(text($0))</li>" }.joined() + "</ul></dd>\n"
                    }
                    out += "<dt>By</dt><dd>\(h(a.by)), \(ReportContent.iso(a.at))</dd>\n"
                }
                if let rem = c.remediation(qu.id) { out += "<dt>To improve</dt><dd>\(h(rem))</dd>\n" }
                out += "</dl>\n</div>\n"
            }
            out += "</section>\n"
        }
        out += "</section>\n"
        if !ev.orphanedAnswers.isEmpty {
            out += "<section id=\"orphaned\">\n<h2>Answers to removed questions</h2>\n<p>Kept in the session, not scored: "
            out += ev.orphanedAnswers.map { "<code>\(h($0))</code>" }.joined(separator: ", ") + "</p>\n</section>\n"
        }
        out += "</main>\n<footer>Generated by gpai-assess on \(ReportContent.iso(c.generated)) from questionnaire <code>\(h(q.id))</code> version \(h(q.version))\(c.provisional ? "; provisional (coverage below 100%)" : "").</footer>\n"
        out += "</body>\n</html>\n"
        return out
    }

    /// Horizontal bars, one per commitment (grouped under their chapter), with the met and partially-met thresholds.
    static func chart(_ c: ReportContent) -> String {
        let h = HTML.escape
        let bars = c.chartBars
        guard !bars.isEmpty else { return "<p>No commitment applies.</p>\n" }
        // Rows: a heading row whenever the chapter changes, then the bars.
        enum Row { case heading(String), bar(ReportContent.Bar) }
        var rows: [Row] = []
        var group: String? = nil
        for b in bars {
            if let g = b.group, g != group { rows.append(.heading(g)) }
            group = b.group
            rows.append(.bar(b))
        }
        let labelW = 330.0, barW = 400.0, rowH = 24.0, top = 24.0, right = 60.0
        let width = labelW + barW + right
        let height = top + rowH * Double(rows.count) + 8
        func f(_ x: Double) -> String { formatNumber(rounded(x, places: 1)!) }
        func cut(_ s: String, _ n: Int) -> String { s.count > n ? String(s.prefix(n - 1)) + "…" : s }
        let colours: [Status: String] = [.met: "#1b7a3a", .partiallyMet: "#b26a00", .notMet: "#b3261e", .inProgress: "#3b5ba5",
                                         .notStarted: "#999999", .notApplicable: "#999999"]
        var out = "<figure>\n<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\" aria-labelledby=\"chart-title\">\n"
        out += "<title id=\"chart-title\">Score per commitment (0–100%)</title>\n"
        out += "<rect x=\"\(f(labelW))\" y=\"\(f(top - 6))\" width=\"\(f(barW))\" height=\"\(f(rowH * Double(rows.count) + 4))\" fill=\"#f6f7f9\"/>\n"
        for (t, label) in [(c.questionnaire.thresholds.partial, "partially met"), (c.questionnaire.thresholds.met, "met")] {
            let x = labelW + barW * t
            out += "<line x1=\"\(f(x))\" y1=\"\(f(top - 10))\" x2=\"\(f(x))\" y2=\"\(f(height - 4))\" stroke=\"#888888\" stroke-dasharray=\"3 3\"/>\n"
            out += "<text x=\"\(f(x))\" y=\"\(f(top - 12))\" text-anchor=\"middle\">\(label) \(ReportContent.pct(t))</text>\n"
        }
        for (i, row) in rows.enumerated() {
            let y = top + rowH * Double(i)
            switch row {
            case let .heading(g):
                out += "<text x=\"0\" y=\"\(f(y + rowH * 0.62))\" font-weight=\"bold\">\(h(cut(g, 60)))</text>\n"
            case let .bar(b):
                let indent = b.group == nil ? 0.0 : 12.0
                out += "<g>\n<title>\(h((b.group.map { $0 + " › " } ?? "") + b.label)): \(b.status.label), score \(ReportContent.pct(b.score))</title>\n"
                out += "<text x=\"\(f(indent))\" y=\"\(f(y + rowH * 0.62))\">\(h(cut(b.label, 50)))</text>\n"
                let w = barW * max(0, min(1, b.score ?? 0))
                out += "<rect x=\"\(f(labelW))\" y=\"\(f(y + 3))\" width=\"\(f(w))\" height=\"\(f(rowH - 8))\" fill=\"\(colours[b.status] ?? "#999999")\"/>\n"
                out += "<text x=\"\(f(labelW + w + 6))\" y=\"\(f(y + rowH * 0.62))\">\(ReportContent.pct(b.score))</text>\n</g>\n"
            }
        }
        out += "</svg>\n<figcaption>Bars show each commitment's score; colour shows its status (green met, amber partially met, red not met, blue in progress, grey not started). Dashed lines mark the thresholds.</figcaption>\n</figure>\n"
        return out
    }

    static func comparison(_ d: SessionDiff) -> String {
        let h = HTML.escape, pct = ReportContent.pct
        var out = "<section id=\"changes\">\n<h2>Changes since the earlier assessment</h2>\n"
        out += "<p>Compared with \(h(d.before.title)) (<code>\(h(d.before.id))</code>, questionnaire \(h(d.before.questionnaireID)) \(h(d.before.questionnaireVersion)), last changed \(ReportContent.day(d.before.updated))).</p>\n"
        if d.differentQuestionnaires { out += "<p class=\"note-box\">The sessions use different questionnaires; parts are matched by id.</p>\n" }
        out += HTML.table(["", "Before", "Now"], rows: [
            ["Status", d.before.status.label, d.after.status.label],
            ["Score", pct(d.before.score), pct(d.after.score)],
            ["Coverage", pct(d.before.coverage), pct(d.after.coverage)],
        ], rowHeaders: true)
        out += "<h3>Status and score changes</h3>\n"
        if d.nodes.isEmpty {
            out += "<p>No status or score changed.</p>\n"
        } else {
            out += HTML.table(["Part", "Status before", "Status now", "Score before", "Score now", "Trend"], numeric: [3, 4], rows: d.nodes.map { n in
                [h(n.partTitle), SessionDiff.statusText(n.statusBefore), SessionDiff.statusText(n.statusAfter), pct(n.scoreBefore), pct(n.scoreAfter),
                 n.direction < 0 ? "<span class=\"overdue\">\(n.trend)</span>" : n.trend]
            })
            out += "<p>\(d.unchangedMeasures) measures unchanged.</p>\n"
        }
        out += "<h3>Answer changes</h3>\n"
        if d.answers.isEmpty {
            out += "<p>No answer changed.</p>\n"
        } else {
            out += HTML.table(["Question", "Change", "Before", "Now", "By"], rows: d.answers.map { a in
                ["\(h(a.text)) <code>\(h(a.question))</code>", a.changeText, "<span class=\"text\">\(a.before.map(h) ?? "–")</span>",
                 "<span class=\"text\">\(a.after.map(h) ?? "–")</span>", (a.by.map(h) ?? "–") + (a.at.map { ", \(ReportContent.day($0))" } ?? "")]
            })
        }
        return out + "</section>\n"
    }
}
