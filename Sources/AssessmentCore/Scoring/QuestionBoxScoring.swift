import FoundationEssentials

/// `Evaluation.score` and `AnswerInput.problem` for the common answers, read from the option
/// arrays worked out once per questionnaire; anything else goes to those functions, which stay
/// the rule (`EvaluationEquivalenceTests` compares the two).
extension QuestionBox {
    /// The first option with this value, as `Question.option` finds it.
    func optionIndex(_ value: String) -> Int? { optionValues.firstIndex(of: value) }

    /// `Evaluation.score(v, question)`.
    func score(_ v: AnswerValue) -> Double? {
        switch (question.type, v) {
        case let (.graded, .text(s)), let (.scale, .text(s)):
            return optionIndex(s).flatMap { optionScores[$0] }
        case let (.multi, .choices(chosen)):
            // The chosen options in the order chosen, as `Evaluation.score` picks them.
            for c in chosen { if let i = optionIndex(c), optionExclusive[i] { return optionScores[i] ?? 0 } }
            switch question.scoring {
            case .sum: return min(1, pickedSum(chosen))
            case .max:
                var best: Double? = nil
                for c in chosen {
                    guard let i = optionIndex(c), let x = optionScores[i] else { continue }
                    if best.map({ $0 < x }) ?? true { best = x }
                }
                return best ?? 0
            case .fraction: return fractionTotal > 0 ? pickedSum(chosen) / fractionTotal : nil
            }
        default:
            return Evaluation.score(v, question)
        }
    }

    /// Σ of the chosen options' scores, left to right from 0 (as `reduce(0, +)`).
    private func pickedSum(_ chosen: [String]) -> Double {
        var sum = 0.0
        for c in chosen { if let i = optionIndex(c), let x = optionScores[i] { sum += x } }
        return sum
    }

    /// `AnswerInput.problem(with: v, for: question)`: an existing option, options that may go
    /// together, or text for a text question are accepted here; the rest (and every message) there.
    func problem(with v: AnswerValue) -> String? {
        switch (question.type, v) {
        case let (.graded, .text(t)), let (.choice, .text(t)), let (.scale, .text(t)):
            if optionValues.contains(t) { return nil }
        case let (.multi, .choices(vs)):
            var valid = !vs.isEmpty, exclusive = false
            for c in vs {
                guard let i = optionIndex(c) else { valid = false; break }
                exclusive = exclusive || optionExclusive[i]
            }
            if valid, vs.count == 1 || !exclusive { return nil }
        case (.text, .text):
            return nil
        default:
            break
        }
        return AnswerInput.problem(with: v, for: question)
    }
}
