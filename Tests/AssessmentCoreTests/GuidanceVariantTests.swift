import AssessmentCore
import TestSupport
import XCTest

/// `guidanceVariants`: guidance that adapts to earlier answers (e.g. for downstream modifiers).
final class GuidanceVariantTests: XCTestCase {
    let doc = """
    {"id": "t", "title": "T", "version": "1",
     "derived": [{"id": "big", "expression": "coalesce(compute, 0) > 100"}],
     "nodes": [{"id": "scope", "kind": "scope", "title": "S", "questions": [
        {"id": "role", "type": "choice", "text": "Role", "options": [{"value": "p", "label": "P"}, {"value": "m", "label": "M"}]},
        {"id": "compute", "type": "number", "text": "Compute", "required": false, "condition": "role == 'm'"}]},
       {"id": "c", "kind": "measure", "title": "C", "questions": [
        {"id": "q", "type": "text", "text": "Q", "guidance": "Base.",
         "guidanceVariants": [{"when": "big", "guidance": "Big modifier."}, {"when": "role == 'm'", "guidance": "Modifier."}]}]}]}
    """

    func guidance(_ values: [String: AnswerValue]) throws -> String? {
        let q = try QuestionnaireLoader.load(bytes: Array(doc.utf8))
        let a = values.mapValues { Answer(value: $0, by: "t", at: Date(timeIntervalSince1970: 0)) }
        return q.question("q")!.guidance(given: a, Evaluation(questionnaire: q, answers: a))
    }

    func testTheFirstVariantThatHoldsWins() throws {
        XCTAssertEqual(try guidance([:]), "Base.")
        XCTAssertEqual(try guidance(["role": .text("p")]), "Base.")
        XCTAssertEqual(try guidance(["role": .text("m")]), "Modifier.")
        XCTAssertEqual(try guidance(["role": .text("m"), "compute": .number(500)]), "Big modifier.", "derived values are read")
        XCTAssertEqual(try guidance(["role": .text("p"), "compute": .number(500)]), "Base.", "a hidden answer reads as null, as in conditions")
    }

    func testUnknownNamesAreRefused() {
        let bad = doc.replacingOccurrences(of: "\"when\": \"role == 'm'\"", with: "\"when\": \"rolle == 'm'\"")
        let errors = QuestionnaireLoader.check(bytes: Array(bad.utf8)).1.filter { $0.severity == .error }
        XCTAssertTrue(errors.contains { $0.message.contains("unknown question or value 'rolle'") && $0.message.contains("did you mean 'role'") }, "\(errors)")
        let missing = doc.replacingOccurrences(of: "{\"when\": \"big\", \"guidance\": \"Big modifier.\"}, ", with: "{\"guidance\": \"x\"}, ")
        XCTAssertTrue(QuestionnaireLoader.check(bytes: Array(missing.utf8)).1.contains { $0.message == "missing 'when'" })
    }
}
