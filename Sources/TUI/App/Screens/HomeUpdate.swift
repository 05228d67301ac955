import AssessmentCore
import FoundationEssentials

// The home screen: the list of assessments.

func homeKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    guard case var .home(h) = state.screen else { return [] }
    defer { if case .home = state.screen { state.screen = .home(h) } }
    let n = state.sessions.count
    let page = max(1, (state.size.height - 6) / 2)
    switch KeyMaps.action(for: key, in: KeyMaps.homeScreen) {
    case .quit?: return quit(&state)
    case .help?: state.overlay = .help(scroll: 0)
    case .up?: h.cursor = max(0, h.cursor - 1)
    case .down?: h.cursor = min(max(0, n - 1), h.cursor + 1)
    case .pageUp?: h.cursor = max(0, h.cursor - page)
    case .pageDown?: h.cursor = min(max(0, n - 1), h.cursor + page)
    case .first?: h.cursor = 0
    case .last?: h.cursor = max(0, n - 1)
    case .activate?:
        guard h.cursor < n else { return newAssessment(&state) }
        let s = state.sessions[h.cursor]
        if let p = s.problem { state.message = Message(.error, "cannot open '\(s.title)': \(p)"); return [.bell] }
        return [.open(sessionID: s.id)]
    case .new?: return newAssessment(&state)
    case .rename?:
        guard h.cursor < n else { return [] }
        let s = state.sessions[h.cursor]
        state.overlay = .rename(sessionID: s.id, TextEditor(s.title))
    case .delete?:
        guard h.cursor < n else { return [] }
        let s = state.sessions[h.cursor]
        state.overlay = .confirmDelete(sessionID: s.id, title: s.title)
    case .report?:
        guard h.cursor < n else { return [] }
        state.overlay = .report(ReportDialog(sessionID: state.sessions[h.cursor].id))
    case nil where KeyMaps.chars("g/dNp").contains(key):
        // Keys of the assessment screen.
        state.message = Message(.info, "open an assessment first (Enter), or start one (n)")
    default: break
    }
    return []
}

func newAssessment(_ state: inout AppState) -> [Effect] {
    guard !state.questionnaires.isEmpty else {
        state.message = Message(.error, "no questionnaires found; set GPAI_ASSESS_QUESTIONNAIRES to a folder of questionnaire files")
        return [.bell]
    }
    if state.questionnaires.count == 1 {
        state.overlay = .newTitle(questionnaireID: state.questionnaires[0].id, TextEditor())
    } else {
        state.overlay = .pickQuestionnaire(cursor: 0)
    }
    return []
}
