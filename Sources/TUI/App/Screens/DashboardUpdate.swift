import AssessmentCore
import FoundationEssentials

/// Rows of the dashboard's gap list (jump targets).
func dashboardGaps(_ a: AssessmentState) -> [Evaluation.Gap] { Array(a.evaluation.gaps.prefix(50)) }

func dashboardKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    guard state.assessment?.dashboard != nil else { return [] }
    let action = KeyMaps.action(for: key, in: KeyMaps.dashboardScreen)
    if action == .quit { return quit(&state) }
    var target: Evaluation.Gap?
    let effects = state.withAssessment { a, state -> [Effect] in
        guard var d = a.dashboard else { return [] }
        let gaps = dashboardGaps(a)
        switch action {
        case .back?: d.cursor = -1
        case .help?: state.overlay = .help(scroll: 0)
        case .up?: d.cursor = max(0, d.cursor - 1)
        case .down?: d.cursor = min(max(0, gaps.count - 1), d.cursor + 1)
        case .pageUp?: d.cursor = max(0, d.cursor - 5)
        case .pageDown?: d.cursor = min(max(0, gaps.count - 1), d.cursor + 5)
        case .first?: d.cursor = 0
        case .last?: d.cursor = max(0, gaps.count - 1)
        case .activate?:
            guard d.cursor < gaps.count else { return [] }
            target = gaps[d.cursor]
            a.dashboard = nil
            return []
        case .search?:
            a.dashboard = nil; state.overlay = .search(SearchState()); return []
        case .goTo?:
            a.dashboard = nil; state.overlay = .goto(TextEditor(), error: nil); return []
        case .addAction?:
            guard d.cursor < gaps.count else { return [] }
            let fx = addActionForGap(&a, gaps[d.cursor], state: &state)
            a.dashboard = d
            return fx
        case .actionPlan?:
            a.dashboard = nil; a.actionsScreen = ActionsState(); return []
        default: break
        }
        a.dashboard = d.cursor < 0 ? nil : d
        return []
    } ?? []
    guard let g = target else { return effects }
    return g.kind == .question ? jump(&state, question: g.id, node: nil) : jump(&state, question: nil, node: g.id)
}
