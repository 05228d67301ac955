import AssessmentCore
import Foundation
@testable import Reports
import TestSupport
import XCTest

final class SessionDiffTests: XCTestCase {
    var q: Questionnaire!
    var diff: SessionDiff!

    override func setUpWithError() throws {
        q = try ReportFixtures.mini()
        diff = SessionDiff(before: ReportFixtures.baseline(q), questionnaire: q, after: ReportFixtures.session(q), questionnaire: q)
    }

    func testOverall() {
        XCTAssertEqual(diff.before.id, "acme-q4-2025")
        XCTAssertEqual(diff.after.id, "acme-q1-2026")
        XCTAssertFalse(diff.differentQuestionnaires)
        XCTAssertNotEqual(rounded(diff.before.score), rounded(diff.after.score))
        XCTAssertFalse(diff.isEmpty)
    }

    func testAnswerChanges() {
        let byID = Dictionary(uniqueKeysWithValues: diff.answers.map { ($0.question, $0) })
        XCTAssertEqual(byID["tr.1.1.q1"]?.kind, .changed)
        XCTAssertEqual(byID["tr.1.1.q1"]?.fields, ["value", "note", "evidence"])
        XCTAssertEqual(byID["tr.1.1.q1"]?.before, "No")
        XCTAssertEqual(byID["tr.1.1.q1"]?.after, "Partly")
        XCTAssertEqual(byID["tr.1.1.q1"]?.scoreBefore, 0)
        XCTAssertEqual(byID["tr.1.1.q1"]?.scoreAfter, 0.5)
        XCTAssertEqual(byID["tr.1.1.q2"]?.kind, .added)
        XCTAssertEqual(byID["tr.1.1.q2"]?.after, "Not applicable: First release | no earlier versions")
        XCTAssertEqual(byID["ss.1.1.q2"]?.kind, .removed)
        XCTAssertEqual(byID["tr.1.2.q1"]?.before, "None")
        XCTAssertEqual(byID["tr.1.2.q1"]?.after, "Ad hoc")
        XCTAssertNil(byID["tr.1.2.q2"], "same value and note: not a change")
        XCTAssertNil(byID["scope.gpai"], "who/when alone is not a change")
        XCTAssertNil(byID["old.q"], "identical orphaned answers are not a change")
        XCTAssertEqual(diff.answers.map(\.question), ["scope.systemic", "tr.1.1.q1", "tr.1.1.q2", "tr.1.1.q3", "tr.1.2.q1", "tr.1.2.q3", "ss.1.1.q1", "ss.1.1.q2"],
                       "in questionnaire order")
        XCTAssertEqual(byID["scope.systemic"]?.fields, ["note"])
        XCTAssertEqual(byID["ss.1.1.q1"]?.fields, ["note", "evidence"])
    }

    func testNodeChangesPerMeasure() {
        let byID = Dictionary(uniqueKeysWithValues: diff.nodes.map { ($0.id, $0) })
        let m11 = byID["tr.m1_1"]
        XCTAssertEqual(m11?.statusBefore, .notMet, "critical 'no' capped it")
        XCTAssertEqual(m11?.statusAfter, .partiallyMet)
        XCTAssertEqual(m11?.direction, 1)
        XCTAssertEqual(byID["tr.m1_2"]?.scoreBefore, 0.25)
        XCTAssertEqual(byID["ss.m1_1"]?.statusBefore, .notMet)
        XCTAssertEqual(byID["ss.m1_1"]?.statusAfter, .notMet)
        XCTAssertEqual(byID["ss.m1_1"]?.coverageBefore, 1)
        XCTAssertEqual(byID["ss.m1_1"]?.coverageAfter, 0.5)
        XCTAssertEqual(diff.measureChanges.count, 3)
        XCTAssertEqual(diff.unchangedMeasures, 0)
    }

    func testSameSessionHasNoChanges() {
        let s = ReportFixtures.session(q)
        let d = SessionDiff(before: s, questionnaire: q, after: s, questionnaire: q)
        XCTAssertTrue(d.isEmpty)
        XCTAssertEqual(d.unchangedMeasures, 3)
        XCTAssertTrue(d.text().contains("Answer changes (0):\n  none"))
    }

    func testGoldenOutputs() {
        Golden.check(diff.json().serialized(), "diff.json")
        Golden.check(diff.text(), "diff.txt")
    }

    func testTextIsInert() {
        var after = ReportFixtures.session(q)
        after.answers["tr.1.2.q3"] = Answer(value: .text("\u{1b}[2J\u{202e}wiped"), by: "mallory\u{1b}[31m", at: generatedAt)
        let t = SessionDiff(before: ReportFixtures.baseline(q), questionnaire: q, after: after, questionnaire: q).text()
        XCTAssertFalse(t.unicodeScalars.contains("\u{1b}"))
        XCTAssertFalse(t.unicodeScalars.contains("\u{202e}"))
    }
}
