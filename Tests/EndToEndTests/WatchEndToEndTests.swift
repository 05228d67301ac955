import Foundation
import TestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// A workshop through tmux: one terminal runs `resume` in facilitator mode, others run `watch` on
/// the same session (as people on their own SSH logins to the same host would).
final class WatchEndToEndTests: TmuxTestCase {
    /// Creates a session, opens it with `resume` in the main window and switches facilitator mode on.
    func startFacilitating(_ t: TmuxDriver, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let id = try t.resumeNewSession(file: file, line: line)
        t.press("F", until: "[facilitating]", file: file, line: line)
        return id
    }

    /// Files under the sessions folder a process has open (a watcher must hold no lock file).
    func openSessionFiles(_ pid: Int32) -> [String] {
        let dir = "/proc/\(pid)/fd"
        let fds = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return fds.compactMap { try? FileManager.default.destinationOfSymbolicLink(atPath: dir + "/" + $0) }.filter { $0.contains("/sessions/") }
    }

    /// How long a watcher may take to follow: 2 s in the opt-in timing suite, generous otherwise
    /// (a busy machine must not fail the functional check).
    static let followWithin: Double = Prerequisite.timingChecks ? 2 : 15

    /// Waits for `text` in a window and returns how long it took.
    func timeUntil(_ t: TmuxDriver, _ text: String, in name: String, timeout: Double = WatchEndToEndTests.followWithin, file: StaticString = #filePath, line: UInt = #line) -> Double {
        let start = Date()
        t.waitFor(text, in: name, timeout: timeout, file: file, line: line)
        return Date().timeIntervalSince(start)
    }

    func testWatchFollowsTheFacilitatorLiveWithoutTheLock() throws {
        let t = try TmuxDriver("watch")
        let id = try startFacilitating(t)
        t.start(["watch", id], name: "w1")
        t.waitFor("[following", in: "w1")
        t.waitFor(TmuxDriver.firstQuestion, in: "w1")
        let editor = try XCTUnwrap(t.programPids(running: "resume").first)
        let watcher = try XCTUnwrap(t.programPids(running: "watch").first)
        XCTAssertEqual(t.lockHolder(id), editor, "the editor holds the open lock")

        // An answer appears in the watcher within a second or two.
        t.press("1", until: "6 questions now apply")
        var took = timeUntil(t, "(•) Yes", in: "w1")
        XCTAssertLessThan(took, Self.followWithin)
        t.waitFor("1 of 8 answered", in: "w1")
        // The facilitator moves: the watcher goes to the same question.
        t.press("n2n", until: "Is the model documentation form complete")
        took = timeUntil(t, "Is the model documentation form complete", in: "w1")
        XCTAssertLessThan(took, Self.followWithin)
        t.waitFor("following", in: "w1")

        // Many saves, each an atomic replace of the session file: the watcher keeps up with all of them.
        for (key, text) in [("2", "(•) Partly"), ("n", "Are earlier versions kept for 10 years?"), ("1", "(•) Yes"),
                            ("p", "Is the model documentation form complete"), ("3", "(•) No"), ("n", "Are earlier versions kept"),
                            ("2", "(•) No")] {
            t.type(key)
            took = timeUntil(t, text, in: "w1")
            XCTAssertLessThan(took, Self.followWithin, "after \(key)")
        }
        // Another writer (the command line) replaces the file too.
        for v in ["yes", "no", "partly"] {
            let (code, out) = t.cli(["answer", id, "tr.q1", v])
            XCTAssertEqual(code, 0, out)
        }
        t.type("p")
        took = timeUntil(t, "(•) Partly", in: "w1")
        XCTAssertLessThan(took, Self.followWithin)
        // The timer shows in the watcher too.
        t.type("T")
        t.waitFor("00:01 · following", in: "w1", timeout: 3)

        // The watcher never took the lock, and has no lock file open.
        XCTAssertEqual(t.lockHolder(id), editor)
        XCTAssertTrue(openSessionFiles(watcher).isEmpty, "\(openSessionFiles(watcher))")

        // Looking around stops following; f catches up.
        t.press("n", until: "watching · f follows", in: "w1")
        t.press("p", until: "Does it have systemic risk?")   // the facilitator moves back (to the scope): the watcher stays where it looked
        usleep(800_000)
        XCTAssertTrue(t.screen("w1").contains("Are earlier versions kept"), t.screen("w1"))
        t.press("f", until: "Does it have systemic risk?", in: "w1")
        t.waitFor("following", in: "w1")

        // The facilitator leaves: the publication is withdrawn; the watcher stays and keeps following the file.
        t.quit()
        XCTAssertNil(t.session(id)?["facilitator"])
        t.waitFor("[following]", in: "w1")
        let (code, out) = t.cli(["answer", id, "tr.q1", "no"])
        XCTAssertEqual(code, 0, out)
        t.waitFor("(•) No", in: "w1")
        XCTAssertFalse(t.isOpen(id), "the editor released its lock; the watcher never had one")
        t.quit("w1")
        XCTAssertTrue(t.terminalRestored("w1"))
    }

    func testFiveWatchersFollowAtOnceAndIdleWithoutCPU() throws {
        let t = try TmuxDriver("watch5")
        let id = try startFacilitating(t)
        let names = (1...5).map { "w\($0)" }
        for (k, n) in names.enumerated() {
            // The last one without inotify: it checks the file every 0.5 s.
            t.start(["watch", id], extraEnv: k == 4 ? ["GPAI_ASSESS_WATCH_POLL": "1"] : [:], name: n)
        }
        for n in names { t.waitFor("[following", in: n) }
        XCTAssertEqual(t.programPids(running: "watch").count, 5)
        let editor = try XCTUnwrap(t.programPids(running: "resume").first)
        XCTAssertEqual(t.lockHolder(id), editor)

        t.press("1n2n", until: "Is the model documentation form complete")
        for n in names {
            t.waitFor("Is the model documentation form complete", in: n, timeout: Self.followWithin)
            t.waitFor("2 of 8 answered", in: n, timeout: Self.followWithin)
        }
        t.type("2")
        for n in names { t.waitFor("(•) Partly", in: n, timeout: Self.followWithin) }

        // Idle: nobody types, nothing is saved. The watchers use (almost) no CPU.
        usleep(300_000)
        let watchers = t.programPids(running: "watch")
        let before = watchers.map { TmuxDriver.cpuTicks($0) ?? 0 }
        sleep(2)
        let after = watchers.map { TmuxDriver.cpuTicks($0) ?? 0 }
        for (i, p) in watchers.enumerated() {
            if Prerequisite.timingChecks {
                XCTAssertLessThanOrEqual(after[i] - before[i], 3, "watcher \(p) idle for 2 s must use (almost) no CPU")
            }
            XCTAssertTrue(openSessionFiles(p).isEmpty)
        }
        XCTAssertEqual(t.lockHolder(id), editor, "no watcher took the lock")
        t.quit()
        for n in names {
            t.quit(n)
        }
        XCTAssertTrue(t.programPids().isEmpty)
    }

    func testWatchOfAnUnknownSessionSaysSo() throws {
        let t = try TmuxDriver("watchnone")
        let (code, out) = t.cli(["watch", "no-such-session"])
        XCTAssertNotEqual(code, 0)
        XCTAssertTrue(out.contains("no-such-session"), out)
    }
}
