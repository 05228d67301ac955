import Foundation
import TestSupport
import XCTest

/// The mouse at a real terminal (issue 13): clicks arrive as the terminal's SGR reports, as tmux passes them on.
final class MouseEndToEndTests: TmuxTestCase {

    /// Screen cell (0-based column, row) where `text` starts, if shown.
    func locate(_ text: String, in screen: String) -> (Int, Int)? {
        for (y, line) in screen.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let r = line.range(of: text) { return (line.distance(from: line.startIndex, to: r.lowerBound), y) }
        }
        return nil
    }

    /// A left click (press and release) at a 0-based cell, as an xterm in SGR mouse mode reports it.
    func click(_ t: TmuxDriver, _ x: Int, _ y: Int) {
        t.type("\u{1B}[<0;\(x + 1);\(y + 1)M")
        t.type("\u{1B}[<0;\(x + 1);\(y + 1)m")
    }

    func wheel(_ t: TmuxDriver, down: Bool, _ x: Int, _ y: Int) {
        t.type("\u{1B}[<\(down ? 65 : 64);\(x + 1);\(y + 1)M")
    }

    func testClickOnAnOptionAnswersItAndOnATreeItemGoesThere() throws {
        let t = try TmuxDriver("mouse")
        let id = try t.newSession()
        t.start(["resume", id], width: 120, height: 30)   // wide enough for the tree
        t.waitFor(TmuxDriver.firstQuestion)
        XCTAssertEqual(t.tmux("display-message", "-p", "-t", "main", "#{mouse_sgr_flag}").trimmingCharacters(in: .whitespacesAndNewlines), "1",
                       "the terminal is asked for mouse reports")
        let s = t.screen()
        let (x, y) = try XCTUnwrap(locate("1 ( ) Yes", in: s), s)
        click(t, x + 4, y)
        t.waitFor("6 questions now apply")
        XCTAssertEqual(t.value(id, "scope.gpai"), "yes")

        // A tree item: the chapter, then (unfolded) the measure 1.2, each to its first question.
        let s2 = t.waitFor("T Transparency")
        let (cx, cy) = try XCTUnwrap(locate("T Transparency", in: s2), s2)
        click(t, cx, cy)
        let s3 = t.waitFor("Is the model documentation form complete")
        let (tx, ty) = try XCTUnwrap(locate("1.2 Provide", in: s3), s3)
        click(t, tx, ty)
        t.waitFor("How mature is the request process?")

        // The wheel scrolls the tree under the pointer; clicks in empty space do nothing.
        wheel(t, down: true, tx, ty)
        click(t, 70, 20)
        usleep(300_000)
        XCTAssertTrue(t.screen().contains("How mature is the request process?"))
        XCTAssertNil(t.value(id, "tr.q4"), "no click landed on an option")
        t.quit()
    }

    func testNoMouseLeavesTheMouseToTheTerminal() throws {
        let t = try TmuxDriver("no-mouse")
        let id = try t.newSession()
        t.start(["resume", id, "--no-mouse"])
        let s = t.waitFor(TmuxDriver.firstQuestion)
        XCTAssertEqual(t.tmux("display-message", "-p", "-t", "main", "#{mouse_any_flag}#{mouse_standard_flag}#{mouse_sgr_flag}").trimmingCharacters(in: .whitespacesAndNewlines), "000")
        let (x, y) = try XCTUnwrap(locate("1 ( ) Yes", in: s), s)
        click(t, x + 4, y)   // a stray report is never taken as keys
        usleep(300_000)
        XCTAssertNil(t.answer(id, "scope.gpai"))
        t.quit()
    }
}
