import AssessmentCore
import Walk
import FoundationEssentials

/// One rule for every editor: Esc cancels (asking first when something was typed), Enter saves a one-line
/// field, Ctrl-S or F2 saves multi-line text. Clearing an answer says so, and `u` undoes the last change
/// of this sitting.
func editorKey(_ state: inout AppState, _ a: inout AssessmentState, _ key: Key, layout: AssessmentLayout) -> [Effect] {
    guard var ed = a.editing else { return [] }
    if ed.askDiscard {
        ed.askDiscard = false
        guard KeyMaps.action(for: key, in: [KeyMaps.confirmDiscard]) == .confirm else {
            a.editing = ed
            state.message = Message(.info, "still editing: " + editorHint(ed))
            return []
        }
        // A multi-line editor may have saved a draft of what was typed; put the original back.
        ed.editor.setText(ed.original)
        a.editing = ed
        let fx = commitEditing(&a, state: state, closing: true)
        a.editing = nil
        state.message = Message(.info, "changes discarded")
        return fx.filter { $0 != .bell }
    }
    let question = a.question
    let before = a.currentAnswer
    var effects: [Effect]
    let action = KeyMaps.action(for: key, in: KeyMaps.editorScreen(ed))
    switch action {
    case .help?:
        state.overlay = .help(scroll: 0)
        return []
    case .cancel?:
        if ed.editor.text == ed.original {
            a.editing = nil
            state.message = nil
            return []
        }
        ed.askDiscard = true
        a.editing = ed
        state.message = Message(.error, "discard changes? y discards · any other key goes on editing")
        return []
    case .save?:
        effects = commitEditing(&a, state: state, closing: true)
    default:
        effects = editingKey(&a, key, action, state: state, layout: layout)
    }
    if a.editing == nil, a.question == question, hadValue(before), !hadValue(a.currentAnswer) {
        state.message = Message(.info, "answer cleared — u undoes")
    } else if a.editing == nil, effects.contains(where: { if case .persist = $0 { return true }; return false }), state.message == nil {
        state.message = Message(.info, (ed.target == .value ? "answer" : "\(ed.target)") + " saved")
    }
    return effects
}

func hadValue(_ a: Answer?) -> Bool { a?.value != nil || a?.notApplicable == true }

/// The keys an open editor takes, for the footer and for "still editing".
func editorHint(_ ed: Editing) -> String {
    ed.editor.multiline ? "Ctrl-S or F2 saves · Esc cancels · Enter starts a new line" : "Enter saves · Esc cancels"
}

/// A change this sitting made to an answer, to undo with `u`.
public struct UndoStep: Sendable, Equatable {
    public var question: String
    public var before: Answer?
}

/// `u`: puts back the answer as it was before the last change made in this sitting (going to its question).
func undoLast(_ a: inout AssessmentState, state: inout AppState) -> [Effect] {
    guard let step = a.undo.popLast() else {
        state.message = Message(.info, "nothing to undo in this sitting")
        return []
    }
    if a.question != step.question { a.go(to: step.question) }
    let count = a.undo.count
    let fx = setAnswer(&a, step.before, state: state)
    if a.undo.count > count { a.undo.removeLast(a.undo.count - count) }
    let name = a.index.questions[step.question]?.number ?? step.question
    state.message = Message(.info, "undone: the answer to \(name) is back as it was")
    return fx
}

/// Whether a key works while the tree pane has the focus (`KeyMaps.treeFocusActions`; Ctrl keys always).
func treeFocusAccepts(_ key: Key, _ action: KeyAction?) -> Bool {
    if case .ctrl = key { return true }
    return action.map(KeyMaps.treeFocusActions.contains) ?? false
}

let treeFocusMessage = "focus is on the tree: ↑↓ move · Enter opens · Tab goes back to the question"

/// `t` on "open elsewhere": a lock left by a process that has ended is taken at once; a live holder (a frozen
/// SSH session) is named and the take-over confirmed first. Nil: the key is not about taking over.
func lockedOverlayKey(_ state: inout AppState, id: String, holder: String, stale: Bool, _ action: KeyAction?) -> [Effect]? {
    if state.askTakeOver == id {
        state.askTakeOver = nil
        if action == .confirm {
            state.overlay = nil
            return [.takeOver(sessionID: id)]
        }
        state.message = Message(.info, "not taken over")
        return []
    }
    guard action == .takeOver else { return nil }
    guard let take = lockedChoices(state, stale: stale).first(where: { if case .takeOver = $0 { true } else { false } }) else { return nil }
    if take == .takeOver(confirm: false) {
        state.overlay = nil
        return [.takeOver(sessionID: id)]
    }
    state.askTakeOver = id
    state.message = Message(.error, "take over? It is \(holder); that terminal can no longer save · y takes over")
    return []
}

/// What the "open elsewhere" dialog offers: the walk core's open decision (this screen can ask for a confirmation).
public func lockedChoices(_ state: AppState, stale: Bool) -> [OpenDecision.OpenChoice] {
    OpenDecision.choices(stale: stale, canGoBack: state.hasHome)
}

/// Offers a draft kept when the last sitting ended before it was confirmed (a hang-up while typing), on its
/// question. Drafts of a field this screen cannot edit back (a conflict kept while leaving) are only named.
public func offerDraft(_ state: inout AppState, _ d: SessionDraft) {
    guard let a = state.assessment, !a.readOnly, a.index.questions[d.question] != nil,
          editTarget(d.field) != nil else { return }
    state.withAssessment { a, _ in a.go(to: d.question) }
    state.offeredDraft = d
    state.message = Message(.info, draftOfferText(d))
}

func draftOfferText(_ d: SessionDraft) -> String {
    var t = d.text.replacingAll("\n", with: " ")
    if t.count > 40 { t = String(t.prefix(40)) + "…" }
    return "you were typing '\(t)' here when the connection dropped"
}

func editTarget(_ field: String) -> EditTarget? {
    switch field {
    case "value": return .value
    case "note": return .note
    case "evidence": return .evidence
    case "justification": return .justification
    case "discussion": return .discussion
    default: return nil
    }
}

/// Enter keeps the offered draft (saved as if confirmed now; a value that does not fit stays in the editor with
/// the reason), Esc discards it; other keys only repeat the offer.
func draftOfferKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    guard let d = state.offeredDraft, let shown = state.assessment, let target = editTarget(d.field) else {
        state.offeredDraft = nil
        return []
    }
    switch KeyMaps.action(for: key, in: [KeyMaps.draftOffer]) {
    case .help?:
        state.overlay = .help(scroll: 0)
        return []
    case .activate?:
        state.offeredDraft = nil
        let fx = state.withAssessment { a, state -> [Effect] in
            if a.question != d.question { a.go(to: d.question) }
            var fx = startEditing(&a, target, state: &state, initial: d.text)
            fx += commitEditing(&a, state: state, closing: true)
            state.message = a.editing == nil ? Message(.info, "kept the draft: saved") : Message(.error, "the draft does not fit yet: correct it, Enter saves")
            return fx
        } ?? []
        return fx.filter { $0 != .bell } + [.dropDraft(sessionID: shown.session.id)]
    case .cancel?:
        state.offeredDraft = nil
        state.message = Message(.info, "draft discarded")
        return [.dropDraft(sessionID: shown.session.id)]
    case .quit?:
        state.offeredDraft = nil
        return quit(&state)   // the draft stays for next time
    default:
        state.message = Message(.info, draftOfferText(d))
        return []
    }
}

/// Another terminal took the session over while this one was frozen: read-only from now on, and said so.
public func takenOver(_ state: inout AppState, by who: String, since: Date?) {
    let at = since.map { Format.shortTime($0, now: state.now, timeZone: state.config.timeZone) } ?? "a moment ago"
    var lost = false
    state.withAssessment { a, _ in
        lost = a.editing.map { $0.editor.text != $0.original } ?? false
        a.editing = nil
        a.readOnly = true
        a.readOnlyWhy = "taken over by \(who) at \(at)"
        a.facilitating = false
        a.runningTimer = nil
    }
    if case .conflict = state.overlay { state.overlay = nil }
    state.offeredDraft = nil
    state.message = Message(.error, "taken over by \(who) at \(at) — read-only now" + (lost ? " (what you were typing was not saved)" : ""))
}

/// What a watcher is told when the facilitator leaves or someone else takes over facilitating.
func facilitatorChange(from old: Session.Facilitator?, to new: Session.Facilitator?, now: Date, timeZone: TimeZone?) -> String? {
    guard let old else { return nil }
    let at = Format.shortTime(now, now: now, timeZone: timeZone)
    guard let new else { return "the facilitator (\(old.by)) left at \(at) — still following the file" }
    if new.by != old.by || new.since != old.since { return "\(new.by) took over facilitating at \(at) — following them" }
    return nil
}
