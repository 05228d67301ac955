import AssessmentCore
import FoundationEssentials

// The home screen: the list of assessments.

func homeKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    guard case var .home(h) = state.screen else { return [] }
    defer { if case .home = state.screen { state.screen = .home(h) } }
    let n = state.sessions.count
    let page = max(1, (state.size.height - 6) / 2)
    switch key {
    case .char("q"): return quit(&state)
    case .char("?"), .function(1): state.overlay = .help(scroll: 0)
    case .up, .char("k"): h.cursor = max(0, h.cursor - 1)
    case .down, .char("j"): h.cursor = min(max(0, n - 1), h.cursor + 1)
    case .pageUp: h.cursor = max(0, h.cursor - page)
    case .pageDown: h.cursor = min(max(0, n - 1), h.cursor + page)
    case .home: h.cursor = 0
    case .end: h.cursor = max(0, n - 1)
    case .enter, .char("l"), .right, .char("o"):
        guard h.cursor < n else { return newAssessment(&state) }
        let s = state.sessions[h.cursor]
        if let p = s.problem { state.message = Message(.error, "cannot open '\(s.title)': \(p)"); return [.bell] }
        return [.open(sessionID: s.id)]
    case .char("n"), .char("a"): return newAssessment(&state)
    case .char("r"):
        guard h.cursor < n else { return [] }
        let s = state.sessions[h.cursor]
        state.overlay = .rename(sessionID: s.id, TextEditor(s.title))
    case .char("D"), .char("x"), .delete:
        guard h.cursor < n else { return [] }
        let s = state.sessions[h.cursor]
        state.overlay = .confirmDelete(sessionID: s.id, title: s.title)
    case .char("R"):
        guard h.cursor < n else { return [] }
        state.overlay = .report(ReportDialog(sessionID: state.sessions[h.cursor].id))
    case .char("g"), .char("/"), .char("d"), .char("N"), .char("p"):
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
