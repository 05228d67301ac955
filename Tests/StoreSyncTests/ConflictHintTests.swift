import AssessmentCore
import AssessmentStore
import Foundation
@testable import StoreSync
import TestSupport
import XCTest

/// The list of sessions holding conflicts is written by one function (`ConflictHint.write`), in the
/// store's file mode, whether `sync` or git's merge driver (a plain `git pull`) found the conflict.
final class ConflictHintTests: XCTestCase {
    func mode(_ path: String) -> mode_t? {
        var st = stat()
        return stat(path, &st) == 0 ? st.st_mode & 0o777 : nil
    }

    /// A and b answer the same question differently; b syncs first.
    func conflicting(_ h: SyncHarness, teamStore: Bool) throws -> Session {
        let s = try h.sharedSession()
        if teamStore { XCTAssertEqual(chmod(h.store("a").root, 0o2770), 0) }
        try h.answer("a", s.id, "tr.1.1.q1", "yes", by: "alice")
        try h.answer("b", s.id, "tr.1.1.q1", "no", by: "bob")
        try h.sync("b")
        return s
    }

    func testSyncAndTheMergeDriverWriteTheListInTheStoresMode() throws {
        for team in [false, true] {
            let want: mode_t = team ? 0o660 : 0o600
            // sync
            var h = try SyncHarness()
            var s = try conflicting(h, teamStore: team)
            XCTAssertEqual(try h.sync("a").newConflicts.count, 1)
            XCTAssertEqual(ConflictHint.read(h.store("a")), [s.id])
            XCTAssertEqual(mode(ConflictHint.path(h.store("a"))), want, "sync, team store: \(team)")
            XCTAssertEqual(h.syncer("a").conflicted(), [s.id: 1])

            // git pull, through the merge driver
            h = try SyncHarness()
            s = try conflicting(h, teamStore: team)
            let root = h.store("a").root
            try h.git(["-C", root, "commit", "-q", "-a", "-m", "alice by hand"])
            let pull = try Subprocess.run(Subprocess.find("git")!, ["-C", root, "-c", "pull.rebase=false", "pull", "-q", "--no-edit", "origin", "main"],
                                          environment: h.gitEnvironment)
            XCTAssertTrue(pull.ok, pull.stderr)
            XCTAssertEqual(try h.load("a", s.id).conflicts.count, 1)
            XCTAssertEqual(ConflictHint.read(h.store("a")), [s.id])
            XCTAssertEqual(mode(ConflictHint.path(h.store("a"))), want, "merge driver, team store: \(team)")
            XCTAssertEqual(h.syncer("a").conflicted(), [s.id: 1])
        }
    }

    /// A session listed earlier whose conflict was resolved leaves the list at the next sync; one
    /// still holding it stays.
    func testTheListIsPrunedAtTheNextSync() throws {
        let h = try SyncHarness()
        let s = try conflicting(h, teamStore: false)
        try h.sync("a")
        XCTAssertEqual(ConflictHint.read(h.store("a")), [s.id])
        try h.sync("a")
        XCTAssertEqual(ConflictHint.read(h.store("a")), [s.id], "still in conflict")
        _ = try h.store("a").update(s.id) { $0.conflicts = [] }
        try h.answer("b", s.id, "tr.1.1.q2", "yes", by: "bob")
        try h.sync("b")
        try h.sync("a")
        XCTAssertEqual(ConflictHint.read(h.store("a")), [])
    }

    /// A session saved here between the plan and the write is merged again with the planned
    /// values (decoded once, when planning); what `apply` returns is what it wrote.
    func testApplyMergesASessionSavedSinceThePlan() throws {
        let h = try SyncHarness()
        let s = try h.sharedSession()
        let planned = try h.load("a", s.id)
        let plannedBytes = fileBytes(h.store("a").sessionsDirectory + "/\(s.id).json")
        var theirs = planned
        let t = Timestamp.now()
        theirs.set("tr.1.1.q2", to: Answer(value: .text("no"), by: "bob", at: t), by: "bob", at: t)
        let theirBytes = try SessionCodec.encode(theirs)
        try h.answer("a", s.id, "tr.1.1.q1", "yes", by: "alice")  // saved here after the plan
        var report = SyncReport()
        let syncer = h.syncer("a")
        let written = try syncer.apply([.write(id: s.id, bytes: theirBytes, session: theirs, expected: plannedBytes, ours: planned, base: planned)],
                                       git: try Git(root: h.store("a").root, user: "alice"), report: &report)
        let stored = try h.load("a", s.id)
        XCTAssertEqual(stored.answers["tr.1.1.q1"]?.value, .text("yes"), "the save made meanwhile is kept")
        XCTAssertEqual(stored.answers["tr.1.1.q2"]?.value, .text("no"), "the incoming answer is merged in")
        XCTAssertEqual(written[s.id], .some(stored))
    }
}
