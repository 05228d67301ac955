import AssessmentCore

/// Why this score: wrapped lines in a box, scrolled with ↑↓ PgUp PgDn, with a "more" mark.
func drawInfoPanel(_ c: inout Canvas, _ p: InfoPanel, g: Glyphs) {
    let full = c.bounds
    let r = full.centered(width: min(100, full.width - 2), height: full.height - 2)
    c.fill(r)
    c.box(r, glyphs: g, title: p.title)
    let inner = r.inset(1).inset(left: 1, right: 1)
    var rows: [(String, Style)] = []
    for l in p.lines {
        for w in Wrap.text(l.text, width: inner.width, widths: c.widths) { rows.append((w, l.warn ? .color(.warning, .bold) : .plain)) }
    }
    let s = min(p.scroll, max(0, rows.count - inner.height))
    for (i, row) in rows.dropFirst(s).prefix(inner.height).enumerated() {
        c.text(row.0, x: inner.x, y: inner.y + i, maxWidth: inner.width, style: row.1)
    }
    if s + inner.height < rows.count { c.text(" more ↓ ", x: r.maxX - 10, y: r.maxY - 1, style: .color(.accent)) }
    else { c.text(" any other key closes ", x: r.x + 2, y: r.maxY - 1, style: .dim) }
}

/// What's left: one row per unanswered applicable question, its measure in the short form.
func drawLeftList(_ c: inout Canvas, _ l: LeftList, g: Glyphs) {
    let full = c.bounds
    let r = full.centered(width: min(100, full.width - 2), height: full.height - 2)
    c.fill(r)
    c.box(r, glyphs: g, title: "What's left: \(l.items.count) unanswered")
    let room = r.height - 2
    let scroll = l.cursor >= room ? l.cursor - room + 1 : 0
    let dw = min(12, (l.items.map { c.widths.width($0.detail) }.max() ?? 4) + 1)
    for (i, it) in l.items.enumerated().dropFirst(scroll).prefix(room) {
        let y = r.y + 1 + i - scroll
        let sel = i == l.cursor
        let st: Style = sel ? .reverse : .plain
        c.fill(Rect(x: r.x + 1, y: y, width: r.width - 2, height: 1), style: st)
        c.text(it.detail, x: r.x + 2, y: y, maxWidth: dw, style: sel ? st : .color(.accent, .bold))
        c.text(it.label, x: r.x + 3 + dw, y: y, maxWidth: r.width - dw - 5, style: st, ellipsis: g.ellipsis)
    }
    c.text(" ↑↓ Enter goes · Esc ", x: r.x + 2, y: r.maxY - 1, style: .dim)
}
