import AssessmentCore
import Foundation
import TestSupport
import XCTest

/// The loader, validator, expression parser and evaluator never crash on any input.
/// Deterministic seeds so a failure reproduces; every crasher found is kept in
/// Tests/Fixtures/fuzz/ and replayed by `testRegressionCorpus`.
final class FuzzTests: XCTestCase {
    static let tokens = ["a", "b", "scope.x", "q1", "'yes'", "\"no\"", "1", "0.5", "1e25", "-", "+", "*", "/", "(", ")", "[", "]", ",",
                         "==", "!=", "<", "<=", ">", ">=", "in", "not", "and", "or", "true", "false", "null", "answered(", "min(",
                         "coalesce(", "=", "!", "'", "..", ".5", "1e999", "\u{1b}", "é", "日本", "  "]

    func testGeneratedExpressionsNeverCrash() {
        var rng = SplitMix(seed: 7)
        var parsed = 0
        let env: [String: ExpressionValue] = ["a": .number(3), "b": .string("yes"), "scope.x": .list([.string("yes")]), "q1": .null]
        for _ in 0..<5000 {
            let n = 1 + Int(rng.next() % 12)
            let text = (0..<n).map { _ in Self.tokens[Int(rng.next() % UInt64(Self.tokens.count))] }.joined(separator: rng.next() % 3 == 0 ? "" : " ")
            if let e = try? ExpressionParser.parse(text) {
                parsed += 1
                _ = ExpressionEvaluator(lookup: { env[$0] ?? .null }).evaluate(e)
            }
        }
        XCTAssertGreaterThan(parsed, 100, "the generator also produces valid expressions")
    }

    func testMutatedQuestionnairesNeverCrash() throws {
        let base = fileBytes(Fixtures.path("mini.json"))
        var rng = SplitMix(seed: 11)
        var loaded = 0
        for _ in 0..<2000 {
            var b = base
            for _ in 0..<(1 + Int(rng.next() % 6)) {
                let i = Int(rng.next() % UInt64(b.count))
                switch rng.next() % 4 {
                case 0: b[i] = UInt8(truncatingIfNeeded: rng.next())
                case 1: b.remove(at: i)
                case 2: b.insert(b[i], at: i)
                default:
                    // Splice a random slice elsewhere: breaks structure in plausible ways.
                    let j = Int(rng.next() % UInt64(b.count)), len = Int(rng.next() % 40)
                    let slice = Array(b[j..<min(b.count, j + len)])
                    b.insert(contentsOf: slice, at: i)
                }
            }
            let (q, d) = QuestionnaireLoader.check(bytes: b, file: "fuzz.json")
            XCTAssertTrue(q != nil || !d.isEmpty)
            if let q, !d.contains(where: { $0.severity == .error }) {
                loaded += 1
                _ = Evaluation(questionnaire: q, answers: ["scope.gpai": Answer(value: .text("yes"), by: "f")])
            }
        }
        XCTAssertGreaterThan(loaded, 20)
    }

    /// Structurally valid questionnaires with random conditions (cycles included): the
    /// validator reports, and evaluation of an unvalidated one still terminates.
    func testGeneratedConditionsIncludingCyclesTerminate() throws {
        var rng = SplitMix(seed: 3)
        for _ in 0..<300 {
            let count = 2 + Int(rng.next() % 6)
            var questions: [Question] = []
            for k in 0..<count {
                let other = "q\(rng.next() % UInt64(count))"
                let cond = rng.next() % 2 == 0 ? "\(other) == 'yes' or not answered(\(other))" : nil
                questions.append(Question(id: "q\(k)", type: .graded, text: "Q", options: [
                    AnswerOption(value: "yes", label: "Y", score: 1), AnswerOption(value: "no", label: "N", score: 0),
                ], condition: cond))
            }
            let q = Questionnaire(id: "g", title: "G", version: "1", nodes: [Node(id: "m", kind: .measure, title: "M", questions: questions)])
            var answers: [String: Answer] = [:]
            for k in 0..<count where rng.next() % 2 == 0 { answers["q\(k)"] = Answer(value: .text("yes"), by: "f") }
            let ev = Evaluation(questionnaire: q, answers: answers)
            XCTAssertEqual(ev.questions.count, count)
        }
    }

    func testRegressionCorpus() throws {
        let dir = Fixtures.packageRoot.appendingPathComponent("Tests/Fixtures/fuzz").path
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { !$0.hasSuffix(".md") }.sorted()
        XCTAssertFalse(files.isEmpty)
        for f in files {
            let bytes = fileBytes(dir + "/" + f)
            if f.hasSuffix(".expr") {
                if let e = try? ExpressionParser.parse(String(decoding: bytes, as: UTF8.self)) {
                    _ = ExpressionEvaluator(lookup: { _ in .null }).evaluate(e)
                }
            } else {
                let (q, _) = QuestionnaireLoader.check(bytes: bytes, file: f)
                if let q { _ = Evaluation(questionnaire: q, answers: [:]) }
            }
        }
    }
}
