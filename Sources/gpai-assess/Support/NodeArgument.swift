import AssessmentCore
import FoundationEssentials

/// A measure, node or question named on the command line, by `Questionnaire.resolve` (the rule
/// go-to uses): one error for text that names nothing and one, listing the candidates, for text
/// that names several.
func resolveTarget(_ text: String, in q: Questionnaire, questions: Bool, evaluation: Evaluation? = nil, near: String? = nil) throws -> Questionnaire.Target {
    let shown = AnswerInput.shown(text)
    switch q.resolve(text, questions: questions, evaluation: evaluation, near: near) {
    case let .found(t): return t
    case .empty, .notFound:
        throw CLIError("no measure\(questions ? " or question" : "") '\(shown)' in \(q.id); give an id from 'gpai-assess outline \(q.id)', a number such as 1.2, or a chapter and number such as 'Copyright 1.2'")
    case let .ambiguous(candidates):
        let listed = candidates.map { c -> String in
            switch c {
            case let .node(id), let .question(id):
                let part = q.topNode(of: c).flatMap { q.node($0) }.map(\.title) ?? ""
                return "\(id) (\(part))"
            }
        }
        var example = ""
        if case let .node(first)? = candidates.first, let name = q.qualifiedNumber(of: first) { example = ", e.g. '\(name)'" }
        throw CLIError("'\(shown)' is ambiguous in '\(q.id)': \(listed.joined(separator: ", ")); give the id or the chapter too\(example)")
    }
}

/// `resolveTarget` for commands that take a node (a question names nothing there).
func resolveNodeArgument(_ text: String, in q: Questionnaire) throws -> Node {
    guard case let .node(id) = try resolveTarget(text, in: q, questions: false), let n = q.node(id) else {
        throw CLIError("no measure '\(AnswerInput.shown(text))' in \(q.id)")
    }
    return n
}
