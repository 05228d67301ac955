import AssessmentCore
import Foundation

func drawDashboard(_ c: inout Canvas, _ state: AppState, _ a: AssessmentState) {
    let g = state.config.glyphs
    let w = state.size.width, h = state.size.height
    let ov = a.evaluation.overall
    headerBar(&c, left: "Dashboard · " + a.session.title, right: "\(ov.answeredQuestions) of \(ov.applicableQuestions) answered ", width: w)
    var y = 1
    let labelW = min(34, max(16, w / 3))
    let barW = max(6, min(20, (w - labelW - 24) / 2))
    func row(_ label: String, _ status: Status, score: Double?, coverage: Double?, indent: Int, bold: Bool) {
        guard y < h - 2 else { return }
        let (m, ms) = Format.mark(status, g)
        c.text(m, x: 1 + indent, y: y, style: ms)
        c.text(label, x: 3 + indent, y: y, maxWidth: labelW - indent, style: bold ? .bold : (status == .notApplicable ? .dim : .plain), ellipsis: g.ellipsis)
        var x = 4 + labelW
        if status == .notApplicable || (status == .scopePending && coverage == nil) {
            c.text(status.label, x: x, y: y, style: .dim)
        } else {
            x += c.text(Format.bar(score, width: barW, g), x: x, y: y, style: .color(score.map { $0 >= a.questionnaire.thresholds.met ? .good : ($0 >= a.questionnaire.thresholds.partial ? .warning : .bad) } ?? .muted))
            x += c.text(" " + Format.percent(score).padding(toLength: 5, withPad: " ", startingAt: 0), x: x, y: y)
            x += c.text(Format.bar(coverage, width: barW, g), x: x, y: y, style: .color(.accent))
            c.text(" " + Format.percent(coverage), x: x, y: y)
        }
        y += 1
    }
    c.text("Score".padding(toLength: barW + 6, withPad: " ", startingAt: 0) + "Coverage", x: 4 + labelW, y: y, style: .dim)
    c.text("Overall", x: 1, y: y, style: .bold)
    y += 1
    row(a.questionnaire.title, ov.status, score: ov.score, coverage: ov.coverage, indent: 0, bold: true)
    // Commitments too when they leave room for the gaps below.
    let detailRows = a.questionnaire.nodes.reduce(0) { $0 + 1 + $1.children.filter { $0.kind == "commitment" || $0.children.count <= 4 }.count }
    let showChildren = detailRows + 2 <= h - 12
    for n in a.questionnaire.nodes {
        guard let r = a.evaluation.nodes[n.id] else { continue }
        row(n.displayName, r.status, score: r.score, coverage: r.coverage, indent: 0, bold: true)
        for ch in n.children where showChildren && (ch.kind == "commitment" || n.children.count <= 4) {
            guard let cr = a.evaluation.nodes[ch.id] else { continue }
            row(ch.displayName, cr.status, score: cr.score, coverage: cr.coverage, indent: 2, bold: false)
        }
    }
    // Counts of measures by status.
    var counts: [Status: Int] = [:]
    a.questionnaire.walk { n, _ in if n.kind == "measure", let r = a.evaluation.nodes[n.id] { counts[r.status, default: 0] += 1 } }
    if y < h - 3 {
        y += 1
        var x = 1
        x += c.text("Measures: ", x: x, y: y, style: .bold)
        for s in [Status.met, .partiallyMet, .notMet, .inProgress, .notStarted, .scopePending, .notApplicable] where s != .scopePending || counts[s] != nil {
            let (m, ms) = Format.mark(s, g)
            let t = "\(counts[s] ?? 0) \(s.label)"
            if x + 4 + c.widths.width(t) > w { break }
            x += c.text(m, x: x, y: y, style: ms)
            x += c.text(" " + t + "  ", x: x, y: y)
        }
        y += 2
    }
    // Top gaps.
    let gaps = dashboardGaps(a)
    let d = a.dashboard ?? DashboardState()
    if y < h - 3 {
        c.text(gaps.isEmpty ? "No gaps among the answered questions." : "Top gaps (Enter jumps to one)", x: 1, y: y, style: .bold)
        y += 1
        let room = h - 2 - y
        var scroll = 0
        if d.cursor >= room / 2 { scroll = min(d.cursor - room / 2 + 1, max(0, gaps.count - room / 2)) }
        var k = scroll
        while k < gaps.count && y < h - 2 {
            let gp = gaps[k]
            let sel = k == d.cursor
            let st: Style = sel ? .reverse : .plain
            c.fill(Rect(x: 0, y: y, width: w, height: 1), style: st)
            let label = (gp.kind == .measure ? "Measure " : "") + (gp.number.map { $0 + " " } ?? "") + gp.title
            let score = "score " + Format.percent(gp.score) + (gp.critical ? " critical" : "")
            let sw = c.widths.width(score)
            c.text(label, x: 2, y: y, maxWidth: w - sw - 5, style: st.with(gp.critical ? .bold : []), ellipsis: g.ellipsis)
            c.text(score, x: w - sw - 1, y: y, style: sel ? st : (gp.critical ? .color(.bad, .bold) : .dim))
            y += 1
            if let rem = gp.remediation, y < h - 2 {
                c.text(g.arrowRight + " " + rem, x: 4, y: y, maxWidth: w - 6, style: .dim, ellipsis: g.ellipsis)
                y += 1
            }
            k += 1
        }
    }
    drawBottom(&c, state, keys: [("↑↓", "select gap"), ("Enter", "go to it"), ("d/Esc", "back"), ("?", "help"), ("q", "quit")])
}
