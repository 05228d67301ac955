import FoundationEssentials

/// Typed text → a node or question: the one rule for `resume --at`, `score --explain`, `review`,
/// and go-to in the full screen and plain mode. It accepts ids (any case), printed numbers
/// ("1.3", "1.2.b"), numbers with their chapter ("Copyright 1.3", "copyright 1.3", "C1.3",
/// "cr 1.3", "T 1.1"), and a top-level part by the start of its title ("copyright").
extension Questionnaire {
    public enum Target: Sendable, Hashable { case node(String), question(String) }

    public enum Resolution: Sendable, Equatable {
        case found(Target)
        /// Several matches, in document order.
        case ambiguous([Target])
        case notFound
        case empty
    }

    /// Resolves `text`. `questions: false` for callers that want a node. Ambiguous candidates are
    /// narrowed, when given, to those with an applicable question in `evaluation`, then to those in
    /// the chapter of the question `near` (each step only when it leaves at least one).
    public func resolve(_ text: String, questions: Bool = true, evaluation: Evaluation? = nil, near: String? = nil) -> Resolution {
        let t = text.trimmingWhitespace()
        guard !t.isEmpty else { return .empty }
        if questions, index.questions[t] != nil { return .found(.question(t)) }
        if index.nodes[t] != nil { return .found(.node(t)) }
        var found = candidates(t, questions: questions)
        if found.count > 1, let ev = evaluation {
            let open = found.filter { target in
                switch target {
                case let .question(id): return ev.questions[id]?.applicable == true
                case let .node(id): return node(id)?.questionsBelow.contains { ev.questions[$0.id]?.applicable == true } == true
                }
            }
            if !open.isEmpty { found = open }
        }
        if found.count > 1, let near, let chapter = index.questionPath[near]?.last {
            let here = found.filter { topNode(of: $0) == chapter }
            if here.count == 1 { found = here }
        }
        switch found.count {
        case 0: return .notFound
        case 1: return .found(found[0])
        default: return .ambiguous(found)
        }
    }

    /// The id of the top-level node (chapter, scope) a target is in.
    public func topNode(of target: Target) -> String? {
        switch target {
        case let .node(id): return index.nodePath[id]?.last
        case let .question(id): return index.questionPath[id]?.last
        }
    }

    /// Every match of `t` by the first rule that finds any; nodes of kind measure win over others.
    private func candidates(_ t: String, questions: Bool) -> [Target] {
        let want = t.lowercased().split(separator: " ").joined(separator: " ")
        var ids: [Target] = []
        // Ids in any case.
        walk { n, _ in
            if n.id.lowercased() == want { ids.append(.node(n.id)) }
            if questions { for q in n.questions where q.id.lowercased() == want { ids.append(.question(q.id)) } }
        }
        if !ids.isEmpty { return ids }
        // The names the reports and the screen use: "Copyright 1.3", "C1.3".
        walk { n, _ in
            guard n.number?.isEmpty == false, n.kind != .chapter, chapter(containing: n.id) != nil else { return }
            if [NameStyle.long, .short].contains(where: { qualifiedNumber(of: n.id, $0)?.lowercased() == want }) { ids.append(.node(n.id)) }
        }
        if !ids.isEmpty { return ids }
        // A printed number ("1.3", "Appendix 3"), or its last word after a top-level part named by id,
        // number or the start of its title ("copyright 1.3"), or every number on the way down ("t 1 1.1").
        let words = want.split(separator: " ").map(String.init)
        let number = words.last!
        var within: Set<String> = []
        if words.count > 1 {
            let part = words.dropLast().joined(separator: " ")
            within = Set(nodes.filter { $0.id.lowercased() == part || $0.title.lowercased().hasPrefix(part) || ($0.number ?? "").lowercased() == part }.map(\.id))
        }
        var nodesFound: [String] = []
        walk { n, ancestors in
            let inPart = within.contains(ancestors.first?.id ?? n.id)
            let path = (ancestors + [n]).compactMap { $0.number?.lowercased() }.joined(separator: " ")
            if let num = n.number?.lowercased(), num == want || (inPart && num == number) || (words.count > 1 && path == want) { nodesFound.append(n.id) }
            if questions { for q in n.questions where q.number.map({ $0.lowercased() == want || (inPart && $0.lowercased() == number) }) == true { ids.append(.question(q.id)) } }
        }
        let measures = nodesFound.filter { index.nodes[$0]?.kind == .measure }
        ids = (measures.isEmpty ? nodesFound : measures).map { .node($0) } + ids
        if !ids.isEmpty { return ids }
        // A top-level part by the start of its title: "copyright", "safety".
        return nodes.filter { $0.title.lowercased().hasPrefix(want) }.map { .node($0.id) }
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
