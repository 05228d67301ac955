import AssessmentCore
import Walk
import FoundationEssentials

func drawOverlay(_ c: inout Canvas, _ state: AppState, _ o: Overlay) {
    let g = state.config.glyphs
    let full = c.bounds
    switch o {
    case let .help(scroll):
        let r = full.centered(width: min(76, full.width - 2), height: full.height - 2)
        c.fill(r)
        c.box(r, glyphs: g, title: "Keys — any other key closes")
        var lines: [(String, String, Bool)] = []
        for (title, keys) in helpSections(for: state) {
            lines.append((title, "", true))
            for (k, d) in keys { lines.append((k, d, false)) }
            lines.append(("", "", false))
        }
        let inner = r.inset(1).inset(left: 1, right: 1)
        let s = min(scroll, max(0, lines.count - inner.height))
        for (i, l) in lines.dropFirst(s).prefix(inner.height).enumerated() {
            if l.2 { c.text(l.0, x: inner.x, y: inner.y + i, style: .bold) } else {
                c.text(l.0, x: inner.x + 2, y: inner.y + i, maxWidth: 14, style: .color(.accent, .bold))
                c.text(l.1, x: inner.x + 17, y: inner.y + i, maxWidth: inner.width - 17, ellipsis: g.ellipsis)
            }
        }
        if s + inner.height < lines.count { c.text(" more: ↓ ", x: r.maxX - 11, y: r.maxY - 1, style: .dim) }
    case let .info(p):
        drawInfoPanel(&c, p, g: g)
    case let .details(d):
        drawDetails(&c, d, g: g)
    case let .events(d):
        drawEvents(&c, state, d, g: g)
    case let .left(l):
        drawLeftList(&c, l, g: g)
    case let .search(s):
        let r = full.centered(width: min(90, full.width - 2), height: min(full.height - 2, 22))
        c.fill(r)
        c.box(r, glyphs: g, title: "Search questions and measures")
        promptLine(&c, "/", s.query, y: r.y + 1, x: r.x + 2, width: r.width - 4, g: g)
        let listY = r.y + 3
        let room = r.height - 4
        if s.results.isEmpty {
            c.text(s.query.text.isEmpty ? "type words from a question, a number (1.2) or an id" : "nothing matches", x: r.x + 2, y: listY, style: .dim)
        }
        let scroll = s.cursor >= room ? s.cursor - room + 1 : 0
        for (i, res) in s.results.enumerated().dropFirst(scroll).prefix(room) {
            let y = listY + i - scroll
            let sel = i == s.cursor
            let st: Style = sel ? .reverse : .plain
            c.fill(Rect(x: r.x + 1, y: y, width: r.width - 2, height: 1), style: st)
            let lw0 = c.text(res.questionID == nil ? "▸ " : "  ", x: r.x + 2, y: y, style: st)
            let labelW = (r.width - 4) * 2 / 3 - lw0
            let lw = lw0 + drawHighlighted(&c, snippet(res.label, around: res.words, width: labelW, widths: c.widths, g: g), res.words,
                                           x: r.x + 2 + lw0, y: y, maxWidth: labelW, style: st.with(res.questionID == nil ? .bold : []), g: g)
            let dw = r.width - 4 - lw - 2
            c.text("  ", x: r.x + 2 + lw, y: y, style: st)
            drawHighlighted(&c, snippet(res.detail, around: res.words, width: dw, widths: c.widths, g: g), res.words,
                            x: r.x + 4 + lw, y: y, maxWidth: dw, style: sel ? st : .dim, g: g)
        }
        c.text(" \(s.results.count) found · ↑↓ Enter Esc ", x: r.x + 2, y: r.maxY - 1, style: .dim)
    case let .goto(e, error):
        let r = full.centered(width: min(60, full.width - 2), height: 6)
        c.fill(r)
        c.box(r, glyphs: g, title: "Go to measure or question number")
        promptLine(&c, "number:", e, y: r.y + 2, x: r.x + 2, width: r.width - 4, g: g)
        c.text(error ?? "e.g. 1.2 · Enter goes · Esc cancels", x: r.x + 2, y: r.y + 4, maxWidth: r.width - 4, style: error == nil ? .dim : .color(.bad, .bold))
    case let .confirmDelete(_, title):
        let r = full.centered(width: min(60, full.width - 2), height: 6)
        c.fill(r)
        c.box(r, glyphs: g, title: "Delete assessment")
        c.text("Delete '\(title)' and all its answers?", x: r.x + 2, y: r.y + 2, maxWidth: r.width - 4, style: .bold, ellipsis: g.ellipsis)
        c.text("y deletes · any other key keeps it", x: r.x + 2, y: r.y + 4, maxWidth: r.width - 4, style: .dim)
    case let .rename(_, e):
        let r = full.centered(width: min(70, full.width - 2), height: 6)
        c.fill(r)
        c.box(r, glyphs: g, title: "Rename assessment")
        promptLine(&c, "title:", e, y: r.y + 2, x: r.x + 2, width: r.width - 4, g: g)
        c.text("Enter saves · Esc cancels", x: r.x + 2, y: r.y + 4, style: .dim)
    case let .pickQuestionnaire(cursor):
        let n = state.questionnaires.count
        let r = full.centered(width: min(80, full.width - 2), height: min(full.height - 2, n + 5))
        c.fill(r)
        c.box(r, glyphs: g, title: "New assessment — pick a questionnaire")
        for (i, q) in state.questionnaires.enumerated().prefix(r.height - 4) {
            let y = r.y + 2 + i
            let st: Style = i == cursor ? .reverse : .plain
            c.fill(Rect(x: r.x + 1, y: y, width: r.width - 2, height: 1), style: st)
            c.text("\(i < 9 ? "\(i + 1)" : " ") \(q.title) (\(q.id) \(q.version))", x: r.x + 2, y: y, maxWidth: r.width - 4, style: st, ellipsis: g.ellipsis)
        }
        c.text(" ↑↓ Enter · Esc cancels ", x: r.x + 2, y: r.maxY - 1, style: .dim)
    case let .locked(_, title, holder, stale):
        let r = full.centered(width: min(72, full.width - 2), height: 9)
        c.fill(r)
        c.box(r, glyphs: g, title: "Open elsewhere")
        let lines = Wrap.text("'\(title)' is open elsewhere, \(holder).", width: r.width - 4, widths: c.widths)
        for (i, l) in lines.prefix(3).enumerated() { c.text(l, x: r.x + 2, y: r.y + 2 + i, style: .bold) }
        var keys = lockedChoices(state, stale: stale).map { $0.words(.hint) }
        if state.askTakeOver != nil {
            c.text("Take over? That terminal can no longer save.", x: r.x + 2, y: r.y + 5, maxWidth: r.width - 4, style: .color(.bad, .bold))
            keys = ["y takes over", "any other key cancels"]
        }
        c.text(keys.joined(separator: " · "), x: r.x + 2, y: r.maxY - 2, maxWidth: r.width - 4, style: .dim, ellipsis: g.ellipsis)
    case let .newTitle(qid, e):
        let r = full.centered(width: min(70, full.width - 2), height: 7)
        c.fill(r)
        c.box(r, glyphs: g, title: "New assessment")
        let qt = state.questionnaires.first { $0.id == qid }?.title ?? qid
        c.text("Questionnaire: " + qt, x: r.x + 2, y: r.y + 1, maxWidth: r.width - 4, ellipsis: g.ellipsis)
        promptLine(&c, "title:", e, y: r.y + 3, x: r.x + 2, width: r.width - 4, g: g)
        c.text("e.g. the model's name · Enter starts · Esc cancels", x: r.x + 2, y: r.y + 5, maxWidth: r.width - 4, style: .dim)
    case let .report(d):
        let r = full.centered(width: min(70, full.width - 2), height: d.step == .format ? reportFormats.count + 5 : 9)
        c.fill(r)
        c.box(r, glyphs: g, title: "Write a report")
        c.text("Assessment: " + d.sessionID, x: r.x + 2, y: r.y + 1, maxWidth: r.width - 4, ellipsis: g.ellipsis)
        switch d.step {
        case .format:
            for (i, f) in reportFormats.enumerated() {
                let y = r.y + 3 + i
                let st: Style = i == d.format ? .reverse : .plain
                c.fill(Rect(x: r.x + 1, y: y, width: r.width - 2, height: 1), style: st)
                let label = "\(i + 1) " + f.rawValue.padded(toLength: 5) + f.dialogLabel
                c.text(label, x: r.x + 2, y: y, maxWidth: r.width - 4, style: st, ellipsis: g.ellipsis)
            }
            c.text(" 1-4 ↑↓ Enter · Esc cancels ", x: r.x + 2, y: r.maxY - 1, style: .dim)
        case .path:
            c.text("Format: " + reportFormats[d.format].dialogLabel, x: r.x + 2, y: r.y + 2, maxWidth: r.width - 4, ellipsis: g.ellipsis)
            promptLine(&c, "file:", d.path, y: r.y + 4, x: r.x + 2, width: r.width - 4, g: g)
            if let e = d.error {
                for (i, l) in Wrap.text(e, width: r.width - 4, widths: c.widths).prefix(2).enumerated() {
                    c.text(l, x: r.x + 2, y: r.y + 6 + i, maxWidth: r.width - 4, style: .color(.bad, .bold), ellipsis: g.ellipsis)
                }
            } else {
                c.text("Enter writes (never over a file) · Esc cancels", x: r.x + 2, y: r.y + 6, maxWidth: r.width - 4, style: .dim)
            }
        }
    case let .conflict(k):
        drawConflict(&c, k, g: g)
    }
}

/// Both versions of each conflicting field, and the choice.
func drawConflict(_ c: inout Canvas, _ k: AnswerConflict, g: Glyphs) {
    let r = c.bounds.centered(width: min(76, c.bounds.width - 2), height: min(c.bounds.height - 2, 6 + 4 * k.fields.count))
    c.fill(r)
    c.box(r, glyphs: g, title: "Changed elsewhere meanwhile")
    let w = r.width - 4
    c.text("Question \(k.question) was changed since you began" + (k.stored.map { " (by \($0.by))" } ?? "") + ".",
           x: r.x + 2, y: r.y + 1, maxWidth: w, ellipsis: g.ellipsis)
    var y = r.y + 3
    for f in k.fields where y + 2 < r.maxY - 1 {
        c.text(f.rawValue.capitalized + ":", x: r.x + 2, y: y, style: .bold)
        c.text("stored: " + AnswerConflict.describe(f, of: k.stored), x: r.x + 4, y: y + 1, maxWidth: w - 2, ellipsis: g.ellipsis)
        c.text("yours:  " + AnswerConflict.describe(f, of: k.mine), x: r.x + 4, y: y + 2, maxWidth: w - 2, ellipsis: g.ellipsis)
        y += 4
    }
    c.text("s keep stored · m use yours", x: r.x + 2, y: r.maxY - 2, maxWidth: w, style: .color(.accent, .bold), ellipsis: g.ellipsis)
}

/// A one-line prompt with a label and an editor that scrolls horizontally to keep the cursor in view.
func promptLine(_ c: inout Canvas, _ label: String, _ e: TextEditor, y: Int, x: Int, width: Int, g: Glyphs) {
    let lw = c.text(label + " ", x: x, y: y, style: .bold)
    let fieldW = max(1, width - lw)
    let chars = e.chars
    var start = 0
    func cols(_ a: Int, _ b: Int) -> Int { var n = 0; for i in a..<b { n += c.widths.width(chars[i]) }; return n }
    while start < e.cursor && cols(start, e.cursor) > fieldW - 1 { start += 1 }
    var end = start, used = 0
    while end < chars.count && used + c.widths.width(chars[end]) <= fieldW { used += c.widths.width(chars[end]); end += 1 }
    c.fill(Rect(x: x + lw, y: y, width: fieldW, height: 1), style: .init(.underline))
    c.text(String(chars[start..<end]), x: x + lw, y: y, maxWidth: fieldW, style: .init(.underline))
    c.cursor = Point(x: x + lw + cols(start, e.cursor), y: y)
}
