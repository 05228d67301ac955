import AssessmentCore
import Walk
import FoundationEssentials

// The search (/) and go-to (g) overlays, and moving to what they found.

func searchKey(_ state: inout AppState, _ search: SearchState, _ key: Key) -> [Effect] {
    var s = search
    let last = max(0, s.results.count - 1)
    switch KeyMaps.action(for: key, in: KeyMaps.overlayScreen(.search(s), askTakeOver: false)) {
    case .cancel?: state.overlay = nil
    case .up?: s.cursor = max(0, s.cursor - 1); state.overlay = .search(s)
    case .down?: s.cursor = min(last, s.cursor + 1); state.overlay = .search(s)
    case .pageUp?: s.cursor = max(0, s.cursor - 10); state.overlay = .search(s)
    case .pageDown?: s.cursor = min(last, s.cursor + 10); state.overlay = .search(s)
    case .activate?:
        guard s.cursor < s.results.count else { state.message = Message(.info, "nothing matches"); return [.bell] }
        let r = s.results[s.cursor]
        state.overlay = nil
        return jump(&state, question: r.questionID, node: r.nodeID)
    default:
        if editLine(&s.query, key, widths: state.config.widths) { s.cursor = 0; state.overlay = .search(s); refreshSearch(&state) }
    }
    return []
}

func gotoKey(_ state: inout AppState, _ editor: TextEditor, _ key: Key) -> [Effect] {
    var e = editor
    switch KeyMaps.action(for: key, in: KeyMaps.overlayScreen(.goto(e, error: nil), askTakeOver: false)) {
    case .cancel?: state.overlay = nil
    case .save?:
        let text = e.text.trimmingWhitespace()
        guard let a = state.assessment else { state.overlay = nil; return [] }
        let matches = gotoMatches(a, text)
        if matches.count == 1 {
            state.overlay = nil
            return jump(&state, question: matches[0].questionID, node: matches[0].nodeID)
        } else if matches.isEmpty {
            state.overlay = .goto(e, error: text.isEmpty ? "type a number such as 1.2" : "no measure or question numbered '\(text)'")
            return [.bell]
        } else {
            var s = SearchState(query: TextEditor(text), cursor: 0, results: matches)
            s.cursor = 0
            state.overlay = .search(s)
        }
    default:
        if editLine(&e, key, widths: state.config.widths) { state.overlay = .goto(e, error: nil) }
    }
    return []
}

func gotoMatches(_ a: AssessmentState, _ text: String) -> [SearchResult] {
    // One resolution with plain mode's `g` and the CLI (`Questionnaire.resolve`, through the walk's `GoTo`).
    switch GoTo.resolve(text, in: a.walk) {
    case .empty, .notFound: return []
    case let .node(id):
        guard let n = a.index.nodes[id] else { return [] }
        return [SearchResult(questionID: nil, nodeID: id, label: a.questionnaire.qualifiedName(of: id) ?? n.displayName, detail: n.kind.rawValue)]
    case let .question(q):
        guard let n = a.index.questionPath[q]?.first, let question = a.index.questions[q] else { return [] }
        return [SearchResult(questionID: q, nodeID: n, label: (question.number ?? q) + " " + question.text, detail: a.index.nodes[n]?.displayName ?? n)]
    case let .ambiguous(candidates):
        // Several to choose from: the resolver's candidates.
        return candidates.compactMap { c in
            switch c {
            case let .node(id):
                guard let n = a.index.nodes[id] else { return nil }
                let above = (a.index.nodePath[id] ?? []).dropFirst().reversed().compactMap { a.index.nodes[$0]?.displayName }
                return SearchResult(questionID: nil, nodeID: id, label: n.displayName, detail: above.joined(separator: " › "))
            case let .question(q):
                guard let n = a.index.questionPath[q]?.first, let question = a.index.questions[q] else { return nil }
                return SearchResult(questionID: q, nodeID: n, label: (question.number ?? q) + " " + question.text, detail: a.index.nodes[n]?.displayName ?? n)
            }
        }
    }
}

func refreshSearch(_ state: inout AppState) {
    guard case var .search(s) = state.overlay, case let .assessment(a) = state.screen else { return }
    s.results = searchResults(a, s.query.text)
    s.cursor = min(s.cursor, max(0, s.results.count - 1))
    state.overlay = .search(s)
}

/// Case-insensitive search over question text, numbers and ids, and node titles and numbers.
public func searchResults(_ a: AssessmentState, _ query: String) -> [SearchResult] {
    let words = query.lowercased().split(separator: " ").map(String.init)
    guard !words.isEmpty else { return [] }
    var out: [SearchResult] = []
    a.questionnaire.walk { n, anc in
        let nodeHay = ((n.number ?? "") + " " + n.title + " " + n.id + " " + n.requirements.joined(separator: " ")).lowercased()
        if words.allSatisfy({ nodeHay.contains($0) }) {
            let label = n.number == nil ? n.displayName : a.questionnaire.qualifiedName(of: n.id) ?? n.displayName
            // Found in what the measure asks rather than its name: show that line.
            let inName = words.allSatisfy { ((n.number ?? "") + " " + n.title + " " + n.id).lowercased().contains($0) }
            let req = inName ? nil : n.requirements.first { r in words.contains { r.lowercased().contains($0) } }
            out.append(SearchResult(questionID: nil, nodeID: n.id, label: label,
                                    detail: req ?? (anc.map(\.displayName) + [n.kind.rawValue]).joined(separator: " › "), words: words))
        }
        for q in n.questions {
            let hay = ((q.number ?? "") + " " + q.id + " " + q.text).lowercased()
            if words.allSatisfy({ hay.contains($0) }) {
                let measure = a.measureID(of: q.id) ?? n.id
                out.append(SearchResult(questionID: q.id, nodeID: n.id, label: q.text, detail: a.questionnaire.qualifiedName(of: measure) ?? n.displayName, words: words))
            }
        }
    }
    return Array(out.prefix(500))
}

/// Moves to a question, or to the landing question of a node.
func jump(_ state: inout AppState, question: String?, node: String?) -> [Effect] {
    state.withAssessment { a, state in
        let target = question ?? node.flatMap { a.landing(in: $0) }
        let before = a.question
        if let t = target {
            a.move(.move(to: t))
            a.dashboard = nil
            a.focus = .question
            if !a.isApplicable(t), let why = a.evaluation.questions[t]?.hiddenReason {
                state.message = Message(.info, "not applicable: " + why)
            }
        } else if let n = node {
            a.treeCursor = n
        }
        return afterMove(&a, from: before, state: &state)
    } ?? []
}
