import AssessmentCore
import Reports
import TestSupport
import XCTest

/// Every measure of the final Code says what it asks (issue 12 §1): at least two obligations,
/// one per line, shown beside the questions and printed by `outline`.
final class RequirementsTests: XCTestCase {
    func allNodes(_ q: Questionnaire) -> [Node] {
        var out: [Node] = []
        func go(_ n: Node) { out.append(n); n.children.forEach(go) }
        q.nodes.forEach(go)
        return out
    }

    func testEveryMeasureHasAtLeastTwoRequirements() throws {
        let measures = allNodes(try Shipped.final()).filter { $0.kind == .measure }
        XCTAssertEqual(measures.count, 40)
        for m in measures {
            XCTAssertGreaterThanOrEqual(m.requirements.count, 2, "\(m.id) has \(m.requirements.count) requirement(s)")
        }
    }

    func testEveryAppendixTheQuestionsUseHasRequirements() throws {
        let appendices = allNodes(try Shipped.final()).filter { $0.kind == .appendix }
        XCTAssertEqual(appendices.count, 4)
        for a in appendices { XCTAssertGreaterThanOrEqual(a.requirements.count, 2, "\(a.id)") }
    }

    /// One obligation per line: no line breaks, no duplicates, sentences of readable length.
    func testRequirementsAreSingleLinesWithoutRepeats() throws {
        for n in allNodes(try Shipped.final()) where !n.requirements.isEmpty {
            XCTAssertEqual(Set(n.requirements).count, n.requirements.count, "\(n.id) repeats a requirement")
            for r in n.requirements {
                XCTAssertFalse(r.contains("\n"), "\(n.id): one obligation per line")
                XCTAssertLessThanOrEqual(r.count, 400, "\(n.id): requirement too long to read beside a question")
            }
        }
    }

    /// The numbers the Code counts with are in the text (spot checks).
    func testDeadlinesAndRetentionAreStated() throws {
        let q = try Shipped.final()
        let checks: [(String, String)] = [
            ("tr.c1.m1_1", "10 years"), ("tr.c1.m1_2", "14 days"), ("cr.c1.m1_3", "RFC 9309"),
            ("ss.c1.m1_1", "4 weeks"), ("ss.c1.m1_4", "5 business days"), ("ss.c7.m7_7", "15 business days"),
            ("ss.c9.m9_3", "2 days"), ("ss.c9.m9_3", "60 days"), ("ss.c9.m9_4", "5 years"), ("ss.c10.m10_1", "10 years"),
        ]
        for (id, text) in checks {
            XCTAssertTrue(q.node(id)?.requirements.joined(separator: " ").contains(text) == true, "\(id) should state \(text)")
        }
    }

    func testOutlineJSONAndMarkdownCarryRequirements() throws {
        let q = try Shipped.final()
        let json = QuestionnaireOutline.json(q).serialized()
        let first = try XCTUnwrap(q.node("cr.c1.m1_3")?.requirements.first)
        XCTAssertTrue(json.contains("\"requirements\""))
        XCTAssertTrue(json.contains("RFC 9309"))
        XCTAssertTrue(QuestionnaireOutline.markdown(q).contains("- " + Markdown.escape(first)))
    }
}
