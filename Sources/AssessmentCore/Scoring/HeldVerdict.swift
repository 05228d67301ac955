import FoundationEssentials

extension Evaluation {
    /// The questions marked `holdsVerdict` that show and are unanswered, or answered with an option
    /// that `holdsVerdict`, with the reason shown for the held verdict. Only scope nodes are searched:
    /// they decide what applies, so only they can hold the verdict.
    static func heldBy(index: QuestionnaireIndex, ordered: [QuestionResult],
                       answers: [String: Answer]) -> [(id: String, reason: String)] {
        var out: [(id: String, reason: String)] = []
        for k in index.verdictHolders where k < ordered.count && ordered[k].applicable {
            let qu = index.questionList[k].question
            if ordered[k].answered {
                guard case let .text(v)? = answers[qu.id]?.value, qu.option(v)?.holdsVerdict == true else { continue }
                out.append((qu.id, "held by \(qu.id) = \(v): \(qu.text)"))
            } else {
                out.append((qu.id, "held until \(qu.id) is answered: \(qu.text)"))
            }
        }
        return out
    }
}
