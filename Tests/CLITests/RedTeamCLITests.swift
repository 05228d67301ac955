import AssessmentCore
import AssessmentStore
import Foundation
import TestSupport
import XCTest
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// The red-team campaign's commands (issue 17), replayed against the built binary.
final class RedTeamCLITests: XCTestCase {
    var dir = ""
    var store: String { dir + "/store" }
    override func setUp() { dir = Fixtures.temporaryDirectory("redteam-cli") }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    func newSession(_ extra: [String: String] = [:]) throws -> String {
        let r = try runCLI(["new", "-q", "mini", "-t", "Red team", "--no-tui"], store: store, env: extra)
        XCTAssertEqual(r.status, 0, r.stderr)
        return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func hazardous(_ s: String) -> [String] {
        s.unicodeScalars.filter { SafeText.isHazardous($0) && $0 != "\n" && $0 != "\t" }.map { String($0.value, radix: 16) }
    }

    /// M3: text from a crafted questionnaire (OSC 52 clipboard write, C1 CSI, bidi override) never reaches
    /// the terminal raw, from any command; `--as` follows one rule for C0, C1 and bidi alike.
    func testNoCommandSendsControlSequencesFromFilesOrNames() throws {
        let qdir = dir + "/q"
        try FileManager.default.createDirectory(atPath: qdir, withIntermediateDirectories: true)
        var text = try String(contentsOfFile: Fixtures.path("mini.json"), encoding: .utf8)
        let osc = "\\u001b]52;c;aGFja2Vk\\u0007"
        text = text.replacingOccurrences(of: "\"version\": \"1.0.0\"", with: "\"version\": \"1\(osc)\\u009b31m\\u202e\"")
        text = text.replacingOccurrences(of: "\"unit\": \"parameters\"", with: "\"unit\": \"p\(osc)\"")
        try text.write(toFile: qdir + "/mini.json", atomically: true, encoding: .utf8)
        let env = ["GPAI_ASSESS_QUESTIONNAIRES": qdir]
        let id = try newSession(env)
        var outputs: [(String, RunResult)] = []
        outputs.append(("validate", try runCLI(["validate", qdir + "/mini.json"], store: store, env: env)))
        outputs.append(("questionnaires", try runCLI(["questionnaires"], store: store, env: env)))
        outputs.append(("score", try runCLI(["score", id], store: store, env: env)))
        outputs.append(("answer unit", try runCLI(["answer", id, "scope.params", "abc"], store: store, env: env)))
        for (what, r) in outputs {
            XCTAssertEqual(hazardous(r.stdout + r.stderr), [], "\(what) printed raw control or bidi characters:\n\(r.stdout)\(r.stderr)")
        }
        for name in ["auditor\u{9B}31m", "\u{202E}rotidua", "a\u{1B}[2J"] {
            let r = try runCLI(["review", id, "1.1", "--as", name], store: store, env: env)
            XCTAssertEqual(r.status, 2, "refused: \(SafeText.inert(name)) \(r.stderr)")
            XCTAssertEqual(hazardous(r.stdout + r.stderr), [], r.stderr)
        }
    }

    /// L7: `--store` must name a folder.
    func testStoreMustBeAFolder() throws {
        for bad in ["", "/etc/passwd"] {
            let r = try runCLI(["list", "--store", bad])
            XCTAssertEqual(r.status, 2, "--store '\(bad)': \(r.stdout) \(r.stderr)")
            XCTAssertFalse(r.stdout.contains("No sessions"), r.stdout)
        }
    }

    /// H2: one session on a questionnaire whose derived values chain 10,000 deep: `list` still lists
    /// every session (that one with the reason) instead of crashing for the whole store.
    func testListSurvivesASessionThatCannotBeScored() throws {
        let qdir = dir + "/q"
        try FileManager.default.createDirectory(atPath: qdir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixtures.path("mini.json"), toPath: qdir + "/mini.json")
        try Data(try RedTeamFixtures.derivedChain(length: 10_000, id: "chain")).write(to: URL(fileURLWithPath: qdir + "/chain.json"))
        let env = ["GPAI_ASSESS_QUESTIONNAIRES": qdir]
        let good = try newSession(env)
        let bad = try newSession(env)
        let path = "\(store)/sessions/\(bad).json"
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "\"id\" : \"mini\"", with: "\"id\" : \"chain\"")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let r = try runCLI(["list"], store: store, env: env)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains(good) && r.stdout.contains(bad), r.stdout)
        XCTAssertTrue(r.stderr.contains("'chain'") && r.stderr.contains("chain of"), "the reason is given: \(r.stderr)")
        let v = try runCLI(["validate", qdir + "/chain.json"], store: store, env: env)
        XCTAssertEqual(v.status, 1, "validate refuses the chain: \(v.stdout)")
        XCTAssertTrue(v.stdout.contains("chain of"), v.stdout)
    }

    /// M4: a note above the bound is refused at input (exit 2), nothing written.
    func testOverlongNoteIsRefusedAtInput() throws {
        let id = try newSession()
        let path = "\(store)/sessions/\(id).json"
        let before = fileBytes(path)
        let file = dir + "/answers.json"
        let note = String(repeating: "n", count: AnswerInput.maxTextBytes + 10)
        try "{\"scope.gpai\": {\"value\": \"yes\", \"note\": \"\(note)\"}}".write(toFile: file, atomically: true, encoding: .utf8)
        let r = try runCLI(["answer", id, "--file", file], store: store)
        XCTAssertEqual(r.status, 2, r.stderr)
        XCTAssertTrue(r.stderr.contains("limit"), r.stderr)
        XCTAssertEqual(fileBytes(path), before)
    }

    /// L6: delete refuses a session open elsewhere; --force deletes it and its `.open`.
    func testDeleteRefusesASessionOpenElsewhere() throws {
        let id = try newSession()
        let open = "\(store)/sessions/.\(id).open"
        let holder = #"{"host":"\#(SessionLock.hostName)","pid":\#(getpid()),"since":"2026-11-30T10:00:00.000Z","user":"bob"}"#
        FileManager.default.createFile(atPath: open, contents: Data(holder.utf8))
        let r = try runCLI(["delete", id, "--yes"], store: store)
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("open elsewhere"), r.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: "\(store)/sessions/\(id).json"))
        let f = try runCLI(["delete", id, "--yes", "--force"], store: store)
        XCTAssertEqual(f.status, 0, f.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: open))
    }

    /// L1: under a file-size limit (SIGXFSZ) `answer` and `report -o` fail like a full disk: exit 4, the old
    /// file intact, no partial temp file left in the store or beside the report.
    func testFileSizeLimitIsHandledLikeAFullDisk() throws {
        let id = try newSession()
        let path = "\(store)/sessions/\(id).json"
        let before = fileBytes(path)
        let file = dir + "/answers.json"
        let note = String(repeating: "n", count: 200_000)
        try "{\"scope.gpai\": {\"value\": \"yes\", \"note\": \"\(note)\"}}".write(toFile: file, atomically: true, encoding: .utf8)
        var env = ProcessInfo.processInfo.environment
        env["GPAI_ASSESS_HOME"] = store
        env["GPAI_ASSESS_QUESTIONNAIRES"] = Fixtures.path("")
        let sh = "ulimit -f 64; exec \"$0\" \"$@\""
        let a = try runProcess("/bin/sh", ["-c", sh, Fixtures.binary, "answer", id, "--file", file], environment: env)
        XCTAssertEqual(a.status, 4, a.stderr)
        XCTAssertEqual(fileBytes(path), before, "the old file is intact")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: "\(store)/sessions").filter { $0.hasSuffix(".tmp") }, [])
        // A report too large for the limit.
        XCTAssertEqual(try runCLI(["answer", id, "scope.gpai", "yes", "--note", String(repeating: "r", count: 100_000)], store: store).status, 0)
        let out = dir + "/reports"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let rep = try runProcess("/bin/sh", ["-c", "ulimit -f 16; exec \"$0\" \"$@\"", Fixtures.binary, "report", id, "--format", "html", "-o", out + "/r.html"], environment: env)
        XCTAssertEqual(rep.status, 4, rep.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out), [], "no partial report or temp file")
    }

    /// L1: temp files of writers killed mid-save (SIGKILL) are removed by the next write, not only by
    /// `doctor --quarantine`; a running writer's are left alone.
    func testTempFilesOfKilledWritersAreClearedByTheNextWrite() throws {
        let id = try newSession()
        let dir = "\(store)/sessions"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/true")
        try p.run()
        p.waitUntilExit()
        let dead = p.processIdentifier
        let stale = ["\(dir)/.\(id).json.\(dead).12345.tmp", "\(dir)/.\(id).json.bak.\(dead).tmp"]
        let live = "\(dir)/.\(id).json.\(getpid()).7.tmp"
        for f in stale + [live] { FileManager.default.createFile(atPath: f, contents: Data("partial".utf8)) }
        XCTAssertEqual(try runCLI(["answer", id, "scope.gpai", "yes"], store: store).status, 0)
        for f in stale { XCTAssertFalse(FileManager.default.fileExists(atPath: f), "\(f) removed") }
        XCTAssertTrue(FileManager.default.fileExists(atPath: live), "a running writer's temp file is left alone")
    }
}
