import AssessmentCore
import Walk
import FoundationEssentials

func questionKey(_ a: inout AssessmentState, _ key: Key, _ action: KeyAction?, state: inout AppState, layout: AssessmentLayout) -> [Effect] {
    guard let q = a.currentQuestion else { return [] }
    if a.readOnly, isEditAction(action) {
        state.message = Message(.error, a.readOnlyMessage)
        return [.bell]
    }
    let isList = [.graded, .choice, .scale, .multi].contains(q.type)
    let optionCount = q.options.count
    a.paneScrolledByUser = key == .pageUp || key == .pageDown
    switch action {
    case .up?:
        if isList { a.optionCursor = max(0, a.optionCursor - 1) } else { a.paneScroll = max(0, a.paneScroll - 1) }
    case .down?:
        if isList { a.optionCursor = min(max(0, optionCount - 1), a.optionCursor + 1) } else { a.paneScroll += 1 }
    case .left?:
        if layout.tree != nil { a.focus = .tree } else { a.moveAlong(forward: false) }
    case .right?:
        a.moveAlong(forward: true)
    case .pageUp?: a.paneScroll = max(0, a.paneScroll - max(1, layout.pane.height - 2))
    case .pageDown?: a.paneScroll += max(1, layout.pane.height - 2)
    case .first?: if isList { a.optionCursor = 0 } else { a.paneScroll = 0 }
    case .last?: if isList { a.optionCursor = max(0, optionCount - 1) }
    case .digit?:
        guard case let .char(c) = key, let d = c.wholeNumberValue else { return [] }
        guard isList else {
            if q.type == .number { return startEditing(&a, .value, state: &state, initial: String(c)) }
            return []
        }
        guard d >= 1, d <= min(9, optionCount) else {
            state.message = Message(.error, "no option \(d); this question has \(optionCount)")
            return [.bell]
        }
        a.optionCursor = d - 1
        return choose(&a, state: &state, toggle: q.type == .multi)
    case .activate?, .toggle?:
        if isList { return choose(&a, state: &state, toggle: q.type == .multi) }
        return startEditing(&a, .value, state: &state)
    case .note?: return startEditing(&a, .note, state: &state)
    case .evidence?: return startEditing(&a, .evidence, state: &state)
    case .notApplicable?:
        guard q.allowNA else {
            state.message = Message(.error, "this question cannot be marked not applicable")
            return [.bell]
        }
        return startEditing(&a, .justification, state: &state)
    case .keepFirst?, .keepSecond?:
        // A conflict from syncing: keep one machine's answer (recorded in history like any answer).
        guard !a.readOnly, let c = a.session.conflict(onQuestion: q.id) else { return [] }
        let i = action == .keepFirst ? 0 : 1
        guard c.sides.indices.contains(i) else { return [.bell] }
        var ans = c.sides[i].answer
        ans?.by = state.config.user; ans?.at = state.now
        state.message = Message(.info, "kept \(c.sides[i].by)'s answer; the conflict is resolved")
        return setAnswer(&a, ans, state: state)
    case .clear?:
        guard let old = a.currentAnswer, old.value != nil || old.notApplicable else { return [] }
        state.message = Message(.info, "answer cleared — u undoes")
        return recordAnswer(&a, .clear, state: state).effects
    case .undo?: return undoLast(&a, state: &state)
    default: break
    }
    return []
}

/// Actions that would change an answer.
func isEditAction(_ action: KeyAction?) -> Bool {
    switch action {
    case .digit?, .activate?, .toggle?, .note?, .evidence?, .notApplicable?, .clear?, .undo?: return true
    default: return false
    }
}

/// Picks (or for multi, toggles) the option under the cursor and saves it.
func choose(_ a: inout AssessmentState, state: inout AppState, toggle: Bool) -> [Effect] {
    guard let q = a.currentQuestion, a.optionCursor < q.options.count else { return [] }
    let opt = q.options[a.optionCursor]
    var value: AnswerValue?
    if toggle {
        var chosen: [String] = []
        if case let .choices(c)? = a.currentAnswer?.value { chosen = c }
        if let k = chosen.firstIndex(of: opt.value) { chosen.remove(at: k) } else {
            if opt.exclusive { chosen = [] } else { chosen.removeAll { q.option($0)?.exclusive == true } }
            chosen.append(opt.value)
        }
        // Keep the questionnaire's order.
        chosen = q.options.map(\.value).filter { chosen.contains($0) }
        value = chosen.isEmpty ? nil : .choices(chosen)
    } else {
        value = .text(opt.value)
    }
    // The last choice taken off a multiple choice clears the answer (note and evidence stay).
    let outcome = recordAnswer(&a, value.map { .answer($0, advance: false) } ?? .clear, state: state)
    let effects = outcome.effects
    if let c = outcome.change, c.shown > 0 || c.hidden > 0 {
        var parts: [String] = []
        if c.shown > 0 { parts.append("\(c.shown) question\(c.shown == 1 ? "" : "s") now apply") }
        if c.hidden > 0 { parts.append("\(c.hidden) no longer apply") }
        state.message = Message(.info, "saved; " + parts.joined(separator: ", "))
    }
    return effects
}

/// Puts back a whole answer (undo, one side of a sync conflict): nothing finer than `.replace` fits.
func setAnswer(_ a: inout AssessmentState, _ answer: Answer?, state: AppState) -> [Effect] {
    recordAnswer(&a, .replace(answer), state: state).effects
}

/// What the walk made of a change to the current answer, for the screen.
struct AnswerOutcome {
    var effects: [Effect] = []
    /// What it made apply or stop applying.
    var change: ApplicabilityChange?
    /// The walk's check that refused it (nothing changed).
    var refused: WalkEffect?
}

/// A change to the current answer goes through the walk core (its checks; rescored at once; what it
/// made apply or not computed there); its `.persist` becomes the runtime's, and the step can be undone.
func recordAnswer(_ a: inout AssessmentState, _ action: WalkAction, state: AppState) -> AnswerOutcome {
    let shown = a.currentAnswer, question = a.question
    a.walk.user = state.config.user
    a.walk.now = state.now
    var out = AnswerOutcome()
    for e in reduce(&a.walk, action) {
        switch e {
        case let .persist(changes): out.effects.append(.persist(sessionID: a.session.id, changes))
        case let .announce(c): out.change = c
        default: if e.isRefusal { out.refused = e }
        }
    }
    if !out.effects.isEmpty { a.undo.append(UndoStep(question: question, before: shown)) }
    return out
}
