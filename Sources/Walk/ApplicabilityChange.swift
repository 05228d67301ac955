import AssessmentCore

/// What an answer made apply or stop applying: the outermost conditional parts that changed, and
/// the count of questions. The one place both front ends take "now applies" from.
public struct ApplicabilityChange: Sendable, Equatable {
    public struct Part: Sendable, Equatable {
        public var node: String
        public var nowApplies: Bool
        /// Why: the node's stated condition when it starts applying; why it is hidden when it stops.
        public var reason: String?
        public init(node: String, nowApplies: Bool, reason: String?) { self.node = node; self.nowApplies = nowApplies; self.reason = reason }
    }
    public var parts: [Part] = []
    /// Questions that started / stopped applying, all of them.
    public var shown = 0
    public var hidden = 0
    /// Of those, the ones outside the parts named.
    public var otherShown = 0
    public var otherHidden = 0

    public var isEmpty: Bool { shown == 0 && hidden == 0 && parts.isEmpty }

    public init(from old: Evaluation, to new: Evaluation, in q: Questionnaire) {
        // One pass over the questions first: most answers change nothing, and then nothing else is walked.
        var changed: [String: Bool] = [:]
        for id in q.index.questionOrder {
            let a = old.questions[id]?.applicable ?? false, b = new.questions[id]?.applicable ?? false
            guard a != b else { continue }
            changed[id] = b
            if b { shown += 1 } else { hidden += 1 }
        }
        guard !changed.isEmpty else { return }
        var covered = 0, coveredShown = 0
        // Walked in place: `questionsBelow` would copy every question of the part.
        func any(_ n: Node, _ p: (String) -> Bool) -> Bool {
            n.questions.contains { p($0.id) } || n.children.contains { any($0, p) }
        }
        func each(_ n: Node, _ f: (String) -> Void) {
            for x in n.questions { f(x.id) }
            for c in n.children { each(c, f) }
        }
        func visit(_ n: Node) {
            if n.condition != nil || n.conditionSource != nil, any(n, { changed[$0] != nil }) {
                let was = any(n) { old.questions[$0]?.applicable ?? false }, now = any(n) { new.questions[$0]?.applicable ?? false }
                if was != now {
                    let reason = now ? n.conditionReason : (new.nodes[n.id]?.hiddenReason ?? n.conditionReason)
                    parts.append(Part(node: n.id, nowApplies: now, reason: reason))
                    each(n) { id in if let b = changed[id] { covered += 1; if b { coveredShown += 1 } } }
                    return
                }
            }
            n.children.forEach(visit)
        }
        q.nodes.forEach(visit)
        otherShown = shown - coveredShown
        otherHidden = hidden - (covered - coveredShown)
    }
}
