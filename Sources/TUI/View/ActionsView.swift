import AssessmentCore
import FoundationEssentials

/// The action plan: id, status, owner, due date (overdue marked), title and the measure it closes.
func drawActions(_ c: inout Canvas, _ state: AppState, _ a: AssessmentState, _ st: ActionsState) {
    let g = state.config.glyphs
    let w = state.size.width, h = state.size.height
    let day = today(state)
    let list = a.listedActions(st.filter, user: state.config.user, today: day)
    let all = a.session.actions
    let open = all.filter(ActionPlan.isActive).count, overdue = all.filter { ActionPlan.isOverdue($0, today: day) }.count
    headerBar(&c, left: "Action plan · " + a.session.title, right: "\(all.count) actions · \(open) open · \(overdue) overdue ", width: w)
    c.text("Showing: " + st.filter.rawValue + (st.filter == .mine ? " (owner " + state.config.user + ")" : "") + "  (f changes)", x: 1, y: 1, style: .dim)
    let idW = max(3, (list.map { $0.id.count }.max() ?? 2) + 1)
    let ownerW = min(16, max(6, w / 7)), dueW = 19, statusW = 12
    var x = 1
    for (t, cw) in [("Id", idW), ("Status", statusW), ("Owner", ownerW), ("Due", dueW)] {
        c.text(t, x: x, y: 2, style: .bold); x += cw + 1
    }
    c.text("What", x: x, y: 2, style: .bold)
    var y = 3
    let bottom = h - 2 - (st.editing == nil ? 0 : 2)
    if list.isEmpty {
        c.text(all.isEmpty ? "No actions yet. On the dashboard (d), a on a gap adds one." : "No action matches this filter.", x: 1, y: y, style: .dim)
    }
    let room = max(1, (bottom - y) / 2)
    let scroll = max(0, min(st.cursor - room + 1, list.count - room))
    for (k, act) in list.enumerated().dropFirst(scroll) where y < bottom {
        let sel = k == st.cursor
        let late = ActionPlan.isOverdue(act, today: day)
        let base: Style = sel ? .reverse : (ActionPlan.isActive(act) ? .plain : .dim)
        if sel { c.fill(Rect(x: 0, y: y, width: w, height: 1), style: .reverse) }
        var x = 1
        c.text(act.id, x: x, y: y, maxWidth: idW, style: base); x += idW + 1
        c.text(act.status.rawValue.replacingAll("_", with: " "), x: x, y: y, maxWidth: statusW, style: base); x += statusW + 1
        c.text(act.owner ?? "(none)", x: x, y: y, maxWidth: ownerW, style: act.owner == nil && !sel ? .dim : base, ellipsis: g.ellipsis); x += ownerW + 1
        let due = act.due.flatMap(CalendarDay.init).map(\.humanText) ?? "(none)"
        c.text(due + (late ? " overdue" : ""), x: x, y: y, maxWidth: dueW, style: late ? (sel ? base.with(.bold) : .color(.bad, .bold)) : base)
        x += dueW + 1
        c.text(act.title, x: x, y: y, maxWidth: max(0, w - x - 1), style: base, ellipsis: g.ellipsis)
        y += 1
        if y < bottom {
            let measure = act.measure.flatMap { a.questionnaire.qualifiedName(of: $0) } ?? act.question ?? ""
            c.text(g.arrowRight + " " + measure, x: idW + 2, y: y, maxWidth: w - idW - 3, style: .dim, ellipsis: g.ellipsis)
            y += 1
        }
    }
    if let ed = st.editing {
        let label = ed.field == .owner ? "Owner: " : "Due date (YYYY-MM-DD): "
        let lw = c.widths.width(label)
        c.text(label, x: 1, y: h - 4, style: .bold)
        c.text(ed.editor.text, x: 1 + lw, y: h - 4, maxWidth: w - lw - 2, style: .underline)
        c.cursor = Point(x: min(w - 1, 1 + lw + c.widths.width(String(ed.editor.chars.prefix(ed.editor.cursor)))), y: h - 4)
        if let e = ed.error { c.text(e, x: 1, y: h - 3, maxWidth: w - 2, style: .color(.bad)) }
        drawBottom(&c, state, keys: footer(for: state))
        return
    }
    drawBottom(&c, state, keys: footer(for: state))
}

