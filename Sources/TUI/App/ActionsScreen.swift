import AssessmentCore
import FoundationEssentials

/// The action plan on screen: the same data as `gpai-assess action` (owner, due date, status).
public struct ActionsState: Sendable, Equatable {
    public enum Filter: String, Sendable, CaseIterable { case all, open, overdue, mine }
    public enum Field: Sendable, Equatable { case owner, due }
    public var cursor = 0
    public var filter: Filter = .all
    /// A one-line edit of the selected action's owner or due date; `original` is what it started with,
    /// `asking` that Esc asked "discard changes?" (the one editor rule, see EditRules.swift).
    public var editing: (field: Field, editor: TextEditor, error: String?, original: String, asking: Bool)?
    public init(filter: Filter = .all) { self.filter = filter }

    public static func == (a: ActionsState, b: ActionsState) -> Bool {
        a.cursor == b.cursor && a.filter == b.filter && a.editing?.field == b.editing?.field
            && a.editing?.editor == b.editing?.editor && a.editing?.error == b.editing?.error
            && a.editing?.asking == b.editing?.asking
    }
}

extension AssessmentState {
    /// The actions the screen lists under its filter, in the plan's order (active by due date first).
    public func listedActions(_ f: ActionsState.Filter, user: String, today: CalendarDay) -> [Action] {
        ActionPlan.sorted(session.actions).filter { x in
            switch f {
            case .all: return true
            case .open: return ActionPlan.isActive(x)
            case .overdue: return ActionPlan.isOverdue(x, today: today)
            case .mine: return ActionPlan.isActive(x) && x.owner == user
            }
        }
    }
}

/// Applies a change on screen at once and asks the runtime to store it.
func record(_ a: inout AssessmentState, _ change: SessionChange, state: AppState) -> [Effect] {
    change.apply(to: &a.session, by: state.config.user, at: state.now)
    return [.persist(sessionID: a.session.id, [change])]
}

func today(_ state: AppState) -> CalendarDay { state.config.timeZone.map { CalendarDay(state.now, timeZone: $0) } ?? CalendarDay(localDayOf: state.now) }

/// Dashboard `a`: an action for the selected gap (a measure's gap: one per question that falls short),
/// titled with the remediation hint, as `gpai-assess action suggest` would make it.
func addActionForGap(_ a: inout AssessmentState, _ gap: Evaluation.Gap, state: inout AppState) -> [Effect] {
    if a.readOnly {
        state.message = Message(.error, a.readOnlyMessage)
        return [.bell]
    }
    let day = today(state)
    let all = ActionPlan.suggestions(evaluation: a.evaluation, session: a.session, today: day)
    let mine = all.filter { gap.kind == .question ? $0.question == gap.id : $0.measure == gap.id }
    guard !mine.isEmpty else {
        state.message = Message(.info, "already in the action plan (P shows it)")
        return []
    }
    let actions = ActionPlan.actions(from: mine, existing: a.session.actions, owner: nil, defaultDue: nil, by: state.config.user, at: state.now)
    let fx = record(&a, .addActions(actions), state: state)
    let ids = a.session.actions.suffix(actions.count).map(\.id).joined(separator: ", ")
    state.message = Message(.info, "added \(ids): " + (actions.first?.title ?? "") + " · P: the action plan (owner, due date)")
    return fx
}

func actionsKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    guard let plan = state.assessment?.actionsScreen else { return [] }
    if plan.editing == nil && KeyMaps.action(for: key, in: KeyMaps.actionsScreen) == .quit {
        state.message = nil
        return quit(&state)
    }
    var goTo: String?
    let effects = state.withAssessment { a, state in actionPlanKey(&a, key, state: &state, goTo: &goTo) } ?? []
    guard let target = goTo, let a = state.assessment else { return effects }
    return a.index.questions[target] != nil ? jump(&state, question: target, node: nil) : jump(&state, question: nil, node: target)
}

/// The action plan's keys; `goTo` is set to the question or measure Enter goes to.
private func actionPlanKey(_ a: inout AssessmentState, _ key: Key, state: inout AppState, goTo: inout String?) -> [Effect] {
    guard var st = a.actionsScreen else { return [] }
    let day = today(state)
    let list = a.listedActions(st.filter, user: state.config.user, today: day)
    var effects: [Effect] = []
    defer { a.actionsScreen = a.actionsScreen == nil ? nil : st }
    if var ed = st.editing {
        if ed.asking {
            ed.asking = false
            if KeyMaps.action(for: key, in: [KeyMaps.confirmDiscard]) == .confirm {
                st.editing = nil
                state.message = Message(.info, "changes discarded")
            } else {
                st.editing = ed
                state.message = Message(.info, "still editing: Enter saves · Esc cancels")
            }
            return []
        }
        switch KeyMaps.action(for: key, in: [KeyMaps.actionField]) {
        case .help?:
            state.overlay = .help(scroll: 0)
        case .cancel?:
            if ed.editor.text == ed.original { st.editing = nil; state.message = nil; return [] }
            ed.asking = true
            st.editing = ed
            state.message = Message(.error, "discard changes? y discards · any other key goes on editing")
        case .save?:
            guard st.cursor < list.count else { st.editing = nil; return [] }
            var x = list[st.cursor]
            let text = ed.editor.text.trimmingWhitespace()
            switch ed.field {
            case .owner: x.owner = text.isEmpty ? nil : text
            case .due:
                if !text.isEmpty && CalendarDay(text) == nil {
                    ed.error = "'\(text)' is not a date: type YYYY-MM-DD, e.g. \(day.adding(days: 30))"
                    st.editing = ed
                    return [.bell]
                }
                x.due = text.isEmpty ? nil : CalendarDay(text)!.description
            }
            st.editing = nil
            effects = record(&a, .updateAction(x), state: state)
            state.message = Message(.info, "\(x.id) saved")
        default:
            if editLine(&ed.editor, key, widths: state.config.widths) { ed.error = nil; st.editing = ed }
        }
        return effects
    }
    state.message = nil
    let action = KeyMaps.action(for: key, in: KeyMaps.actionsScreen)
    switch action {
    case .back?: a.actionsScreen = nil
    case .help?: state.overlay = .help(scroll: 0)
    case .up?: st.cursor = max(0, st.cursor - 1)
    case .down?: st.cursor = min(max(0, list.count - 1), st.cursor + 1)
    case .first?: st.cursor = 0
    case .last?: st.cursor = max(0, list.count - 1)
    case .filter?:
        let all = ActionsState.Filter.allCases
        st.filter = all[(all.firstIndex(of: st.filter)! + 1) % all.count]
        st.cursor = 0
    case .activate?:
        guard st.cursor < list.count, let target = list[st.cursor].question ?? list[st.cursor].measure else { return [] }
        a.actionsScreen = nil
        goTo = target
        return []
    case .toggle?, .owner?, .dueDate?:
        guard st.cursor < list.count else { return [] }
        if a.readOnly {
            state.message = Message(.error, a.readOnlyMessage)
            return [.bell]
        }
        var x = list[st.cursor]
        switch action {
        case .owner?: st.editing = (.owner, TextEditor(x.owner ?? ""), nil, x.owner ?? "", false)
        case .dueDate?: st.editing = (.due, TextEditor(x.due ?? ""), nil, x.due ?? "", false)
        default:
            x.status = ActionPlan.isActive(x) ? .done : .open
            effects = record(&a, .updateAction(x), state: state)
            state.message = Message(.info, "\(x.id) " + (x.status == .done ? "done" : "reopened"))
        }
    default: break
    }
    return effects
}
