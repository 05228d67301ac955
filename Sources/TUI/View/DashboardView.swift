import AssessmentCore
import FoundationEssentials

func drawDashboard(_ c: inout Canvas, _ state: AppState, _ a: AssessmentState) {
    let g = state.config.glyphs
    let w = state.size.width, h = state.size.height
    let ov = a.evaluation.overall
    headerBar(&c, left: "Dashboard · " + a.session.title, right: "\(ov.answeredQuestions) of \(ov.applicableQuestions) answered · " + scoreLabel(ov) + " ", width: w)
    var y = 1
    let labelW = min(34, max(16, w / 3))
    let barW = max(6, min(20, (w - labelW - 24) / 2))
    func row(_ label: String, _ r: Evaluation.NodeResult, indent: Int, bold: Bool) {
        let status = r.status, score = r.score, coverage = Optional(answeredShare(r))
        guard y < h - 2 else { return }
        let (m, ms) = Format.mark(status, g)
        c.text(m, x: 1 + indent, y: y, style: ms)
        c.text(label, x: 3 + indent, y: y, maxWidth: labelW - indent, style: bold ? .bold : (status == .notApplicable ? .dim : .plain), ellipsis: g.ellipsis)
        var x = 4 + labelW
        if status == .notApplicable || (status == .scopePending && coverage == nil) {
            c.text(status.label, x: x, y: y, style: .dim)
        } else {
            x += c.text(Format.bar(score, width: barW, g), x: x, y: y, style: .color(score.map { $0 >= a.questionnaire.thresholds.met ? .good : ($0 >= a.questionnaire.thresholds.partial ? .warning : .bad) } ?? .muted))
            x += c.text(" " + Format.percent(score).padded(toLength: 5), x: x, y: y)
            x += c.text(Format.bar(coverage, width: barW, g), x: x, y: y, style: .color(.accent))
            x += c.text(" " + Format.percent(coverage) + " answered", x: x, y: y)
            if r.answeredQuestions < r.applicableQuestions && score != nil && x + 13 <= w {
                c.text(" provisional", x: x, y: y, style: .color(.warning))
            }
        }
        y += 1
    }
    c.text("Score".padded(toLength: barW + 6) + "Answered", x: 4 + labelW, y: y, style: .dim)
    c.text("Overall", x: 1, y: y, style: .bold)
    y += 1
    row(a.questionnaire.title, ov, indent: 0, bold: true)
    // Commitments too when they leave room for the gaps below.
    let detailRows = a.questionnaire.nodes.reduce(0) { $0 + 1 + $1.children.filter { $0.kind == .commitment || $0.children.count <= 4 }.count }
    let showChildren = detailRows + 2 <= h - 12
    for n in a.questionnaire.nodes {
        guard let r = a.evaluation.nodes[n.id] else { continue }
        row(n.displayName, r, indent: 0, bold: true)
        for ch in n.children where showChildren && (ch.kind == .commitment || n.children.count <= 4) {
            guard let cr = a.evaluation.nodes[ch.id] else { continue }
            row(ch.displayName, cr, indent: 2, bold: false)
        }
    }
    // Counts of measures by status.
    var counts: [Status: Int] = [:]
    a.questionnaire.walk { n, _ in if n.kind == .measure, let r = a.evaluation.nodes[n.id] { counts[r.status, default: 0] += 1 } }
    if y < h - 3 {
        y += 1
        // Every status counts, whatever statuses the engine has, so the figures add up to the total.
        let total = counts.values.reduce(0, +)
        var x = 1
        x += c.text("\(total) measures: ", x: x, y: y, style: .bold)
        let usual: [Status] = [.met, .partiallyMet, .notMet, .inProgress, .notStarted, .scopePending, .notApplicable]
        for s in usual + Status.allCases.filter({ !usual.contains($0) }) where counts[s] != nil {
            let (m, ms) = Format.mark(s, g)
            let t = "\(counts[s] ?? 0) \(s.label)"
            if x + 4 + c.widths.width(t) > w {
                guard y + 1 < h - 3 else { break }
                y += 1; x = 3
            }
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
            let label = gapLabel(a.questionnaire, gp, w >= 100 ? .long : .short)
            let score = "score " + Format.percent(gp.score) + (gp.critical ? " critical" : "") + (gapIsProvisional(a, gp) ? " provisional" : "")
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
    drawBottom(&c, state, keys: footer(for: state))
}

/// A gap named with its chapter: "Copyright 1.3 Identify and comply…", or "C1.3 · <question>" for a question.
func gapLabel(_ q: Questionnaire, _ gp: Evaluation.Gap, _ style: Questionnaire.NameStyle) -> String {
    if gp.kind == .measure { return q.qualifiedName(of: gp.id, style) ?? gp.title }
    let measure = gp.measureID.flatMap { q.qualifiedNumber(of: $0, style) }
    return (measure.map { $0 + " · " } ?? "") + (gp.number.map { $0 + " " } ?? "") + gp.title
}

/// A measure gap whose measure still has unanswered questions.
func gapIsProvisional(_ a: AssessmentState, _ gp: Evaluation.Gap) -> Bool {
    guard gp.kind == .measure, let r = a.evaluation.nodes[gp.id] else { return false }
    return r.answeredQuestions < r.applicableQuestions
}
