import AssessmentCore

/// A score says what it is: before every applicable question is answered it is provisional, and
/// the share answered stands beside it ("score 64% · provisional · 61% answered").
func scoreLabel(_ r: Evaluation.NodeResult) -> String {
    let base = "score " + Format.percent(r.score)
    guard r.applicableQuestions > 0, r.answeredQuestions < r.applicableQuestions else { return base }
    if r.score == nil { return base + " · " + Format.percent(answeredShare(r)) + " answered" }
    return base + " · provisional · " + Format.percent(answeredShare(r)) + " answered"
}

/// The title bar: "score 64% · provisional · 52 of 85 answered" until complete, "85 of 85 answered · score 64%" after.
func titleScore(_ r: Evaluation.NodeResult) -> String {
    let count = "\(r.answeredQuestions) of \(r.applicableQuestions) answered"
    guard r.answeredQuestions < r.applicableQuestions else { return count + " · score " + Format.percent(r.score) }
    return "score " + Format.percent(r.score) + (r.score == nil ? "" : " · provisional") + " · " + count
}

func answeredShare(_ r: Evaluation.NodeResult) -> Double {
    r.applicableQuestions == 0 ? 1 : Double(r.answeredQuestions) / Double(r.applicableQuestions)
}
