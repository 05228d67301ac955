import Foundation
import TestSupport
import XCTest

/// The room view and watchers at a real terminal (issue 13).
final class RoomViewEndToEndTests: TmuxTestCase {

    func testRoomViewHasNoDimTextAndWatchersAreToldWhenTheFacilitatorLeaves() throws {
        let t = try TmuxDriver("room")
        let id = try t.newSession("Workshop")
        t.start(["resume", id, "--facilitate"], width: 100, height: 30)
        t.waitFor("[facilitating]")
        t.press("1", until: "6 questions now apply")
        t.press("n2n", until: "Is the model documentation form complete")
        t.press("T", until: "00:0")
        t.press("V", until: "V leaves the room view")
        let s = t.waitFor("TIME ")
        XCTAssertTrue(s.contains("Is the model documentation form complete"), s)
        XCTAssertTrue(s.contains("Not answered yet"), s)
        XCTAssertFalse(s.contains("│"), "no tree in the room view:\n\(s)")
        let styled = t.tmux("capture-pane", "-p", "-e", "-t", "main")
        XCTAssertFalse(styled.contains("\u{1B}[2m") || styled.contains(";2m") || styled.contains("[2;"), "no dim text:\n\(styled)")
        t.press("2", until: "Answered by ")

        t.start(["watch", id], name: "w1")
        t.waitFor("Is the model documentation form complete", in: "w1")
        let w = t.screen("w1")
        for hint in ["e adds one", "v adds", "Enter to type", "e note", "Space toggle"] {
            XCTAssertFalse(w.contains(hint), "'\(hint)' shown to a watcher:\n\(w)")
        }
        t.quit()
        let after = t.waitFor("still following the file", in: "w1")
        XCTAssertTrue(after.contains("left at "), after)
        t.type("q", to: "w1")
        XCTAssertEqual(t.exitCode("w1"), 0)
    }
}

/// Plain mode at a real terminal: an empty line on an unanswered optional question moves on, and it is marked.
final class PlainOptionalEndToEndTests: TmuxTestCase {
    func testEmptyLineOnAnOptionalQuestionMovesOn() throws {
        let t = try TmuxDriver("plain-optional")
        let id = try t.newSession()
        t.start(["resume", id, "--plain"])
        t.waitFor("Answer 1 to 2:")
        t.enter("1", until: "Does it have systemic risk?")
        t.enter("2", until: "Is the model documentation form complete")
        t.enter("g 1.2", until: "How mature is the request process?")
        t.enter("s", until: "Which channels do you offer?")
        t.enter("s", until: "Optional: an empty line leaves it unanswered and moves on.")
        t.keys("Enter")
        t.waitFor("Left unanswered (optional).")
        XCTAssertNil(t.answer(id, "tr.q6"))
        t.type("q")
        t.keys("Enter")
        XCTAssertEqual(t.exitCode(), 0)
    }
}
