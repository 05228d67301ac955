/// How one node's score and status were made: every question below it, what it
/// contributed, and why anything was left out. Backs `score --explain`.
public struct Explanation: Sendable {
    public struct Line: Sendable, Equatable {
        public var questionID: String
        public var text: String
        public var answer: String?
        public var score: Double?
        public var weight: Double
        /// Share of the node's score this question carries (weight / Σ weights used).
        public var contribution: Double?
        /// Why it is not counted, if it is not.
        public var excluded: String?
        public var critical: Bool
        public var caps: Bool
        /// Why this answer keeps the node from reading met (see `QuestionResult.shortfall`).
        public var blocksMet: String? = nil
    }

    public var node: Evaluation.NodeResult
    public var title: String
    public var lines: [Line]
    public var thresholds: Questionnaire.Thresholds

    public init?(evaluation ev: Evaluation, nodeID: String, answers: [String: Answer]) {
        let r: Evaluation.NodeResult
        let qs: [Question]
        if nodeID == "overall" {
            r = ev.overall
            title = ev.questionnaire.title
            qs = ev.questionnaire.nodes.flatMap(\.questionsBelow)
        } else {
            // An id, a printed number such as "1.2", or "Copyright 1.2".
            guard case let .found(.node(id)) = ev.questionnaire.resolve(nodeID, questions: false), let n = ev.questionnaire.node(id),
                  let found = ev.nodes[n.id] else { return nil }
            r = found
            title = n.displayName
            qs = n.questionsBelow
        }
        node = r
        thresholds = ev.questionnaire.thresholds
        lines = qs.map { q in
            let qr = ev.questions[q.id]!
            let a = answers[q.id]
            var excluded: String? = nil
            if !qr.applicable { excluded = "hidden: \(qr.hiddenReason ?? "condition not met")" }
            else if let bad = qr.invalidAnswer { excluded = "answer no longer valid: \(bad)" }
            else if !qr.answered { excluded = "unanswered (not scored as 0)" }
            else if qr.notApplicable { excluded = "N/A: \(a?.justification ?? "")" }
            else if !q.isScored { excluded = "\(q.type.rawValue) question: counts for completeness only" }
            else if q.weight == 0 { excluded = "weight 0" }
            let answerText: String? = a.map { a in
                if a.notApplicable { return "na" }
                return a.value.map { v in
                    if case let .text(s) = v, let o = q.option(s) { return "\(o.value) (\(o.label))" }
                    return v.description
                } ?? "(note only)"
            }
            let contribution = excluded == nil && r.scoredWeight > 0 ? q.weight / r.scoredWeight : nil
            var line = Line(questionID: q.id, text: q.text, answer: answerText, score: qr.score, weight: q.weight,
                            contribution: contribution, excluded: excluded, critical: q.critical, caps: qr.criticalFailure)
            if qr.applicable, r.applicable { line.blocksMet = qr.shortfall }
            return line
        }
    }
}
