import Foundation
import TestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Keys you can trust (issue 13): each test drives the real binary in tmux and fails on a build with the defect.
final class KeysEndToEndTests: TmuxTestCase {

    /// Goes to a question by its number with `g`.
    func go(_ t: TmuxDriver, _ number: String, until text: String) {
        t.press("g", until: "Go to measure or question number")
        t.enter(number, until: text)
    }

    /// With `ixon` on, Ctrl-S froze the screen while later keys were still acted on unseen.
    func testCtrlSInTheNoteEditorSavesAndTheScreenKeepsUpdating() throws {
        let t = try TmuxDriver("ctrl-s")
        let id = try t.resumeNewSession()
        t.press("e", until: "Note (")
        t.press("first note", until: "first note")
        t.keys("C-s")
        t.waitFor("note saved")
        XCTAssertEqual(t.answer(id, "scope.gpai")?["note"] as? String, "first note")
        t.press("n", until: "Does it have systemic risk?")   // the screen still follows the keys
        t.press("e", until: "Ctrl-S/F2 save")
        t.press("Z", until: "Z")
        t.keys("F2")
        t.waitFor("note saved")
        XCTAssertEqual(t.answer(id, "scope.systemic")?["note"] as? String, "Z")
        t.quit()
        let stty = (try? String(contentsOfFile: t.dir + "/stty-after-main", encoding: .utf8)) ?? ""
        let words = Set(stty.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
        XCTAssertTrue(words.contains("ixon"), "flow control is the shell's again after quitting:\n\(stty)")
    }

    /// Under LANG=C, typing `Zürich` in a note saved `Z` and dropped every key after `ü`.
    func testLangCNoteKeepsEveryCharacterAndTheLocaleIsNamed() throws {
        let t = try TmuxDriver("lang-c")
        let id = try t.newSession()
        t.start(["resume", id], extraEnv: ["LANG": "C", "LC_ALL": "C"])
        let first = t.waitFor("general-purpose AI model?")
        t.press("e", until: "Note (")
        t.type("Zürich – 東京")
        t.press(" ok", until: " ok")
        t.keys("C-s")
        t.waitFor("note saved")
        XCTAssertEqual(t.answer(id, "scope.gpai")?["note"] as? String, "Zürich – 東京 ok")
        XCTAssertTrue(first.contains("your locale is C; set LANG=C.UTF-8 to see accents"), first)
        t.quit()
    }

    /// Enter, Ctrl-U, Esc on a text answer removed the answer; Esc now asks, and clearing can be undone.
    func testEscapeOnAChangedTextAnswerAsksAndKeepsTheAnswer() throws {
        let t = try TmuxDriver("esc-rule")
        let id = try t.resumeNewSession()
        t.press("1", until: "6 questions now apply")
        go(t, "1.2.c", until: "Who answers requests?")
        t.keys("Enter")
        t.waitFor("Ctrl-S/F2 save")
        t.press("Alice", until: "Alice")
        t.keys("C-s")
        t.waitFor("answer saved")
        XCTAssertEqual(t.value(id, "tr.q6"), "Alice")

        t.keys("Enter")
        t.waitFor("Ctrl-S/F2 save")
        t.keys("C-u")
        t.keys("Escape")
        t.waitFor("discard changes? y discards")
        XCTAssertEqual(t.value(id, "tr.q6"), "Alice", "nothing saved by Esc")
        t.press("y", until: "changes discarded")
        XCTAssertEqual(t.value(id, "tr.q6"), "Alice")

        // Esc with nothing typed closes at once.
        t.keys("Enter")
        t.waitFor("Ctrl-S/F2 save")
        t.keys("Escape")
        let s = t.waitFor("Enter edit")
        XCTAssertFalse(s.contains("discard changes?"), s)

        // Clearing says so; u puts it back.
        t.press("x", until: "answer cleared — u undoes")
        XCTAssertNil(t.value(id, "tr.q6"))
        t.press("u", until: "undone")
        XCTAssertEqual(t.value(id, "tr.q6"), "Alice")
        t.quit()
    }

    /// A half-typed date is no error; confirming a wrong one says how to write it.
    func testDateIsCheckedOnConfirmInPlainWords() throws {
        let t = try TmuxDriver("date")
        let id = try t.resumeNewSession()
        t.press("1", until: "6 questions now apply")
        go(t, "1.1.c", until: "When was it last updated?")
        t.keys("Enter")
        t.waitFor("Enter save")
        let typing = t.press("2026-0", until: "2026-0")
        XCTAssertFalse(typing.contains("unknown value"), typing)
        XCTAssertFalse(typing.contains("not a date"), typing)
        t.keys("Enter")
        t.waitFor("'2026-0' is not a date; write it as 2026-02-01")
        XCTAssertNil(t.value(id, "tr.q3"))
        t.press("2-01", until: "2026-02-01")
        t.keys("Enter")
        t.waitFor("answer saved")
        XCTAssertEqual(t.value(id, "tr.q3"), "2026-02-01")
        t.quit()
    }

    /// With the tree focused, letters for the question (`e`) or commands (`R`) ran behind the user's back.
    func testTreeFocusIgnoresKeysThatDoNotApplyAndSaysWhereFocusIs() throws {
        let t = try TmuxDriver("tree-focus")
        let id = try t.resumeNewSession()
        t.keys("Tab")
        t.waitFor("Enter open")
        t.press("R", until: "focus is on the tree")
        XCTAssertFalse(t.screen().contains("Write a report"))
        t.type("e1")
        usleep(300_000)
        let s = t.waitFor("focus is on the tree")
        XCTAssertFalse(s.contains("Ctrl-S/F2"), "no editor opened:\n\(s)")
        XCTAssertNil(t.answer(id, "scope.gpai"))
        t.keys("Tab")
        t.press("1", until: "6 questions now apply")
        t.quit()
    }

    /// The read-only footer offered "Space toggle … e note"; it shows only what works there.
    func testReadOnlyFooterShowsOnlyWhatWorks() throws {
        let t = try TmuxDriver("ro-footer")
        let id = try t.resumeNewSession()
        t.start(["resume", id], name: "second")
        t.waitFor("is open elsewhere", in: "second")
        t.press("r", until: "[read-only]", in: "second")
        // The title line can be on the pane before the footer of the same frame: wait for the footer.
        let s = t.waitFor("next/prev", in: "second")
        let footer = s.split(separator: "\n").last.map(String.init) ?? ""
        XCTAssertTrue(footer.contains("next/prev"), footer)
        for bad in ["e note", "answer", "toggle", "N/A"] { XCTAssertFalse(footer.contains(bad), "'\(bad)' in \(footer)") }
        t.type("q", to: "second")
        t.quit()
    }

    /// Under TERM=linux or vt100 the screen used `◔ █ ›`, which those terminals cannot show.
    func testLinuxAndVT100TerminalsGetASCIIMarks() throws {
        for term in ["linux", "vt100"] {
            let t = try TmuxDriver("term-" + term)
            let id = try t.newSession("Zürich model")
            t.start(["resume", id], extraEnv: ["TERM": term])
            t.waitFor(TmuxDriver.firstQuestion)
            t.press("1", until: "6 questions now apply")
            t.press("d", until: "Dashboard")
            let s = t.screen()
            for mark in ["◔", "█", "░", "›", "○", "─", "│", "✓", "…", "•"] {
                XCTAssertFalse(s.contains(mark), "\(term): '\(mark)' on screen:\n\(s)")
            }
            XCTAssertTrue(s.contains("Zürich model"), "\(term): user text keeps its letters:\n\(s)")
            t.quit()
        }
    }

    /// The command line refused option numbers that the screen and plain mode accept.
    func testAnswerCommandAcceptsOptionNumbersAndSaysWhichOption() throws {
        let t = try TmuxDriver("cli-number")
        let id = try t.newSession()
        let (code, out) = t.cli(["answer", id, "scope.gpai", "1"])
        XCTAssertEqual(code, 0, out)
        XCTAssertTrue(out.contains("recorded option 1 'Yes' (yes) for 'scope.gpai'"), out)
        XCTAssertEqual(t.value(id, "scope.gpai"), "yes")
        let (c2, o2) = t.cli(["answer", id, "tr.q1", "2"])
        XCTAssertEqual(c2, 0, o2)
        XCTAssertEqual(t.value(id, "tr.q1"), "partly")
        let (c3, o3) = t.cli(["answer", id, "tr.q1", "4"])
        XCTAssertNotEqual(c3, 0)
        XCTAssertTrue(o3.contains("unknown value '4'"), o3)
        XCTAssertEqual(t.value(id, "tr.q1"), "partly", "a refused answer changes nothing")
    }

    /// Start 80×24 from a shell, resize to 100×30, quit: a line of the last frame was left on the shell's screen.
    func testResizeThenQuitLeavesNoStaleLineOnTheShell() throws {
        let t = try TmuxDriver("resize-quit")
        let id = try t.newSession()
        var env = t.environment
        env["PS1"] = "$ "
        let envPart = env.sorted { $0.key < $1.key }.map { "\($0.key)=\(t.shellQuote($0.value))" }.joined(separator: " ")
        t.tmux(["new-session", "-d", "-x", "80", "-y", "24", "-c", t.dir, "-s", "main", "env -i \(envPart) sh"])
        usleep(200_000)
        let cmd = ([TmuxDriver.binary, "--store", t.store, "resume", id]).map(t.shellQuote).joined(separator: " ")
        t.tmux(["send-keys", "-t", "main", "echo before; " + cmd + "; echo after-$?", "Enter"])
        t.waitFor(TmuxDriver.firstQuestion)
        t.resize(100, 30)
        usleep(400_000)
        t.waitFor(TmuxDriver.firstQuestion)
        t.type("q")
        let s = t.waitFor("after-0")
        for mark in ["│", "─", "question", "answer"] {
            XCTAssertFalse(s.contains(mark), "'\(mark)' left on the shell's screen:\n\(s)")
        }
        let lines = s.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertTrue(lines.first?.hasPrefix("$ echo before") == true, "the shell's screen starts where it was:\n\(s)")
    }
}
