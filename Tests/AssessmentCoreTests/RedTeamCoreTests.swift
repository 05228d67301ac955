import AssessmentCore
import Foundation
import TestSupport
import XCTest

/// Engine-level regressions from the red-team campaign (issue 17).
final class RedTeamCoreTests: XCTestCase {
    /// H2: a 10,000-long chain of derived values passed `validate` and then overflowed the stack when
    /// scored. It is refused at load, and scoring it anyway is cut short instead of crashing.
    func testDeepChainOfDerivedValuesIsRefusedAndNeverOverflows() throws {
        let (q, diags) = QuestionnaireLoader.check(bytes: try RedTeamFixtures.derivedChain(length: 10_000), file: "chain.json")
        let errors = diags.filter { $0.severity == .error }
        XCTAssertTrue(errors.contains { $0.message.contains("chain of") }, "refused at load: \(errors.prefix(3))")
        let questionnaire = try XCTUnwrap(q)
        var s = Session(id: "s", title: "t", questionnaire: questionnaire, by: "u")
        s.set("scope.params", to: Answer(value: .number(1e9), by: "u"), by: "u")
        let ev = Evaluation(questionnaire: questionnaire, session: s)
        XCTAssertNotNil(ev.overall.status, "scored without a crash")
        // A chain of ordinary length is fine.
        let (_, ok) = QuestionnaireLoader.check(bytes: try RedTeamFixtures.derivedChain(length: 40), file: "short.json")
        XCTAssertFalse(ok.contains { $0.severity == .error }, "\(ok.filter { $0.severity == .error })")
    }

    /// L2: a duplicate key meant "no" to one reader and "yes" to another; every reader now refuses it.
    func testDuplicateKeysAreRefused() {
        XCTAssertThrowsError(try JSONParser.parse(#"{"value": "no", "value": "yes"}"#))
        let many = (0..<20).map { "\"k\($0)\": \($0)" }.joined(separator: ", ")
        XCTAssertThrowsError(try JSONParser.parse("{\(many), \"k7\": 0}"), "found in large objects too")
        XCTAssertNoThrow(try JSONParser.parse("{\(many)}"))
        XCTAssertNoThrow(try JSONParser.parse(#"{"a": {"v": 1}, "b": {"v": 2}}"#), "the same name in different objects is fine")
    }

    /// M3: one rule for names given with --as: C0, C1 and bidi controls are refused alike.
    func testNamesFollowOneRule() {
        XCTAssertEqual(SafeText.validName("  Anna Müller "), "Anna Müller")
        for bad in ["a\u{1B}]52;c;aGk=\u{07}", "auditor\u{9B}31m", "\u{202E}rotidua", "x\u{2066}y", "", "   ", String(repeating: "n", count: 65), "a\nb"] {
            XCTAssertNil(SafeText.validName(bad), "refused: \(SafeText.inert(bad))")
        }
        XCTAssertEqual(AnswerInput.shown("a\u{202E}b\u{9B}c"), "a\\u{202e}b\\u{9b}c", "quoted input is inert, bidi included")
        XCTAssertEqual(SafeText.terminal("a,b\r\nc\rd\u{1B}]52;c;x\u{07}\n"), "a,b\r\nc\\u{d}d\\u{1b}]52;c;x\\u{7}\n", "CSV line ends kept, a lone CR and OSC 52 not")
    }

    /// M4: texts are bounded at input with a message that says why.
    func testLongTextsAreRefusedAtInput() throws {
        let q = try Fixtures.mini()
        let text = try XCTUnwrap(q.question("tr.1.2.q3"))
        XCTAssertThrowsError(try AnswerInput.parseValue(String(repeating: "x", count: AnswerInput.maxTextBytes + 1), for: text)) {
            XCTAssertTrue(($0 as? AnswerInput.Error)?.message.contains("limit") ?? false, "\($0)")
        }
        XCTAssertNoThrow(try AnswerInput.parseValue(String(repeating: "x", count: 10_000), for: text))
    }
}
