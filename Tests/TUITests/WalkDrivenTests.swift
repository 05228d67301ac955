import AssessmentCore
import AssessmentStore
import Foundation
import PlainMode
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

    func testReopeningOnAQuestionThatNoLongerAppliesMovesOnToTheNextThatDoes() throws {
        let q = try TUIFixtures.sample()
        var session = TUIFixtures.session(q)
        session.answers["scope.gpai"] = Answer(value: .text("no"), by: "tester", at: TUIFixtures.now)      // Transparency stops applying
        session.answers["scope.systemic"] = Answer(value: .text("yes"), by: "tester", at: TUIFixtures.now) // Safety applies
        session.position = Session.Position(question: "tr.q4", node: "tr.m2")
        let s = try TUIFixtures.assessment(session: session)
        XCTAssertEqual(s.a.question, "ss.q1", "the next applicable question after the stored one")
        XCTAssertEqual(s.a.treeCursor, "ss.m1")
        let w = WalkState(session: session, questionnaire: q, readOnly: false, user: "tester", now: TUIFixtures.now)
        XCTAssertEqual(s.a.question, w.question, "where plain mode's walk starts")
        XCTAssertTrue(view(s).plainText().contains(q.index.questions["ss.q1"]!.text))
        // Nothing applicable after it: the first unanswered applicable question, as in plain mode.
        session.answers["scope.systemic"] = Answer(value: .text("no"), by: "tester", at: TUIFixtures.now)
        session.answers["scope.gpai"] = nil
        let t = try TUIFixtures.assessment(session: session)
        XCTAssertEqual(t.a.question, "scope.gpai")
        XCTAssertEqual(t.a.question, WalkState(session: session, questionnaire: q, readOnly: false, user: "tester", now: TUIFixtures.now).question)
    }

    /// The same keys in both front ends, from the same stored session, store the same position.
    func testAMoveStoresTheSamePositionInBothFrontEnds() throws {
        let q = try TUIFixtures.sample()
        let dir = Fixtures.temporaryDirectory("walk-both")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = SessionStore(root: dir)
        let id = try store.create(title: "Both", questionnaire: q, by: "tester").id
        try store.update(id) { s in
            s.answers["scope.gpai"] = Answer(value: .text("yes"), by: "tester", at: TUIFixtures.now)
            s.answers["tr.q2"] = Answer(value: .text("yes"), by: "tester", at: TUIFixtures.now)
            s.position = Session.Position(question: "tr.q1", node: "tr.m1", guidance: false)
        }
        // (full screen keys, plain mode line): next, next unanswered, previous, go to a measure.
        for (key, line) in [("n", "s"), ("N", "u"), ("p", "b"), ("g1.2\n", "g 1.2")] {
            let stored = try store.load(id)
            var screen = AppState(size: Size(width: 100, height: 30), config: TUIFixtures.config,
                                  screen: .assessment(AssessmentState(session: stored, questionnaire: q)), questionnaires: [q], hasHome: false, now: TUIFixtures.now)
            var fx: [Effect] = []
            for c in key { fx += update(&screen, .key(c == "\n" ? .enter : .char(c))) }
            guard case let .persist(_, changes)? = fx.first, case let .position(p)? = changes.first else { return XCTFail("\(key): \(fx)") }
            let plain = PlainSession(store: store, questionnaires: [q], user: "tester", start: .session(id))
            _ = plain.begin()
            _ = plain.receive(line)
            _ = plain.endOfInput()
            XCTAssertEqual(try store.load(id).position, p, "after \(key) / \(line)")
            XCTAssertEqual(screen.a.question, p.question)
            XCTAssertNotEqual(p.question, stored.position?.question, "\(key) moved")
        }
    }

    /// The editors commit through the walk's actions, so the walk's checks are the screen's.
    func testEditorsSendTheWalksActionsAndShowItsRefusals() throws {
        var s = try TUIFixtures.assessment()
        // Evidence: a reference longer than the walk takes is refused; the editor stays open with the text.
        let long = String(repeating: "d", count: AnswerInput.maxEvidenceLength + 1)
        s.type("v")
        _ = update(&s, .paste("doc-1\n" + long))
        XCTAssertEqual(s.press(.ctrl("s")), [.bell])
        XCTAssertEqual(s.a.editing?.target, .evidence)
        XCTAssertTrue(s.a.editing?.error?.hasPrefix("invalid evidence reference 'dddd") ?? false, "\(String(describing: s.a.editing?.error))")
        XCTAssertNil(s.a.session.answers["scope.gpai"], "nothing stored")
        var w = s.a.walk
        XCTAssertEqual(reduce(&w, .setEvidence(["doc-1", long])), [.invalidEvidence(long)], "the same check in the walk")
        // Shortened: stored as the walk stores it.
        s.press(.backspace)
        let fx = s.press(.ctrl("s"))
        guard case let .persist(_, changes)? = fx.first, case let .answer(_, stored?, _)? = changes.first else { return XCTFail("\(fx)") }
        XCTAssertEqual(stored.evidence, ["doc-1", String(long.dropLast())])
        XCTAssertNil(s.a.editing)
        // Not applicable from its editor: recorded by the walk's action, and the screen stays on the question.
        s.type("1g1.1.b")
        s.press(.enter)
        s.type("a")
        s.type("not built yet")
        s.press(.enter)
        XCTAssertEqual(s.a.question, "tr.q2", "the full screen does not move on after an answer")
        XCTAssertEqual(s.a.session.answers["tr.q2"]?.justification, "not built yet")
        XCTAssertEqual(s.a.undo.last?.question, "tr.q2")
    }
}
