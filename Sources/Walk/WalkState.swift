import AssessmentCore
import FoundationEssentials

/// One open assessment as the walk sees it: the session, its questionnaire and scoring, the question
/// asked. A value: `reduce` changes it; the front ends draw it and carry out the effects.
public struct WalkState: Sendable {
    public var session: Session
    public let questionnaire: Questionnaire
    public let index: QuestionnaireIndex
    public var evaluation: Evaluation
    /// The question asked (or, at the end, the last one asked).
    public var question: String
    /// Past the last applicable question.
    public var atEnd = false
    public var readOnly: Bool
    /// Who answers, and the time stamped on changes (set by the front end before each action).
    public var user: String
    public var now: Date
    /// The start was the stored position (not the first open question).
    public let resumed: Bool

    /// Opens at the stored position (or the first applicable question after it if it no longer
    /// applies), else at the first unanswered applicable question.
    public init(session s: Session, questionnaire q: Questionnaire, readOnly: Bool, user: String, now: Date) {
        let ev = Evaluation(questionnaire: q, session: s)
        let idx = q.index
        let applicable = idx.questionOrder.filter { ev.questions[$0]?.applicable ?? false }
        var start = applicable.first ?? idx.questionOrder.first ?? ""
        var resumed = false
        if let p = s.position?.question, let i = idx.questionOrder.firstIndex(of: p) {
            resumed = true
            start = idx.questionOrder[i...].first { ev.questions[$0]?.applicable ?? false }
                ?? applicable.first { !(ev.questions[$0]?.answered ?? false) } ?? applicable.last ?? start
        } else if let firstOpen = applicable.first(where: { !(ev.questions[$0]?.answered ?? false) }) {
            start = firstOpen
        }
        self.session = s; self.questionnaire = q; self.index = idx; self.evaluation = ev
        self.question = start; self.readOnly = readOnly; self.user = user; self.now = now; self.resumed = resumed
        self.atEnd = idx.questionOrder.isEmpty
    }

    public var currentQuestion: Question? { index.questions[question] }
    public var currentAnswer: Answer? { session.answers[question] }

    public func isApplicable(_ id: String) -> Bool { evaluation.questions[id]?.applicable ?? false }
    public func isAnswered(_ id: String) -> Bool { evaluation.questions[id]?.answered ?? false }

    /// The questions of a node and all below it, in order.
    public func questions(under nodeID: String) -> [String] { index.nodes[nodeID]?.questionsBelow.map(\.id) ?? [] }

    /// The applicable question after `id` in document order.
    public func nextApplicable(after id: String) -> String? {
        let order = index.questionOrder
        guard let i = order.firstIndex(of: id) else { return nil }
        return order[(i + 1)...].first { isApplicable($0) }
    }

    /// The applicable question before `id` in document order.
    public func previousApplicable(before id: String) -> String? {
        let order = index.questionOrder
        guard let i = order.firstIndex(of: id) else { return nil }
        return order[..<i].last { isApplicable($0) }
    }

    /// The next unanswered applicable question after the current one, wrapping round (the current
    /// one last); from the end, the first.
    public var nextUnanswered: String? {
        let order = index.questionOrder
        let open = order.filter { isApplicable($0) && !isAnswered($0) }
        guard !open.isEmpty else { return nil }
        let i = atEnd ? -1 : (order.firstIndex(of: question) ?? -1)
        return open.first { (order.firstIndex(of: $0) ?? 0) > i } ?? open[0]
    }

    /// Where to land in a node: its first unanswered applicable question, else its first applicable one.
    public func landing(in nodeID: String) -> String? {
        let qs = questions(under: nodeID)
        return qs.first { isApplicable($0) && !isAnswered($0) } ?? qs.first { isApplicable($0) }
    }

    /// The position stored for a question (keeping whether guidance was open).
    func position(at id: String) -> Session.Position {
        Session.Position(question: id, node: index.questionPath[id]?.first, guidance: session.position?.guidance)
    }
}
