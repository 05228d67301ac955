import AssessmentCore
import AssessmentStore
import Foundation
@testable import StoreSync
import TestSupport
import XCTest

/// The sync commands as scripts use them: `sync`, `status`, `conflicts`, `list`, `answer`.
final class SyncCommandTests: XCTestCase {
    func cli(_ h: SyncHarness, _ store: String, _ args: String..., expect status: Int32 = 0, file: StaticString = #filePath, line: UInt = #line) throws -> RunResult {
        let r = try runCLI(["--store", h.store(store).root] + args, env: ["GIT_AUTHOR_NAME": ""])
        XCTAssertEqual(r.status, status, "gpai-assess \(args.joined(separator: " "))\n\(r.stdout)\n\(r.stderr)", file: file, line: line)
        return r
    }

    func testSyncConflictsStatusAndListFromTheCommandLine() throws {
        let h = try SyncHarness()
        let id = try cli(h, "a", "new", "--questionnaire", "mini", "--title", "Acme Q4", "--no-tui").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try cli(h, "a", "answer", id, "scope.gpai", "yes")
        _ = try cli(h, "a", "answer", id, "tr.1.1.q1", "yes")
        let noRemote = try cli(h, "a", "sync", expect: 2)
        XCTAssertTrue(noRemote.stderr.contains("sync --remote URL"), noRemote.stderr)
        let dry = try cli(h, "a", "sync", "--remote", h.remote, "--dry-run")
        XCTAssertTrue(dry.stdout.contains(id), dry.stdout)
        XCTAssertTrue(try cli(h, "a", "list").stdout.contains("unsynced") == false, "a store that does not sync has no SYNC column")
        let first = try cli(h, "a", "sync", "--remote", h.remote)
        XCTAssertTrue(first.stdout.contains("Acme Q4 — new, 2 answers") && first.stdout.contains("pushed"), first.stdout)
        _ = try cli(h, "b", "sync", "--remote", h.remote)
        _ = try cli(h, "a", "answer", id, "tr.1.1.q2", "partly")
        XCTAssertTrue(try cli(h, "a", "list").stdout.contains("unsynced"))
        XCTAssertTrue(try cli(h, "a", "status").stdout.contains("Not yet synced (1): \(id)"))
        _ = try cli(h, "b", "answer", id, "tr.1.1.q2", "no", "--note", "from b")
        let second = try cli(h, "a", "sync")
        XCTAssertTrue(second.stdout.contains("Acme Q4 — 1 answer (Transparency 1.1)"), "the message names the measures: \(second.stdout)")
        let merged = try cli(h, "b", "sync")
        XCTAssertTrue(merged.stdout.contains("1 new conflict(s): \(id) answer tr.1.1.q2"), merged.stdout)

        let listed = try cli(h, "b", "conflicts", id).stdout
        XCTAssertTrue(listed.contains("answer tr.1.1.q2") && listed.contains("1) ") && listed.contains("2) "), listed)
        XCTAssertTrue(listed.contains("partly") && listed.contains("no [note: from b]"), listed)
        let row = try JSONParser.parse(try cli(h, "b", "list", "--json").stdout).array?.first
        XCTAssertEqual(row?["conflicts"]?.number, 1)
        XCTAssertEqual(row?["sync"]?.string, "synced")
        XCTAssertEqual(row?["answered"]?.number, 2, "the conflicted question counts as unanswered")

        let bad = try cli(h, "b", "conflicts", id, "--resolve", "answer nope", "--side", "1", expect: 2)
        XCTAssertTrue(bad.stderr.contains("answer tr.1.1.q2"), bad.stderr)
        _ = try cli(h, "b", "conflicts", id, "--resolve", "answer tr.1.1.q2", "--side", "2")
        XCTAssertTrue(try cli(h, "b", "conflicts", id).stdout.contains("No conflicts"))
        _ = try cli(h, "b", "sync"); _ = try cli(h, "a", "sync")
        XCTAssertEqual(h.files("a"), h.files("b"))
        XCTAssertEqual(try h.load("a", id).answers["tr.1.1.q2"]?.value, .text("no"))

        // answer on a conflicted question resolves it.
        _ = try cli(h, "a", "rename", id, "Title from A")
        _ = try cli(h, "a", "answer", id, "tr.1.1.q3", "2026-01-01")
        _ = try cli(h, "b", "answer", id, "tr.1.1.q3", "2026-02-02")
        _ = try cli(h, "a", "sync"); _ = try cli(h, "b", "sync")
        let resolved = try cli(h, "b", "answer", id, "tr.1.1.q3", "2026-03-03")
        XCTAssertTrue(resolved.stderr.contains("resolved the conflict on 'tr.1.1.q3'"), resolved.stderr)
        XCTAssertEqual(try h.load("b", id).title, "Title from A")
    }

    func testUnreachableRemoteExitsFourAndSaysTheAnswersAreSafe() throws {
        let h = try SyncHarness()
        let id = try cli(h, "a", "new", "--questionnaire", "mini", "--title", "Acme", "--no-tui").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try cli(h, "a", "answer", id, "tr.1.1.q1", "yes")
        let before = h.files("a")
        let r = try cli(h, "a", "sync", "--remote", h.dir + "/missing.git", expect: 4)
        XCTAssertTrue(r.stderr.contains("not synced: remote unreachable") && r.stderr.contains("your answers are safe here"), r.stderr)
        XCTAssertEqual(h.files("a"), before)
        let pw = try cli(h, "a", "sync", "--remote", "https://u:hunter2@example.org/r.git", expect: 2)
        XCTAssertFalse(pw.stderr.contains("hunter2"), pw.stderr)
    }

    func testNoRoomToWriteMidSyncLosesNothingAndTheNextSyncCompletes() throws {
        let h = try SyncHarness()
        let s = try h.sharedSession()
        // A large note from b: what a fetches no longer fits under a's file-size limit.
        let big = (0..<100_000).map { _ in String(UInt8.random(in: 0...255), radix: 16) }.joined()
        try h.answer("b", s.id, "tr.1.1.q2", "no", note: big, by: "bob")
        try h.sync("b")
        try h.answer("a", s.id, "tr.1.1.q1", "yes", by: "alice")
        let before = h.files("a")
        // Files above 8 KB cannot be written (SIGXFSZ ignored, so writes fail with EFBIG as on a full disk).
        let script = "trap '' XFSZ; ulimit -f 16; exec \"$0\" --store \"$1\" sync"
        let r = try Subprocess.run("/bin/sh", ["-c", script, Fixtures.binary, h.store("a").root], environment: h.gitEnvironment)
        XCTAssertEqual(r.status, 4, r.stderr)
        XCTAssertTrue(r.stderr.contains("not synced: cannot write '\(h.store("a").root)'"), r.stderr)
        XCTAssertEqual(h.files("a"), before, "local answers untouched")
        try h.sync("a")
        try h.sync("b")
        XCTAssertEqual(h.files("a"), h.files("b"))
        let x = try h.load("b", s.id)
        XCTAssertEqual(x.answers["tr.1.1.q1"]?.value, .text("yes"))
        XCTAssertEqual(x.answers["tr.1.1.q2"]?.note?.count, big.count)
    }
}
