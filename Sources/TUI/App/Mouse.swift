import AssessmentCore

/// A mouse report from the terminal, in screen cells (0-based).
public struct MouseEvent: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case click, wheelUp, wheelDown }
    public var x: Int
    public var y: Int
    public var kind: Kind
    public init(x: Int, y: Int, kind: Kind) { self.x = x; self.y = y; self.kind = kind }
}

/// Clicks and the wheel on the assessment screen: a click on an option answers it (as its digit would), on a
/// tree item opens it, on a dashboard gap goes there; the wheel scrolls the pane under the pointer. Anywhere
/// else, and while an editor or dialog is open, the mouse does nothing (typed text is never lost to a click).
func mouse(_ state: inout AppState, _ m: MouseEvent) -> [Effect] {
    guard state.overlay == nil, state.offeredDraft == nil, let a = state.assessment, a.editing == nil else { return [] }
    let layout = AssessmentLayout(size: state.size, showTree: a.showTree)
    if a.dashboard != nil {
        guard m.kind == .click else { return [] }
        return clickDashboard(&state, m)
    }
    if a.actionsScreen != nil { return [] }
    if let tr = layout.tree, tr.contains(m.x, m.y) {
        let rows = a.treeRows
        guard !rows.isEmpty else { return [] }
        switch m.kind {
        case .wheelUp, .wheelDown:
            let i = rows.firstIndex { $0.nodeID == a.treeCursor } ?? 0
            state.withAssessment { a, _ in a.treeCursor = rows[max(0, min(rows.count - 1, i + (m.kind == .wheelUp ? -3 : 3)))].nodeID }
            return []
        case .click:
            let k = shownTreeScroll(a, height: tr.height) + (m.y - tr.y)
            guard k >= 0, k < rows.count else { return [] }
            state.message = nil
            return state.withAssessment { a, state in
                a.treeCursor = rows[k].nodeID
                let before = a.question
                openNode(&a, rows[k].nodeID, state: &state)
                return afterMove(&a, from: before, state: &state)
            } ?? []
        }
    }
    guard layout.pane.contains(m.x, m.y) || (layout.tree == nil && m.y > layout.header.maxY - 1 && m.y < layout.message.y) else { return [] }
    switch m.kind {
    case .wheelUp, .wheelDown:
        state.withAssessment { a, _ in
            a.paneScroll = max(0, a.paneScroll + (m.kind == .wheelUp ? -3 : 3))
            a.paneScrolledByUser = true
        }
        return []
    case .click:
        // Hit-test what is drawn: an option row starts " N ( )" or " N [x]" at the pane's left edge.
        guard let n = optionNumber(onRow: m.y, of: view(state), pane: layout.pane), let q = a.currentQuestion,
              [.graded, .choice, .scale, .multi].contains(q.type), n >= 1, n <= min(9, q.options.count) else { return [] }
        state.withAssessment { a, _ in a.focus = .question }
        return keyPress(&state, .char(Character(String(n))))
    }
}

/// The tree's first shown row, as `drawTree` scrolls it (the cursor kept in sight).
func shownTreeScroll(_ a: AssessmentState, height: Int) -> Int {
    let rows = a.treeRows
    let cur = rows.firstIndex { $0.nodeID == a.treeCursor } ?? 0
    var scroll = min(a.treeScroll, max(0, rows.count - height))
    if cur < scroll { scroll = cur }
    if cur >= scroll + height { scroll = cur - height + 1 }
    return scroll
}

/// The option number drawn on screen row `y` of the question pane, if that row is an option's first line.
func optionNumber(onRow y: Int, of canvas: Canvas, pane: Rect) -> Int? {
    guard y >= pane.y, y < pane.maxY else { return nil }
    var text = ""
    for x in pane.x..<min(pane.maxX, pane.x + 6) { text += canvas[x, y].text }
    let chars = Array(text)
    guard chars.count >= 5, chars[0] == " ", let d = chars[1].wholeNumberValue, chars[2] == " ",
          chars[3] == "(" || chars[3] == "[" else { return nil }
    return d
}

/// A click on the dashboard's gap list: the row clicked is selected and opened (as Enter would).
func clickDashboard(_ state: inout AppState, _ m: MouseEvent) -> [Effect] {
    guard let a = state.assessment, a.dashboard != nil else { return [] }
    let gaps = dashboardGaps(a)
    let canvas = view(state)
    // Gap rows are the ones whose text names a gap; find which one the click is on by its drawn label.
    guard m.y >= 0, m.y < canvas.size.height else { return [] }
    var row = ""
    for x in 2..<canvas.size.width { row += canvas[x, m.y].text }
    let w = state.size.width
    // The gap whose drawn label agrees longest with the row (a measure and its question share a prefix).
    func agreement(_ g: Evaluation.Gap) -> Int {
        zip(gapLabel(a.questionnaire, g, w >= 100 ? .long : .short), row).prefix { $0 == $1 }.count
    }
    guard let k = gaps.indices.max(by: { agreement(gaps[$0]) < agreement(gaps[$1]) }), agreement(gaps[k]) >= 8 else { return [] }
    state.withAssessment { a, _ in a.dashboard?.cursor = k }
    return dashboardKey(&state, .enter)
}

extension Rect {
    func contains(_ px: Int, _ py: Int) -> Bool { px >= x && px < maxX && py >= y && py < maxY }
}
