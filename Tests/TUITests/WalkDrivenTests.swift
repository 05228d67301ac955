import AssessmentCore
import Foundation
import TestSupport
import TUI
import Walk
import XCTest

/// The full screen runs on the walk core: the same go-to, answers and open choices as plain mode.
final class WalkDrivenTests: XCTestCase {
    func testGoToC13AndCopyright13LandOnTheSameQuestionAsTheWalk() throws {
        let q = try QuestionnaireLoader.load(path: Fixtures.questionnairesFolder + "/gpai-cop-2025.json")
        let s0 = Session(id: "s", title: "T", questionnaire: q, by: "tester", at: TUIFixtures.now)
        func go(_ text: String) -> String {
            var s = AppState(size: Size(width: 100, height: 30), config: TUIFixtures.config,
                             screen: .assessment(AssessmentState(session: s0, questionnaire: q)), questionnaires: [q], hasHome: false, now: TUIFixtures.now)
            s.type("g" + text)
            s.press(.enter)
            return s.a.question
        }
        let short = go("C1.3"), long = go("copyright 1.3")
        XCTAssertEqual(short, long)
        let a = AssessmentState(session: s0, questionnaire: q)
        guard case let .node(id) = GoTo.resolve("C1.3", in: a.walk) else { return XCTFail("C1.3 not resolved") }
        XCTAssertEqual(q.qualifiedNumber(of: id), "Copyright 1.3")
        XCTAssertTrue(a.walk.questions(under: id).contains(short), "\(short) is not in \(id)")
    }

    func testAnAnswerGoesThroughTheWalkAndIsStoredAndUndoable() throws {
        var s = try TUIFixtures.assessment()
        let q = s.a.question
        let fx = s.type("1")
        guard case let .persist(_, changes)? = fx.first, case let .answer(id, answer?, shown)? = changes.first else { return XCTFail("\(fx)") }
        XCTAssertEqual(id, q)
        XCTAssertNil(shown)
        XCTAssertEqual(answer.by, "tester")
        XCTAssertEqual(s.a.walk.session.answers[q], answer, "the walk holds the screen's session")
        XCTAssertEqual(s.a.undo.count, 1)
        XCTAssertEqual(s.type("1"), [], "the same answer again changes nothing and stores nothing")
        XCTAssertEqual(s.a.undo.count, 1)
    }

    func testTheOpenElsewhereDialogOffersTheWalksChoices() throws {
        var s = try TUIFixtures.assessment(hasHome: true)
        XCTAssertEqual(lockedChoices(s, stale: false), [.readOnly, .takeOver(confirm: true), .back])
        _ = update(&s, .lockedElsewhere(sessionID: "x", title: "X", holder: "by bob", stale: false))
        XCTAssertEqual(s.type("t"), [], "a live lock is taken over only after a confirmation")
        XCTAssertEqual(s.askTakeOver, "x")
        XCTAssertEqual(s.type("y"), [.takeOver(sessionID: "x")])
        _ = update(&s, .lockedElsewhere(sessionID: "x", title: "X", holder: "by bob", stale: true))
        XCTAssertEqual(s.type("t"), [.takeOver(sessionID: "x")], "a stale one at once")
    }
}
