import Foundation
import TestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Hang-ups and frozen holders (issue 13): unconfirmed text is offered back, never committed; a frozen
/// holder can be taken over, and on waking writes nothing.
final class TakeOverEndToEndTests: TmuxTestCase {

    func testAHangUpKeepsAnUnconfirmedDateAsADraftOfferedOnResume() throws {
        let t = try TmuxDriver("draft-offer")
        let id = try t.resumeNewSession()
        t.press("1", until: "6 questions now apply")
        t.press("g", until: "Go to measure or question number")
        t.enter("1.1.c", until: "When was it last updated?")
        t.keys("Enter")
        t.waitFor("Enter save")
        t.press("2026-02-01", until: "2026-02-01")
        t.tmux("kill-server")   // the connection drops: SIGHUP
        XCTAssertTrue(t.waitForNoProgram(timeout: 5))
        XCTAssertNil(t.value(id, "tr.q3"), "an unconfirmed value is never the answer")
        usleep(300_000)

        t.start(["resume", id])
        let s = t.waitFor("you were typing '2026-02-01' here when the connection dropped")
        XCTAssertTrue(s.contains("When was it last updated?"), s)
        XCTAssertTrue(s.contains("Enter keep it") && s.contains("Esc discard it"), s)
        t.keys("Enter")
        t.waitFor("kept the draft")
        XCTAssertEqual(t.value(id, "tr.q3"), "2026-02-01")
        XCTAssertFalse(FileManager.default.fileExists(atPath: t.store + "/sessions/.\(id).draft.json"), "taken up: gone")
        t.quit()

        // Esc discards: nothing saved, and no offer next time.
        try? FileManager.default.removeItem(atPath: t.exitFile)
        t.tmux("kill-server")
        usleep(300_000)
        t.start(["resume", id])
        t.waitFor("When was it last updated?")
        t.keys("Enter")
        t.waitFor("Enter save")
        t.keys("C-u")
        t.press("2027-03-04", until: "2027-03-04")
        t.tmux("kill-server")
        XCTAssertTrue(t.waitForNoProgram(timeout: 5))
        usleep(300_000)
        t.start(["resume", id])
        t.waitFor("you were typing '2027-03-04'")
        t.keys("Escape")
        t.waitFor("draft discarded")
        XCTAssertEqual(t.value(id, "tr.q3"), "2026-02-01")
        t.quit()
    }

    func testAFrozenHolderIsTakenOverAndWritesNothingAfterWaking() throws {
        let t = try TmuxDriver("take-over")
        let id = try t.resumeNewSession()
        t.press("1", until: "6 questions now apply")
        t.press("n", until: "Does it have systemic risk?")
        t.press("F", until: "[facilitating]")
        t.start(["watch", id], name: "w1")
        t.waitFor("Does it have systemic risk?", in: "w1")
        let frozen = try XCTUnwrap(t.lockHolder(id))
        kill(frozen, SIGSTOP)
        defer { kill(frozen, SIGCONT) }

        t.start(["resume", id], name: "second")
        t.waitFor("is open elsewhere", in: "second")
        t.press("t", until: "Take over? That terminal can no longer save.", in: "second")
        let ask = t.screen("second")
        XCTAssertTrue(ask.contains("(pid \(frozen))"), "names the holder:\n\(ask)")
        t.press("y", until: "n/p next/prev", in: "second")
        XCTAssertNotEqual(t.lockHolder(id), frozen, "the lock is the second terminal's now")
        let told = t.waitFor("still following the file", in: "w1")   // the watcher is told
        XCTAssertTrue(told.contains("left at "), told)
        t.press("g", until: "Go to measure or question number", in: "second")
        t.type("S.2", to: "second")
        t.tmux(["send-keys", "-t", "second", "Enter"])
        t.waitFor("Does it have systemic risk?", in: "second")
        t.press("1", until: "questions now apply", in: "second")   // systemic risk: yes
        XCTAssertEqual(t.value(id, "scope.systemic"), "yes")

        // The frozen one had typed a key before the take-over; on waking it must not write it.
        t.type("2")
        kill(frozen, SIGCONT)
        // "taken over by NAME at TIME — read-only now", or, once the typed 2 was refused, "read-only: taken over by …".
        let woke = t.waitFor("taken over by ")
        XCTAssertTrue(woke.contains("[read-only]"), woke)
        XCTAssertTrue(woke.contains("(•) Yes"), "the screen shows what the new holder saved:\n\(woke)")
        let before = try Data(contentsOf: URL(fileURLWithPath: t.store + "/sessions/\(id).json"))
        t.type("2")
        t.waitFor("read-only: taken over by ")
        t.quit()
        let after = try Data(contentsOf: URL(fileURLWithPath: t.store + "/sessions/\(id).json"))
        XCTAssertEqual(before, after, "nothing written by the old holder after the take-over")
        XCTAssertEqual(t.value(id, "scope.systemic"), "yes")
        XCTAssertTrue(t.isOpen(id), "the new holder's lock is left alone")
        t.type("q", to: "second")
        XCTAssertEqual(t.exitCode("second"), 0)
        XCTAssertEqual(t.value(id, "scope.systemic"), "yes")
    }
}
