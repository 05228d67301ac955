import AssessmentCore
import FoundationEssentials

// A session's life on screen: opened, watched, saved (or not), and left.

func opened(_ state: inout AppState, _ session: Session, _ questionnaire: Questionnaire, readOnly: Bool) {
    var a = AssessmentState(session: session, questionnaire: questionnaire)
    a.readOnly = readOnly
    state.screen = .assessment(a)
    state.overlay = nil
    state.message = readOnly ? Message(.info, "read-only: it is open elsewhere; you can look but not change answers") : nil
    if state.askDetailsOnOpen && !readOnly && session.organisation == nil && session.model == nil {
        state.overlay = .details(DetailsDialog(organisation: nil, model: nil, creating: true))
    }
    state.askDetailsOnOpen = false
}

func watch(_ state: inout AppState, _ session: Session, _ questionnaire: Questionnaire) {
    var a = AssessmentState(session: session, questionnaire: questionnaire)
    a.readOnly = true
    a.watching = true
    a.following = true
    a.showGuidance = true
    if let t = a.followTarget, t != a.question { a.go(to: t) }
    state.screen = .assessment(a)
    state.overlay = nil
    state.message = Message(.info, "watching (read-only, live): f stops/resumes following · q quits")
}

func saved(_ state: inout AppState, _ s: Session) {
    state.withAssessment { a, state in
        guard a.session.id == s.id else { return }
        if a.unsavedError != nil {
            a.unsavedError = nil
            state.message = Message(.info, "saved again")
        }
        var merged = mergeForDisplay(stored: s, local: a.session)
        if a.facilitating { merged.facilitator = a.session.facilitator }
        // The evaluation depends on the answers only: when the store holds the answers already on
        // screen (the usual case: our own change came back), the one computed for the change stands.
        let rescore = !sameAnswersAsStored(merged.answers, a.session.answers)
        a.session = merged
        if rescore { a.evaluation = Evaluation(questionnaire: a.questionnaire, session: merged) }
    }
}

func saveFailed(_ state: inout AppState, _ why: String) -> [Effect] {
    state.message = Message(.error, "not saved: " + why + " (kept; retried in a moment)")
    state.withAssessment { a, _ in a.unsavedError = why }
    return [.bell]
}

/// Whether two sets of answers are the same as a session file keeps them: equal, or differing only
/// below the millisecond in the time of an answer (answered here at full precision, read back from
/// the file rounded to the millisecond).
func sameAnswersAsStored(_ x: [String: Answer], _ y: [String: Answer]) -> Bool {
    guard x.count == y.count else { return false }
    for (id, a) in x {
        guard var b = y[id] else { return false }
        if a == b { continue }
        guard (a.at.timeIntervalSince1970 * 1000).rounded() == (b.at.timeIntervalSince1970 * 1000).rounded() else { return false }
        b.at = a.at
        if a != b { return false }
    }
    return true
}

/// The stored session wins, but the question the user is on stays where it is on screen.
func mergeForDisplay(stored: Session, local: Session) -> Session {
    var s = stored
    s.position = local.position
    return s
}

/// A pause in typing: a note, evidence list or text answer being written is saved as it stands

func quit(_ state: inout AppState) -> [Effect] {
    var effects: [Effect] = []
    if state.assessment?.readOnly == false {
        effects = state.withAssessment(leave) ?? []
    }
    state.quitting = true
    return effects + [.quit]
}

/// Leaving the open assessment: an unconfirmed one-line value is kept as a draft, a multi-line text
/// is saved, the position is stored, and facilitator mode ends.
private func leave(_ a: inout AssessmentState, _ state: inout AppState) -> [Effect] {
    var effects: [Effect] = []
    if let ed = a.editing, !ed.editor.multiline {
        // A one-line value is confirmed only with Enter: unconfirmed text is kept as a draft, never the answer.
        a.editing = nil
        if !ed.editor.text.isEmpty {
            effects.append(.keepDraft(sessionID: a.session.id, SessionDraft(question: a.question, field: "\(ed.target)",
                                                                               text: ed.editor.text, by: state.config.user, at: state.now)))
        }
    }
    effects += commitEditing(&a, state: state, closing: true)
    var changes: [SessionChange] = [.position(a.savedPosition)]
    if a.facilitating {
        // Leaving: viewers go back to following the last saved position.
        a.pauseTimer(now: state.now)
        a.facilitating = false
        a.session.facilitator = nil
        changes.append(.facilitator(nil))
    }
    effects.append(.persist(sessionID: a.session.id, changes))
    return effects
}
