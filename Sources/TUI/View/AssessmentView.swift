import AssessmentCore
import FoundationEssentials

/// A line of the question pane before clipping: styled pieces, and optionally the text cursor.
struct PaneLine {
    var pieces: [(String, Style)]
    var indent: Int = 0
    var cursorColumn: Int? = nil
    var fillStyle: Style? = nil
    init(_ text: String = "", _ style: Style = .plain, indent: Int = 0) { pieces = [(text, style)]; self.indent = indent }
    init(pieces: [(String, Style)], indent: Int = 0) { self.pieces = pieces; self.indent = indent }
}

func drawAssessment(_ c: inout Canvas, _ state: AppState, _ a: AssessmentState) {
    let g = state.config.glyphs
    let layout = AssessmentLayout(size: state.size, showTree: a.showTree)
    let ov = a.evaluation.overall
    let saved = a.unsavedError != nil ? "NOT SAVED" : "saved " + Format.shortTime(a.session.updated, now: state.now, timeZone: state.config.timeZone)
    var right = titleScore(ov) + " · \(saved) "
    // The mode, and the measure's timer first so that a long title never hides it.
    var mode = ""
    if a.watching {
        let who = a.session.facilitator.map { $0.by.isEmpty ? "facilitator" : $0.by }
        mode = a.following ? "following" + (who.map { " " + $0 } ?? "") : "watching · f follows"
    } else if a.facilitating {
        mode = "facilitating"
    } else if a.readOnly {
        mode = "read-only"
    }
    if let (t, running) = a.shownTimer(now: state.now) {
        mode = (running ? "" : "paused ") + formatElapsed(t) + (mode.isEmpty ? "" : " · " + mode)
    }
    let tag = mode.isEmpty ? "" : "[" + mode + "] "
    // The mode (and timer) must stay readable: where space is short the time of the last save goes first.
    if a.unsavedError == nil, c.widths.width(tag) + 12 + c.widths.width(right) > state.size.width { right = titleScore(ov) + " " }
    headerBar(&c, left: tag + a.session.title + " · " + a.questionnaire.title, right: right, width: state.size.width)
    if let tr = layout.tree { drawTree(&c, state, a, tr) }
    drawQuestionPane(&c, state, a, layout)
    var keys = footer(for: state)
    if g != .unicode { keys = keys.map { FooterEntry($0.key.replacingAll("↑↓", with: "j/k").replacingAll("←→", with: "h/l"), $0.label, action: $0.action) } }
    drawBottom(&c, state, keys: keys)
    // Say why the selected part of the tree does not apply.
    if state.message == nil, a.focus == .tree, layout.tree != nil, let r = a.evaluation.nodes[a.treeCursor], !r.applicable,
       let n = a.index.nodes[a.treeCursor] {
        c.line(n.displayName + ": \(r.status == .scopePending ? "waiting for scope" : "not applicable") — " + (r.hiddenReason ?? "its condition is not met"), x: 0, y: layout.message.y,
               width: layout.message.width, style: .color(.warning), ellipsis: g.ellipsis)
    }
}

func drawTree(_ c: inout Canvas, _ state: AppState, _ a: AssessmentState, _ r: Rect) {
    let g = state.config.glyphs
    let rows = a.treeRows
    let focused = a.focus == .tree
    c.vline(x: r.maxX - 1, y: r.y, height: r.height, glyph: g.vertical, style: .dim)
    let inner = Rect(x: r.x, y: r.y, width: r.width - 1, height: r.height)
    let cur = rows.firstIndex { $0.nodeID == a.treeCursor } ?? 0
    var scroll = min(a.treeScroll, max(0, rows.count - inner.height))
    if cur < scroll { scroll = cur }
    if cur >= scroll + inner.height { scroll = cur - inner.height + 1 }
    let currentPath = Set(a.index.questionPath[a.question] ?? [])
    for (k, row) in rows.enumerated().dropFirst(scroll).prefix(inner.height) {
        let y = inner.y + k - scroll
        guard let n = a.index.nodes[row.nodeID], let res = a.evaluation.nodes[row.nodeID] else { continue }
        let selected = row.nodeID == a.treeCursor
        var st: Style = res.status == .notApplicable || res.status == .scopePending ? .dim : .plain
        if currentPath.contains(row.nodeID) { st = st.with(.bold) }
        if selected { st = focused ? .reverse : Style(.underline) }
        c.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: selected ? st : .plain)
        var x = inner.x + row.depth
        let fold = row.hasChildren ? (row.expanded ? g.expanded : g.collapsed) : " "
        x += c.text(fold, x: x, y: y, style: st)
        let (m, ms) = Format.mark(res.status, g)
        x += c.text(m, x: x, y: y, style: selected ? st : ms)
        x += c.text(" ", x: x, y: y, style: st)
        let prog = res.status == .notApplicable ? "n/a" : (res.status == .scopePending ? "scope" : "\(res.answeredQuestions)/\(res.applicableQuestions)")
        let pw = c.widths.width(prog)
        let avail = inner.maxX - x - pw - 1
        c.text(n.displayName, x: x, y: y, maxWidth: max(0, avail), style: st, ellipsis: g.ellipsis)
        if avail > 3 { c.text(prog, x: inner.maxX - pw, y: y, style: selected ? st : .dim) }
    }
}

func drawQuestionPane(_ c: inout Canvas, _ state: AppState, _ a: AssessmentState, _ layout: AssessmentLayout) {
    let r = layout.pane
    guard r.width > 4, let q = a.currentQuestion else { return }
    let g = state.config.glyphs
    let widths = state.config.widths
    let W = r.width
    var lines: [PaneLine] = []
    var focusLine = 0
    func para(_ text: String, _ style: Style, indent: Int = 0) {
        for l in Wrap.text(text, width: W - indent, widths: widths) { lines.append(PaneLine(l, style, indent: indent)) }
    }
    /// An open editor under its bold heading; the view scrolls to keep it in sight.
    func editorBlock(_ heading: String, _ ed: Editing) {
        lines.append(PaneLine(heading, .bold))
        focusLine = lines.count
        lines += editorLines(ed, width: layout.editorWidth, widths: widths, g: g)
    }
    // Breadcrumb: the node path.
    let path = (a.index.questionPath[q.id] ?? []).reversed().compactMap { a.index.nodes[$0] }
    let panel = a.measurePanelShown
    if let node = path.last {
        let res = a.evaluation.nodes[node.id]
        let crumb = path.map { $0.number ?? $0.title }.joined(separator: " " + g.arrowRight + " ")
        if !(panel && node.id == a.currentMeasure) {
            let name = node.number == nil ? node.kind.label + " " + node.displayName : a.questionnaire.qualifiedName(of: node.id) ?? node.displayName
            para(name, .bold)
        }
        // The heading names the node with its chapter; the path is only needed for unnumbered groups.
        var meta = node.number == nil ? [crumb] : []
        if let res { meta += [res.status.label, scoreLabel(res)] }
        para(meta.joined(separator: " · "), .dim)
    }
    if let m = a.currentMeasure, let mnode = a.index.nodes[m] {
        let answerers = Set(a.questions(under: m).compactMap { a.session.answers[$0] }.filter { $0.isAnswered }.map { $0.by.isEmpty ? "?" : $0.by }).sorted()
        var who = answerers.isEmpty ? "" : "answered by " + answerers.joined(separator: ", ")
        if let r = a.session.reviews[m] {
            who += (who.isEmpty ? "" : " · ") + "reviewed by " + r.by + ", " + Format.time(r.at, now: state.now, timeZone: state.config.timeZone)
            if let n = r.note, !n.isEmpty { who += " (" + n + ")" }
        } else if !answerers.isEmpty {
            who += " · not reviewed"
        }
        if !who.isEmpty { para(mnode.kind.label + " " + who, .dim) }
    }
    if panel {
        lines.append(PaneLine())
        lines += measurePanelLines(a, width: W, widths: widths, g: g)
    }
    let result = a.evaluation.questions[q.id]
    let longHead = a.questionHeading
    let head = widths.width(longHead) <= W - 22 ? longHead : a.questionHeading(.short)
    var tags: [String] = []
    if q.critical { tags.append("critical") }
    if q.weight != 1 { tags.append("weight " + formatNumber(q.weight)) }
    if !q.required { tags.append("optional") }
    lines.append(PaneLine())
    let tagText = tags.joined(separator: " · ")
    if tags.isEmpty || widths.width(head) + 2 + widths.width(tagText) <= W {
        lines.append(PaneLine(pieces: [(head, .color(.accent, .bold)), (tags.isEmpty ? "" : "  " + tagText, .dim)]))
    } else {
        lines.append(PaneLine(head, .color(.accent, .bold)))
        para(tagText, .dim, indent: 2)
    }
    para(q.text, .bold)
    for d in a.deadlineLines(today: today(state)) {
        para(g.arrowRight + " " + d, .color(.accent), indent: 2)
    }
    if result?.applicable == false {
        lines.append(PaneLine())
        para("Not applicable: " + (result?.hiddenReason ?? "its condition is not met"), .color(.warning))
    }
    if let gd = q.guidance ?? path.last?.guidance, !gd.isEmpty {
        if a.showGuidance {
            lines.append(PaneLine())
            lines.append(PaneLine("Guidance (i hides)", .dim))
            para(gd, .plain, indent: 2)
        } else {
            lines.append(PaneLine("i: show guidance", .dim))
        }
    }
    lines.append(PaneLine())
    let ans = a.currentAnswer
    let paneFocused = a.focus == .question || layout.tree == nil
    // The answer widget.
    if let c = a.session.conflict(onQuestion: q.id) {
        // Two machines answered differently; `<` / `>` keep one (answering again also resolves it).
        lines.append(PaneLine("Conflict from syncing — counted as unanswered until resolved", .color(.warning, .bold)))
        for (i, side) in c.sides.enumerated() {
            let key = i == 0 ? "<" : (i == 1 ? ">" : " ")
            var value = side.answer.map { $0.notApplicable ? "not applicable" : ($0.value?.description ?? "(no value)") } ?? "(cleared)"
            if let n = side.answer?.note, !n.isEmpty { value += " — note: " + n }
            para(" \(key)  \(value) (\(side.by), \(Format.time(side.at, now: state.now, timeZone: state.config.timeZone)))", .plain)
        }
        lines.append(PaneLine())
    }
    switch q.type {
    case .graded, .choice, .scale, .multi:
        var chosen: Set<String> = []
        if case let .text(v)? = ans?.value { chosen = [v] }
        if case let .choices(vs)? = ans?.value { chosen = Set(vs) }
        for (i, o) in q.options.enumerated() {
            let on = chosen.contains(o.value)
            let mark = q.type == .multi ? (on ? g.boxOn : g.boxOff) : (on ? g.radioOn : g.radioOff)
            let num = i < 9 ? "\(i + 1)" : " "
            let sel = i == a.optionCursor && a.editing == nil && paneFocused
            // The selection is shown by reverse video on the number and mark only, so moving it
            // rewrites a few cells rather than whole lines (low bandwidth); the label stays as it is.
            let st: Style = on ? .bold : .plain
            let prefixStyle: Style = sel ? .reverse : .plain
            var scoreText = ""
            if q.type == .multi {
                // What a tick is worth, not "100%" on every option.
                let parts = [q.optionWorth(o), q.mandatoryOptions.contains(o) ? "required" : nil].compactMap { $0 }
                if !parts.isEmpty { scoreText = "  " + parts.joined(separator: ", ") }
            } else if q.type == .scale || q.type == .graded, let sc = o.score {
                scoreText = "  " + Format.percent(sc)
            }
            let prefix = " \(num) " + mark + " "
            let pw = widths.width(prefix)
            let labelLines = Wrap.text(o.label, width: max(8, W - pw - widths.width(scoreText)), widths: widths)
            if sel { focusLine = lines.count }
            for (li, text) in labelLines.enumerated() {
                var pieces: [(String, Style)]
                if li == 0 {
                    pieces = [(" \(num) ", sel ? prefixStyle : .dim), (mark, sel ? prefixStyle : st), (" ", .plain), (text, st)]
                } else {
                    pieces = [(String(repeating: " ", count: pw), .plain), (text, st)]
                }
                if li == labelLines.count - 1 && !scoreText.isEmpty { pieces.append((scoreText, .dim)) }
                lines.append(PaneLine(pieces: pieces))
            }
            if let d = o.description, !d.isEmpty { para(d, .dim, indent: 8) }
        }
    case .text, .number, .date:
        var label = q.type == .number ? "Number" : (q.type == .date ? "Date (YYYY-MM-DD)" : "Answer")
        if let u = q.unit { label += " in " + u }
        if let lo = q.min, let hi = q.max { label += ", \(formatNumber(lo)) to \(formatNumber(hi))" }
        else if let lo = q.min { label += ", at least \(formatNumber(lo))" }
        else if let hi = q.max { label += ", at most \(formatNumber(hi))" }
        if let ed = a.editing, ed.target == .value {
            editorBlock(label + ":", ed)
            if let e = ed.error { para(g.cross + " " + e, .color(.bad), indent: 2) }
        } else {
            lines.append(PaneLine(label + ":", .plain))
            let shown: String
            if let v = ans?.value, !(ans?.notApplicable ?? false) { shown = v.description } else { shown = a.readOnly ? "(not answered)" : "(not answered — Enter to type)" }
            let sel = paneFocused
            if sel { focusLine = lines.count }
            for (i, l) in Wrap.text(shown, width: W - 4, widths: widths).enumerated() {
                var pl = PaneLine(pieces: [(i == 0 ? "  " : "  ", .plain), (l, sel ? .reverse : (ans?.value == nil ? .dim : .bold))])
                if ans?.value == nil { pl.pieces[1].1 = sel ? .reverse : .dim }
                lines.append(pl)
            }
        }
    }
    // N/A state.
    if let ed = a.editing, ed.target == .justification {
        lines.append(PaneLine())
        editorBlock("Not applicable — why? (required; Enter saves, Esc cancels)", ed)
        if let e = ed.error { para(g.cross + " " + e, .color(.bad), indent: 2) }
    } else if let ans, ans.notApplicable {
        lines.append(PaneLine())
        lines.append(PaneLine("Marked not applicable" + (q.allowNA ? "" : " (not allowed here; not counted)"), .color(.warning, .bold)))
        para(ans.justification ?? "", .plain, indent: 2)
    } else if q.allowNA {
        lines.append(PaneLine("   a  N/A — not applicable, with a reason", .dim))
    }
    if let inv = result?.invalidAnswer {
        lines.append(PaneLine())
        para(g.cross + " stored answer not counted: " + inv, .color(.bad))
    }
    // Note.
    lines.append(PaneLine())
    if let ed = a.editing, ed.target == .note {
        editorBlock("Note (Ctrl-S or F2 saves, Esc cancels)", ed)
    } else if let n = ans?.note, !n.isEmpty {
        lines.append(PaneLine(a.readOnly ? "Note" : "Note (e edits)", .dim))
        para(n, .plain, indent: 2)
    } else {
        lines.append(PaneLine(a.readOnly ? "Note: none" : "Note: none (e adds one)", .dim))
    }
    // Evidence.
    if let ed = a.editing, ed.target == .evidence {
        editorBlock("Evidence, one reference per line (Ctrl-S or F2 saves)", ed)
    } else if let ev = ans?.evidence, !ev.isEmpty {
        lines.append(PaneLine(a.readOnly ? "Evidence" : "Evidence (v edits)", .dim))
        for e in ev { para(g.bullet + " " + e, .plain, indent: 2) }
    } else {
        lines.append(PaneLine(a.readOnly ? "Evidence: none" : "Evidence: none (v adds)", .dim))
        if let hint = q.evidenceHint, !hint.isEmpty { para("e.g. " + hint, .dim, indent: 2) }
    }
    // The facilitator's discussion note of the measure.
    if let ed = a.editing, ed.target == .discussion {
        lines.append(PaneLine())
        editorBlock("Discussion note for the measure (Ctrl-S or F2 saves)", ed)
    } else if let m = a.currentMeasure, let d = a.session.discussion[m], !d.isEmpty {
        lines.append(PaneLine())
        lines.append(PaneLine(a.facilitating ? "Discussion (D edits)" : "Discussion", .color(.accent, .bold)))
        para(d, .plain, indent: 2)
    } else if a.facilitating {
        lines.append(PaneLine("Discussion: none (D adds a note for the measure)", .dim))
    }
    if let rem = q.remediation, let s = result?.score, s < 1 {
        lines.append(PaneLine())
        lines.append(PaneLine("To improve", .color(.warning, .bold)))
        para(rem, .plain, indent: 2)
    }
    if let ans, ans.value != nil || ans.notApplicable {
        lines.append(PaneLine("answered by \(ans.by.isEmpty ? "?" : ans.by), \(Format.time(ans.at, now: state.now, timeZone: state.config.timeZone))", .dim))
    }
    // Scroll so that the focused line is visible.
    var scroll = min(a.paneScroll, max(0, lines.count - r.height))
    if !a.paneScrolledByUser || a.editing != nil {
        if focusLine < scroll { scroll = focusLine }
        let editorEnd = lines.firstIndex { $0.cursorColumn != nil }
        if let ce = editorEnd, ce >= scroll + r.height { scroll = ce - r.height + 2 }
        if focusLine >= scroll + r.height { scroll = focusLine - r.height + 2 }
    }
    scroll = max(0, min(scroll, max(0, lines.count - 1)))
    for (k, l) in lines.enumerated().dropFirst(scroll).prefix(r.height) {
        let y = r.y + k - scroll
        var x = r.x + l.indent
        if let f = l.fillStyle { c.fill(Rect(x: r.x, y: y, width: W, height: 1), style: f) }
        for (t, s) in l.pieces where x < r.maxX {
            x += c.text(t, x: x, y: y, maxWidth: r.maxX - x, style: s, ellipsis: g.ellipsis)
        }
        if let cc = l.cursorColumn { c.cursor = Point(x: min(r.maxX - 1, r.x + l.indent + cc), y: y) }
    }
    // Never cut short silently: say there is more, and which way (PgUp/PgDn scroll).
    let up = g == .unicode ? "↑ more" : "^ more", down = g == .unicode ? "↓ more" : "v more"
    if scroll > 0 { c.text(" " + up, x: r.maxX - 7, y: r.y, style: .color(.accent)) }
    if scroll + r.height < lines.count { c.text(" " + down, x: r.maxX - 7, y: r.maxY - 1, style: .color(.accent)) }
}

/// The lines of an inline editor, with the text cursor placed.
func editorLines(_ ed: Editing, width: Int, widths: DisplayWidth, g: Glyphs) -> [PaneLine] {
    let lay = ed.editor.layout(width: width, widths: widths)
    var out: [PaneLine] = []
    for (i, l) in lay.lines.enumerated() {
        let text = String(ed.editor.chars[l.start..<l.end])
        var pl = PaneLine(pieces: [(g.vertical + " ", .color(.accent)), (text, .underline)], indent: 0)
        if i == lay.cursorRow { pl.cursorColumn = 2 + lay.cursorColumn }
        out.append(pl)
    }
    return out
}
