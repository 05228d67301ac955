import AssessmentCore
import Foundation
import TestSupport
import XCTest

/// The one pinning rule: the questionnaire is recorded exactly when a write changed more than a position.
final class SessionChangeTests: XCTestCase {
    func testThePinMovesOnlyWithARealChange() throws {
        let q = try Fixtures.mini()
        let t0 = Date(timeIntervalSince1970: 1_750_000_000)
        var s = Session(id: "s1", title: "T", questionnaire: q, by: "alice", at: t0)
        s.questionnaire = Session.QuestionnaireRef(id: q.id, version: "0", digest: "old")
        let t1 = t0.addingTimeInterval(60)
        s.apply([.position(Session.Position(question: "scope.gpai"))], by: "bob", at: t1, with: q)
        XCTAssertEqual(s.questionnaire.digest, "old", "a position-only write records nothing")
        XCTAssertEqual(s.updated, t0)
        s.apply([.title("T")], by: "bob", at: t1, with: q)
        XCTAssertEqual(s.questionnaire.digest, "old", "the same title: nothing changed")
        s.apply([.answer(question: "scope.gpai", Answer(value: .text("yes"), by: "bob", at: t1), shown: nil)], by: "bob", at: t1, with: q)
        XCTAssertEqual(s.questionnaire.digest, q.digest)
        XCTAssertEqual(s.updated, t1)
    }
}
