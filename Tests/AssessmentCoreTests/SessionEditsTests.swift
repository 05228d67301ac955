@testable import AssessmentCore
import Foundation
import TestSupport
import XCTest

/// One rule for every front end: a session's `updated` moves only when something changed.
final class SessionEditsTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_768_000_000)
    let t1 = Date(timeIntervalSince1970: 1_768_000_600)

    func session() throws -> Session { Session(id: "s", title: "Acme", questionnaire: try Fixtures.mini(), by: "alice", at: t0) }

    func testRenameMovesUpdatedOnlyWhenTheTitleChanges() throws {
        var s = try session()
        XCTAssertFalse(s.rename(to: "Acme", by: "bob", at: t1))
        XCTAssertEqual(s.updated, t0)
        XCTAssertEqual(s.updatedBy, "alice")
        XCTAssertTrue(s.rename(to: "Acme 2", by: "bob", at: t1))
        XCTAssertEqual(s.title, "Acme 2")
        XCTAssertEqual(s.updated, t1)
        XCTAssertEqual(s.updatedBy, "bob")
    }

    func testEventsReviewsAndDiscussion() throws {
        var s = try session()
        XCTAssertFalse(s.setEvent("market", to: nil, by: "bob", at: t1))
        XCTAssertFalse(s.setReview(nil, of: "tr.m1_1", by: "bob", at: t1))
        XCTAssertFalse(s.setDiscussion("  \n", measure: "tr.m1_1", by: "bob", at: t1))
        XCTAssertEqual(s.updated, t0)
        XCTAssertTrue(s.setEvent("market", to: "2026-03-01", by: "bob", at: t1))
        XCTAssertEqual(s.events["market"], "2026-03-01")
        XCTAssertEqual(s.updated, t1)
        XCTAssertTrue(s.setReview(Review(by: "carol", at: t1), of: "tr.m1_1", by: "carol", at: t1))
        XCTAssertEqual(s.updatedBy, "carol")
        XCTAssertTrue(s.setDiscussion("agreed", measure: "tr.m1_1", by: "dave", at: t1))
        XCTAssertTrue(s.setDiscussion(" ", measure: "tr.m1_1", by: "dave", at: t1))
        XCTAssertNil(s.discussion["tr.m1_1"])
    }

    func testActions() throws {
        var s = try session()
        let a = Action(id: "A1", title: "Write the policy", by: "alice", at: t0)
        s.addActions([], by: "bob", at: t1)
        XCTAssertEqual(s.updated, t0)
        s.addActions([a], by: "bob", at: t1)
        XCTAssertEqual(s.actions.map(\.id), ["A1"])
        XCTAssertEqual(s.updated, t1)
        let t2 = t1.addingTimeInterval(60)
        XCTAssertFalse(s.updateAction(at: 0, by: "carol", at: t2) { $0.title = "Write the policy" })
        XCTAssertEqual(s.actions[0].updated, t0)
        XCTAssertEqual(s.updatedBy, "bob")
        XCTAssertTrue(s.updateAction(at: 0, by: "carol", at: t2) { $0.status = .done })
        XCTAssertEqual(s.actions[0].updated, t2)
        XCTAssertEqual(s.updated, t2)
        XCTAssertEqual(s.updatedBy, "carol")
    }
}
