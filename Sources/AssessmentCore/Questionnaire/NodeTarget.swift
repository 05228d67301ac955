import FoundationEssentials
/// Where `resume --at`, links and `g` point: a node or question id, or a measure named with its
/// chapter ("Copyright 1.3", "copyright 1.3", "C1.3").
extension Questionnaire {
    public enum Target: Sendable, Equatable { case node(String), question(String) }

    public func target(_ text: String) -> Target? {
        let t = text.trimmingWhitespace()
        if index.questions[t] != nil { return .question(t) }
        if index.nodes[t] != nil { return .node(t) }
        let want = t.lowercased().split(separator: " ").joined(separator: " ")
        var found: String?
        walk { n, _ in
            guard found == nil, n.number?.isEmpty == false, n.kind != .chapter else { return }
            for style in [NameStyle.long, .short] where qualifiedNumber(of: n.id, style)?.lowercased() == want { found = n.id }
        }
        return found.map { .node($0) }
    }

    /// The question to open for a target: the question itself, or a node's first unanswered applicable
    /// question, else its first applicable one, else its first.
    public func landing(_ target: Target, in ev: Evaluation) -> String? {
        switch target {
        case let .question(q): return q
        case let .node(n):
            let qs = node(n)?.questionsBelow.map(\.id) ?? []
            let applicable = qs.filter { ev.questions[$0]?.applicable == true }
            return applicable.first { ev.questions[$0]?.answered != true } ?? applicable.first ?? qs.first
        }
    }
}
