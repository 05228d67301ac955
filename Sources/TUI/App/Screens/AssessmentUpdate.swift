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
    let action = KeyMaps.action(for: key, in: KeyMaps.assessmentScreen)
    if a.focus == .tree, layout.tree != nil, !treeFocusAccepts(key, action) {
        state.message = Message(.error, treeFocusMessage)
        return []
    }
    if action != .review { a.reviewPending = nil }
    let before = a.question
    if let fx = facilitationKey(&a, action, state: &state) { return fx }
    switch action {
    case .quit?:
        thenQuit = true
        return []
    case .back?:
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
    case .help?: state.overlay = .help(scroll: 0)
    case .search?:
        state.overlay = .search(SearchState())
        return []
    case .goTo?:
        state.overlay = .goto(TextEditor(), error: nil)
    case .report?:
        state.overlay = .report(ReportDialog(sessionID: a.session.id))
    case .dashboard?:
        a.dashboard = DashboardState()
    case .toggleTree?:
        let shown = layout.tree != nil
        a.showTree = !shown
        a.focus = shown ? .question : .tree
    case .guidance?:
        a.showGuidance.toggle()
        if !a.readOnly { effects.append(.persist(sessionID: a.session.id, [.position(a.savedPosition)])) }
    case .measurePanel?: a.toggleMeasurePanel()
    case .showIDs?: state.message = Message(.info, a.idsMessage)
    case .actionPlan?: a.actionsScreen = ActionsState()
    case .events?: state.overlay = .events(EventsDialog())
    case .details?: state.overlay = .details(DetailsDialog(organisation: a.session.organisation, model: a.session.model, creating: false))
    case .explain?:
        if let p = a.explainPanel() { state.overlay = .info(p) }
    case .whatsLeft?:
        let items = a.leftItems
        if items.isEmpty { state.message = Message(.info, "every applicable question is answered") } else { state.overlay = .left(LeftList(items: items)) }
    case .review?:
        return reviewKey(&a, state: &state)
    case .switchPane?:
        if layout.tree != nil { a.focus = a.focus == .tree ? .question : .tree }
        else { a.showTree = true; a.focus = .tree }
    case .next?:
        if !a.moveAlong(forward: true) { state.message = Message(.info, "this is the last question") }
    case .previous?:
        if !a.moveAlong(forward: false) { state.message = Message(.info, "this is the first question") }
    case .nextUnanswered?:
        if a.move(.nextUnanswered).contains(.allAnswered) { state.message = Message(.info, "every applicable question is answered") }
    default:
        if a.focus == .tree && layout.tree != nil {
            treeKey(&a, action, state: &state, layout: layout)
        } else {
            effects += questionKey(&a, key, action, state: &state, layout: layout)
        }
    }
    effects += afterMove(&a, from: before, state: &state)
    if state.message == nil, let done = a.completed(since: evaluated) { state.message = Message(.info, done) }
    return effects
}

func treeKey(_ a: inout AssessmentState, _ action: KeyAction?, state: inout AppState, layout: AssessmentLayout) {
    let rows = a.treeRows
    guard !rows.isEmpty else { return }
    let i = rows.firstIndex { $0.nodeID == a.treeCursor } ?? 0
    let page = max(1, (layout.tree?.height ?? 10) - 1)
    func set(_ k: Int) { a.treeCursor = rows[max(0, min(rows.count - 1, k))].nodeID }
    switch action {
    case .up?: set(i - 1)
    case .down?: set(i + 1)
    case .pageUp?: set(i - page)
    case .pageDown?: set(i + page)
    case .first?: set(0)
    case .last?: set(rows.count - 1)
    case .left?:
        if rows[i].hasChildren && rows[i].expanded { a.collapsed.insert(rows[i].nodeID) }
        else if let p = a.parent[rows[i].nodeID] { a.treeCursor = p }
    case .right?:
        if rows[i].hasChildren && !rows[i].expanded { a.collapsed.remove(rows[i].nodeID) }
        else { openNode(&a, rows[i].nodeID, state: &state) }
    case .toggle?:
        if rows[i].hasChildren {
            if rows[i].expanded { a.collapsed.insert(rows[i].nodeID) } else { a.collapsed.remove(rows[i].nodeID) }
        }
    case .activate?:
        openNode(&a, rows[i].nodeID, state: &state)
    default: break
    }
}

func openNode(_ a: inout AssessmentState, _ id: String, state: inout AppState) {
    let cursor = a.treeCursor
    if let q = a.landing(in: id) {
        a.move(.move(to: q))
        a.treeCursor = cursor
        a.focus = .question
        if let r = a.evaluation.nodes[id], !r.applicable, let why = r.hiddenReason {
            state.message = Message(.info, (r.status == .scopePending ? "waiting for scope: " : "not applicable: ") + why)
        }
    }
}
