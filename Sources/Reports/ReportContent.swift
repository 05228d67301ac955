import AssessmentCore
import FoundationEssentials

/// What every report format shows, computed once from (session, questionnaire, evaluation, generated date)
/// so that Markdown, HTML and CSV say the same thing. Text here is raw; each renderer escapes it.
public struct ReportContent: Sendable {
    public let session: Session
    public let questionnaire: Questionnaire
    public let evaluation: Evaluation
    public let generated: Date
    /// The day overdue actions and deadlines are judged against: the generation date (UTC).
    public let today: CalendarDay
    public let comparison: SessionDiff?
    /// Questions that fall short, highest priority first.
    public let gaps: [GapRow]
    /// The session's actions, by due date then priority.
    public let actions: [Action]
    public let deadlines: [ActionPlan.Deadline]
    /// Remediation of each question that falls short (the first gap of the question).
    let remediations: [String: String]

    public init(session: Session, questionnaire: Questionnaire, evaluation: Evaluation, generated: Date, comparison: SessionDiff? = nil) {
        self.session = session; self.questionnaire = questionnaire; self.evaluation = evaluation
        self.generated = generated; self.today = CalendarDay(generated); self.comparison = comparison
        let questionGaps = evaluation.gaps.filter { $0.kind == .question }
        gaps = questionGaps.map { g in
            GapRow(gap: g, measure: g.measureID.flatMap { evaluation.index.nodes[$0] },
                   answer: evaluation.index.questions[g.id].flatMap { Self.answerText(session.answers[g.id], $0) })
        }
        var rem: [String: String] = [:]
        for g in questionGaps.reversed() { rem[g.id] = g.remediation }
        remediations = rem
        actions = ActionPlan.sorted(session.actions)
        deadlines = ActionPlan.deadlines(session, today: today)
    }

    public var provisional: Bool { (evaluation.overall.coverage ?? 0) < 1 }

    public var provisionalText: String {
        "Provisional: \(counts.sentence). Scores and statuses may change until every applicable question is answered."
    }

    /// The one count of answered questions every part of a report quotes (banner, cards, paragraph):
    /// required questions, as coverage counts them; all applicable ones when none is required.
    public struct Counts: Sendable {
        public var answered: Int
        public var total: Int
        /// "required" or "applicable": which questions are counted.
        public var kind: String
        public var coverage: Double?
        /// "103 of 166 required questions answered"
        public var phrase: String { "\(answered) of \(total) \(kind) questions answered" }
        /// "coverage is 62% (103 of 166 required questions answered)"
        public var sentence: String { "coverage is \(ReportContent.pct(coverage)) (\(phrase))" }
    }

    public var counts: Counts {
        let o = evaluation.overall
        return o.requiredQuestions > 0
            ? Counts(answered: o.requiredAnswered, total: o.requiredQuestions, kind: "required", coverage: o.coverage)
            : Counts(answered: o.answeredQuestions, total: o.applicableQuestions, kind: "applicable", coverage: o.coverage)
    }

    /// A measure (or other numbered part) named with its chapter, as on screen: "Copyright 1.3 Title".
    public func partName(_ n: Node) -> String {
        guard n.kind != .chapter else { return n.displayName }
        return questionnaire.qualifiedName(of: n.id) ?? n.displayName
    }

    /// Set when the session was last saved against another version of the questionnaire.
    public var versionNote: String? {
        let r = session.questionnaire
        guard r.version != questionnaire.version || (!r.digest.isEmpty && !questionnaire.digest.isEmpty && r.digest != questionnaire.digest) else { return nil }
        return "The session was last saved with version \(r.version) of the questionnaire; it is scored here against version \(questionnaire.version), matching answers by question id."
    }

    // MARK: Formatting

    public static func pct(_ x: Double?) -> String { x.map { "\(Int(($0 * 100).rounded()))%" } ?? "–" }
    public static func num(_ x: Double) -> String { formatNumber(rounded(x, places: 2)!) }
    public static func day(_ d: Date) -> String { CalendarDay(d).description }
    public static func iso(_ d: Date) -> String { ReportJSON.iso(d) }

    /// Text cut at a word boundary near `limit` characters, with an ellipsis.
    public static func shortened(_ s: String, _ limit: Int) -> String {
        guard s.count > limit else { return s }
        let head = s.prefix(limit)
        let cut = head.lastIndex(of: " ").map { head[..<$0] } ?? head
        func loose(_ u: Unicode.Scalar) -> Bool {
            u.properties.isWhitespace || [.connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
                .initialPunctuation, .finalPunctuation, .otherPunctuation].contains(u.properties.generalCategory)
        }
        let kept = cut.unicodeScalars.drop(while: loose).reversed().drop(while: loose).reversed()
        return String(String.UnicodeScalarView(kept)) + "…"
    }

    /// "30 Nov 2026": a day as people write it (Markdown and HTML; JSON and CSV keep ISO 8601).
    public static func humanDay(_ d: CalendarDay) -> String { d.humanText }
    public static func humanDay(_ d: Date) -> String { humanDay(CalendarDay(d)) }
    /// "2026-11-30" → "30 Nov 2026"; other text unchanged.
    public static func humanDay(_ s: String) -> String { CalendarDay(s).map(humanDay) ?? s }

    /// "30 Nov 2026, 11:48 UTC"
    public static func human(_ d: Date) -> String {
        let secs = Int((d.timeIntervalSince1970).rounded(.down))
        let inDay = ((secs % 86_400) + 86_400) % 86_400
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(humanDay(d)), \(two(inDay / 3600)):\(two(inDay % 3600 / 60)) UTC"
    }

    /// An evidence reference that may become a link: an http(s) URL without spaces, quotes or angle brackets.
    public static func linkTarget(_ s: String) -> String? {
        let t = s.trimmingWhitespace()
        let lower = t.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"), t.count > (lower.hasPrefix("https") ? 8 : 7) else { return nil }
        guard !t.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F || "\"'<>`\\".unicodeScalars.contains($0) || SafeText.isHazardous($0) }) else { return nil }
        return t
    }

    /// An answer as a reader sees it: option labels, "N/A (justification)", or the value.
    public static func answerText(_ a: Answer?, _ q: Question) -> String? {
        guard let a else { return nil }
        if a.notApplicable { return "Not applicable" + (a.justification.map { ": \($0)" } ?? "") }
        guard let v = a.value else { return nil }
        switch v {
        case let .text(t):
            if let o = q.option(t) { return o.label }
            return t
        case let .choices(cs):
            return cs.map { q.option($0)?.label ?? $0 }.joined(separator: "; ")
        case let .number(n):
            return formatNumber(n) + (q.unit.map { " \($0)" } ?? "")
        }
    }

    /// One audit-trail entry in words: "set to Yes", "Yes → No", "cleared (was Yes)", "note or evidence changed".
    public static func changeText(_ ch: Session.Change, _ q: Question?) -> String {
        func shown(_ a: Answer?) -> String {
            guard let a else { return "–" }
            return q.flatMap { answerText(a, $0) } ?? answerValue(a) ?? (a.note != nil ? "(note only)" : "–")
        }
        if ch.old == nil { return "set to \(shown(ch.new))" }
        if ch.new == nil { return "cleared (was \(shown(ch.old)))" }
        let before = shown(ch.old), after = shown(ch.new)
        return before == after ? "note or evidence changed" : "\(before) → \(after)"
    }

    /// The raw answer value (option values, number, text), for CSV and JSON.
    public static func answerValue(_ a: Answer?) -> String? {
        guard let a else { return nil }
        if a.notApplicable { return AnswerInput.notApplicable }
        return a.value?.description
    }

    // MARK: Tree

    public struct Row: Sendable {
        public var node: Node
        public var result: Evaluation.NodeResult
        public var depth: Int
        public var ancestors: [Node]

        /// Why the part does not apply, when it does not.
        public var notApplicableReason: String? { result.status == .notApplicable ? result.hiddenReason : nil }
        /// A measure capped at "not met" by a critical question.
        public var capped: Bool { !result.cappedBy.isEmpty && node.kind == .measure }
        public var answered: String { "\(result.answeredQuestions)/\(result.applicableQuestions)" }
    }

    /// Chapters, commitments and measures (every node when the questionnaire uses other kinds), in order.
    public var statusRows: [Row] {
        let kinds: Set<NodeKind> = [.chapter, .commitment, .measure]
        var all: [Row] = []
        var hasKinds = false
        questionnaire.walk { n, a in
            if kinds.contains(n.kind) { hasKinds = true }
            all.append(Row(node: n, result: evaluation.nodes[n.id]!, depth: a.count, ancestors: a))
        }
        guard hasKinds else { return all }
        return all.filter { kinds.contains($0.node.kind) }.map { r in
            var r = r
            r.depth = r.ancestors.filter { kinds.contains($0.kind) }.count
            return r
        }
    }

    /// Scope questions (nodes of kind `.scope`) with their answers.
    public var scopeQuestions: [(question: Question, answer: String?)] {
        var out: [(Question, String?)] = []
        questionnaire.walk { n, a in
            guard n.kind == .scope || a.contains(where: { $0.kind == .scope }) else { return }
            for q in n.questions where evaluation.questions[q.id]?.applicable ?? false {
                out.append((q, Self.answerText(session.answers[q.id], q)))
            }
        }
        return out
    }

    /// Top-level parts other than the scope: whether they apply and why not.
    public var applicability: [(node: Node, applies: Bool, reason: String?)] {
        questionnaire.nodes.filter { $0.kind != .scope }.map { n in
            let r = evaluation.nodes[n.id]!
            return (n, r.status != .notApplicable && r.status != .scopePending, r.hiddenReason)
        }
    }

    /// How a part that does not apply (yet) is described: "waiting for scope" names the scope
    /// answers it waits for, so that an open scope never reads as "does not apply".
    public func notApplyingText(_ n: Node, reason: String?) -> String {
        let r = evaluation.nodes[n.id]!
        if r.status == .scopePending {
            return "waiting for scope" + (r.waitingFor.isEmpty ? "" : " (answer \(r.waitingFor.joined(separator: ", ")))") + " — " + (reason ?? "condition not met")
        }
        return "does not apply — " + (reason ?? "condition not met")
    }

    public struct Bar: Sendable {
        /// The chapter the bar belongs to (nil for a chapter bar or a commitment outside chapters).
        public var group: String?
        public var label: String
        public var id: String
        public var score: Double?
        public var status: Status
    }

    /// One bar per commitment, and per chapter that has no commitments; applicable ones only, in document order.
    public var chartBars: [Bar] {
        var out: [Bar] = []
        questionnaire.walk { n, a in
            let r = evaluation.nodes[n.id]!
            guard r.status != .notApplicable else { return }
            if n.kind == .commitment {
                let chapter = a.last { $0.kind == .chapter }
                out.append(Bar(group: chapter?.displayName, label: n.displayName, id: n.id, score: r.score, status: r.status))
            } else if n.kind == .chapter, !Self.hasCommitment(n) {
                out.append(Bar(group: nil, label: n.displayName, id: n.id, score: r.score, status: r.status))
            }
        }
        return out
    }

    static func hasCommitment(_ n: Node) -> Bool { n.children.contains { $0.kind == .commitment || hasCommitment($0) } }

    public struct GapRow: Sendable {
        public var gap: Evaluation.Gap
        public var measure: Node?
        /// The answer as a reader sees it.
        public var answer: String?
    }

    public func overdue(_ a: Action) -> Bool { ActionPlan.isOverdue(a, today: today) }

    /// Open (active) actions, and how many of them are overdue.
    public var openActions: (count: Int, overdue: Int) {
        let open = actions.filter(ActionPlan.isActive)
        return (open.count, open.filter(overdue).count)
    }

    /// The remediation shown for a question that falls short.
    public func remediation(_ questionID: String) -> String? { remediations[questionID] }

    public struct AnswerSection {
        public var node: Node
        public var ancestors: [Node]
        public var result: Evaluation.NodeResult
        /// A scope part: it decides what applies and has no status of its own worth showing.
        public var isScope: Bool
        /// A part out of scope: only questions that still hold an answer are listed.
        public var partHidden: Bool
        public var questions: [Question]
    }

    /// Measures (or leaf groups) with questions, for the answers section.
    public var answerSections: [AnswerSection] {
        var out: [AnswerSection] = []
        questionnaire.walk { n, a in
            guard !n.questions.isEmpty else { return }
            let r = evaluation.nodes[n.id]!
            let scope = isScope(n, a)
            let hidden = r.status == .notApplicable && r.hiddenReason != nil && !scope
            out.append(AnswerSection(node: n, ancestors: a, result: r, isScope: scope, partHidden: hidden,
                                     questions: n.questions.filter { !hidden || session.answers[$0.id] != nil }))
        }
        return out
    }

    /// Scope questions decide what applies; they have no status of their own worth showing.
    public func isScope(_ n: Node, _ ancestors: [Node]) -> Bool {
        n.kind == .scope || ancestors.contains { $0.kind == .scope }
    }

    /// "Transparency › 1 Documentation › 1.1 Keep documentation"
    public static func breadcrumb(_ ancestors: [Node], _ n: Node) -> String {
        (ancestors + [n]).map(\.displayName).joined(separator: " › ")
    }

    /// What a reader should know about one question's state.
    public func questionState(_ q: Question) -> String {
        let r = evaluation.questions[q.id]!
        if !r.applicable { return "not applicable" }
        if r.invalidAnswer != nil { return "invalid" }
        if !r.answered { return "unanswered" }
        if r.notApplicable { return "answered N/A" }
        return "answered"
    }

    public static func actionStatus(_ a: Action) -> String {
        switch a.status {
        case .open: return "open"
        case .inProgress: return "in progress"
        case .done: return "done"
        case .dropped: return "dropped"
        }
    }

    /// "upcoming", "kept (2026-02-08)"; with `human`, "kept (8 Feb 2026)".
    public static func deadlineState(_ d: ActionPlan.Deadline, human: Bool = false) -> String {
        func day(_ c: CalendarDay) -> String { human ? humanDay(c) : c.description }
        switch d.state {
        case .open: return "upcoming"
        case .dueToday: return "due today"
        case .overdue: return "overdue"
        case .kept: return "kept (\(day(d.fulfilled!)))"
        case .late: return "late (\(day(d.fulfilled!)))"
        }
    }
}

/// Normalises line breaks (CRLF and CR become LF) before a renderer escapes text.
func normalisedNewlines(_ s: String) -> String {
    guard s.unicodeScalars.contains("\r") else { return s }
    var out = String.UnicodeScalarView()
    var lastCR = false
    for u in s.unicodeScalars {
        if u == "\r" { out.append("\n"); lastCR = true; continue }
        if u == "\n" && lastCR { lastCR = false; continue }
        lastCR = false
        out.append(u)
    }
    return String(out)
}
