import AssessmentCore
import Foundation
import TestSupport
import XCTest

final class ValidatorTests: XCTestCase {
    /// The one-pass id check against the rule as first written (scalars, suffix, "..", length), on edge cases
    /// and on random strings over the characters that matter.
    func testIDCheckMatchesTheRuleAsWritten() {
        func rule(_ raw: String) -> Bool {
            let s = raw.replacingOccurrences(of: "-", with: "_")
            func start(_ c: Unicode.Scalar) -> Bool { (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_" }
            func part(_ c: Unicode.Scalar) -> Bool { start(c) || (c >= "0" && c <= "9") || c == "." }
            guard let f = s.unicodeScalars.first, start(f), !s.hasSuffix("."), !s.contains("..") else { return false }
            return s.unicodeScalars.allSatisfy(part) && s.utf8.count <= 128
        }
        var cases = ["", ".", "a", "a.", "a..b", "a.b", "_x", "1a", "a-b", "-a", "a-", "é", "ab\u{301}", "a.\u{301}", "a b",
                     "gpai-cop-2025", "x.y.z", "A9_.b", String(repeating: "a", count: 128), String(repeating: "a", count: 129)]
        var rng = SplitMix(seed: 7)
        let alphabet = Array("aZ_9.-é ")
        for _ in 0..<2_000 { cases.append(String((0..<Int(rng.next() % 6)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })) }
        for c in cases { XCTAssertEqual(QuestionnaireLoader.isValidID(c), rule(c), c.debugDescription) }
    }

    static let graded = #"[{"value": "yes", "label": "Yes", "score": 1}, {"value": "no", "label": "No", "score": 0}]"#

    /// A questionnaire with one measure holding `questions` (JSON array body).
    func doc(_ questions: String, derived: String = "[]", extraNode: String = "", top: String = "") -> String {
        """
        {
          "formatVersion": 1, "id": "t", "title": "T", "version": "1",\(top)
          "derived": \(derived),
          "nodes": [
            {"id": "m", "kind": "measure", "number": "1.1", "title": "M",
             "questions": [\(questions)]}\(extraNode)
          ]
        }
        """
    }

    func diagnostics(_ text: String) -> [Diagnostic] { QuestionnaireLoader.check(bytes: Array(text.utf8), file: "q.json").1 }

    func errors(_ text: String) -> [Diagnostic] { diagnostics(text).filter { $0.severity == .error } }

    func q(_ id: String, _ extra: String = "") -> String {
        #"{"id": "\#(id)", "type": "graded", "text": "Q", "options": \#(Self.graded)\#(extra)}"#
    }

    func testValidFileHasNoDiagnostics() throws {
        XCTAssertEqual(diagnostics(doc(q("a") + "," + q("b", #", "condition": "a == 'yes'""#))), [])
        let mini = QuestionnaireLoader.check(path: Fixtures_mini)
        XCTAssertNotNil(mini.0)
        XCTAssertEqual(mini.1.filter { $0.severity == .error }, [])
    }

    func testSyntaxErrorNamesLineAndColumn() {
        let e = errors("{\n  \"id\": \"t\",\n  \"title\": \n}")
        XCTAssertEqual(e.count, 1)
        XCTAssertEqual(e[0].code, .syntax)
        XCTAssertEqual(e[0].location, SourceLocation(line: 4, column: 1))
        XCTAssertEqual(e[0].description, "q.json:4:1: error: invalid JSON: unexpected character '}' [$] (syntax)")
    }

    func testDuplicateIDs() {
        let e = errors(doc(q("a") + "," + q("a")))
        XCTAssertEqual(e.map(\.code), [.duplicateID])
        XCTAssertEqual(e[0].path, "$.nodes[0].questions[1].id")
        XCTAssertTrue(e[0].message.contains("first used at $.nodes[0].questions[0]"))
        XCTAssertEqual(e[0].location?.line, 6)
    }

    func testUnknownReferenceInCondition() {
        let e = errors(doc(q("a") + "," + q("b", #", "condition": "aa == 'yes'""#)))
        XCTAssertEqual(e.map(\.code), [.unknownReference])
        XCTAssertTrue(e[0].message.contains("unknown question or value 'aa'; did you mean 'a'?"), e[0].message)
    }

    func testComparingWithAValueThatIsNotAnOption() {
        let e = errors(doc(q("a") + "," + q("b", #", "condition": "a == 'yess'""#)))
        XCTAssertEqual(e.map(\.code), [.unknownReference])
        XCTAssertTrue(e[0].message.contains("'yess', which is not one of its options (yes, no)"))
    }

    func testExpressionSyntaxErrorWithColumn() {
        let e = errors(doc(q("a") + "," + q("b", #", "condition": "a = 'yes'""#)))
        XCTAssertEqual(e.map(\.code), [.expression])
        XCTAssertTrue(e[0].message.contains("(column 3)"), e[0].message)
    }

    func testCycles() {
        let text = doc(q("a", #", "condition": "b == 'yes'""#) + "," + q("b", #", "condition": "a == 'yes'""#))
        XCTAssertTrue(errors(text).contains { $0.code == .cycle && $0.message.contains("a → b → a") || $0.message.contains("b → a → b") })
        let derivedCycle = doc(q("a"), derived: #"[{"id": "x", "expression": "y + 1"}, {"id": "y", "expression": "x + 1"}]"#)
        XCTAssertTrue(errors(derivedCycle).contains { $0.code == .cycle })
        let selfRef = doc(q("a", #", "condition": "a == 'yes'""#))
        XCTAssertTrue(errors(selfRef).contains { $0.code == .cycle })
    }

    func testScoredQuestionWithUnscoredOption() {
        let e = errors(doc(#"{"id": "a", "type": "graded", "text": "Q", "options": [{"value": "yes", "label": "Y", "score": 1}, {"value": "no", "label": "N"}]}"#))
        XCTAssertEqual(e.map(\.code), [.unscoredOption])
        XCTAssertEqual(e[0].path, "$.nodes[0].questions[0].options[1]")
    }

    func testUnreachableMaximum() {
        let e = errors(doc(#"{"id": "a", "type": "graded", "text": "Q", "options": [{"value": "p", "label": "P", "score": 0.5}, {"value": "no", "label": "N", "score": 0}]}"#))
        XCTAssertEqual(e.map(\.code), [.unreachableMaximum])
        let multi = errors(doc(#"{"id": "a", "type": "multi", "text": "Q", "options": [{"value": "x", "label": "X", "score": 0.3}, {"value": "y", "label": "Y", "score": 0.3}]}"#))
        XCTAssertEqual(multi.map(\.code), [.unreachableMaximum])
    }

    func testEmptyTitlesAndMissingFields() {
        let e = errors(#"{"formatVersion": 1, "id": "t", "title": " ", "version": "1", "nodes": [{"id": "m", "kind": "measure", "title": "", "questions": [{"id": "a", "type": "text"}]}]}"#)
        XCTAssertEqual(Set(e.map(\.code)), [.empty, .missing])
        XCTAssertTrue(e.contains { $0.path == "$.title" })
        XCTAssertTrue(e.contains { $0.path == "$.nodes[0].title" })
        XCTAssertTrue(e.contains { $0.message == "missing 'text'" })
    }

    func testTypeErrors() {
        let e = errors(doc(#"{"id": "a", "type": "yesno", "text": "Q", "weight": "2"}"#))
        XCTAssertTrue(e.contains { $0.code == .type && $0.message.hasPrefix("unknown question type 'yesno'; allowed: graded, choice") })
        XCTAssertTrue(e.contains { $0.code == .type && $0.message == "'weight' must be a number, not string" })
        XCTAssertEqual(errors("[1, 2]").map(\.code), [.type])
    }

    /// A node kind outside `NodeKind` is an error at the kind's line and column, quoting it.
    func testUnknownNodeKindIsAnErrorThatQuotesIt() {
        let e = errors(doc(q("a"), extraNode: #",\#n    {"id": "x", "kind": "mesure", "title": "X", "questions": [\#(q("b"))]}"#))
        XCTAssertEqual(e.map(\.description),
                       ["q.json:7:25: error: unknown node kind 'mesure'; allowed: scope, chapter, commitment, measure, group, section, appendix [$.nodes[1].kind] (type)"])
        XCTAssertEqual(errors(doc(q("a"), extraNode: #", {"id": "x", "kind": "Measure", "title": "X", "questions": [\#(q("b"))]}"#)).map(\.code), [.type],
                       "kinds are matched exactly")
        for k in NodeKind.allCases {
            XCTAssertEqual(errors(doc(q("a"), extraNode: #", {"id": "x", "kind": "\#(k.rawValue)", "title": "X", "questions": [\#(q("b"))]}"#)), [], k.rawValue)
        }
    }

    func testInvalidIDs() {
        XCTAssertEqual(errors(doc(q("1abc"))).map(\.code), [.invalidID])
        XCTAssertEqual(errors(doc(q("a-b"))).map(\.code), [.invalidID])
        XCTAssertEqual(errors(doc(q("a..b"))).map(\.code), [.invalidID])
    }

    func testRanges() {
        XCTAssertEqual(errors(doc(q("a", #", "weight": -1"#))).map(\.code), [.range])
        XCTAssertEqual(errors(doc(#"{"id": "a", "type": "number", "text": "Q", "min": 5, "max": 1}"#)).map(\.code), [.range])
        XCTAssertEqual(errors(doc(q("a"), top: #" "thresholds": {"met": 0.4, "partial": 0.6},"#)).map(\.code), [.range])
        XCTAssertEqual(errors(doc(#"{"id": "a", "type": "graded", "text": "Q", "options": [{"value": "yes", "label": "Y", "score": 1.5}, {"value": "no", "label": "N", "score": 0}]}"#)).map(\.code), [.range])
    }

    func testPassMarksAndMandatoryOptions() throws {
        let multi = #"{"id": "m1", "type": "multi", "text": "M", "scoring": "fraction", "requireAll": true, "passAt": 1, "options": [{"value": "a", "label": "A", "score": 1, "required": true}, {"value": "b", "label": "B", "score": 1}, {"value": "e", "label": "E", "example": true}]}"#
        XCTAssertEqual(diagnostics(doc(multi)), [], "an unscored example beside scored options is fine")
        let loaded = try XCTUnwrap(QuestionnaireLoader.check(bytes: Array(doc(multi).utf8)).0?.question("m1"))
        XCTAssertEqual(loaded.passAt, 1)
        XCTAssertTrue(loaded.requireAll)
        XCTAssertEqual(loaded.options.map(\.required), [true, false, false])
        XCTAssertEqual(loaded.options.map(\.example), [false, false, true])
        XCTAssertEqual(errors(doc(q("a", #", "passAt": 1.5"#))).map(\.message), ["passAt must lie between 0 and 1"])
        XCTAssertEqual(errors(doc(q("a", #", "requireAll": true"#))).map(\.message), ["'requireAll' only applies to multi questions"])
        let scoredExample = #"{"id": "m2", "type": "multi", "text": "M", "options": [{"value": "a", "label": "A", "score": 1}, {"value": "e", "label": "E", "score": 0.5, "example": true}]}"#
        XCTAssertEqual(errors(doc(scoredExample)).map(\.message), ["example option 'e' must not carry a score: examples are not requirements"])
        let nothingMandatory = #"{"id": "m3", "type": "multi", "text": "M", "requireAll": true, "options": [{"value": "e", "label": "E", "example": true}, {"value": "none", "label": "None", "exclusive": true}]}"#
        XCTAssertTrue(errors(doc(nothingMandatory)).map(\.message).contains("'requireAll' but no option is mandatory"))
        let requiredWithoutRequireAll = #"{"id": "m4", "type": "multi", "text": "M", "options": [{"value": "a", "label": "A", "score": 1, "required": true}]}"#
        XCTAssertEqual(diagnostics(doc(requiredWithoutRequireAll)).map(\.message), ["options marked 'required' have no effect without 'requireAll'"])
    }

    func testUnknownFieldIsAWarning() {
        let d = diagnostics(doc(q("a", #", "wieght": 2"#)))
        XCTAssertEqual(d.map(\.code), [.unknownField])
        XCTAssertEqual(d[0].severity, .warning)
        XCTAssertEqual(diagnostics(doc(q("a", #", "x-owner": "legal""#))), [])
    }

    func testNewerFormatIsRefused() {
        let e = errors(doc(q("a")).replacingOccurrences(of: "\"formatVersion\": 1", with: "\"formatVersion\": 2"))
        XCTAssertEqual(e.map(\.code), [.unsupported])
    }

    func testLoadRefusesWithTheSameMessages() {
        XCTAssertThrowsError(try QuestionnaireLoader.load(bytes: Array(doc(q("a") + "," + q("a")).utf8), file: "q.json")) { error in
            XCTAssertTrue("\(error)".contains("duplicate id 'a'"))
        }
    }

    func testNeverCrashesOnMutatedInput() throws {
        // Deterministic mutation fuzzing over the fixture: flip, drop and duplicate bytes.
        let base = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Fixtures_mini)))
        var rng = SplitMix(seed: 42)
        for _ in 0..<400 {
            var b = base
            for _ in 0..<(1 + Int(rng.next() % 4)) {
                let i = Int(rng.next() % UInt64(b.count))
                switch rng.next() % 3 {
                case 0: b[i] = UInt8(truncatingIfNeeded: rng.next())
                case 1: b.remove(at: i)
                default: b.insert(b[i], at: i)
                }
            }
            let (q, d) = QuestionnaireLoader.check(bytes: b, file: "fuzz.json")
            XCTAssertTrue(q != nil || !d.isEmpty)
            if let q, !d.contains(where: { $0.severity == .error }) {
                _ = Evaluation(questionnaire: q, answers: [:])
            }
        }
    }
}

let Fixtures_mini = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/mini.json").path

typealias SplitMix = SeededRandom
