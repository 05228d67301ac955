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
        var covered = Set<String>()
        func open(_ ev: Evaluation, _ n: Node) -> Bool {
            n.questionsBelow.contains { ev.questions[$0.id]?.applicable ?? false }
        }
        func visit(_ n: Node) {
            if n.condition != nil || n.conditionSource != nil {
                let was = open(old, n), now = open(new, n)
                if was != now {
                    let reason = now ? n.conditionReason : (new.nodes[n.id]?.hiddenReason ?? n.conditionReason)
                    parts.append(Part(node: n.id, nowApplies: now, reason: reason))
                    n.questionsBelow.forEach { covered.insert($0.id) }
                    return
                }
            }
            n.children.forEach(visit)
        }
        q.nodes.forEach(visit)
        for id in q.index.questionOrder {
            let a = old.questions[id]?.applicable ?? false, b = new.questions[id]?.applicable ?? false
            guard a != b else { continue }
            if b { shown += 1 } else { hidden += 1 }
            if !covered.contains(id) { if b { otherShown += 1 } else { otherHidden += 1 } }
        }
    }
}
