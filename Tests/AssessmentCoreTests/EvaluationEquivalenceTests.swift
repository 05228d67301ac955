@testable import AssessmentCore
import Foundation
import TestSupport
import XCTest

/// The optimised `Evaluation` gives exactly what the straightforward one (ReferenceEvaluation)
/// gave, on random questionnaires and answers, valid or not.
final class EvaluationEquivalenceTests: XCTestCase {
    typealias RNG = SeededRandom

    func assertSame(_ q: Questionnaire, _ answers: [String: Answer], _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        let new = Evaluation(questionnaire: q, answers: answers)
        let old = ReferenceEvaluation(questionnaire: q, answers: answers)
        XCTAssertEqual(new.questions, old.questions, "\(label): questions", file: file, line: line)
        XCTAssertEqual(new.nodes, old.nodes, "\(label): nodes", file: file, line: line)
        XCTAssertEqual(new.overall, old.overall, "\(label): overall", file: file, line: line)
        XCTAssertEqual(new.derived, old.derived, "\(label): derived", file: file, line: line)
        XCTAssertEqual(new.gaps, old.gaps, "\(label): gaps", file: file, line: line)
        XCTAssertEqual(new.orphanedAnswers, old.orphanedAnswers, "\(label): orphans", file: file, line: line)
    }

    static let graded = [AnswerOption(value: "yes", label: "Y", score: 1), AnswerOption(value: "partly", label: "P", score: 0.5),
                         AnswerOption(value: "no", label: "N", score: 0)]
    static let multi = [AnswerOption(value: "a", label: "A", score: 0.5), AnswerOption(value: "b", label: "B", score: 0.25),
                        AnswerOption(value: "c", label: "C", score: 0.25), AnswerOption(value: "none", label: "None", score: 0, exclusive: true)]
    /// Mandatory options flagged, and an example that is not scored.
    static let multiFlagged = [AnswerOption(value: "a", label: "A", score: 0.5, required: true), AnswerOption(value: "b", label: "B", score: 0.5),
                               AnswerOption(value: "c", label: "C", score: 0.5, required: true), AnswerOption(value: "e", label: "E", example: true)]

    /// A random tree of nodes with random conditions among its questions (cycles possible when `cycles`).
    func randomQuestionnaire(_ r: inout RNG, cycles: Bool) -> Questionnaire {
        var ids: [String] = []
        var counter = 0
        func condition(_ r: inout RNG) -> String? {
            guard !ids.isEmpty, r.chance(25) else { return nil }
            let other = ids[r.below(ids.count)]
            switch r.below(4) {
            case 0: return "\(other) == 'yes'"
            case 1: return "\(other) != 'no' or not answered(\(other))"
            case 2: return "answered(\(other))"
            default: return "d.total > 1"
            }
        }
        func question(_ r: inout RNG) -> Question {
            counter += 1
            let id = "q\(counter)"
            let cond = cycles ? nil : condition(&r)
            ids.append(id)
            var q: Question
            switch r.below(8) {
            case 0:
                q = Question(id: id, type: .multi, text: "M", options: r.chance(50) ? Self.multi : Self.multiFlagged,
                             scoring: [.sum, .max, .fraction][r.below(3)])
                q.requireAll = r.chance(50)
            case 1: q = Question(id: id, type: .scale, text: "S", options: Self.graded.reversed())
            case 2: q = Question(id: id, type: .choice, text: "C", options: [AnswerOption(value: "yes", label: "Y"), AnswerOption(value: "no", label: "N")])
            case 3: q = Question(id: id, type: .text, text: "T")
            case 4: q = Question(id: id, type: .number, text: "N", min: 0, max: 10)
            case 5: q = Question(id: id, type: .date, text: "D")
            default: q = Question(id: id, type: .graded, text: "G", options: Self.graded)
            }
            q.condition = cond.flatMap { try? ExpressionParser.parse($0) }
            q.conditionSource = cond
            q.weight = [1, 0.5, 2, 0][r.below(4)]
            q.required = !r.chance(20)
            q.allowNA = r.chance(40)
            q.critical = r.chance(20)
            if r.chance(10) { q.criticalThreshold = 0.75 }
            if r.chance(20) { q.passAt = [1, 0.75, 0.5][r.below(3)] }
            q.number = r.chance(50) ? "\(counter)" : nil
            q.remediation = r.chance(50) ? "Fix \(id)" : nil
            return q
        }
        func node(_ r: inout RNG, depth: Int, kind: NodeKind) -> Node {
            counter += 1
            let id = "n\(counter)"
            let cond = condition(&r)
            var n = Node(id: id, kind: kind, number: "\(counter)", title: "Node \(counter)", conditionReason: r.chance(50) ? "only sometimes" : nil)
            n.condition = cond.flatMap { try? ExpressionParser.parse($0) }
            n.conditionSource = cond
            n.questions = (0..<r.below(depth >= 2 ? 5 : 2)).map { _ in question(&r) }
            if depth < 3 {
                let kinds: [NodeKind] = depth == 0 ? [.commitment] : (depth == 1 ? [.measure, .group] : [.group])
                n.children = (0..<r.below(depth == 0 ? 4 : 3)).map { _ in node(&r, depth: depth + 1, kind: kinds[r.below(kinds.count)]) }
            }
            return n
        }
        var nodes: [Node] = []
        if r.chance(60) {
            var scope = Node(id: "scope", kind: .scope, title: "Scope")
            scope.questions = (0..<(1 + r.below(3))).map { _ in question(&r) }
            nodes.append(scope)
        }
        nodes += (0..<(1 + r.below(4))).map { _ in node(&r, depth: 0, kind: .chapter) }
        if cycles {
            // Conditions added after the fact may point forwards and back: cycles.
            func addConditions(_ n: inout Node, _ r: inout RNG) {
                for i in n.questions.indices where r.chance(40) {
                    let other = ids[r.below(ids.count)]
                    n.questions[i].conditionSource = "\(other) == 'yes' or not answered(\(other))"
                    n.questions[i].condition = try? ExpressionParser.parse(n.questions[i].conditionSource!)
                }
                for i in n.children.indices { addConditions(&n.children[i], &r) }
            }
            for i in nodes.indices { addConditions(&nodes[i], &r) }
        }
        let derived = [Questionnaire.DerivedValue(id: "d.total", label: "Total", unit: nil,
                                                  expression: try! ExpressionParser.parse("coalesce(\(ids.first ?? "x"), 0) + 1"),
                                                  expressionSource: "")]
        return Questionnaire(id: "g", title: "G", version: "1", thresholds: .init(met: [0.85, 0.6][r.below(2)], partial: 0.5, critical: 0.5),
                             derived: derived, nodes: nodes)
    }

    func randomAnswers(_ q: Questionnaire, _ r: inout RNG) -> [String: Answer] {
        var out: [String: Answer] = [:]
        let at = Date(timeIntervalSince1970: 1_780_000_000)
        for qu in q.allQuestions where r.chance(70) {
            var a = Answer(value: nil, by: "t", at: at)
            switch r.below(12) {
            case 0: a.notApplicable = true; a.justification = ["not relevant", "  ", "\u{3000}", ""][r.below(4)]
            case 1: a.value = .text("not-an-option")
            case 2: a.value = .number(Double(r.below(20)) - 5)
            case 3: a.value = .choices(["a", "none"])
            case 4: a.value = .text(["  \n", "\u{A0}", "é", "2026-02-29", "2024-02-29", ""][r.below(6)])
            default:
                switch qu.type {
                case .graded, .scale, .choice: a.value = .text(qu.options[r.below(qu.options.count)].value)
                case .multi: a.value = .choices(Array((r.chance(50) ? ["a", "b", "c"] : ["e", "c", "a"]).prefix(1 + r.below(3))))
                case .text: a.value = .text("written")
                case .number: a.value = .number(Double(r.below(12)))
                case .date: a.value = .text("2026-03-01")
                }
            }
            out[qu.id] = a
        }
        if r.chance(30) { out["gone.question"] = Answer(value: .text("yes"), by: "t", at: at) }
        return out
    }

    func testRandomQuestionnairesScoreTheSame() {
        var r = RNG(state: 2026)
        for i in 0..<400 {
            let q = randomQuestionnaire(&r, cycles: false)
            for j in 0..<3 { assertSame(q, randomAnswers(q, &r), "questionnaire \(i) answers \(j)") }
        }
    }

    func testQuestionnairesWithCyclesScoreTheSame() {
        var r = RNG(state: 99)
        for i in 0..<200 {
            let q = randomQuestionnaire(&r, cycles: true)
            assertSame(q, randomAnswers(q, &r), "cyclic questionnaire \(i)")
        }
    }

    /// Ids shared between questions and nodes (only possible when built in code): the slow, shared memo.
    func testSharedIdsScoreTheSame() {
        let shared = Question(id: "m", type: .graded, text: "Q", options: Self.graded, condition: "m == 'yes'")
        let other = Question(id: "x", type: .graded, text: "X", options: Self.graded, condition: "m == 'no'")
        let q = Questionnaire(id: "g", title: "G", version: "1",
                              nodes: [Node(id: "m", kind: .measure, title: "M", condition: "x == 'yes'", questions: [shared, other])])
        for v in ["yes", "no", "partly"] {
            assertSame(q, ["m": Answer(value: .text(v), by: "t"), "x": Answer(value: .text("yes"), by: "t")], "shared \(v)")
        }
    }

    func testTheFinalCodeScoresTheSame() throws {
        let q = try QuestionnaireLoader.load(path: Fixtures.questionnairesFolder + "/gpai-cop-2025.json")
        var r = RNG(state: 5)
        for i in 0..<60 { assertSame(q, randomAnswers(q, &r), "final Code \(i)") }
    }

    /// The final Code with its scope answered a question at a time (each option in turn): parts
    /// waiting for scope name the questions they wait for as the reference does, though nodes that
    /// share their conditions share the names worked out for the first of them.
    func testWaitingForScopeNamesTheSameQuestionsAsTheReference() throws {
        let q = try QuestionnaireLoader.load(path: Fixtures.questionnairesFolder + "/gpai-cop-2025.json")
        let scope = q.nodes.filter { $0.kind == .scope }.flatMap(\.questionsBelow).filter { !$0.options.isEmpty }
        XCTAssertGreaterThan(scope.count, 3)
        var waited = 0
        for pick in 0..<3 {
            var answers: [String: Answer] = [:]
            for (n, qu) in scope.enumerated() {
                let v = qu.options[(n + pick) % qu.options.count].value
                answers[qu.id] = Answer(value: qu.type == .multi ? .choices([v]) : .text(v), by: "t")
                assertSame(q, answers, "option \(pick), \(n + 1) scope answers")
                waited += Evaluation(questionnaire: q, answers: answers).nodes.values.filter { $0.status == .scopePending && !$0.waitingFor.isEmpty }.count
            }
        }
        XCTAssertGreaterThan(waited, 10, "parts waiting for scope were scored")
    }

    /// What scoring works out once per questionnaire (option values and scores, the names each
    /// condition reads, hidden reasons) and once per evaluation (values being resolved, the last
    /// pass-mark text) never leaks into another evaluation: the same questionnaire scored with other
    /// answers, then changed (options, conditions, thresholds), scores as the reference does each time.
    func testPrecomputedScoringDataFollowsAnswersAndChanges() {
        var r = RNG(state: 7)
        for i in 0..<60 {
            var q = randomQuestionnaire(&r, cycles: false)
            let first = randomAnswers(q, &r), second = randomAnswers(q, &r)
            for (j, a) in [first, second, first].enumerated() { assertSame(q, a, "questionnaire \(i) answers \(j)") }
            // Change what the index precomputed from: every option's score, every condition, the thresholds.
            func change(_ n: inout Node) {
                for k in n.questions.indices {
                    for o in n.questions[k].options.indices { n.questions[k].options[o].score = n.questions[k].options[o].score.map { 1 - $0 } }
                    if let c = n.questions[k].conditionSource {
                        n.questions[k].conditionSource = "not (\(c))"
                        n.questions[k].condition = try? ExpressionParser.parse("not (\(c))")
                        n.questions[k].conditionReason = "changed \(k)"
                    }
                }
                if let c = n.conditionSource { n.conditionSource = "not (\(c))"; n.condition = try? ExpressionParser.parse("not (\(c))") }
                for c in n.children.indices { change(&n.children[c]) }
            }
            _ = q.index
            for n in q.nodes.indices { change(&q.nodes[n]) }
            q.thresholds.critical = [0.25, 0.75][r.below(2)]
            // The reference reads the same cached index: a questionnaire built afresh from the changed nodes must agree too.
            let fresh = Questionnaire(id: q.id, title: q.title, version: q.version, thresholds: q.thresholds, derived: q.derived, nodes: q.nodes)
            for (j, a) in [first, second].enumerated() {
                assertSame(q, a, "changed questionnaire \(i) answers \(j)")
                let changed = Evaluation(questionnaire: q, answers: a), rebuilt = Evaluation(questionnaire: fresh, answers: a)
                XCTAssertEqual(changed.questions, rebuilt.questions, "changed questionnaire \(i) answers \(j): questions")
                XCTAssertEqual(changed.nodes, rebuilt.nodes, "changed questionnaire \(i) answers \(j): nodes")
                XCTAssertEqual(changed.overall, rebuilt.overall, "changed questionnaire \(i) answers \(j): overall")
                XCTAssertEqual(changed.gaps, rebuilt.gaps, "changed questionnaire \(i) answers \(j): gaps")
            }
        }
    }

    /// `index` is cached per questionnaire and follows changes to its nodes.
    func testIndexFollowsChangesToNodes() {
        var q = Questionnaire(id: "g", title: "G", version: "1", nodes: [Node(id: "m", kind: .measure, title: "M",
                                                                                questions: [Question(id: "a", type: .text, text: "A")])])
        let copy = q
        XCTAssertEqual(q.index.questionOrder, ["a"])
        q.nodes[0].questions.append(Question(id: "b", type: .text, text: "B"))
        XCTAssertEqual(q.index.questionOrder, ["a", "b"])
        XCTAssertEqual(copy.index.questionOrder, ["a"])
        XCTAssertEqual(q.index.questionList.map(\.question.id), ["a", "b"])
        XCTAssertEqual(q.index.questionPathNumbers.count, 2)
    }

    /// SHA-256 at every length around the block boundaries (reference: Python's hashlib).
    func testSHA256AtEveryLengthUpTo200() {
        let all = (0...200).map { n in SHA256.hex((0..<n).map { UInt8($0 % 251) }) }.joined()
        XCTAssertEqual(SHA256.hex(Array(all.utf8)), "b367ea311264aae50e6260b96a10761169ce3eec5d5f8f2258351f82c7252776")
    }

    func testHasContentAgreesWithTrimming() {
        for s in ["", " ", "\t\n\r\u{B}\u{C}", "a", " a ", "\u{A0}", "\u{3000}x", "\u{2028}", "\u{85}", "\u{0}", "\u{7F}", "é", "\u{200B}", "\u{1F}"] {
            XCTAssertEqual(Answer.hasContent(s), !s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, s.debugDescription)
        }
    }
}
