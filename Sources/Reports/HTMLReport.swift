import AssessmentCore
import FoundationEssentials

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
    static func table(_ header: [String], numeric: Set<Int> = [], rows: [[String]], rowClasses: [String]? = nil, rowHeaders: Bool = false,
                      widths: [Int]? = nil, className: String? = nil) -> String {
        func num(_ j: Int) -> String { numeric.contains(j) ? " class=\"num\"" : "" }
        var out = className.map { "<table class=\"\($0)\">\n" } ?? "<table>\n"
        if let widths { out += "<colgroup>" + widths.map { "<col style=\"width: \($0)%\">" }.joined() + "</colgroup>\n" }
        out += "<thead><tr>" + header.enumerated().map { j, t in "<th scope=\"col\"\(num(j))>\(t)</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for (i, r) in rows.enumerated() {
            out += rowClasses.map { "<tr class=\"\($0[i])\">" } ?? "<tr>"
            for (j, cell) in r.enumerated() {
                out += rowHeaders && j == 0 ? "<th scope=\"row\">\(cell)</th>" : "<td\(num(j))>\(cell)</td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    /// An evidence reference: an http(s) URL becomes a link that opens without a referrer or opener;
    /// anything else (javascript:, file paths, document names) stays plain text.
    public static func evidence(_ s: String) -> String {
        guard let url = ReportContent.linkTarget(s) else { return "<span class=\"text\">\(escape(s))</span>" }
        return "<a class=\"bare\" href=\"\(escape(url))\" rel=\"noopener noreferrer\">\(escape(url))</a>"
    }
}

/// The HTML report: one self-contained HTML5 file (no script, no external resources) that prints to A4 or Letter.
/// Page 1 is the executive summary; then the detail; scope, every answer and the audit trail are appendices.
/// Same content as Markdown.
public enum HTMLReport {
    public static func render(session s: Session, questionnaire q: Questionnaire, evaluation ev: Evaluation, generated: Date,
                              comparison: SessionDiff? = nil) -> String {
        render(ReportContent(session: s, questionnaire: q, evaluation: ev, generated: generated, comparison: comparison))
    }

    static let css = """
    :root { --met: #1b7a3a; --partial: #b26a00; --notmet: #b3261e; --progress: #3b5ba5; --muted: #666; --line: #d0d4da; }
    * { box-sizing: border-box; }
    body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; line-height: 1.4; color: #1d1d1f; margin: 0 auto; max-width: 64rem; padding: 1.5rem; }
    h1 { font-size: 1.6rem; margin: 0 0 .4rem; }
    h2 { font-size: 1.3rem; border-bottom: 2px solid var(--line); padding-bottom: .2rem; margin: 2rem 0 .6rem; }
    h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
    table { border-collapse: collapse; width: 100%; margin: .4rem 0 .9rem; font-size: .9rem; }
    th, td { border: 1px solid var(--line); padding: .25rem .4rem; text-align: left; vertical-align: top; }
    th { background: #f1f3f6; }
    td.num, th.num { text-align: right; white-space: nowrap; }
    .meta { color: var(--muted); margin: 0 0 .8rem; display: grid; grid-template-columns: max-content 1fr; gap: .1rem .8rem; }
    .meta dt { font-weight: 600; } .meta dd { margin: 0; }
    .banner { border: 2px solid var(--partial); background: #fff6e5; padding: .5rem .8rem; border-radius: 4px; font-weight: 600; }
    .note-box { border-left: 4px solid var(--progress); background: #eef2fb; padding: .5rem .8rem; }
    .cards { display: grid; grid-template-columns: repeat(5, 1fr); gap: .5rem; margin: .6rem 0; }
    .card { border: 1px solid var(--line); border-radius: 6px; padding: .3rem .6rem; font-size: .8rem; line-height: 1.2; }
    .card .big { font-size: 1.3rem; font-weight: 700; display: block; }
    .lead { margin: .4rem 0; }
    table.top { font-size: .85rem; }
    .status { display: inline-block; padding: 0 .35rem; border-radius: 3px; font-size: .82rem; white-space: nowrap; border: 1px solid currentColor; }
    .s-met { color: var(--met); } .s-partially_met { color: var(--partial); } .s-not_met { color: var(--notmet); }
    .s-in_progress { color: var(--progress); } .s-not_started, .s-not_applicable, .s-scope_pending { color: var(--muted); }
    .overdue { color: var(--notmet); font-weight: 700; }
    .depth-1 td:first-child { padding-left: 1.2rem; } .depth-2 td:first-child { padding-left: 2.2rem; } .depth-3 td:first-child { padding-left: 3.2rem; }
    tr.chapter td { font-weight: 700; background: #f8f9fb; }
    .text { white-space: pre-wrap; overflow-wrap: anywhere; }
    a.bare { overflow-wrap: anywhere; }
    table.answers, table.dense { font-size: .85rem; }
    table.answers td, table.dense td { overflow-wrap: anywhere; }
    table.dense td:nth-child(2) { white-space: nowrap; }
    table.answers ul { margin: 0; padding-left: 1rem; }
    tr.na td { color: var(--muted); }
    tr.part th { background: #f8f9fb; font-weight: 700; }
    .small { font-size: .82rem; color: var(--muted); }
    code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .85em; background: #f1f3f6; padding: 0 .2rem; border-radius: 2px; }
    nav.toc ol { padding-left: 1.4rem; columns: 2; margin: .2rem 0; } nav.toc a { text-decoration: none; }
    figure { margin: .4rem 0; }
    svg.chart { width: 100%; height: auto; max-width: 60rem; }
    svg.chart text { font-family: inherit; font-size: 12px; fill: #1d1d1f; }
    figcaption { font-size: .8rem; color: var(--muted); }
    footer { margin-top: 2rem; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--line); padding-top: .5rem; }
    @media print {
      html { font-size: 9.5pt; }
      body { max-width: none; padding: 0; line-height: 1.3; }
      h2 { margin-top: 1.2rem; } h3 { margin-top: .8rem; }
      h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
      h2 + *, h3 + * { break-before: avoid; page-break-before: avoid; }
      #summary { break-after: page; page-break-after: always; }
      .appendix { break-before: page; page-break-before: always; }
      thead { display: table-header-group; }
      tr, .card, figure, svg.chart { break-inside: avoid; page-break-inside: avoid; }
      tr.part { break-after: avoid; page-break-after: avoid; }
      th, td { padding: .15rem .3rem; }
      a { color: inherit; text-decoration: none; }
      a[href^="http"]:not(.bare)::after { content: " (" attr(href) ")"; font-size: .9em; }
      nav.toc { display: none; }
      .banner, .status, th, tr.chapter td, svg.chart { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    }
    @page { margin: 14mm 12mm; }
    """

    public static func render(_ c: ReportContent) -> String {
        let s = c.session, q = c.questionnaire, ev = c.evaluation
        let h = HTML.escape, pct = ReportContent.pct
        let x = ExecutiveSummary(c)
        func status(_ st: Status) -> String { "<span class=\"status s-\(st.rawValue)\">\(st.label)</span>" }
        func text(_ t: String) -> String { "<span class=\"text\">\(h(t))</span>" }
        func measureLink(_ id: String, _ name: String) -> String { "<a href=\"#\(HTML.anchor("m", id))\">\(h(name))</a>" }

        var sections: [(id: String, title: String)] = [("summary", "Executive summary"), ("status", "Status by chapter, commitment and measure"),
                                                       ("gaps", "Gaps by priority"), ("actions", "Action plan")]
        if !c.deadlines.isEmpty { sections.append(("deadlines", "Deadlines")) }
        if c.comparison != nil { sections.append(("changes", "Changes since the earlier assessment")) }
        sections += [("scope", "Appendix A: Scope"), ("answers", "Appendix B: Answers"), ("audit", "Appendix C: Audit trail")]
        if !ev.orphanedAnswers.isEmpty { sections.append(("orphaned", "Answers to removed questions")) }

        var out = "<!DOCTYPE html>\n<html lang=\"\(h(q.language.isEmpty ? "en" : q.language))\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<meta name=\"generator\" content=\"gpai-assess\">\n"
        out += "<title>Assessment report: \(h(s.title))</title>\n<style>\n\(css)\n</style>\n</head>\n<body>\n"
        out += "<header>\n<h1>Assessment report: \(h(s.title))</h1>\n<dl class=\"meta\">\n"
        if let o = s.organisation { out += "<dt>Organisation</dt><dd>\(h(o))</dd>\n" }
        if let m = s.modelDescription { out += "<dt>Model</dt><dd>\(h(m))</dd>\n" }
        out += "<dt>Questionnaire</dt><dd>\(h(q.title)) (<code>\(h(q.id))</code>, version \(h(q.version)))\(q.source.document.isEmpty ? "" : "; \(h(q.source.document))\(q.source.date.map { ", \(h($0))" } ?? "")")</dd>\n"
        out += "<dt>Session</dt><dd><code>\(h(s.id))</code>, created \(ReportContent.humanDay(s.created)) by \(h(s.createdBy)), last changed \(ReportContent.humanDay(s.updated)) by \(h(s.updatedBy))</dd>\n"
        out += "<dt>Generated</dt><dd>\(ReportContent.human(c.generated))</dd>\n</dl>\n"
        if let note = c.versionNote { out += "<p class=\"note-box\">\(h(note))</p>\n" }
        if c.provisional { out += "<p class=\"banner\" role=\"note\">\(h(c.provisionalText))</p>\n" }
        out += "</header>\n<main>\n"

        // Executive summary: one printed page.
        let o = ev.overall, n = c.counts, open = c.openActions
        out += "<section id=\"summary\">\n<h2>Executive summary</h2>\n<div class=\"cards\">\n"
        out += "<div class=\"card\">Overall status<span class=\"big s-\(o.status.rawValue)\">\(o.status.label)</span>\(c.provisional ? "provisional" : "final")</div>\n"
        out += "<div class=\"card\">Score<span class=\"big\">\(pct(o.score))</span>weighted average\(c.provisional ? ", provisional" : "")</div>\n"
        out += "<div class=\"card\">Coverage<span class=\"big\">\(pct(n.coverage))</span>\(n.phrase)</div>\n"
        out += "<div class=\"card\">Open gaps<span class=\"big\">\(c.gaps.count)</span>questions below full score</div>\n"
        out += "<div class=\"card\">Open actions<span class=\"big\">\(open.count)</span>\(open.overdue == 0 ? "none overdue" : "<span class=\"overdue\">\(open.overdue) overdue</span>")</div>\n"
        out += "</div>\n<p class=\"lead\">\(h(x.paragraph))</p>\n"
        if let change = x.change { out += "<p><strong>Change:</strong> \(h(change)) <a href=\"#changes\">Details</a>.</p>\n" }
        if let ts = x.trainingSummary { out += "<p>\(h(ts))</p>\n" }
        if let m = x.mdfContentMissing { out += "<p>\(h(m))</p>\n" }
        out += statusChart(x, q)
        out += "<h3>Top \(x.topGaps.count == 1 ? "gap" : "\(x.topGaps.count) gaps")</h3>\n"
        if x.topGaps.isEmpty {
            out += "<p>No answered question falls short.</p>\n"
        } else {
            out += HTML.table(["#", "Measure", "Question", "Owner", "Due"], numeric: [0], rows: x.topGaps.enumerated().map { i, g in
                let owner = g.action.map { $0.owner.map(h) ?? "<em>no owner</em>" } ?? "<em>no action yet</em>"
                let due = g.action.flatMap(\.due).map { d in
                    g.overdue ? "<span class=\"overdue\">\(ReportContent.humanDay(d)) overdue</span>" : ReportContent.humanDay(d)
                } ?? "–"
                return ["\(i + 1)", g.measure.map { name in g.measureID.map { measureLink($0, name) } ?? h(name) } ?? "–",
                        h(ReportContent.shortened(g.gap.title, 110)) + (g.gap.critical ? " ⚠" : ""), owner, due]
            }, widths: [4, 33, 41, 11, 11], className: "top")
        }
        if !x.deadlines.isEmpty {
            out += "<h3>Deadlines</h3>\n"
            out += HTML.table(["Due", "Deadline", "State"], rows: x.deadlines.map { d in
                let st = h(ReportContent.deadlineState(d, human: true))
                return [ReportContent.humanDay(d.due), h(d.rule.title), d.state == .overdue ? "<span class=\"overdue\">\(st)</span>" : st]
            }, widths: [16, 64, 20])
        }
        out += "</section>\n"

        out += "<nav class=\"toc\" aria-label=\"Contents\">\n<h2>Contents</h2>\n<ol>\n"
        for sec in sections { out += "<li><a href=\"#\(sec.id)\">\(h(sec.title))</a></li>\n" }
        out += "</ol>\n</nav>\n"

        // Status
        let rows = c.statusRows
        out += "<section id=\"status\">\n<h2>Status by chapter, commitment and measure</h2>\n"
        out += "<p class=\"small\">Scores are weighted averages of the answered questions (100% = fully meets the measure; weights are 1 unless shown). Met ≥ \(pct(q.thresholds.met)), partially met ≥ \(pct(q.thresholds.partial)); a critical question below \(pct(q.thresholds.critical)) caps its measure at not met. Unanswered questions are not counted as zero; they lower the coverage.</p>\n"
        out += HTML.table(["Part", "Status", "Score", "Coverage", "Answered"], numeric: [2, 3, 4], rows: rows.map { r in
            var st = status(r.result.status)
            if let why = r.notApplicableReason { st += " \(h(why))" }
            if r.capped { st += " capped by a critical question" }
            let name = r.node.kind == .measure ? measureLink(r.node.id, c.partName(r.node))
                : h(r.node.kind == .chapter ? r.node.displayName : r.node.kind.label + " " + c.partName(r.node))
            return [name, st, pct(r.result.score), pct(r.result.coverage), r.answered]
        }, rowClasses: rows.map { $0.node.kind == .chapter ? "chapter" : "depth-\(min(3, $0.depth))" })
        out += "</section>\n"

        // Gaps
        out += "<section id=\"gaps\">\n<h2>Gaps by priority</h2>\n"
        if c.gaps.isEmpty {
            out += "<p>No answered question falls short.</p>\n"
        } else {
            out += "<p>Priority = weight × (1 − score); ⚠ marks critical questions.</p>\n"
            out += HTML.table(["#", "Priority", "Question (answer in Appendix B)", "Measure", "Score", "What to do"], numeric: [0, 1, 4], rows: c.gaps.enumerated().map { i, g in
                ["\(i + 1)", "\(ReportContent.num(g.gap.priority))\(g.gap.critical ? " ⚠" : "")", "\(h(g.gap.title)) <code>\(h(g.gap.id))</code>",
                 g.measure.map { measureLink($0.id, q.qualifiedNumber(of: $0.id) ?? c.partName($0)) } ?? "–",
                 pct(g.gap.score), g.gap.remediation.map(h) ?? "–"]
            }, widths: [4, 7, 44, 11, 6, 28], className: "dense")
        }
        out += "</section>\n"

        // Actions
        out += "<section id=\"actions\">\n<h2>Action plan</h2>\n"
        if c.actions.isEmpty {
            out += "<p>No actions recorded. Suggested actions: <code>gpai-assess action suggest \(h(s.id))</code>.</p>\n"
        } else {
            out += "<p>By due date, then priority. Overdue as of \(ReportContent.humanDay(c.today)). An action that is the gap's own remedy names the gap instead of repeating it.</p>\n"
            var gapNumber: [String: Int] = [:]
            for (i, g) in c.gaps.enumerated() where gapNumber[g.gap.id] == nil { gapNumber[g.gap.id] = i + 1 }
            out += HTML.table(["ID", "Due", "Status", "Priority", "Owner", "Action", "Question"], numeric: [3], rows: c.actions.map { a in
                let due = a.due.map { c.overdue(a) ? "<span class=\"overdue\">\(h(ReportContent.humanDay($0))) overdue</span>" : h(ReportContent.humanDay($0)) } ?? "–"
                let title = a.question.flatMap { qid in gapNumber[qid].flatMap { n in c.remediation(qid) == a.title ? "What to do for gap #\(n)" : nil } }
                    .map { "<a href=\"#gaps\">\($0)</a>" } ?? text(a.title)
                return [h(a.id), due, ReportContent.actionStatus(a), a.priority.map(ReportContent.num) ?? "–", a.owner.map(h) ?? "–",
                        title + (a.note.map { "<br>" + text($0) } ?? ""), a.question.map { "<code>\(h($0))</code>" } ?? "–"]
            }, widths: [5, 12, 9, 8, 12, 38, 16], className: "dense")
        }
        out += "</section>\n"

        if !c.deadlines.isEmpty {
            out += "<section id=\"deadlines\">\n<h2>Deadlines</h2>\n<p>Computed from event dates (business days skip weekends only).</p>\n"
            out += HTML.table(["Due", "Deadline", "From event", "State", "Reference"], rows: c.deadlines.map { d in
                let state = h(ReportContent.deadlineState(d, human: true))
                return [ReportContent.humanDay(d.due), h(d.rule.title), "<code>\(h(d.event))</code> \(ReportContent.humanDay(d.eventDate)) (\(h(d.rule.offset.text)))",
                        d.state == .overdue ? "<span class=\"overdue\">\(state)</span>" : state, h(d.rule.reference)]
            })
            out += "</section>\n"
        }

        if let d = c.comparison { out += comparison(d) }

        // Appendix A: scope
        out += "<section id=\"scope\" class=\"appendix\">\n<h2>Appendix A: Scope</h2>\n"
        let scope = c.scopeQuestions
        if !scope.isEmpty {
            out += HTML.table(["Scope question", "Answer"], rows: scope.map { [h($0.question.text), $0.answer.map(text) ?? "<em>unanswered</em>"] }, widths: [60, 40])
        }
        out += "<ul>\n"
        for (n, applies, reason) in c.applicability {
            out += "<li><strong>\(h(n.displayName))</strong>: " + (applies ? "applies" : h(c.notApplyingText(n, reason: reason))) + "</li>\n"
        }
        out += "</ul>\n</section>\n"

        // Appendix B: answers, one table with a heading row (and its own tbody) per part.
        out += "<section id=\"answers\" class=\"appendix\">\n<h2>Appendix B: Answers</h2>\n<p>Every question with its answer, note, evidence, who answered and when. ⚠ marks critical questions; what to do about each gap is in <a href=\"#gaps\">Gaps by priority</a>.</p>\n"
        out += "<table class=\"answers\">\n<colgroup><col style=\"width: 42%\"><col style=\"width: 24%\"><col style=\"width: 34%\"></colgroup>\n"
        out += "<thead><tr><th scope=\"col\">Question</th><th scope=\"col\">Answer, by whom and when</th><th scope=\"col\">Note and evidence</th></tr></thead>\n"
        for sec in c.answerSections {
            let n = sec.node, r = sec.result
            let measure = sec.ancestors.last { $0.kind == .measure }
            let title = n.kind == .measure ? c.partName(n)
                : measure.map { c.partName($0) + " › " + n.displayName } ?? ReportContent.breadcrumb(sec.ancestors, n)
            out += "<tbody id=\"\(HTML.anchor("m", n.id))\">\n<tr class=\"part\"><th colspan=\"3\" scope=\"colgroup\">\(h(title))"
            if !sec.isScope {
                out += " \(status(r.status))"
                if r.status == .notApplicable || r.status == .scopePending { out += r.hiddenReason.map { " <span class=\"small\">\(h($0))</span>" } ?? "" }
                else { out += " <span class=\"small\">score \(pct(r.score)), coverage \(pct(r.coverage))</span>" }
            }
            if let rv = s.reviews[n.id] {
                out += "<br><span class=\"small\">Reviewed by \(h(rv.by)) on \(ReportContent.humanDay(rv.at))\(rv.note.map { ": " + text($0) } ?? "")</span>"
            }
            if let d = s.discussion[n.id] { out += "<br><span class=\"small\">Discussion: \(text(d))</span>" }
            out += "</th></tr>\n"
            if sec.partHidden && sec.questions.isEmpty { out += "<tr><td colspan=\"3\">No question of this part applies.</td></tr>\n</tbody>\n"; continue }
            for qu in sec.questions {
                let qr = ev.questions[qu.id]!
                let a = s.answers[qu.id]
                let question = "\(h(qu.text)) <code>\(h(qu.id))</code>\(qu.critical ? " ⚠" : "")"
                if !qr.applicable {
                    out += "<tr class=\"na\"><td>\(question)</td><td colspan=\"2\">Not applicable: \(h(qr.hiddenReason ?? "condition not met"))\(a != nil ? " (an answer is kept but not counted)" : "")</td></tr>\n"
                    continue
                }
                var answer: String
                if let a, let t = ReportContent.answerText(a, qu) {
                    answer = text(t) + (qr.score.map { " <span class=\"small\">(score \(pct($0))\(qu.weight != 1 ? ", weight \(formatNumber(qu.weight))" : ""))</span>" } ?? "")
                } else {
                    answer = "<em>unanswered</em>"
                }
                if let bad = qr.invalidAnswer { answer += "<br>Invalid, not counted: \(h(bad))" }
                if let a { answer += "<br><span class=\"small\">\(h(a.by)), \(ReportContent.human(a.at))</span>" }
                var note: [String] = []
                if let t = a?.note { note.append(text(t)) }
                if let ev = a?.evidence, !ev.isEmpty { note.append("Evidence: " + ev.map(HTML.evidence).joined(separator: "; ")) }
                out += "<tr><td>\(question)</td><td>\(answer)</td><td>\(note.joined(separator: "<br>"))</td></tr>\n"
            }
            out += "</tbody>\n"
        }
        out += "</table>\n</section>\n"

        // Appendix C: audit trail
        out += "<section id=\"audit\" class=\"appendix\">\n<h2>Appendix C: Audit trail</h2>\n"
        if s.history.isEmpty {
            out += "<p>No change recorded.</p>\n"
        } else {
            out += "<p>Every recorded change of an answer, oldest first (\(s.history.count) in all).</p>\n"
            out += HTML.table(["When", "By", "Question", "Change"], rows: s.history.map { ch in
                let what = text(ReportContent.changeText(ch, ev.index.questions[ch.question]))
                return [ReportContent.human(ch.at), h(ch.by), "<code>\(h(ch.question))</code>", what]
            }, widths: [21, 11, 26, 42], className: "answers")
        }
        out += "</section>\n"
        if !ev.orphanedAnswers.isEmpty {
            out += "<section id=\"orphaned\">\n<h2>Answers to removed questions</h2>\n<p>Kept in the session, not scored: "
            out += ev.orphanedAnswers.map { "<code>\(h($0))</code>" }.joined(separator: ", ") + "</p>\n</section>\n"
        }
        out += "</main>\n<footer>Generated by gpai-assess on \(ReportContent.human(c.generated)) from questionnaire <code>\(h(q.id))</code> version \(h(q.version))\(c.provisional ? "; provisional (\(h(n.sentence)))" : "").</footer>\n"
        out += "</body>\n</html>\n"
        return out
    }

    /// Status per chapter and, where a chapter has several, per commitment: a compact bar chart that fits the first page.
    static func statusChart(_ x: ExecutiveSummary, _ q: Questionnaire) -> String {
        let h = HTML.escape
        guard !x.bars.isEmpty else { return "<p>No chapter applies.</p>\n" }
        let labelW = 290.0, barW = 330.0, rowH = 15.0, top = 24.0, right = 150.0
        let width = labelW + barW + right
        let height = top + rowH * Double(x.bars.count) + 4
        func f(_ v: Double) -> String { formatNumber(rounded(v, places: 1)!) }
        func cut(_ s: String, _ n: Int) -> String { s.count > n ? String(s.prefix(n - 1)) + "…" : s }
        var out = "<figure>\n<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\" aria-labelledby=\"chart-title\">\n"
        out += "<title id=\"chart-title\">Status and score per chapter and commitment (0–100%)</title>\n"
        out += "<rect x=\"\(f(labelW))\" y=\"\(f(top - 4))\" width=\"\(f(barW))\" height=\"\(f(rowH * Double(x.bars.count) + 2))\" fill=\"#f6f7f9\"/>\n"
        for (t, label) in [(q.thresholds.partial, "partially met"), (q.thresholds.met, "met")] {
            let xx = labelW + barW * t
            out += "<line x1=\"\(f(xx))\" y1=\"\(f(top - 8))\" x2=\"\(f(xx))\" y2=\"\(f(height - 2))\" stroke=\"#888888\" stroke-dasharray=\"3 3\"/>\n"
            out += "<text x=\"\(f(xx))\" y=\"\(f(top - 10))\" text-anchor=\"middle\">\(label) \(ReportContent.pct(t))</text>\n"
        }
        for (i, b) in x.bars.enumerated() {
            let y = top + rowH * Double(i)
            out += "<g>\n<title>\(h(b.label)): \(b.status.label), score \(ReportContent.pct(b.score)), coverage \(ReportContent.pct(b.coverage))</title>\n"
            out += "<text x=\"\(b.indented ? 12 : 0)\" y=\"\(f(y + rowH * 0.68))\"\(b.indented ? "" : " font-weight=\"bold\"")>\(h(cut(b.label, b.indented ? 40 : 44)))</text>\n"
            let w = barW * max(0, min(1, b.score ?? 0))
            out += "<rect x=\"\(f(labelW))\" y=\"\(f(y + 2))\" width=\"\(f(w))\" height=\"\(f(rowH - 5))\" fill=\"\(colour(b.status))\"/>\n"
            out += "<text x=\"\(f(labelW + barW + 6))\" y=\"\(f(y + rowH * 0.68))\">\(ReportContent.pct(b.score)) · \(h(b.status.label))</text>\n</g>\n"
        }
        out += "</svg>\n<figcaption>Score of each chapter (bold) and commitment; the status is written beside each bar. Dashed lines mark the thresholds.</figcaption>\n</figure>\n"
        return out
    }

    static func colour(_ s: Status) -> String {
        switch s.rawValue {
        case "met": return "#1b7a3a"
        case "partially_met": return "#b26a00"
        case "not_met": return "#b3261e"
        case "in_progress": return "#3b5ba5"
        default: return "#999999"
        }
    }

    static func comparison(_ d: SessionDiff) -> String {
        let h = HTML.escape, pct = ReportContent.pct
        var out = "<section id=\"changes\">\n<h2>Changes since the earlier assessment</h2>\n"
        out += "<p>Compared with \(h(d.before.title)) (<code>\(h(d.before.id))</code>, questionnaire \(h(d.before.questionnaireID)) \(h(d.before.questionnaireVersion)), last changed \(ReportContent.humanDay(d.before.updated))).</p>\n"
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
                 "<span class=\"text\">\(a.after.map(h) ?? "–")</span>", (a.by.map(h) ?? "–") + (a.at.map { ", \(ReportContent.humanDay($0))" } ?? "")]
            })
        }
        return out + "</section>\n"
    }
}
