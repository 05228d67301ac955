import AssessmentCore
import AssessmentStore
import Foundation
import TestSupport
import XCTest
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// The promises in README "What we promise about your data", each tested by doing the damage.
final class DataSafetyTests: XCTestCase {
    var store = ""
    override func setUp() { store = Fixtures.temporaryDirectory("safety") }
    override func tearDown() { try? FileManager.default.removeItem(atPath: store) }

    func newSession() throws -> String {
        let r = try runCLI(["new", "-q", "mini", "-t", "Crash", "--no-tui"], store: store)
        XCTAssertEqual(r.status, 0, r.stderr)
        return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// SIGKILL a process that saves in a loop at random moments, hundreds of times: the file is
    /// always a complete version and every acknowledged answer is in it.
    func testKillDuringSavesNeverTearsOrLosesAcknowledgedAnswers() throws {
        let id = try newSession()
        let path = "\(store)/sessions/\(id).json"
        let kills = Int(ProcessInfo.processInfo.environment["GPAI_KILL_ITERATIONS"] ?? "") ?? 200
        var next = 0
        var acked: [Int] = []
        var rng = SystemRandomNumberGenerator()
        var killedMidRun = 0
        for round in 0..<kills {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: Fixtures.binary)
            p.arguments = ["debug-save-loop", id, "--start", String(next), "--count", "100000"]
            var env = ProcessInfo.processInfo.environment
            env["GPAI_ASSESS_HOME"] = store
            env["GPAI_ASSESS_QUESTIONNAIRES"] = Fixtures.packageRoot.appendingPathComponent("Tests/Fixtures").path
            p.environment = env
            let out = Pipe()
            p.standardOutput = out
            p.standardError = FileHandle.nullDevice
            try p.run()
            // Wait until the loop is saving (start-up time varies with load), then kill it at a
            // random moment of the saves that follow.
            let first = out.fileHandleForReading.availableData
            usleep(UInt32.random(in: 0...25_000, using: &rng))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            if p.terminationReason == .uncaughtSignal { killedMidRun += 1 }
            let text = String(decoding: first + out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let ids = text.split(separator: "\n").compactMap { line -> Int? in
                let parts = line.split(separator: " ")
                return parts.count == 3 && parts[0] == "ack" ? Int(parts[1]) : nil
            }
            acked += ids
            next = (ids.last ?? next - 1) + 2  // skip the value that may have been in flight
            // The file is always whole and readable, whatever moment the kill hit.
            let bytes = fileBytes(path)
            guard case let .success(s) = SessionCodec.check(bytes) else {
                return XCTFail("round \(round): torn or unreadable session file (\(bytes.count) bytes)")
            }
            let written = Set(s.history.compactMap { c -> Int? in
                guard case let .text(t)? = c.new?.value else { return nil }
                return Int(t.dropFirst("value ".count))
            })
            let lost = acked.filter { !written.contains($0) }
            XCTAssertEqual(lost, [], "round \(round): acknowledged answers missing")
            if !lost.isEmpty { return }
            if case .failure = SessionCodec.check(fileBytes(path + ".bak")), !s.history.isEmpty, round > 0 {
                XCTFail("round \(round): backup unreadable")
            }
        }
        XCTAssertGreaterThanOrEqual(acked.count, kills, "every round saved before its kill (\(acked.count) saves acknowledged)")
        XCTAssertGreaterThan(killedMidRun, kills * 9 / 10)
        // Leftover temp files are harmless and reported by doctor; the session still loads.
        let r = try runCLI(["score", id], store: store)
        XCTAssertEqual(r.status, 0, r.stderr)
        print("crash safety: \(kills) kills, \(acked.count) acknowledged saves, none lost")
    }

    /// Many `answer` processes racing on one session never lose an update.
    func testParallelWritersNeverLoseAnUpdate() throws {
        let id = try newSession()
        let writers = 24
        let questions = ["scope.params", "scope.tokens", "ss.1.1.q2"]
        let group = DispatchGroup()
        let failures = LockedCounter()
        let storeDir = store
        for i in 0..<writers {
            group.enter()
            DispatchQueue.global().async {
                defer { group.leave() }
                let q = questions[i % questions.count]
                let r = try? runCLI(["answer", id, q, String(i), "--note", "writer \(i)", "--as", "writer-\(i)"], store: storeDir)
                if r?.status != 0 { failures.add() }
            }
        }
        group.wait()
        XCTAssertEqual(failures.value, 0)
        let s = try SessionStore(root: store).load(id)
        XCTAssertEqual(s.history.count, writers, "every writer's change is in the history")
        XCTAssertEqual(Set(s.history.map(\.by)).count, writers)
        for q in questions { XCTAssertNotNil(s.answers[q]) }
    }

    func testRestoreUndoesTheLastSave() throws {
        let id = try newSession()
        XCTAssertEqual(try runCLI(["answer", id, "tr.1.1.q1", "yes"], store: store).status, 0)
        XCTAssertEqual(try runCLI(["answer", id, "tr.1.1.q1", "no"], store: store).status, 0)
        XCTAssertEqual(try runCLI(["restore", id], store: store).status, 2, "asks; refuses without a terminal")
        XCTAssertEqual(try runCLI(["restore", id, "--yes"], store: store).status, 0)
        XCTAssertEqual(try SessionStore(root: store).load(id).answers["tr.1.1.q1"]?.value, .text("yes"))
        XCTAssertEqual(try runCLI(["restore", id, "--yes"], store: store).status, 0, "a restore can be undone")
        XCTAssertEqual(try SessionStore(root: store).load(id).answers["tr.1.1.q1"]?.value, .text("no"))
    }

    func testDoctorListsEveryKindOfBreakageAndQuarantinesOnRequest() throws {
        let id = try newSession()
        let dir = "\(store)/sessions"
        let broken: [String: [UInt8]] = [
            "empty": [], "truncated": Array("{\"schemaVersion\": 1, \"id\": \"trun".utf8), "binary": [0x00, 0xFF, 0x1B],
            "shape": Array("\"just a string\"".utf8),
            "newer": Array("{\"schemaVersion\": 7, \"id\": \"newer\"}".utf8),
        ]
        for (n, b) in broken { FileManager.default.createFile(atPath: "\(dir)/\(n).json", contents: Data(b)) }
        // A session of a questionnaire that is not installed.
        var other = try SessionStore(root: store).load(id)
        other.id = "orphan"
        other.questionnaire.id = "not-installed"
        try SessionStore(root: store).save(other)
        // A 100 MB file, an unreadable file, a symlink outside the store and a folder.
        let big = "\(dir)/big.json"
        FileManager.default.createFile(atPath: big, contents: nil)
        truncate(big, 100 * 1024 * 1024)
        FileManager.default.createFile(atPath: "\(dir)/secret.json", contents: Data("{}".utf8), attributes: [.posixPermissions: 0])
        symlink("/etc/passwd", "\(dir)/outside.json")
        mkdir("\(dir)/dir.json", 0o700)
        FileManager.default.createFile(atPath: "\(dir)/.\(id).json.123.tmp", contents: Data("{".utf8))

        let list = try runCLI(["list", "--json"], store: store)
        XCTAssertEqual(list.status, 0, list.stderr)
        let rows = try XCTUnwrap(JSONParser.parse(list.stdout).array)
        func reason(_ id: String) -> String? { rows.first { $0["id"]?.string == id }?["error"]?.string }
        XCTAssertEqual(reason("empty"), "empty file")
        XCTAssertEqual(reason("big"), "file is 100 MB, above the 64 MB limit")
        XCTAssertEqual(reason("outside"), "is a symbolic link (refused)")
        XCTAssertEqual(reason("dir"), "not a regular file")
        XCTAssertTrue(reason("newer")?.hasPrefix("written by a newer gpai-assess") ?? false)
        if geteuid() != 0 { XCTAssertEqual(reason("secret"), "Permission denied") }
        XCTAssertEqual(rows.first { $0["id"]?.string == "orphan" }?["status"]?.string, "questionnaire_missing")

        let before = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        let doctor = try runCLI(["doctor"], store: store)
        XCTAssertEqual(doctor.status, 1)
        for n in ["empty", "truncated", "binary", "shape", "newer", "big", "outside", "dir"] {
            XCTAssertTrue(doctor.stdout.contains("unreadable: \(dir)/\(n).json"), n + "\n" + doctor.stdout)
        }
        XCTAssertTrue(doctor.stdout.contains("unknown-questionnaire: \(dir)/orphan.json"))
        XCTAssertTrue(doctor.stdout.contains("leftover-temp:"))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).sorted(), before, "doctor alone changes nothing")

        let fix = try runCLI(["doctor", "--quarantine"], store: store)
        XCTAssertEqual(fix.status, 1)
        let quarantined = try FileManager.default.contentsOfDirectory(atPath: "\(store)/quarantine")
        XCTAssertTrue(quarantined.contains("truncated.json"))
        XCTAssertEqual(fileBytes("\(store)/quarantine/truncated.json"), broken["truncated"], "moved, not changed")
        let after = try runCLI(["list", "--json"], store: store)
        let remaining = try XCTUnwrap(JSONParser.parse(after.stdout).array).compactMap { $0["id"]?.string }.sorted()
        XCTAssertEqual(remaining, [id, "orphan"].sorted(), "every unreadable file moved aside; readable sessions stay")
    }

    func testHostileTextIsInertOnTheTerminal() throws {
        let id = try newSession()
        let hostile = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\u{202e}evil"
        // `rename` refuses such a title (SafeText.validLine); one written by an older version or by hand must still be inert.
        XCTAssertEqual(try runCLI(["rename", id, "Title " + hostile], store: store).status, 2)
        try SessionStore(root: store).update(id) { $0.title = "Title " + hostile }
        XCTAssertEqual(try runCLI(["answer", id, "tr.1.2.q3", hostile, "--note", hostile], store: store).status, 0)
        for args in [["list"], ["score", id], ["score", id, "--explain", "overall"], ["report", id, "--format", "md"]] {
            let r = try runCLI(args, store: store)
            XCTAssertEqual(r.status, 0, args.joined(separator: " "))
            XCTAssertFalse(r.stdout.unicodeScalars.contains { $0 == "\u{1b}" || $0 == "\u{9b}" || $0 == "\u{7}" || $0 == "\u{202e}" },
                           "control characters reached the terminal from '\(args.joined(separator: " "))'")
        }
        // The store keeps the text exactly as given.
        XCTAssertEqual(try SessionStore(root: store).load(id).answers["tr.1.2.q3"]?.note, hostile)
    }

    func testSessionIdsNeverReachOutsideTheStore() throws {
        for bad in ["../../etc/passwd", "/etc/passwd", "a/../../b", String(repeating: "x", count: 300)] {
            let r = try runCLI(["score", bad], store: store)
            XCTAssertEqual(r.status, 2, bad)
            XCTAssertTrue(r.stderr.hasPrefix("gpai-assess: error: "), r.stderr)
        }
    }
}

final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func add() { lock.lock(); n += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return n }
}
