import AssessmentCore
import AssessmentStore
import Foundation
import TestSupport
import XCTest
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Plain mode through the real binary: a whole assessment piped into `gpai-assess`, as a
/// screen-reader user or a script would give it, checked against the saved session file.
final class PlainModeCLITests: XCTestCase {
    var store = ""

    override func setUp() { store = Fixtures.temporaryDirectory("plain-cli") }
    override func tearDown() { try? FileManager.default.removeItem(atPath: store) }

    func run(_ args: [String], stdin: String, env: [String: String] = [:], expect status: Int32 = 0,
             file: StaticString = #filePath, line: UInt = #line) throws -> RunResult {
        let r = try runCLI(args, store: store, env: env, stdin: stdin)
        XCTAssertEqual(r.status, status, "gpai-assess \(args.joined(separator: " "))\nstdout: \(r.stdout)\nstderr: \(r.stderr)", file: file, line: line)
        XCTAssertFalse(r.stdout.utf8.contains(0x1B), "an escape byte in plain mode's output:\n\(r.stdout)", file: file, line: line)
        XCTAssertFalse(r.stderr.utf8.contains(0x1B), file: file, line: line)
        return r
    }

    func newSession(_ title: String = "Acme Q3") throws -> String {
        try run(["new", "--questionnaire", "mini", "--title", title, "--no-tui"], stdin: "").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func session(_ id: String) throws -> JSONNode {
        try JSONParser.parse(fileBytes("\(store)/sessions/\(id).json"))
    }

    func testAWholeMiniAssessmentPipedThroughPlainMode() throws {
        let id = try newSession()
        let script = [
            "1",                          // scope.gpai: yes
            "7000000000",                 // scope.params
            "1.5e12",                     // scope.tokens
            "1",                          // scope.systemic: yes, Safety and Security applies
            "note", "Sections 5-8 missing",
            "e", "DOC-112",
            "2",                          // tr.1.1.q1: partly
            "na", "First release, nothing earlier to keep",
            "2025-13-01", "2025-06-30",   // tr.1.1.q3: an invalid date first
            "4",                          // tr.1.2.q1: optimised (scale typed by its value)
            "1,2",                        // tr.1.2.q2: web form and e-mail
            "The legal desk",             // tr.1.2.q3
            "yes",                        // ss.1.1.q1 by value
            "150", "12",                  // ss.1.1.q2: above the maximum first
            "p", "q",
        ].joined(separator: "\n") + "\n"
        let r = try run(["--plain", "resume", id], stdin: script)
        let out = r.stdout
        XCTAssertEqual(r.stderr, "")
        XCTAssertFalse(out.contains("Plain mode, because"), "asked for with --plain: no explanation")
        XCTAssertTrue(out.contains("Scope, question 1 of 4.\nIs the model a general-purpose AI model?\n1. Yes.\n2. No.\n"), out)
        XCTAssertTrue(out.contains("Chapter Transparency now applies. Only for general-purpose AI models."), out)
        XCTAssertTrue(out.contains("Chapter Safety and Security now applies. Only for models with systemic risk."), out)
        XCTAssertTrue(out.contains("Transparency, measure 1.1, question 2 of 3."), out)
        XCTAssertTrue(out.contains("Not saved: '2025-13-01' is not a date; write it as 2026-02-01 (year-month-day)."), out)
        XCTAssertTrue(out.contains("Not saved: value 150 for question 'ss.1.1.q2' is above the maximum 120."), out)
        XCTAssertTrue(out.contains("End of the questionnaire. 12 of 12 answered.\nEvery applicable question is answered."), out)
        XCTAssertTrue(out.contains("Overall: partially met, score 80 percent, 12 of 12 answered."), out)
        XCTAssertTrue(out.hasSuffix("Everything is saved. Goodbye.\n"), out)
        // Every prompt ends its line when input is a pipe.
        XCTAssertTrue(out.contains("Answer 1 to 2:\n"), out)

        let s = try session(id)
        let a = try XCTUnwrap(s["answers"])
        XCTAssertEqual(a["scope.gpai"]?["value"]?.string, "yes")
        XCTAssertEqual(a["scope.params"]?["value"]?.number, 7e9)
        XCTAssertEqual(a["scope.tokens"]?["value"]?.number, 1.5e12)
        XCTAssertEqual(a["tr.1.1.q1"]?["value"]?.string, "partly")
        XCTAssertEqual(a["tr.1.1.q1"]?["note"]?.string, "Sections 5-8 missing")
        XCTAssertEqual(a["tr.1.1.q1"]?["evidence"]?.array?.compactMap(\.string), ["DOC-112"])
        XCTAssertEqual(a["tr.1.1.q2"]?["notApplicable"]?.bool, true)
        XCTAssertEqual(a["tr.1.1.q2"]?["justification"]?.string, "First release, nothing earlier to keep")
        XCTAssertNil(a["tr.1.1.q2"]?["value"])
        XCTAssertEqual(a["tr.1.1.q3"]?["value"]?.string, "2025-06-30")
        XCTAssertEqual(a["tr.1.2.q1"]?["value"]?.string, "4")
        XCTAssertEqual(a["tr.1.2.q2"]?["value"]?.array?.compactMap(\.string), ["web", "email"])
        XCTAssertEqual(a["tr.1.2.q3"]?["value"]?.string, "The legal desk")
        XCTAssertEqual(a["ss.1.1.q1"]?["value"]?.string, "yes")
        XCTAssertEqual(a["ss.1.1.q2"]?["value"]?.number, 12)
        XCTAssertEqual(a["ss.1.1.q1"]?["by"]?.string, CurrentUserName())
        XCTAssertEqual(s["history"]?.array?.count, 14, "12 answers, plus the note and the evidence saved on their own")
        XCTAssertEqual(s["position"]?["question"]?.string, "ss.1.1.q2")
        XCTAssertFalse(FileManager.default.fileExists(atPath: "\(store)/sessions/.\(id).open"), "the lock is released")

        let score = try JSONParser.parse(try run(["score", id, "--json"], stdin: "").stdout)
        XCTAssertEqual(score["overall"]?["coverage"]?.number, 1)
        XCTAssertEqual(score["overall"]?["answered"]?.number, 12)
    }

    func testStandardInputThatIsNotATerminalPicksPlainModeAutomatically() throws {
        let id = try newSession()
        let r = try run(["resume", id], stdin: "1\n2e9\n", env: ["TERM": "xterm-256color"])
        XCTAssertTrue(r.stdout.hasPrefix("Plain mode, because standard input is not a terminal.\nAssessment: Acme Q3.\n"), r.stdout)
        XCTAssertTrue(r.stdout.hasSuffix("End of input. Everything is saved.\n"), "input ends: a clean exit\n\(r.stdout)")
        let a = try XCTUnwrap(try session(id)["answers"])
        XCTAssertEqual(a["scope.gpai"]?["value"]?.string, "yes")
        XCTAssertEqual(a["scope.params"]?["value"]?.number, 2e9)

        // Resuming lands on the next question.
        let again = try run(["resume", id], stdin: "")
        XCTAssertTrue(again.stdout.contains("2 of 10 answered. Continuing where you left off."), again.stdout)
        XCTAssertTrue(again.stdout.contains("Scope, question 3 of 4.\nTraining tokens\n"), again.stdout)
    }

    func testNoArgumentsGivesTheSessionListAndANewAssessment() throws {
        let r = try run([], stdin: "n\n1\nPiped assessment\n2\nq\n")
        XCTAssertTrue(r.stdout.contains("No saved assessments yet."), r.stdout)
        XCTAssertTrue(r.stdout.contains("Questionnaires:\n1. Mini test questionnaire, version 1.0.0.\n"), r.stdout)
        XCTAssertTrue(r.stdout.contains("Created assessment piped-assessment-"), r.stdout)
        let list = try JSONParser.parse(try run(["list", "--json"], stdin: "").stdout)
        XCTAssertEqual(list.array?.count, 1)
        XCTAssertEqual(list.array?[0]["title"]?.string, "Piped assessment")
        let id = try XCTUnwrap(list.array?[0]["id"]?.string)
        XCTAssertEqual(try session(id)["answers"]?["scope.gpai"]?["value"]?.string, "no")

        // `new` without --no-tui opens the new session in plain mode too.
        let n = try run(["new", "-q", "mini", "-t", "Second"], stdin: "1\n")
        XCTAssertTrue(n.stdout.contains("Assessment: Second."), n.stdout)
        let home = try run([], stdin: "2\nq\n")
        XCTAssertTrue(home.stdout.contains("1. Second, Mini test questionnaire, 1 of 10 answered"), home.stdout)
        XCTAssertTrue(home.stdout.contains("Assessment: Piped assessment."), home.stdout)
    }

    func testASessionOpenElsewhereOffersReadOnlyOrExitsWithTheHolder() throws {
        let id = try newSession()
        let lock = #"{"host":"\#(SessionLock.hostName)","pid":1,"since":"2026-01-01T09:00:00.000Z","user":"bob"}"#
        try Data(lock.utf8).write(to: URL(fileURLWithPath: "\(store)/sessions/.\(id).open"))
        let r = try run(["--plain", "resume", id], stdin: "", expect: 1)
        XCTAssertTrue(r.stdout.contains("Type r to open it read-only, t to take it over (that terminal can then no longer save), or q to quit."), r.stdout)
        XCTAssertTrue(r.stderr.hasPrefix("gpai-assess: session '\(id)' is open elsewhere (held by bob on \(SessionLock.hostName) (pid 1)"), r.stderr)

        let ro = try run(["--plain", "resume", id], stdin: "r\n1\nq\n")
        XCTAssertTrue(ro.stdout.contains("Read-only: this assessment is open elsewhere, so answers cannot be changed here."), ro.stdout)
        XCTAssertEqual(try session(id)["answers"]?.members?.count ?? 0, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: "\(store)/sessions/.\(id).open"), "bob's lock stays")
    }

    func testHostileTitleAndAnswersStayInert() throws {
        // Written by an older version or by hand: `new` refuses such a title now.
        let id = try newSession("Evil")
        try SessionStore(root: store).update(id) { $0.title = "Evil \u{1B}[2J title" }
        let r = try run(["--plain", "resume", id], stdin: "1\nb\nnote\nsee \u{1B}]0;x\u{7} here\nr\n")
        XCTAssertTrue(r.stdout.contains("Assessment: Evil \\u{1b}[2J title."), r.stdout)
        XCTAssertTrue(r.stdout.contains("Note: see \\u{1b}]0;x\\u{7} here"), r.stdout)
    }
    // MARK: - On a real terminal (tmux)

    /// Runs tmux on a private socket with posix_spawn and waitpid (the tmux server it may start
    /// keeps running detached); its output goes through a file, never a pipe the server could hold.
    @discardableResult
    func tmux(_ socket: String, _ args: [String]) -> String {
        let file = store + "/tmux-out-\(UUID().uuidString)"
        defer { unlink(file) }
        let argv = ["tmux", "-L", socket, "-f", "/dev/null"] + args
        var cargs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for a in cargs { free(a) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, file, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var pid: pid_t = 0
        guard posix_spawnp(&pid, "tmux", &actions, nil, &cargs, environ) == 0 else { return "" }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return String(decoding: FileManager.default.contents(atPath: file) ?? Data(), as: UTF8.self)
    }

    func waitFor(_ socket: String, _ text: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        var screen = ""
        let end = Date().addingTimeInterval(10)
        while Date() < end {
            screen = tmux(socket, ["capture-pane", "-p", "-e", "-t", "main"])
            if screen.contains(text) { return screen }
            usleep(30_000)
        }
        XCTFail("the terminal never showed '\(text)':\n\(screen)", file: file, line: line)
        return screen
    }

    /// TERM=dumb on a real terminal: plain mode, no escape codes on the screen, and Ctrl-C leaves
    /// the answers saved and the lock released.
    func testADumbTerminalGetsPlainModeAndCtrlCReleasesTheLock() throws {
        try Prerequisite.requireTmux()
        let id = try newSession()
        let socket = "gpai-plain-\(getpid())-\(UUID().uuidString.prefix(8))"
        defer { tmux(socket, ["kill-server"]); unlink("/tmp/tmux-\(getuid())/\(socket)") }
        let env = ["GPAI_ASSESS_HOME": store, "GPAI_ASSESS_QUESTIONNAIRES": Fixtures.packageRoot.appendingPathComponent("Tests/Fixtures").path,
                   "TERM": "dumb", "LANG": "C.UTF-8", "HOME": store, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        // The program runs directly in the pane (no shell to catch Ctrl-C), and the pane stays after it exits.
        let command = ["env", "-i"] + env.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            + [Fixtures.binary, "resume", "--as", "screenreader", id]
        let started = tmux(socket, ["new-session", "-d", "-x", "100", "-y", "30", "-s", "main"] + command
                                   + [";", "set-option", "-t", "main", "remain-on-exit", "on"])
        XCTAssertEqual(started, "", "tmux new-session")
        var screen = waitFor(socket, "Answer 1 to 2:")
        XCTAssertTrue(screen.contains("Plain mode, because the terminal type is dumb."), screen)
        tmux(socket, ["send-keys", "-t", "main", "-l", "1"])
        tmux(socket, ["send-keys", "-t", "main", "Enter"])
        screen = waitFor(socket, "Saved: 1. Yes. 1 of 10 answered.")
        XCTAssertTrue(screen.contains("Answer 1 to 2: 1\n"), "the prompt stays on the line being typed:\n\(screen)")
        XCTAssertFalse(screen.contains("\u{1B}"), "no escape codes reach the terminal:\n\(screen)")
        XCTAssertTrue(FileManager.default.fileExists(atPath: "\(store)/sessions/.\(id).open"), "the session is marked open")
        // Interrupt at the next prompt, not while output is still in flight: the terminal discards
        // queued output on Ctrl-C, which would race with what this test reads.
        _ = waitFor(socket, "Scope, question 2 of 4.")
        usleep(200_000)
        tmux(socket, ["send-keys", "-t", "main", "C-c"])
        var status = ""
        var end = Date().addingTimeInterval(10)
        var sawDead = false
        while Date() < end {
            status = tmux(socket, ["display-message", "-p", "-t", "main", "#{pane_dead}:#{pane_dead_status}"]).trimmingCharacters(in: .whitespacesAndNewlines)
            if status.hasPrefix("1:"), status.count > 2 { break }
            if status.hasPrefix("1:") && !sawDead { sawDead = true; end = min(end, Date().addingTimeInterval(2)) }
            usleep(30_000)
        }
        // Under load tmux 3.3 sometimes records a dead pane without its exit status; the message and
        // the released lock below prove the handler ran. A recorded status must be 130.
        XCTAssertTrue(status.hasPrefix("1:"), "the program ended after Ctrl-C (\(status))")
        if status.count > 2 { XCTAssertEqual(status, "1:130", "exit status 130 after Ctrl-C") }
        // The "Stopped." line is not checked: the kernel discards queued terminal output on Ctrl-C and
        // may do so just after the handler wrote it. The released lock proves the handler ran (the
        // default action would have left it).
        XCTAssertFalse(FileManager.default.fileExists(atPath: "\(store)/sessions/.\(id).open"), "Ctrl-C releases the lock")
        let a = try session(id)["answers"]?["scope.gpai"]
        XCTAssertEqual(a?["value"]?.string, "yes")
        XCTAssertEqual(a?["by"]?.string, "screenreader")
    }
}
