import AssessmentCore

/// The footer line for what is on screen, made from the screen's key maps: for each action that
/// works in this mode, the entry of the binding marked for the footer (the view fits them to the
/// width).
public func footer(for state: AppState) -> [FooterEntry] {
    switch state.screen {
    case .home:
        if !state.hasHome { return pick([.quit], in: KeyMaps.homeScreen) }
        return pick([.activate, .new, .rename, .delete, .report, .help, .quit], in: KeyMaps.homeScreen)
    case let .assessment(a):
        if state.offeredDraft != nil { return draftOfferFooter() }
        if let ed = a.editing { return editorFooter(ed) }
        if a.dashboard != nil {
            return pick([.up, .activate, .addAction, .actionPlan, .back, .help, .quit], in: KeyMaps.dashboardScreen)
        }
        if let st = a.actionsScreen {
            if let ed = st.editing {
                return ed.asking ? pick([.confirm, .deny], in: [KeyMaps.confirmDiscard]) : pick([.save, .cancel], in: [KeyMaps.actionField])
            }
            return pick([.up, .toggle, .owner, .dueDate, .filter, .activate, .back, .help, .quit], in: KeyMaps.actionsScreen)
        }
        let maps = KeyMaps.assessmentScreen
        let end = pick([.help, .quit], in: maps)
        if a.watching {
            var keys = pick([.follow], in: maps).map { FooterEntry($0.key, a.following ? "stop following" : "follow", action: $0.action) }
            keys += pick([.next, .dashboard, .search, .guidance, .switchPane], in: maps)
            return keys + end
        }
        if a.readOnly { return pick([.next, .dashboard, .search, .goTo, .guidance, .switchPane], in: maps) + end }
        if a.focus == .tree && AssessmentLayout(size: state.size, showTree: a.showTree).tree != nil {
            let keys = pick([.up, .activate, .left], in: maps)
                + pick([.switchPane], in: maps).map { FooterEntry($0.key, "pane", action: $0.action) }
                + pick([.next, .nextUnanswered, .search, .dashboard], in: maps)
            return keys + end
        }
        var keys = answerFooter(a) + pick([.next, .nextUnanswered, .note], in: maps)
        if a.facilitating {
            let timing = a.runningTimer != nil && a.runningTimer?.measure == a.currentMeasure
            keys += pick([.discussion], in: maps)
                + pick([.timer], in: maps).map { FooterEntry($0.key, timing ? "stop timer" : "timer", action: $0.action) }
                + pick([.facilitate], in: maps)
        }
        return keys + pick([.dashboard, .search, .goTo, .switchPane], in: maps) + end
    }
}

/// The footer entries of `actions`, each from the first of `maps` that marks a binding of it for the footer.
func pick(_ actions: [KeyAction], in maps: [KeyMap]) -> [FooterEntry] {
    actions.compactMap { act in maps.lazy.compactMap { $0.footerEntry(for: act) }.first }
}

/// Footer keys of an open editor.
func editorFooter(_ ed: Editing) -> [FooterEntry] {
    let maps = KeyMaps.editorScreen(ed)
    if ed.askDiscard { return pick([.confirm, .deny], in: maps) }
    return ed.editor.multiline ? pick([.save, .cancel, .newLine, .up], in: maps) : pick([.save, .cancel], in: maps)
}

/// Footer keys while a kept draft is offered.
func draftOfferFooter() -> [FooterEntry] { pick([.activate, .cancel, .quit], in: [KeyMaps.draftOffer]) }

/// How the question on screen is answered (its type decides), from the answering keys.
func answerFooter(_ a: AssessmentState) -> [FooterEntry] {
    guard let q = a.currentQuestion else { return [] }
    let m = KeyMaps.answering
    var k: [FooterEntry]
    switch q.type {
    case .graded, .choice, .scale:
        k = [m.footerEntry(for: .digit)].compactMap { $0 }.map { FooterEntry("1-\(min(9, q.options.count))", $0.label, action: $0.action) }
    case .multi: k = [m.footerEntry(for: .toggle)].compactMap { $0 }
    case .text, .number, .date: k = [m.footerEntry(for: .activate)].compactMap { $0 }
    }
    if q.allowNA, let e = m.footerEntry(for: .notApplicable) { k.append(e) }
    if a.session.conflict(onQuestion: q.id) != nil, let e = m.footerEntry(for: .keepFirst) { k.insert(e, at: 0) }
    return k
}

/// The maps the keys of what is on screen are looked up in: the open dialog's, a prompt's, an editor's or the
/// screen's (the footer's entries come from these).
public func keyMaps(for state: AppState) -> [KeyMap] {
    if state.isTooSmall { return [KeyMaps.tooSmall, KeyMaps.always] }
    if let o = state.overlay { return KeyMaps.overlayScreen(o, askTakeOver: state.askTakeOver != nil) }
    if state.offeredDraft != nil { return [KeyMaps.draftOffer, KeyMaps.always] }
    switch state.screen {
    case .home: return KeyMaps.homeScreen
    case let .assessment(a):
        if let ed = a.editing { return KeyMaps.editorScreen(ed) }
        if a.dashboard != nil { return KeyMaps.dashboardScreen }
        if let st = a.actionsScreen {
            guard let ed = st.editing else { return KeyMaps.actionsScreen }
            return ed.asking ? [KeyMaps.confirmDiscard, KeyMaps.always] : [KeyMaps.actionField, KeyMaps.lineEditing, KeyMaps.always]
        }
        return KeyMaps.assessmentScreen
    }
}
