import AssessmentCore
import FoundationEssentials

/// Renders the whole frame for a state and a size. Pure: the same state gives the same cells.
public func view(_ state: AppState) -> Canvas {
    var c = Canvas(size: state.size, widths: state.config.widths)
    if state.isTooSmall {
        drawTooSmall(&c, state)
        return c
    }
    switch state.screen {
    case let .home(h): drawHome(&c, state, h)
    case let .assessment(a):
        if a.dashboard != nil { drawDashboard(&c, state, a) }
        else if let st = a.actionsScreen { drawActions(&c, state, a, st) }
        else if a.presenting { drawPresentation(&c, state, a) }
        else { drawAssessment(&c, state, a) }
    }
    if let o = state.overlay { drawOverlay(&c, state, o) }
    return c
}

func drawTooSmall(_ c: inout Canvas, _ state: AppState) {
    let lines = ["Terminal too small", "\(state.size.width)x\(state.size.height), need \(minimumSize.width)x\(minimumSize.height)", "Enlarge the window; q quits"]
    let top = max(0, (state.size.height - lines.count) / 2)
    for (i, l) in lines.enumerated() {
        let w = c.widths.width(l)
        c.text(l, x: max(0, (state.size.width - w) / 2), y: top + i, style: i == 0 ? .bold : .plain)
    }
}

/// The status line and the key footer shared by every screen.
func drawBottom(_ c: inout Canvas, _ state: AppState, keys entries: [FooterEntry]) {
    let keys = entries.map { ($0.key, $0.label) }
    let h = state.size.height, w = state.size.width
    if let m = state.message {
        c.line(m.text, x: 0, y: h - 2, width: w, style: m.kind == .error ? .color(.bad, .bold) : .color(.accent))
    }
    // "? help" and "q quit" always show, at the right; the other keys fill what room is left.
    let essential = keys.filter { $0.0 == "?" || $0.0 == "q" }
    let rest = keys.filter { $0.0 != "?" && $0.0 != "q" }
    func width(_ k: (String, String)) -> Int { c.widths.width(k.0) + 1 + c.widths.width(k.1) }
    var right = w
    for k in essential.reversed() {
        let kw = width(k)
        guard right - kw >= 0 else { break }
        right -= kw
        c.text(k.0, x: right, y: h - 1, style: .reverse)
        c.text(" " + k.1, x: right + c.widths.width(k.0), y: h - 1)
        right -= 2
    }
    var x = 0
    for k in rest {
        let kw = width(k)
        if x + kw > right { break }
        c.text(k.0, x: x, y: h - 1, style: .reverse)
        c.text(" " + k.1, x: x + c.widths.width(k.0), y: h - 1)
        x += kw + 2
    }
}

func headerBar(_ c: inout Canvas, left: String, right: String, width: Int) {
    c.fill(Rect(x: 0, y: 0, width: width, height: 1), style: .reverse)
    let rw = min(c.widths.width(right), max(0, width - 10))
    c.text(" " + left, x: 0, y: 0, maxWidth: max(0, width - rw - 2), style: .reverse.with(.bold), ellipsis: "…")
    c.text(right, x: width - rw - 1, y: 0, maxWidth: rw, style: .reverse, ellipsis: "…")
}

// MARK: Home

func drawHome(_ c: inout Canvas, _ state: AppState, _ h: HomeState) {
    let w = state.size.width, g = state.config.glyphs
    headerBar(&c, left: "gpai-assess", right: "\(state.sessions.count) assessment\(state.sessions.count == 1 ? "" : "s")", width: w)
    let body = Rect(x: 0, y: 1, width: w, height: state.size.height - 3)
    if !state.hasHome {
        // Opened for one session that could not be opened: only the dialog over an empty screen.
        drawBottom(&c, state, keys: footer(for: state))
        return
    }
    if state.sessions.isEmpty {
        let lines = ["No assessments yet.", "", "Press n to start one: pick a questionnaire, give it a title,",
                     "then answer the scoping questions first. Every answer is saved at once.", "", "? shows every key, q quits."]
        for (i, l) in lines.enumerated() { c.text(l, x: 2, y: body.y + 1 + i, maxWidth: w - 4, style: i == 0 ? .bold : .plain) }
    } else {
        // Two rows per session: title line and details line.
        let per = 2
        let visible = max(1, (body.height - 1) / per)
        var scroll = h.scroll
        if h.cursor < scroll { scroll = h.cursor }
        if h.cursor >= scroll + visible { scroll = h.cursor - visible + 1 }
        c.text("Assessments, newest first", x: 1, y: body.y, style: .bold)
        for (k, s) in state.sessions.enumerated().dropFirst(scroll).prefix(visible) {
            let y = body.y + 1 + (k - scroll) * per
            let sel = k == h.cursor
            let st: Style = sel ? .reverse : .plain
            c.fill(Rect(x: 0, y: y, width: w, height: 1), style: st)
            let (m, ms) = s.status.map { Format.mark($0, g) } ?? ("?", .color(.bad))
            c.text(sel ? g.arrowRight : " ", x: 0, y: y, style: st)
            c.text(m, x: 2, y: y, style: sel ? st : ms)
            let barW = 10
            let right = "\(Format.bar(s.applicable > 0 ? Double(s.answered) / Double(s.applicable) : 0, width: barW, g)) \(s.answered)/\(s.applicable)  score \(Format.percent(s.score))"
            let rw = c.widths.width(right)
            c.text(s.title, x: 4, y: y, maxWidth: max(0, w - rw - 7), style: st.with(.bold), ellipsis: g.ellipsis)
            if w - rw - 1 > 20 { c.text(right, x: w - rw - 1, y: y, style: st) }
            var detail = s.questionnaireTitle + " · " + (s.status?.label ?? "") + " · " + Format.time(s.updated, now: state.now, timeZone: state.config.timeZone)
            if !s.updatedBy.isEmpty { detail += " by " + s.updatedBy }
            if let p = s.problem { detail = p }
            c.text(detail, x: 4, y: y + 1, maxWidth: w - 5, style: s.problem != nil ? .color(.bad) : .dim, ellipsis: g.ellipsis)
        }
    }
    drawBottom(&c, state, keys: footer(for: state))
}
