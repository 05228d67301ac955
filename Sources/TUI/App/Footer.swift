import AssessmentCore

/// The footer line for what is on screen, made from the screen's key maps: for each action that
/// works in this mode, the entry of the binding marked for the footer (the view fits them to the
/// width). Only an open editor and a kept draft have prompts of their own.
public func footer(for state: AppState) -> [FooterEntry] {
    func pick(_ actions: [KeyAction], in maps: [KeyMap]) -> [FooterEntry] {
        actions.compactMap { act in maps.lazy.compactMap { $0.footerEntry(for: act) }.first }
    }
    switch state.screen {
    case .home:
        if !state.hasHome { return pick([.quit], in: KeyMaps.homeScreen) }
        return pick([.activate, .new, .rename, .delete, .report, .help, .quit], in: KeyMaps.homeScreen)
    case let .assessment(a):
        if state.offeredDraft != nil { return draftOfferFooter().map { FooterEntry($0.0, $0.1) } }
        if let ed = a.editing { return editorFooter(ed).map { FooterEntry($0.0, $0.1) } }
        if a.dashboard != nil {
            return pick([.up, .activate, .addAction, .actionPlan, .back, .help, .quit], in: KeyMaps.dashboardScreen)
        }
        if let st = a.actionsScreen {
            if st.editing != nil { return [FooterEntry("Enter", "save"), FooterEntry("Esc", "cancel")] }
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

/// The maps a screen's keys are looked up in (the footer's entries come from these).
public func keyMaps(for state: AppState) -> [KeyMap] {
    switch state.screen {
    case .home: return KeyMaps.homeScreen
    case let .assessment(a):
        if a.dashboard != nil { return KeyMaps.dashboardScreen }
        if a.actionsScreen != nil { return KeyMaps.actionsScreen }
        return KeyMaps.assessmentScreen
    }
}
