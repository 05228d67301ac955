import AssessmentCore
import Foundation
import TUI
import XCTest

/// The room view (V), what watchers are told, and the mouse, without a terminal (issue 13).
final class RoomViewAndMouseTests: XCTestCase {
    func inTransparency() throws -> AppState {
        var s = try TUIFixtures.assessment()
        s.type("1n2n")
        XCTAssertEqual(s.a.question, "tr.q1")
        return s
    }

    func testRoomViewHasNoDimTextAndShowsQuestionTimerWhoAnsweredAndNotes() throws {
        var s = try inTransparency()
        s.type("2FT")                      // partly; facilitator mode; timer on
        s.type("D")
        _ = update(&s, .paste("Legal to confirm"))
        s.press(.ctrl("s"))
        s.type("V")
        XCTAssertTrue(s.a.presenting)
        s.now = s.now.addingTimeInterval(75)
        let c = view(s)
        let text = c.plainText()
        XCTAssertTrue(text.contains("Is the model documentation form complete"), text)
        XCTAssertTrue(text.contains("TIME 01:15") || text.contains("TIME 0:01:15"), text)
        XCTAssertTrue(text.contains("Answered by tester"), text)
        XCTAssertTrue(text.contains("Team notes") && text.contains("Legal to confirm"), text)
        XCTAssertFalse(text.contains("│"), "no tree:\n\(text)")
        for y in 0..<c.size.height {
            for x in 0..<c.size.width {
                XCTAssertFalse(c[x, y].style.attributes.contains(.dim), "dim text at \(x),\(y):\n\(text)")
                XCTAssertNil(c[x, y].style.color, "a colour at \(x),\(y) (may not read on a light or dark theme)")
            }
        }
        // Answering still works in the room view; V goes back.
        s.type("1")
        XCTAssertEqual(s.a.session.answers["tr.q1"]?.value, .text("yes"))
        s.type("V")
        XCTAssertFalse(s.a.presenting)
    }

    func testWatchersAreToldWhenTheFacilitatorLeavesOrChanges() throws {
        let q = try TUIFixtures.sample()
        var session = TUIFixtures.session(q)
        session.facilitator = Session.Facilitator(question: "scope.gpai", by: "alice", since: TUIFixtures.now)
        var s = try TUIFixtures.assessment(size: Size(width: 120, height: 30))
        _ = update(&s, .watch(session, q))
        session.facilitator = Session.Facilitator(question: "scope.gpai", by: "bob", since: TUIFixtures.now.addingTimeInterval(60))
        _ = update(&s, .reloaded(session))
        XCTAssertEqual(s.message?.text.hasPrefix("bob took over facilitating at "), true, s.message?.text ?? "")
        session.facilitator = nil
        _ = update(&s, .reloaded(session))
        XCTAssertEqual(s.message?.text.contains("left at "), true)
        XCTAssertEqual(s.message?.text.hasSuffix("— still following the file"), true, s.message?.text ?? "")
        let footer = view(s).plainText().split(separator: "\n").last.map(String.init) ?? ""
        for bad in ["e note", "answer", "toggle"] { XCTAssertFalse(footer.contains(bad), footer) }
        XCTAssertFalse(view(s).plainText().contains("e adds one"), "no editing hints for watchers")
    }

    func testClickOnAnOptionAnswersAndOutsideDoesNothing() throws {
        var s = try TUIFixtures.assessment()
        let lines = view(s).plainText().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let y = try XCTUnwrap(lines.firstIndex { $0.contains("2 ( ) No") })
        let x = try XCTUnwrap(lines[y].range(of: "2 ( ) No")).lowerBound.utf16Offset(in: lines[y])
        XCTAssertEqual(update(&s, .mouse(MouseEvent(x: 79, y: 0, kind: .click))), [], "the header is not a target")
        XCTAssertNil(s.a.session.answers["scope.gpai"])
        let fx = update(&s, .mouse(MouseEvent(x: x + 3, y: y, kind: .click)))
        XCTAssertFalse(fx.isEmpty)
        XCTAssertEqual(s.a.session.answers["scope.gpai"]?.value, .text("no"))
        // While an editor is open a click does nothing (typed text is never lost to it).
        s.type("e")
        s.type("typed")
        XCTAssertEqual(update(&s, .mouse(MouseEvent(x: x + 3, y: y, kind: .click))), [])
        XCTAssertEqual(s.a.editing?.editor.text, "typed")
    }

    func testUndoPutsBackTheLastChangesOfThisSittingInTurn() throws {
        var s = try TUIFixtures.assessment()
        s.type("1")
        s.type("2")
        XCTAssertEqual(s.a.session.answers["scope.gpai"]?.value, .text("no"))
        s.type("u")
        XCTAssertEqual(s.a.session.answers["scope.gpai"]?.value, .text("yes"))
        s.type("u")
        XCTAssertNil(s.a.session.answers["scope.gpai"])
        s.type("u")
        XCTAssertEqual(s.message?.text, "nothing to undo in this sitting")
    }

    func testAKeptDraftIsOfferedOnItsQuestionEnterKeepsEscDiscards() throws {
        var s = try TUIFixtures.assessment()
        s.type("1")
        let d = SessionDraft(question: "tr.q3", field: "value", text: "2026-02-01", by: "tester", at: TUIFixtures.now)
        offerDraft(&s, d)
        XCTAssertEqual(s.a.question, "tr.q3")
        XCTAssertEqual(s.message?.text, "you were typing '2026-02-01' here when the connection dropped")
        XCTAssertEqual(s.type("x"), [], "other keys only repeat the offer")
        XCTAssertNil(s.a.session.answers["tr.q3"])
        let fx = s.press(.enter)
        XCTAssertTrue(fx.contains(.dropDraft(sessionID: s.a.session.id)))
        XCTAssertEqual(s.a.session.answers["tr.q3"]?.value, .text("2026-02-01"))

        offerDraft(&s, SessionDraft(question: "tr.q3", field: "value", text: "2027-01-01", by: "tester", at: TUIFixtures.now))
        XCTAssertEqual(s.press(.escape), [.dropDraft(sessionID: s.a.session.id)])
        XCTAssertEqual(s.a.session.answers["tr.q3"]?.value, .text("2026-02-01"))
    }

    func testWheelScrollsThePaneOrTheTreeUnderThePointer() throws {
        var s = try TUIFixtures.assessment(size: Size(width: 120, height: 30))
        s.type("1")
        let layout = AssessmentLayout(size: s.size, showTree: s.a.showTree)
        let tree = try XCTUnwrap(layout.tree)
        let pane = layout.pane
        _ = update(&s, .mouse(MouseEvent(x: pane.x + 2, y: pane.y + 2, kind: .wheelDown)))
        XCTAssertEqual(s.a.paneScroll, 3)
        XCTAssertTrue(s.a.paneScrolledByUser)
        _ = update(&s, .mouse(MouseEvent(x: pane.x + 2, y: pane.y + 2, kind: .wheelUp)))
        XCTAssertEqual(s.a.paneScroll, 0)
        let cursor = s.a.treeCursor
        _ = update(&s, .mouse(MouseEvent(x: tree.x + 1, y: tree.y + 1, kind: .wheelDown)))
        XCTAssertNotEqual(s.a.treeCursor, cursor, "the wheel over the tree moves through it")
        XCTAssertEqual(s.a.paneScroll, 0, "the pane under the pointer only")
    }

    func testClickOnADashboardGapGoesThere() throws {
        var s = try TUIFixtures.assessment(size: Size(width: 100, height: 30))
        s.type("1n2n")          // scope answered
        s.type("3")             // tr.q1: No, a critical gap
        s.type("n")
        XCTAssertEqual(s.a.question, "tr.q2")
        s.type("d")
        XCTAssertNotNil(s.a.dashboard)
        let lines = view(s).plainText().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let y = try XCTUnwrap(lines.firstIndex { $0.contains("Is the model documentation form complete") }, view(s).plainText())
        _ = update(&s, .mouse(MouseEvent(x: 4, y: y, kind: .click)))
        XCTAssertNil(s.a.dashboard, "the dashboard closes")
        XCTAssertEqual(s.a.question, "tr.q1", lines.joined(separator: "\n"))
    }
}
