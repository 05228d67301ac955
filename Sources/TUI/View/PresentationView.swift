import AssessmentCore
import FoundationEssentials

/// The room view (`V`) for a projected screen: no tree, no dim text (it washes out on projectors), only the
/// terminal's own colours plus bold and reverse (readable on light and dark themes). The measure and what it
/// asks, the current question and its options with who answered, the timer large at the top, the team's notes.
func drawPresentation(_ c: inout Canvas, _ state: AppState, _ a: AssessmentState) {
    let w = state.size.width, h = state.size.height
    let widths = state.config.widths
    guard let q = a.currentQuestion else { return }
    // The top bar: the measure on the left, the timer on the right, in reverse video.
    let measure = a.currentMeasure.flatMap { a.index.nodes[$0] }
    let timer: String
    if let (t, running) = a.shownTimer(now: state.now) { timer = (running ? "TIME " : "TIME (paused) ") + formatElapsed(t) } else { timer = "no timer (T starts it)" }
    c.fill(Rect(x: 0, y: 0, width: w, height: 1), style: .reverse)
    let tw = widths.width(timer)
    c.text(" " + (measure.map { roomName($0, a) } ?? a.session.title), x: 0, y: 0, maxWidth: max(0, w - tw - 3), style: .reverse.with(.bold), ellipsis: "…")
    c.text(timer + " ", x: max(0, w - tw - 1), y: 0, style: .reverse.with(.bold))

    // A centred column, as wide as reads well from the back of a room.
    let colW = min(w - 4, 76)
    let x0 = max(1, (w - colW) / 2)
    var lines: [(String, Style)] = []
    func para(_ text: String, _ style: Style, indent: Int = 0, first: String = "") {
        let body = Wrap.text(text, width: max(8, colW - indent - widths.width(first)), widths: widths)
        for (i, l) in body.enumerated() {
            lines.append((String(repeating: " ", count: indent) + (i == 0 ? first : String(repeating: " ", count: widths.width(first))) + l, style))
        }
    }
    if let m = measure, !m.requirements.isEmpty {
        lines.append(("What the measure asks", .bold))
        for r in m.requirements { para(r, .plain, indent: 1, first: "- ") }
        lines.append(("", .plain))
    }
    let number = q.number.map { $0 + "  " } ?? ""
    para(number + q.text, .bold)
    lines.append(("", .plain))
    let ans = a.currentAnswer
    var chosen: Set<String> = []
    if case let .text(v)? = ans?.value { chosen = [v] }
    if case let .choices(vs)? = ans?.value { chosen = Set(vs) }
    switch q.type {
    case .graded, .choice, .scale, .multi:
        for (i, o) in q.options.enumerated() {
            let on = chosen.contains(o.value)
            para(o.label, on ? Style.reverse.with(.bold) : .plain, indent: 2, first: (i < 9 ? "\(i + 1) " : "  ") + (on ? "> " : "  "))
        }
    case .text, .number, .date:
        para(ans?.value?.description ?? "(not answered yet)", ans?.value == nil ? .plain : .bold, indent: 2)
    }
    if ans?.notApplicable == true { para("Not applicable: " + (ans?.justification ?? ""), .bold, indent: 2) }
    lines.append(("", .plain))
    if let ans, ans.value != nil || ans.notApplicable {
        lines.append(("Answered by \(ans.by.isEmpty ? "?" : ans.by), \(Format.time(ans.at, now: state.now, timeZone: state.config.timeZone))", .plain))
    } else {
        lines.append(("Not answered yet", .plain))
    }
    let discussion = a.currentMeasure.flatMap { a.session.discussion[$0] } ?? ""
    let note = ans?.note ?? ""
    if !discussion.isEmpty || !note.isEmpty {
        lines.append(("", .plain))
        lines.append(("Team notes", .bold))
        for l in discussion.split(separator: "\n", omittingEmptySubsequences: false) { para(String(l), .plain, indent: 1) }
        for l in note.split(separator: "\n", omittingEmptySubsequences: false) { para(String(l), .plain, indent: 1) }
    }
    // Centred vertically when it fits; otherwise from the top (the question and options come first on screen).
    let room = h - 4
    if lines.count > room, measure != nil, let qi = lines.firstIndex(where: { $0.0.hasPrefix(number + q.text.prefix(10)) }) {
        lines.removeFirst(min(qi, lines.count - room))
    }
    let top = 2 + max(0, (room - lines.count) / 2)
    for (k, l) in lines.prefix(room).enumerated() {
        c.text(l.0, x: x0, y: top + k, maxWidth: colW, style: l.1, ellipsis: "…")
    }
    if let m = state.message { c.line(m.text, x: 0, y: h - 2, width: w, style: m.kind == .error ? Style.bold : .plain) }
    let keys = a.watching ? "V leaves the room view · f follows · q quits" : "V leaves the room view · 1-9 answer · n/p next/prev · D discussion · T timer · q quits"
    c.line(keys, x: 0, y: h - 1, width: w, style: .reverse)
}

func roomName(_ n: Node, _ a: AssessmentState) -> String {
    (n.number.map { "Measure " + $0 + "  " } ?? "") + n.title
}
