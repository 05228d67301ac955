import AssessmentCore
import TestSupport
import XCTest

/// The first draft of 14 November 2024, kept for comparison.
final class DraftTests: XCTestCase {
    func testMarkedAsHistoricalDraft() throws {
        let q = try Shipped.draft()
        XCTAssertTrue(q.title.lowercased().contains("historical draft"), q.title)
        XCTAssertTrue(q.title.contains("first draft") || q.title.contains("First draft"), q.title)
        XCTAssertTrue(q.description?.uppercased().hasPrefix("HISTORICAL DRAFT") == true, q.description ?? "")
        XCTAssertTrue(q.description?.contains(Shipped.finalID) == true, "the description points to the final Code's questionnaire")
        XCTAssertTrue(q.source.document.lowercased().contains("historical"), q.source.document)
        XCTAssertTrue(q.source.document.lowercased().contains("draft"), q.source.document)
        XCTAssertEqual(q.source.date, "2024-11-14")
    }

    func testSixSystemicRisksOfTheTaxonomy() throws {
        let q = try Shipped.draft()
        let taxonomy = try XCTUnwrap(q.node("d.tax"))
        XCTAssertEqual(taxonomy.number, "6", "the draft's taxonomy is Measure 6")
        let question = try XCTUnwrap(q.question("d.tax.q1"))
        XCTAssertEqual(question.type, .multi)
        let expected: [(value: String, label: String)] = [
            ("cyber", "Cyber offence"),
            ("cbrn", "Chemical, biological, radiological and nuclear risks"),
            ("loss_of_control", "Loss of control"),
            ("ai_rnd", "Automated use of models for AI research and development"),
            ("persuasion", "Persuasion and manipulation"),
            ("discrimination", "Large-scale discrimination"),
        ]
        XCTAssertEqual(question.options.map(\.value), expected.map(\.value))
        XCTAssertEqual(question.options.map(\.label), expected.map(\.label))
        XCTAssertTrue(question.options.allSatisfy { $0.score == 1 && !$0.exclusive })
        XCTAssertEqual(question.scoring, .fraction)
    }

    func testRoutes() throws {
        let q = try Shipped.draft()
        XCTAssertEqual(applicableChapters(evaluate(q, ["scope.gpai": .text("no")])), [])
        XCTAssertEqual(applicableChapters(evaluate(q, ["scope.gpai": .text("yes"), "scope.systemic_risk": .text("no")])), ["d.all"])
        XCTAssertEqual(applicableChapters(evaluate(q, ["scope.gpai": .text("yes"), "scope.systemic_risk": .text("yes")])),
                       ["d.all", "d.tax", "d.sr"])
        let best = BestAnswer.fill(q, start: ["scope.gpai": .text("yes"), "scope.systemic_risk": .text("yes")])
        XCTAssertEqual(best.overall.score ?? 0, 1, accuracy: 1e-12)
        XCTAssertEqual(best.overall.status, .met)
    }
}
