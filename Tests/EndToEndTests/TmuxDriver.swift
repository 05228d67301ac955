import Foundation
import TestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Drives the real `gpai-assess` binary inside a private tmux server (its own `-L` socket),
/// the way a person at a terminal would: keys in, screen text out.
final class TmuxDriver {
    let socket: String
    let dir: String
    let store: String
    let questionnaires: String
    let exitFile: String
    private(set) var started = false

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The built binary: next to the test bundle (.build/<config>/gpai-assess).
    static var binary: String {
        var candidates: [String] = []
        for b in Bundle.allBundles where b.bundlePath.hasSuffix(".xctest") {
            candidates.append(b.bundleURL.deletingLastPathComponent().appendingPathComponent("gpai-assess").path)
        }
        let exe = URL(fileURLWithPath: CommandLine.arguments.first ?? "")
        candidates.append(exe.deletingLastPathComponent().appendingPathComponent("gpai-assess").path)
        candidates.append(exe.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("gpai-assess").path)
        candidates.append(packageRoot.appendingPathComponent(".build/debug/gpai-assess").path)
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates.last!
    }

    init(_ label: String) throws {
        let base = NSTemporaryDirectory() + "gpai-tui-\(label)-\(getpid())-\(UUID().uuidString.prefix(6))"
        dir = base
        store = base + "/store"
        questionnaires = base + "/questionnaires"
        exitFile = base + "/exit-code"
        socket = "gpai-e2e-\(getpid())-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: questionnaires, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: store, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.packageRoot.appendingPathComponent("Tests/Fixtures/tui-sample.json").path,
                                         toPath: questionnaires + "/tui-sample.json")
    }

    deinit {
        _ = Self.run("/usr/bin/env", ["tmux", "-L", socket, "kill-server"])
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// Runs a command and waits for it with posix_spawn + waitpid. (Foundation's Process waits for a
    /// descriptor that a daemon child such as the tmux server keeps open, so it would hang.)
    @discardableResult
    static func run(_ exe: String, _ args: [String], env: [String: String]? = nil, capture: Bool = true) -> (Int32, String) {
        let file = NSTemporaryDirectory() + "gpai-e2e-out-\(UUID().uuidString)"
        defer { unlink(file) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, capture ? file : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([exe] + args).map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        let environment = (env ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for e in environment { free(e) } }
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, exe, &actions, nil, argv, environment)
        guard rc == 0 else { return (-1, "spawn failed: \(rc)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let out = capture ? (FileManager.default.contents(atPath: file).map { String(decoding: $0, as: UTF8.self) } ?? "") : ""
        let code: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (code, out)
    }

    func tmux(_ args: String...) -> String { tmux(args) }

    @discardableResult
    func tmux(_ args: [String]) -> String {
        Self.run("/usr/bin/env", ["tmux", "-L", socket, "-f", "/dev/null"] + args).1
    }

    var environment: [String: String] {
        ["GPAI_ASSESS_QUESTIONNAIRES": questionnaires, "GPAI_ASSESS_HOME": store, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
         "TERM": "xterm-256color", "USER": "e2e", "HOME": dir, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
    }

    /// Runs a non-interactive command of the binary (e.g. `new --no-tui`).
    func cli(_ args: [String]) -> (Int32, String) {
        Self.run(Self.binary, ["--store", store] + args, env: environment)
    }

    func shellQuote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// Starts the program in a detached tmux session of the given size, in the folder `dir`.
    func start(_ args: [String], width: Int = 80, height: Int = 24, extraEnv: [String: String] = [:], name: String = "main") {
        var env = environment
        for (k, v) in extraEnv { env[k] = v }
        let envPart = env.sorted { $0.key < $1.key }.map { "\($0.key)=\(shellQuote($0.value))" }.joined(separator: " ")
        let cmd = ([Self.binary, "--store", store] + args).map(shellQuote).joined(separator: " ")
        let exit = name == "main" ? exitFile : exitFile + "-" + name
        let stty = shellQuote(dir + "/stty-after-" + name)
        let script = "trap '' INT QUIT; env -i \(envPart) \(cmd); echo $? > \(shellQuote(exit)).tmp; stty -a > \(stty) 2>&1; mv \(shellQuote(exit)).tmp \(shellQuote(exit)); sleep 600"
        // Started in the test's own folder, so whatever the program writes next to itself (reports) stays there.
        tmux(["new-session", "-d", "-x", "\(width)", "-y", "\(height)", "-c", dir, "-s", name, "sh", "-c", script])
        started = true
    }

    func screen(_ name: String = "main") -> String { tmux("capture-pane", "-p", "-t", name) }

    /// Waits until the screen contains `text`; fails the test with the screen if it never does.
    @discardableResult
    func waitFor(_ text: String, in name: String = "main", timeout: Double = 5, file: StaticString = #filePath, line: UInt = #line) -> String {
        let end = Date().addingTimeInterval(timeout)
        var s = ""
        while Date() < end {
            s = screen(name)
            if s.contains(text) { return s }
            usleep(30_000)
        }
        XCTFail("screen never showed '\(text)'; it shows:\n\(s)", file: file, line: line)
        return s
    }

    func keys(_ k: String...) { tmux(["send-keys", "-t", "main"] + k) }
    /// Sends raw bytes (hex) to the main window, as a terminal would on a key press.
    func hexKeys(_ bytes: String...) { tmux(["send-keys", "-t", "main", "-H"] + bytes) }
    func type(_ text: String, to name: String = "main") { tmux(["send-keys", "-t", name, "-l", text]) }

    func paste(_ text: String) {
        tmux(["set-buffer", "-b", "e2e", text])
        tmux(["paste-buffer", "-p", "-b", "e2e", "-t", "main"])
    }

    func resize(_ w: Int, _ h: Int) { tmux("resize-window", "-t", "main", "-x", "\(w)", "-y", "\(h)") }

    func cursor() -> (Int, Int) {
        let s = tmux("display-message", "-p", "-t", "main", "#{cursor_x} #{cursor_y}").split(separator: " ")
        return (Int(s.first.map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) } ?? "") ?? -1,
                Int(s.last.map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) } ?? "") ?? -1)
    }

    /// The exit status the program in window `name` left, waiting up to `timeout`.
    func exitCode(_ name: String = "main", timeout: Double = 5) -> Int32? {
        let path = name == "main" ? exitFile : exitFile + "-" + name
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            if let s = try? String(contentsOfFile: path, encoding: .utf8), let n = Int32(s.trimmingCharacters(in: .whitespacesAndNewlines)) { return n }
            usleep(30_000)
        }
        return nil
    }

    /// Whether the terminal was back in normal (cooked, echoing) mode after the program ended.
    func terminalRestored(_ name: String = "main") -> Bool {
        guard let s = try? String(contentsOfFile: dir + "/stty-after-" + name, encoding: .utf8) else { return false }
        let words = Set(s.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
        return words.contains("icanon") && words.contains("echo") && words.contains("isig") && words.contains("icrnl")
    }

    /// Pids of our program still running (its argv holds this test's unique store path). Reads /proc
    /// directly, so it needs no pgrep.
    func programPids() -> [Int32] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        var out: [Int32] = []
        for e in entries {
            guard let pid = Int32(e), let raw = FileManager.default.contents(atPath: "/proc/\(e)/cmdline") else { continue }
            let args = raw.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            guard let exe = args.first, exe.hasSuffix("gpai-assess") else { continue }
            if let i = args.firstIndex(of: "--store"), i + 1 < args.count, args[i + 1] == store {
                // A zombie has finished; it only waits for its parent.
                if let stat = try? String(contentsOfFile: "/proc/\(e)/stat", encoding: .utf8),
                   let close = stat.lastIndex(of: ")"), stat[stat.index(after: close)...].hasPrefix(" Z") { continue }
                out.append(pid)
            }
        }
        return out
    }

    /// CPU time (user+system, in clock ticks) a process used so far.
    static func cpuTicks(_ pid: Int32) -> Int? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let u = Int(fields[11]), let s = Int(fields[12]) else { return nil }
        return u + s
    }

    /// The saved session file, parsed.
    func session(_ id: String) -> [String: Any]? {
        guard let d = FileManager.default.contents(atPath: store + "/sessions/\(id).json") else { return nil }
        return (try? JSONSerialization.jsonObject(with: d)) as? [String: Any]
    }

    func answer(_ id: String, _ q: String) -> [String: Any]? {
        (session(id)?["answers"] as? [String: Any])?[q] as? [String: Any]
    }

    func position(_ id: String) -> String? { (session(id)?["position"] as? [String: Any])?["question"] as? String }

    struct SetUpFailed: Error, CustomStringConvertible { let description: String }

    /// Creates a session with the CLI and returns its id. A `new` that fails fails the test (never a skip).
    func newSession(_ title: String = "E2E model", questionnaire: String = "tui-sample") throws -> String {
        let (code, out) = cli(["new", "--questionnaire", questionnaire, "--title", title, "--no-tui"])
        guard code == 0 else { throw SetUpFailed(description: "could not create a session (exit \(code)): \(out)") }
        return out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    // MARK: - Steps the end-to-end tests share

    static let firstQuestion = "Is the model a general-purpose AI model?"

    /// Creates a session with the CLI, opens it with `resume` in the main window and waits for its
    /// first question. Returns the session id.
    func resumeNewSession(_ title: String = "E2E model", extraEnv: [String: String] = [:],
                          file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let id = try newSession(title)
        start(["resume", id], extraEnv: extraEnv)
        waitFor(Self.firstQuestion, file: file, line: line)
        return id
    }

    /// Types `text` into a window and waits until the screen there shows `expect`.
    @discardableResult
    func press(_ text: String, until expect: String, in name: String = "main", timeout: Double = 5,
               file: StaticString = #filePath, line: UInt = #line) -> String {
        type(text, to: name)
        return waitFor(expect, in: name, timeout: timeout, file: file, line: line)
    }

    /// Types `text` and Enter into the main window and waits until the screen shows `expect`.
    @discardableResult
    func enter(_ text: String, until expect: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        type(text)
        keys("Enter")
        return waitFor(expect, file: file, line: line)
    }

    /// Types q into a window and checks that the program there exits with `code`.
    func quit(_ name: String = "main", expecting code: Int32 = 0, _ message: String = "",
              file: StaticString = #filePath, line: UInt = #line) {
        type("q", to: name)
        XCTAssertEqual(exitCode(name), code, message, file: file, line: line)
    }

    /// Waits up to `timeout` seconds for every run of our program to end; true when none is left.
    @discardableResult
    func waitForNoProgram(timeout: Double) -> Bool {
        let end = Date().addingTimeInterval(timeout)
        while Date() < end && !programPids().isEmpty { usleep(20_000) }
        return programPids().isEmpty
    }

    /// Sends `sig` to the (first) running program; false when none runs.
    func signalProgram(_ sig: Int32) -> Bool {
        guard let pid = programPids().first else { return false }
        kill(pid, sig)
        return true
    }

    /// Pids of our program running the given subcommand (e.g. "resume", "watch").
    func programPids(running subcommand: String) -> [Int32] {
        programPids().filter { pid in
            guard let raw = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            return raw.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }.contains(subcommand)
        }
    }

    /// The answer's value (e.g. "yes") in the saved session.
    func value(_ id: String, _ q: String) -> String? { answer(id, q)?["value"] as? String }

    /// The session's "open" lock file.
    func lockFile(_ id: String) -> String { store + "/sessions/.\(id).open" }

    /// Whether the session's "open" lock file exists.
    func isOpen(_ id: String) -> Bool { FileManager.default.fileExists(atPath: lockFile(id)) }

    /// The pid written in the session's "open" lock, if any.
    func lockHolder(_ id: String) -> Int32? {
        guard let d = FileManager.default.contents(atPath: lockFile(id)),
              let o = (try? JSONSerialization.jsonObject(with: d)) as? [String: Any] else { return nil }
        return (o["pid"] as? NSNumber)?.int32Value
    }
}

/// End-to-end test cases: skipped where tmux or the built binary is missing.
class TmuxTestCase: XCTestCase {
    override func setUpWithError() throws {
        try Prerequisite.requireTmux()
        guard FileManager.default.isExecutableFile(atPath: TmuxDriver.binary) else { throw XCTSkip("gpai-assess is not built") }
    }
}
