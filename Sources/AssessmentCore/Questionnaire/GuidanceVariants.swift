import FoundationEssentials

extension Question {
    /// The guidance to show under these answers: the first `guidanceVariants` entry whose `when`
    /// holds, else `guidance`. Names read as conditions read them: a hidden or unanswered question
    /// (or one answered N/A) is `null`; derived values come from `evaluation`.
    public func guidance(given answers: [String: Answer], _ evaluation: Evaluation) -> String? {
        guard !guidanceVariants.isEmpty else { return guidance }
        let ev = ExpressionEvaluator(lookup: { name in
            if let r = evaluation.questions[name] {
                guard r.applicable, r.answered, !r.notApplicable, let v = answers[name]?.value else { return .null }
                return v.expressionValue
            }
            return evaluation.derived[name] ?? .null
        }, isAnswered: { evaluation.questions[$0].map { $0.applicable && $0.answered } ?? false })
        return guidanceVariants.first { ev.evaluate($0.when).isTruthy }?.guidance ?? guidance
    }
}
