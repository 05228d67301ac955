import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The red-team campaign's attacks on the full screen (issue 17), at a real terminal (tmux).
final class RedTeamEndToEndTests: TmuxTestCase {
    /// H5: an answer given on the command line while the session is open on screen is never
    /// overwritten: a change on screen changes only its own field, and when that same field changed
    /// elsewhere the person sees both and chooses.
    func testScreenEditNeverOverwritesAConcurrentCommandLineAnswer() throws {
        let t = try TmuxDriver("concurrent")
        let id = try t.newSession()
        XCTAssertEqual(t.cli(["answer", id, "scope.gpai", "yes", "--note", "orig tui"]).0, 0)
        t.start(["resume", id])
        t.waitFor("orig tui")
        // The command line changes value and evidence; the screen (still showing "yes") changes the note.
        XCTAssertEqual(t.cli(["answer", id, "scope.gpai", "no", "--evidence", "CLI-EV"]).0, 0)
        t.press("e", until: "Note (Ctrl-S or F2 saves, Esc cancels)")
        t.press(" plus", until: "orig tui plus")
        t.keys("C-s")
        t.waitFor("Note (e edits)")
        XCTAssertEqual(t.value(id, "scope.gpai"), "no", "the command line's value stays")
        XCTAssertEqual(t.answer(id, "scope.gpai")?["evidence"] as? [String], ["CLI-EV"], "the command line's evidence stays")
        XCTAssertEqual(t.answer(id, "scope.gpai")?["note"] as? String, "orig tui plus")
        // Now the command line changes the note itself while it is edited on screen.
        XCTAssertEqual(t.cli(["answer", id, "scope.gpai", "no", "--note", "cli-note"]).0, 0)
        t.press("e", until: "Note (Ctrl-S or F2 saves, Esc cancels)")
        t.press(" again", until: "plus again")
        t.keys("C-s")
        let s = t.waitFor("Changed elsewhere meanwhile")
        XCTAssertTrue(s.contains("cli-note") && s.contains("orig tui plus again"), "both versions shown:\n\(s)")
        XCTAssertEqual(t.answer(id, "scope.gpai")?["note"] as? String, "cli-note", "nothing overwritten while asking")
        t.press("m", until: "saved your version")
        XCTAssertEqual(t.answer(id, "scope.gpai")?["note"] as? String, "orig tui plus again")
        XCTAssertEqual(t.value(id, "scope.gpai"), "no")
        XCTAssertEqual(t.answer(id, "scope.gpai")?["evidence"] as? [String], ["CLI-EV"])
        t.quit()
    }

    /// H5 while leaving: a note typed on screen whose stored version changed meanwhile is not saved over
    /// it at SIGTERM (nobody can be asked then); it is kept as a draft and the exit message says so.
    func testConflictWhileLeavingKeepsTheScreenVersionAsADraft() throws {
        let t = try TmuxDriver("conflictquit")
        let id = try t.newSession()
        XCTAssertEqual(t.cli(["answer", id, "scope.gpai", "yes", "--note", "orig"]).0, 0)
        t.start(["resume", id])
        t.waitFor("orig")
        t.press("e", until: "Note (Ctrl-S or F2 saves, Esc cancels)")
        t.press(" mine", until: "orig mine")
        XCTAssertEqual(t.cli(["answer", id, "scope.gpai", "yes", "--note", "theirs"]).0, 0)
        t.press("!", until: "orig mine!")
        XCTAssertTrue(t.signalProgram(SIGTERM))
        XCTAssertEqual(t.exitCode(), 143)
        XCTAssertEqual(t.answer(id, "scope.gpai")?["note"] as? String, "theirs", "not overwritten")
        let draft = (try? String(contentsOfFile: t.store + "/sessions/.\(id).draft.json", encoding: .utf8)) ?? ""
        XCTAssertTrue(draft.contains("orig mine!"), "kept as a draft: \(draft)")
        XCTAssertTrue(t.screen().contains("changed elsewhere meanwhile"), t.screen())
    }

    /// H1: a huge paste is read in linear time, bounded (100,000 characters read, the note editor keeps
    /// 20,000), and what is beyond the bound is dropped with a message: never read as keys (an Escape and an x there would close the editor and clear the answer).
    func testHugePasteIsBoundedQuickAndNeverRunsAsKeys() throws {
        let t = try TmuxDriver("bigpaste")
        let id = try t.newSession()
        XCTAssertEqual(t.cli(["answer", id, "scope.gpai", "yes"]).0, 0)
        t.start(["resume", id])
        t.waitFor(TmuxDriver.firstQuestion)
        t.press("e", until: "Note (Ctrl-S or F2 saves, Esc cancels)")
        let file = t.dir + "/paste.txt"
        let text = String(repeating: "a", count: 100_000) + "\u{1B}x" + String(repeating: "b", count: 60_000) + "\u{1B}x"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        t.tmux(["load-buffer", "-b", "big", file])
        let start = Date()
        t.tmux(["paste-buffer", "-p", "-b", "big", "-t", "main"])
        t.waitFor("paste cut at 100000 characters", timeout: 30)
        XCTAssertLessThan(Date().timeIntervalSince(start), 10, "read in linear time")
        t.keys("C-s")
        t.waitFor("Note (e edits)")
        let note = t.answer(id, "scope.gpai")?["note"] as? String ?? ""
        XCTAssertEqual(note.count, 20_000, "the editor's bound")
        XCTAssertTrue(note.allSatisfy { $0 == "a" }, "only the text within the bound")
        XCTAssertEqual(t.value(id, "scope.gpai"), "yes", "the confirmed answer was not cleared")
        t.quit()
    }

    /// L1: Ctrl-\ (SIGQUIT) leaves like SIGTERM: terminal restored, the note being typed saved.
    func testCtrlBackslashLeavesLikeSIGTERM() throws {
        let t = try TmuxDriver("sigquit")
        let id = try t.resumeNewSession()
        t.press("e", until: "Note (Ctrl-S or F2 saves, Esc cancels)")
        t.press("kept at quit", until: "kept at quit")
        t.hexKeys("1c")
        XCTAssertEqual(t.exitCode(), 131)
        XCTAssertTrue(t.terminalRestored(), "cooked mode and echo are back")
        XCTAssertFalse(t.screen().contains("Note (Ctrl-S or F2 saves, Esc cancels)"), "the alternate screen was left")
        XCTAssertEqual(t.answer(id, "scope.gpai")?["note"] as? String, "kept at quit")
        XCTAssertTrue(t.programPids().isEmpty)
    }

    /// M1: Ctrl-C or SIGTERM while a one-line value is being typed keeps the confirmed answer; the
    /// unconfirmed text is kept as a draft beside the session, never as the answer.
    func testSignalsNeverCommitAHalfTypedValue() throws {
        for (how, code) in [("SIGTERM", Int32(143)), ("Ctrl-C", Int32(130))] {
            let t = try TmuxDriver("m1")
            let id = try t.newSession()
            XCTAssertEqual(t.cli(["answer", id, "scope.gpai", "yes"]).0, 0)
            XCTAssertEqual(t.cli(["answer", id, "tr.q3", "2025-01-01"]).0, 0)
            t.start(["resume", id])
            t.waitFor("2025-01-01")
            t.keys("Enter")
            t.keys("C-u")
            t.press("2026-02-02", until: "2026-02-02")
            if how == "SIGTERM" { XCTAssertTrue(t.signalProgram(SIGTERM)) } else { t.keys("C-c") }
            XCTAssertEqual(t.exitCode(), code, how)
            XCTAssertEqual(t.value(id, "tr.q3"), "2025-01-01", "\(how): the confirmed answer stays")
            let draft = (try? String(contentsOfFile: t.store + "/sessions/.\(id).draft.json", encoding: .utf8)) ?? ""
            XCTAssertTrue(draft.contains("2026-02-02") && draft.contains("tr.q3"), "\(how): kept as a draft: \(draft)")
        }
    }
}
