import AssessmentCore
import TUI
import XCTest

/// A question in conflict after syncing: both answers on screen with who/when, `<` / `>` keep one.
final class ConflictScreenTests: XCTestCase {
    func conflicted() throws -> AppState {
        let q = try TUIFixtures.sample()
        var s = TUIFixtures.session(q)
        let t = TUIFixtures.now
        s.conflicts = [Conflict(kind: .answer, key: "scope.gpai", sides: [
            Conflict.Side(answer: Answer(value: .text("yes"), by: "alice", at: t.addingTimeInterval(-600)), by: "alice", at: t.addingTimeInterval(-600)),
            Conflict.Side(answer: Answer(value: .text("no"), note: "not GPAI after all", by: "bob", at: t.addingTimeInterval(-120)),
                          by: "bob", at: t.addingTimeInterval(-120)),
        ])]
        return try TUIFixtures.assessment(session: s)
    }

    func testBothAnswersAreShownWithWhoAndWhen() throws {
        let s = try conflicted()
        let text = view(s).plainText()
        XCTAssertTrue(text.contains("Conflict from syncing"), text)
        let lines = text.split(separator: "\n")
        XCTAssertTrue(lines.contains { $0.contains("<  yes (alice,") }, text)
        XCTAssertTrue(lines.contains { $0.contains(">  no — note: not GPAI after all (bob,") }, text)
        XCTAssertTrue(text.contains("</> keep side"), text)
    }

    func testGreaterThanKeepsTheSecondAnswerAndResolves() throws {
        var s = try conflicted()
        let effects = s.type(">")
        XCTAssertNil(s.a.session.conflict(onQuestion: "scope.gpai"))
        XCTAssertEqual(s.a.session.answers["scope.gpai"]?.value, .text("no"))
        XCTAssertEqual(s.a.session.answers["scope.gpai"]?.note, "not GPAI after all")
        XCTAssertEqual(s.a.session.history.last?.by, "tester", "the resolution is recorded in history")
        guard case let .persist(_, changes)? = effects.first, case let .answer(q, a, _)? = changes.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(q, "scope.gpai")
        XCTAssertEqual(a?.value, .text("no"))
        XCTAssertFalse(view(s).plainText().contains("Conflict from syncing"))
    }

    func testLessThanKeepsTheFirstAndDoesNothingWithoutAConflict() throws {
        var s = try conflicted()
        s.type("<")
        XCTAssertEqual(s.a.session.answers["scope.gpai"]?.value, .text("yes"))
        XCTAssertEqual(s.type("<"), [], "no conflict left: the key does nothing")
    }
}
