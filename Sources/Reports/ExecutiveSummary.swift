import AssessmentCore
import FoundationEssentials

/// What a board reads first: overall figures, status per chapter (and per commitment where a chapter
/// has several), the top gaps with who acts by when, the deadlines that matter, the change since the
/// last assessment and a paragraph that says it in words. Every count comes from `ReportContent`.
public struct ExecutiveSummary: Sendable {
    public struct Bar: Sendable {
        public var id: String
        public var label: String
        /// A commitment bar sits under its chapter bar.
        public var indented: Bool
        public var status: Status
        public var score: Double?
        public var coverage: Double?
    }

    public struct TopGap: Sendable {
        public var gap: Evaluation.Gap
        /// "Copyright 1.3 Identify and comply with rights reservations" (the measure, named with its chapter).
        public var measure: String?
        public var measureID: String?
        /// The active action that answers the gap, when there is one.
        public var action: Action?
        public var overdue: Bool
    }

    public var bars: [Bar]
    public var topGaps: [TopGap]
    /// Overdue deadlines first, then the next upcoming ones.
    public var deadlines: [ActionPlan.Deadline]
    public var paragraph: String
    public var change: String?
    /// The completeness of the public summary of training content, when the questionnaire has one and it applies.
    public var trainingSummary: String?
    /// Model Documentation Form items answered as documented whose note (their content in the form) is empty.
    public var mdfContentMissing: String?

    public static let topGapCount = 5
    public static let upcomingDeadlines = 3

    public init(_ c: ReportContent) {
        let q = c.questionnaire, ev = c.evaluation

        // Bars: each applicable chapter; below it each commitment when the chapter has more than one.
        var bars: [Bar] = []
        q.walk { n, _ in
            guard n.kind == .chapter, let r = ev.nodes[n.id], r.status != .notApplicable else { return }
            bars.append(Bar(id: n.id, label: n.shortTitle ?? n.title, indented: false, status: r.status, score: r.score, coverage: r.coverage))
            let commitments = Self.commitments(n)
            guard commitments.count > 1 else { return }
            for m in commitments {
                guard let mr = ev.nodes[m.id], mr.status != .notApplicable else { continue }
                let label = (q.qualifiedNumber(of: m.id, .short) ?? m.number ?? "") + " " + (m.shortTitle ?? m.title)
                bars.append(Bar(id: m.id, label: label.trimmingWhitespace(), indented: true, status: mr.status, score: mr.score, coverage: mr.coverage))
            }
        }
        self.bars = bars

        // Top gaps, each with the action that answers it (by question, else by measure).
        let active = c.actions.filter(ActionPlan.isActive)
        topGaps = c.gaps.prefix(Self.topGapCount).map { g in
            let a = active.first { $0.question == g.gap.id } ?? g.gap.measureID.flatMap { m in active.first { $0.measure == m && $0.question == nil } }
            return TopGap(gap: g.gap, measure: g.gap.measureID.flatMap { q.qualifiedName(of: $0) }, measureID: g.gap.measureID,
                          action: a, overdue: a.map(c.overdue) ?? false)
        }

        let pending = c.deadlines.filter { $0.state == .overdue || $0.state == .dueToday || $0.state == .open }
        deadlines = pending.filter { $0.state == .overdue } + pending.filter { $0.state != .overdue }.prefix(Self.upcomingDeadlines)

        paragraph = Self.paragraph(c)
        change = c.comparison.map(Self.change)
        if let ts = try? TrainingSummary(session: c.session, questionnaire: q, evaluation: ev, generated: c.generated),
           ev.nodes["ts"].map({ $0.status != .notApplicable }) ?? true {
            trainingSummary = ts.completenessLine
        }
        var missing: [ModelDocumentationForm.Item] = []
        for audience in MDFAudience.allCases {
            guard let f = try? ModelDocumentationForm(session: c.session, questionnaire: q, evaluation: ev, audience: audience, generated: c.generated) else { break }
            for it in f.contentMissing where !missing.contains(where: { $0.id == it.id }) { missing.append(it) }
        }
        if !missing.isEmpty {
            let names = missing.prefix(4).map(\.label).joined(separator: "; ") + (missing.count > 4 ? "; and \(missing.count - 4) more" : "")
            mdfContentMissing = "Model Documentation Form: \(missing.count) item\(missing.count == 1 ? " is" : "s are") answered as documented but \(missing.count == 1 ? "has" : "have") no content (an empty note): \(names)."
        }
    }

    static func commitments(_ n: Node) -> [Node] {
        n.children.flatMap { $0.kind == .commitment ? [$0] : commitments($0) }
    }

    /// Measures by status (applicable ones).
    static func measureCounts(_ c: ReportContent) -> (total: Int, met: Int, partial: Int, notMet: Int, open: Int) {
        var t = 0, met = 0, partial = 0, notMet = 0
        c.questionnaire.walk { n, a in
            guard n.kind == .measure, let r = c.evaluation.nodes[n.id], r.status != .notApplicable,
                  !c.isScope(n, a) else { return }
            t += 1
            if r.status == .met { met += 1 } else if r.status == .partiallyMet { partial += 1 } else if r.status == .notMet { notMet += 1 }
        }
        return (t, met, partial, notMet, t - met - partial - notMet)
    }

    /// "3 of 40 measures met, 5 partially met and 20 not met; 12 are not yet assessed. The largest gaps are in …"
    static func paragraph(_ c: ReportContent) -> String {
        let m = measureCounts(c)
        var s: String
        if m.total == 0 {
            s = "No measure applies under the current scope."
        } else {
            s = "\(m.met) of \(m.total) measure\(m.total == 1 ? "" : "s") met, \(m.partial) partially met and \(m.notMet) not met"
            s += m.open == 0 ? "." : "; \(m.open) \(m.open == 1 ? "is" : "are") not yet fully assessed."
        }
        // Chapters ranked by the summed priority of their gaps.
        var weight: [String: Double] = [:]
        var order: [String] = []
        for g in c.gaps {
            guard let mid = g.gap.measureID, let ch = c.questionnaire.chapter(containing: mid) else { continue }
            let name = ch.shortTitle ?? ch.title
            if weight[name] == nil { order.append(name) }
            weight[name, default: 0] += g.gap.priority
        }
        let ranked = order.sorted { weight[$0]! > weight[$1]! }
        if let first = ranked.first {
            s += " The largest gaps are in \(first)"
            if ranked.count > 1 { s += ", then \(ranked[1])" }
            s += " (\(c.gaps.count) question\(c.gaps.count == 1 ? "" : "s") below full score in all)."
        } else if m.total > 0 {
            s += " No answered question falls short."
        }
        let open = c.openActions
        if open.count > 0 {
            s += " \(open.count) action\(open.count == 1 ? " is" : "s are") open"
            s += open.overdue > 0 ? ", \(open.overdue) overdue." : ", none overdue."
        } else if !c.gaps.isEmpty {
            s += " No action has been planned yet."
        }
        let overdue = c.deadlines.filter { $0.state == .overdue }.count
        if overdue > 0 { s += " \(overdue) legal deadline\(overdue == 1 ? " is" : "s are") overdue." }
        if c.provisional {
            s += " The result is provisional: \(c.counts.sentence)."
        }
        return s
    }

    /// "Score 40% → 52%, status not met → partially met; 12 answers changed since Acme Q4 (1 Oct 2025)."
    static func change(_ d: SessionDiff) -> String {
        let pct = ReportContent.pct
        var s = "Since \(d.before.title) (\(ReportContent.humanDay(d.before.updated))): score \(pct(d.before.score)) → \(pct(d.after.score))"
        if d.before.status != d.after.status { s += ", status \(d.before.status.label) → \(d.after.status.label)" }
        s += ", coverage \(pct(d.before.coverage)) → \(pct(d.after.coverage))"
        s += "; \(d.answers.count) answer\(d.answers.count == 1 ? "" : "s") changed, \(d.nodes.count) part\(d.nodes.count == 1 ? "" : "s") changed status or score."
        return s
    }
}
