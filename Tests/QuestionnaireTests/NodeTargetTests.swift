import AssessmentCore
import TestSupport
import XCTest

/// `Questionnaire.resolve` on the real questionnaire: every name the reports, the screen and the
/// docs use for a part reaches it (NodeResolutionTableTests runs the callers on the mini fixture).
final class NodeTargetTests: XCTestCase {
    func testTheNamesInUseReachTheirNode() throws {
        let q = try QuestionnaireLoader.load(path: Fixtures.questionnairesFolder + "/gpai-cop-2025.json")
        let table: [(String, String)] = [
            ("C1.3", "cr.c1.m1_3"), ("c1.3", "cr.c1.m1_3"), ("copyright 1.3", "cr.c1.m1_3"), ("Copyright 1.3", "cr.c1.m1_3"),
            ("cr 1.3", "cr.c1.m1_3"), ("CR.C1.M1_3", "cr.c1.m1_3"), ("S7.7", "ss.c7.m7_7"), ("7.7", "ss.c7.m7_7"),
            ("safety 7.7", "ss.c7.m7_7"), ("Safety and Security 7.7", "ss.c7.m7_7"), ("S Appendix 3", "ss.c3.m3_2.app3"),
            ("Appendix 3", "ss.c3.m3_2.app3"), ("appendix 2", "ss.app2"), ("copyright", "cr"), ("ts.general", "ts.general"),
        ]
        for (text, id) in table { XCTAssertEqual(q.resolve(text), .found(.node(id)), text) }
        XCTAssertEqual(q.resolve("C1.3", questions: false), .found(.node("cr.c1.m1_3")))
        // Every qualified name the reports print comes back to its node.
        q.walk { n, _ in
            for style in [Questionnaire.NameStyle.long, .short] where n.kind != .chapter && n.number?.isEmpty == false && q.chapter(containing: n.id) != nil {
                let name = q.qualifiedNumber(of: n.id, style)!
                XCTAssertEqual(q.resolve(name), .found(.node(n.id)), name)
            }
        }
        XCTAssertEqual(q.resolve("cr.c1.m1_3.q2"), .found(.question("cr.c1.m1_3.q2")))
        XCTAssertEqual(q.resolve("cr.c1.m1_3.q2", questions: false), .notFound, "a node-only caller does not take a question")
        XCTAssertEqual(q.resolve("1.3"), .ambiguous([.node("tr.c1.m1_3"), .node("cr.c1.m1_3"), .node("ss.c1.m1_3")]))
        XCTAssertEqual(q.resolve("copyright 9.9"), .notFound)
        XCTAssertEqual(q.resolve("  "), .empty)
    }
}
