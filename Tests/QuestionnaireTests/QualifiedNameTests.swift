import AssessmentCore
import TestSupport
import XCTest

/// Measure numbers restart per chapter; outside the tree they carry the chapter's name.
final class QualifiedNameTests: XCTestCase {
    func testMeasuresNamedWithTheirChapter() throws {
        let q = try Shipped.final()
        XCTAssertEqual(q.qualifiedNumber(of: "tr.c1.m1_1"), "Transparency 1.1")
        XCTAssertEqual(q.qualifiedNumber(of: "cr.c1.m1_3"), "Copyright 1.3")
        XCTAssertEqual(q.qualifiedNumber(of: "ss.c7.m7_7"), "Safety & Security 7.7")
        XCTAssertEqual(q.qualifiedNumber(of: "ss.c7.m7_7", .short), "S7.7")
        XCTAssertEqual(q.qualifiedNumber(of: "cr.c1.m1_3", .short), "C1.3")
        XCTAssertEqual(q.qualifiedNumber(of: "ss.c3.m3_2.app3", .short), "S Appendix 3")
        XCTAssertEqual(q.qualifiedName(of: "tr.c1.m1_2"), "Transparency 1.2 Providing relevant information")
        XCTAssertEqual(q.qualifiedName(of: "ss"), "Safety and Security")
        XCTAssertNil(q.qualifiedNumber(of: "no.such.node"))
    }

    func testEveryMeasureHasAUniqueQualifiedNumber() throws {
        let q = try Shipped.final()
        var seen: [String: String] = [:]
        q.walk { n, _ in
            guard n.kind == .measure else { return }
            for style in [Questionnaire.NameStyle.long, .short] {
                let name = q.qualifiedNumber(of: n.id, style) ?? ""
                XCTAssertNil(seen[name], "\(name) names both \(seen[name] ?? "") and \(n.id)")
                seen[name] = n.id
            }
        }
        XCTAssertEqual(seen.count, 80, "40 measures, two styles each")
    }
}
