import AssessmentCore
import FoundationEssentials

/// A scrollable text panel over the screen (why this score).
public struct InfoPanel: Sendable, Equatable {
    public var title: String
    /// Lines with a flag: shown as a warning (e.g. the answer that blocks "met").
    public var lines: [InfoLine]
    public var scroll = 0
    public init(title: String, lines: [InfoLine]) { self.title = title; self.lines = lines }
}

public struct InfoLine: Sendable, Equatable {
    public var text: String
    public var warn: Bool
    public init(_ text: String, warn: Bool = false) { self.text = text; self.warn = warn }
}

/// What's left: the unanswered applicable questions, by measure; Enter jumps.
public struct LeftList: Sendable, Equatable {
    public var items: [SearchResult]
    public var cursor = 0
    public init(items: [SearchResult]) { self.items = items }
}

extension AssessmentState {
    /// `w`: how the current measure's score is made (as `score --explain`), with what keeps it from "met".
    public func explainPanel() -> InfoPanel? {
        guard let m = currentMeasure, let ex = Explanation(evaluation: evaluation, nodeID: m, answers: session.answers) else { return nil }
        let r = ex.node
        let name = questionnaire.qualifiedName(of: m) ?? ex.title
        var lines = [InfoLine(name), InfoLine("status " + r.status.label + " · " + scoreLabel(r))]
        lines.append(InfoLine("score = Σ(weight × score) / Σ weight over answered, applicable, scored questions"))
        lines.append(InfoLine("met ≥ \(Format.percent(ex.thresholds.met)), partially met ≥ \(Format.percent(ex.thresholds.partial)); a critical question below \(Format.percent(ex.thresholds.critical)) caps the measure at not met"))
        lines.append(InfoLine(""))
        let (_, total) = positionInMeasure
        var blockers: [String] = []
        for (i, l) in ex.lines.enumerated() {
            var t = "Q\(i + 1)" + (l.critical ? " (critical)" : "") + ": " + (l.answer ?? "—")
            if let e = l.excluded { t += " → " + e } else {
                t += " · score " + Format.percent(l.score) + " × weight " + formatNumber(l.weight)
                if let c = l.contribution { t += " (" + Format.percent(c) + " of the measure)" }
            }
            let blocks = l.caps || (l.excluded == nil && (l.score ?? 1) < ex.thresholds.met)
            if l.caps { t += " · below the critical threshold: caps the measure at not met" }
            lines.append(InfoLine(t, warn: blocks))
            lines.append(InfoLine("    " + l.text))
            if blocks { blockers.append("Q\(i + 1)") }
        }
        lines.append(InfoLine(""))
        if r.status != .met && r.status != .notApplicable {
            let open = ex.lines.filter { $0.excluded?.hasPrefix("unanswered") == true }.count
            var why: [String] = []
            if !blockers.isEmpty { why.append("held back by " + blockers.joined(separator: ", ")) }
            if open > 0 { why.append("\(open) of \(total) question\(total == 1 ? "" : "s") unanswered") }
            if !why.isEmpty { lines.append(InfoLine("Not met yet: " + why.joined(separator: "; "), warn: true)) }
        }
        return InfoPanel(title: "Why this score — " + (questionnaire.qualifiedNumber(of: m, .short) ?? m), lines: lines)
    }

    /// `L`: every applicable question still unanswered, labelled with its measure.
    public var leftItems: [SearchResult] {
        index.questionOrder.filter { isApplicable($0) && !isAnswered($0) }.compactMap { id in
            guard let q = index.questions[id] else { return nil }
            let m = measureID(of: id)
            return SearchResult(questionID: id, nodeID: m, label: q.text, detail: m.flatMap { questionnaire.qualifiedNumber(of: $0, .short) } ?? "")
        }
    }

    /// Who may review the current measure: refused for anyone who answered part of it (four eyes), as `gpai-assess review`.
    func reviewProblem(user: String) -> String? {
        guard let m = currentMeasure else { return "no measure here" }
        let answerers = Set(questions(under: m).compactMap { session.answers[$0] }.filter(\.isAnswered).map(\.by))
        let name = questionnaire.qualifiedNumber(of: m) ?? m
        if answerers.isEmpty { return "nothing to review: no question of \(name) is answered yet" }
        if answerers.contains(user) { return "'\(user)' answered questions of \(name) and cannot also review it; a second person must" }
        return nil
    }
}

/// `r` on a question: marks its measure reviewed by the person at the terminal (asks once more first).
func reviewKey(_ a: inout AssessmentState, state: inout AppState) -> [Effect] {
    if a.readOnly {
        state.message = Message(.error, "read-only: this assessment is open elsewhere")
        return [.bell]
    }
    guard let m = a.currentMeasure else { return [] }
    if let why = a.reviewProblem(user: state.config.user) {
        state.message = Message(.error, why)
        return [.bell]
    }
    let name = a.questionnaire.qualifiedNumber(of: m) ?? m
    guard a.reviewPending == m else {
        a.reviewPending = m
        state.message = Message(.info, "r again: record that \(state.config.user) reviewed \(name) (any other key cancels)")
        return []
    }
    a.reviewPending = nil
    state.message = Message(.info, "\(name) reviewed by \(state.config.user)")
    return record(&a, .review(measure: m, Review(by: state.config.user, at: state.now)), state: state)
}

func infoKey(_ state: inout AppState, _ p: InfoPanel, _ key: Key) {
    var p = p
    let page = max(1, state.size.height - 6)
    switch KeyMaps.action(for: key, in: [KeyMaps.infoPanel]) {
    case .down?: p.scroll = min(p.scroll + 1, max(0, p.lines.count - 1))
    case .up?: p.scroll = max(0, p.scroll - 1)
    case .pageDown?: p.scroll = min(p.scroll + page, max(0, p.lines.count - 1))
    case .pageUp?: p.scroll = max(0, p.scroll - page)
    default: state.overlay = nil; return
    }
    state.overlay = .info(p)
}

func leftKey(_ state: inout AppState, _ l: LeftList, _ key: Key) -> [Effect] {
    var l = l
    switch KeyMaps.action(for: key, in: [KeyMaps.whatsLeft]) {
    case .back?: state.overlay = nil; return []
    case .quit?: return quit(&state)
    case .up?: l.cursor = max(0, l.cursor - 1)
    case .down?: l.cursor = min(max(0, l.items.count - 1), l.cursor + 1)
    case .pageUp?: l.cursor = max(0, l.cursor - 10)
    case .pageDown?: l.cursor = min(max(0, l.items.count - 1), l.cursor + 10)
    case .activate?:
        guard l.cursor < l.items.count else { state.overlay = nil; return [] }
        state.overlay = nil
        return jump(&state, question: l.items[l.cursor].questionID, node: nil)
    default: break
    }
    state.overlay = .left(l)
    return []
}
