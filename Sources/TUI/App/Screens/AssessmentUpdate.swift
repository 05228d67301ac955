import AssessmentCore
import FoundationEssentials

// The assessment screen: the tree and the question pane, and the keys that work on both.

func assessmentKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    guard let shown = state.assessment else { return [] }
    if shown.editing == nil {
        if shown.dashboard != nil { return dashboardKey(&state, key) }
        if shown.actionsScreen != nil { return actionsKey(&state, key) }
    }
    var thenQuit = false
    let effects = state.withAssessment { a, state in assessmentScreenKey(&a, key, state: &state, thenQuit: &thenQuit) } ?? []
    return thenQuit ? effects + quit(&state) : effects
}

/// The assessment screen's own keys (not the dashboard's or the action plan's).
private func assessmentScreenKey(_ a: inout AssessmentState, _ key: Key, state: inout AppState, thenQuit: inout Bool) -> [Effect] {
    var effects: [Effect] = []
    let layout = AssessmentLayout(size: state.size, showTree: a.showTree)
    let evaluated = a.evaluation
    if a.editing != nil {
        effects = editorKey(&state, &a, key, layout: layout)
        // "measure complete" says more than editorKey's "answer saved".
        if state.message == nil || state.message?.text.hasSuffix(" saved") == true, let done = a.completed(since: evaluated) {
            state.message = Message(.info, done)
        }
        return effects
    }
    state.message = nil
    if a.focus == .tree, layout.tree != nil, !treeFocusAccepts(key) {
        state.message = Message(.error, treeFocusMessage)
        return []
    }
    if key != .char("r") { a.reviewPending = nil }
    let before = a.question
    if let fx = facilitationKey(&a, key, state: &state) { return fx }
    switch key {
    case .char("q"):
        thenQuit = true
        return []
    case .escape:
        if state.hasHome {
            if !a.readOnly {
                var changes: [SessionChange] = [.position(a.savedPosition)]
                if a.facilitating { changes.append(.facilitator(nil)) }  // leaving: viewers stop following us
                effects.append(.persist(sessionID: a.session.id, changes))
            }
            state.screen = .home(HomeState())
            return effects + [.close(sessionID: a.session.id), .loadSessions]
        }
        state.message = Message(.info, "q quits; ? shows every key")
    case .char("?"), .function(1): state.overlay = .help(scroll: 0)
    case .char("/"):
        state.overlay = .search(SearchState())
        return []
    case .char("g"):
        state.overlay = .goto(TextEditor(), error: nil)
    case .char("R"):
        state.overlay = .report(ReportDialog(sessionID: a.session.id))
    case .char("d"):
        a.dashboard = DashboardState()
    case .char("t"):
        let shown = layout.tree != nil
        a.showTree = !shown
        a.focus = shown ? .question : .tree
    case .char("i"):
        a.showGuidance.toggle()
        if !a.readOnly { effects.append(.persist(sessionID: a.session.id, [.position(a.savedPosition)])) }
    case .char("m"): a.toggleMeasurePanel()
    case .char("#"): state.message = Message(.info, a.idsMessage)
    case .char("P"): a.actionsScreen = ActionsState()
    case .char("E"): state.overlay = .events(EventsDialog())
    case .char("O"): state.overlay = .details(DetailsDialog(organisation: a.session.organisation, model: a.session.model, creating: false))
    case .char("w"):
        if let p = a.explainPanel() { state.overlay = .info(p) }
    case .char("L"):
        let items = a.leftItems
        if items.isEmpty { state.message = Message(.info, "every applicable question is answered") } else { state.overlay = .left(LeftList(items: items)) }
    case .char("r"):
        return reviewKey(&a, state: &state)
    case .tab, .backTab:
        if layout.tree != nil { a.focus = a.focus == .tree ? .question : .tree }
        else { a.showTree = true; a.focus = .tree }
    case .char("n"):
        if let n = a.neighbour(1) { a.go(to: n) } else { state.message = Message(.info, "this is the last question") }
    case .char("p"):
        if let n = a.neighbour(-1) { a.go(to: n) } else { state.message = Message(.info, "this is the first question") }
    case .char("N"):
        if let n = a.neighbour(1, unansweredOnly: true) { a.go(to: n) } else { state.message = Message(.info, "every applicable question is answered") }
    default:
        if a.focus == .tree && layout.tree != nil {
            treeKey(&a, key, state: &state, layout: layout)
        } else {
            effects += questionKey(&a, key, state: &state, layout: layout)
        }
    }
    effects += afterMove(&a, from: before, state: &state)
    if state.message == nil, let done = a.completed(since: evaluated) { state.message = Message(.info, done) }
    return effects
}

func treeKey(_ a: inout AssessmentState, _ key: Key, state: inout AppState, layout: AssessmentLayout) {
    let rows = a.treeRows
    guard !rows.isEmpty else { return }
    let i = rows.firstIndex { $0.nodeID == a.treeCursor } ?? 0
    let page = max(1, (layout.tree?.height ?? 10) - 1)
    func set(_ k: Int) { a.treeCursor = rows[max(0, min(rows.count - 1, k))].nodeID }
    switch key {
    case .up, .char("k"): set(i - 1)
    case .down, .char("j"): set(i + 1)
    case .pageUp: set(i - page)
    case .pageDown: set(i + page)
    case .home: set(0)
    case .end: set(rows.count - 1)
    case .left, .char("h"):
        if rows[i].hasChildren && rows[i].expanded { a.collapsed.insert(rows[i].nodeID) }
        else if let p = a.parent[rows[i].nodeID] { a.treeCursor = p }
    case .right, .char("l"):
        if rows[i].hasChildren && !rows[i].expanded { a.collapsed.remove(rows[i].nodeID) }
        else { openNode(&a, rows[i].nodeID, state: &state) }
    case .char(" "):
        if rows[i].hasChildren {
            if rows[i].expanded { a.collapsed.insert(rows[i].nodeID) } else { a.collapsed.remove(rows[i].nodeID) }
        }
    case .enter:
        openNode(&a, rows[i].nodeID, state: &state)
    default: break
    }
}

func openNode(_ a: inout AssessmentState, _ id: String, state: inout AppState) {
    let cursor = a.treeCursor
    if let q = a.landing(in: id) {
        a.go(to: q)
        a.treeCursor = cursor
        a.focus = .question
        if let r = a.evaluation.nodes[id], !r.applicable, let why = r.hiddenReason {
            state.message = Message(.info, (r.status == .scopePending ? "waiting for scope: " : "not applicable: ") + why)
        }
    }
}
