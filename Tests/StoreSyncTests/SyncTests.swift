import AssessmentCore
import AssessmentStore
import Foundation
@testable import StoreSync
import TestSupport
import XCTest

/// Two or three stores syncing through a bare repository with real git.
final class SyncTests: XCTestCase {
    func testDifferentQuestionsOfOneSessionMergeInEitherOrder() throws {
        for aFirst in [true, false] {
            let h = try SyncHarness()
            let s = try h.create("a", title: "Acme Q4", by: "alice")
            try h.answer("a", s.id, "scope.gpai", "yes", by: "alice")
            try h.sync("a")
            let joined = try h.sync("b")
            XCTAssertEqual(joined.received, [s.id])
            try h.answer("a", s.id, "tr.1.1.q1", "partly", by: "alice")
            try h.answer("b", s.id, "tr.1.1.q2", "yes", by: "bob")
            let order = aFirst ? ["a", "b", "a"] : ["b", "a", "b"]
            for name in order { try h.sync(name) }
            for name in ["a", "b"] {
                let x = try h.load(name, s.id)
                XCTAssertEqual(x.answers["scope.gpai"]?.value, .text("yes"), name)
                XCTAssertEqual(x.answers["tr.1.1.q1"]?.value, .text("partly"), name)
                XCTAssertEqual(x.answers["tr.1.1.q2"]?.value, .text("yes"), name)
                XCTAssertTrue(x.conflicts.isEmpty)
            }
            XCTAssertEqual(h.files("a"), h.files("b"))
            // The commit is authored by the person at the terminal, with a readable message.
            let log = try h.git(["log", "--format=%an|%s"], in: h.store("b").root).text
            XCTAssertTrue(log.contains("b|b: Acme Q4 — 1 answer"), log)
            // One commit per sync that had something to say: the first, a's answer, b's answer (with the merge).
            XCTAssertEqual(try h.git(["-C", h.store("b").root, "rev-list", "--count", "HEAD"]).text.trimmingCharacters(in: .whitespacesAndNewlines), "3", log)
        }
    }

    func testSameQuestionAnsweredDifferentlyIsAConflictResolvableOnEitherSide() throws {
        for resolveOn in ["a", "b"] {
            let h = try SyncHarness()
            let s = try h.sharedSession()
            try h.answer("a", s.id, "tr.1.1.q1", "yes", by: "alice")
            try h.answer("b", s.id, "tr.1.1.q1", "no", by: "bob")
            try h.sync("a")
            let r = try h.sync("b")
            XCTAssertEqual(r.newConflicts.map(\.label), ["answer tr.1.1.q1"])
            try h.sync("a")
            for name in ["a", "b"] {
                let c = try XCTUnwrap(try h.load(name, s.id).conflict(onQuestion: "tr.1.1.q1"), name)
                XCTAssertEqual(Set(c.sides.compactMap { $0.answer?.value?.description }), ["yes", "no"])
                XCTAssertEqual(Set(c.sides.map(\.by)), ["alice", "bob"])
                XCTAssertNil(try h.load(name, s.id).answers["tr.1.1.q1"], "counted as unanswered until resolved")
            }
            XCTAssertEqual(h.syncer("a").conflicted(), [s.id: 1])
            try h.answer(resolveOn, s.id, "tr.1.1.q1", "no", by: "carol")
            let other = resolveOn == "a" ? "b" : "a"
            try h.sync(resolveOn); try h.sync(other); try h.sync(resolveOn)
            for name in ["a", "b"] {
                let x = try h.load(name, s.id)
                XCTAssertTrue(x.conflicts.isEmpty, name)
                XCTAssertEqual(x.answers["tr.1.1.q1"]?.value, .text("no"))
                XCTAssertEqual(x.history.last?.by, "carol", "the resolution is in the history")
            }
            XCTAssertEqual(h.files("a"), h.files("b"))
            XCTAssertEqual(h.syncer("a").conflicted(), [:])
        }
    }

    func testDeletedOnOneSideChangedOnTheOtherIsKept() throws {
        let h = try SyncHarness()
        let s = try h.create("a", title: "Acme", by: "alice")
        let gone = try h.create("a", title: "Old", by: "alice")
        try h.sync("a"); try h.sync("b")
        try h.store("a").delete(s.id)
        try h.store("a").delete(gone.id)
        try h.answer("b", s.id, "tr.1.1.q1", "yes", by: "bob")
        try h.sync("a")
        let r = try h.sync("b")
        XCTAssertTrue(r.notes.contains { $0.contains(s.id) && $0.contains("kept") }, "\(r.notes)")
        try h.sync("a")
        XCTAssertEqual(try h.load("a", s.id).answers["tr.1.1.q1"]?.value, .text("yes"))
        XCTAssertFalse(h.store("a").ids().contains(gone.id))
        XCTAssertFalse(h.store("b").ids().contains(gone.id), "deleted on one side and unchanged on the other: deleted")
        XCTAssertEqual(h.files("a"), h.files("b"))
    }

    func testNoPushAndDryRunLeaveTheRemoteAlone() throws {
        let h = try SyncHarness()
        let s = try h.sharedSession()
        try h.answer("b", s.id, "tr.1.1.q2", "no", by: "bob")
        try h.sync("b")
        try h.answer("a", s.id, "tr.1.1.q1", "yes", by: "alice")
        let remoteBefore = try h.git(["-C", h.remote, "rev-parse", "main"]).text
        let filesBefore = h.files("a")
        let dry = try h.syncer("a").sync(StoreSyncer.Options(dryRun: true))
        XCTAssertEqual(dry.pendingLocal, [s.id])
        XCTAssertEqual(dry.merged, [s.id], "says it would merge the session changed on both sides")
        XCTAssertTrue(dry.summary.contains("would merge"), dry.summary)
        XCTAssertEqual(h.files("a"), filesBefore, "a dry run changes nothing here")
        let r = try h.syncer("a").sync(StoreSyncer.Options(push: false))
        XCTAssertFalse(r.pushed)
        XCTAssertEqual(try h.load("a", s.id).answers["tr.1.1.q2"]?.value, .text("no"), "fetched and merged")
        XCTAssertEqual(try h.git(["-C", h.remote, "rev-parse", "main"]).text, remoteBefore, "nothing pushed")
        XCTAssertEqual(h.syncer("a").unsynced(), [s.id])
        XCTAssertTrue(try h.sync("a").pushed)
    }

    func testASessionOpenHereIsNotDeletedUnderTheUser() throws {
        let h = try SyncHarness()
        let s = try h.sharedSession()
        try h.store("b").delete(s.id)
        try h.sync("b")
        let lock = try SessionLock.acquire(s.id, in: h.store("a"), user: "alice")
        let r = try h.sync("a")
        XCTAssertTrue(r.notes.contains { $0.contains("open here; kept") }, "\(r.notes)")
        XCTAssertTrue(h.store("a").ids().contains(s.id))
        lock.release(in: h.store("a"))
        try h.sync("b")
        XCTAssertEqual(h.files("a"), h.files("b"), "kept on both, as a deletion against a change would be")
    }

    func testTwoNewSessionsWithOneIdAreBothKept() throws {
        let h = try SyncHarness()
        try h.sync("a"); try h.sync("b")
        let t = Timestamp.now()
        let a = Session(id: "acme", title: "Acme from A", questionnaire: h.questionnaire, by: "alice", at: t)
        let b = Session(id: "acme", title: "Acme from B", questionnaire: h.questionnaire, by: "bob", at: t.addingTimeInterval(1))
        try h.store("a").save(a); try h.store("b").save(b)
        try h.sync("a")
        let r = try h.sync("b")
        XCTAssertTrue(r.notes.contains { $0.contains("yours is now acme-") }, "\(r.notes)")
        try h.sync("a")
        XCTAssertEqual(try h.load("b", "acme").title, "Acme from A")
        let titles = Set(h.store("a").ids().compactMap { try? h.load("a", $0).title })
        XCTAssertEqual(titles, ["Acme from A", "Acme from B"])
        XCTAssertEqual(h.files("a"), h.files("b"))
    }

    func testPushRejectedBecauseSomeonePushedFirstIsRetried() throws {
        let h = try SyncHarness()
        let s = try h.sharedSession()
        try h.answer("a", s.id, "tr.1.1.q1", "yes", by: "alice")
        try h.answer("b", s.id, "tr.1.1.q2", "no", by: "bob")
        // a commits and fetches, then b pushes before a does.
        let syncer = h.syncer("a")
        let git = try Git(root: h.store("a").root, user: "alice")
        var report = SyncReport()
        _ = try syncer.commitLocal(git, report: &report)
        try syncer.fetch(git)
        try syncer.mergeRemote(git, report: &report, dryRun: false)
        try h.sync("b")
        XCTAssertEqual(try syncer.push(git), .rejected)
        let r = try h.sync("a")
        XCTAssertTrue(r.pushed)
        try h.sync("b")
        XCTAssertEqual(h.files("a"), h.files("b"))
        XCTAssertEqual(try h.load("b", s.id).answers["tr.1.1.q1"]?.value, .text("yes"))
    }

    func testUnreachableRemoteLeavesAnswersAndTheNextSyncCompletes() throws {
        let h = try SyncHarness()
        let s = try h.create("a", title: "Acme", by: "alice")
        try h.answer("a", s.id, "tr.1.1.q1", "yes", by: "alice")
        let before = h.files("a")
        XCTAssertThrowsError(try h.syncer("a").sync(StoreSyncer.Options(remote: h.dir + "/nowhere.git"))) { e in
            guard case .unreachable = e as? SyncError else { return XCTFail("\(e)") }
            XCTAssertTrue((e as! SyncError).description.contains("your answers are safe here"))
        }
        XCTAssertEqual(h.files("a"), before)
        XCTAssertEqual(h.syncer("a").unsynced(), [s.id], "list shows it as not yet synced")
        try h.sync("a")
        XCTAssertEqual(h.syncer("a").unsynced(), [])
        try h.sync("b")
        XCTAssertEqual(h.files("a"), h.files("b"))
    }

    func testRemoteWithAPasswordIsRefusedAndNotStored() throws {
        let h = try SyncHarness()
        XCTAssertThrowsError(try h.syncer("a").sync(StoreSyncer.Options(remote: "https://bob:s3cret@git.example.org/x.git"))) { e in
            XCTAssertFalse("\(e)".contains("s3cret"))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: h.store("a").root + "/.git"))
    }

    func testFilesKeepTheStoreModes() throws {
        let h = try SyncHarness()
        let s = try h.create("a", title: "Acme", by: "alice")
        // b is a team store (set-group-id, group-writable): its files are 0660, a's private ones 0600.
        try FileManager.default.createDirectory(atPath: h.store("b").root, withIntermediateDirectories: true)
        XCTAssertEqual(chmod(h.store("b").root, 0o2770), 0)
        try h.sync("a"); try h.sync("b")
        var st = stat()
        XCTAssertEqual(stat(h.store("b").sessionsDirectory + "/\(s.id).json", &st), 0)
        XCTAssertEqual(st.st_mode & 0o777, 0o660)
        XCTAssertEqual(stat(h.store("a").sessionsDirectory + "/\(s.id).json", &st), 0)
        XCTAssertEqual(st.st_mode & 0o777, 0o600)
        XCTAssertEqual(try h.git(["-C", h.store("b").root, "config", "core.sharedRepository"]).text.trimmingCharacters(in: .whitespacesAndNewlines), "1")
    }

    func testGitMessagesAreSortedIntoWhatTheUserCanDo() {
        let root = "/s"
        func kind(_ e: SyncError) -> String {
            switch e { case .authRefused: return "authRefused"; case .unreachable: return "unreachable"; default: return "\(e)" }
        }
        XCTAssertEqual(kind(StoreSyncer.classify("git@host: Permission denied (publickey).\nfatal: Could not read from remote repository.", writing: root)), "authRefused")
        XCTAssertEqual(kind(StoreSyncer.classify("remote: HTTP Basic: Access denied\nfatal: Authentication failed for 'https://h/r.git/'", writing: root)), "authRefused")
        XCTAssertEqual(kind(StoreSyncer.classify("ssh: Could not resolve hostname nohost: Name or service not known\nfatal: Could not read from remote repository.", writing: root)), "unreachable")
        XCTAssertEqual(kind(StoreSyncer.classify("fatal: unable to access 'https://h/': Failed to connect to h port 443: Connection refused", writing: root)), "unreachable")
        // A path that happens to hold "401" is not an HTTP status (the test's own pid made this flaky).
        XCTAssertEqual(kind(StoreSyncer.classify("fatal: '/tmp/sync-4011-AB/missing.git' does not appear to be a git repository", writing: root)), "unreachable")
        XCTAssertEqual(kind(StoreSyncer.classify("fatal: unable to access 'https://h/r.git/': The requested URL returned error: 403", writing: root)), "authRefused")
        XCTAssertEqual(StoreSyncer.classify("error: unable to write file x: No space left on device", writing: root),
                       .storeNotWritable(path: root, reason: "error: unable to write file x: No space left on device"))
    }
}
