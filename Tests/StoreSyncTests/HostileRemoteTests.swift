import AssessmentCore
import AssessmentStore
import Foundation
@testable import StoreSync
import TestSupport
import XCTest

/// What arrives from a remote is treated as hostile; `git pull` in the store uses our merge driver.
final class HostileRemoteTests: XCTestCase {
    func testHostileContentIsRefusedWithoutAffectingTheRest() throws {
        let h = try SyncHarness()
        let mine = try h.create("a", title: "Mine", by: "alice")
        try h.answer("a", mine.id, "tr.1.1.q1", "yes", by: "alice")
        try h.sync("a")
        let before = h.files("a")

        // Someone with push access writes whatever they like.
        let evil = h.dir + "/evil"
        try h.git(["clone", "-q", h.remote, evil])
        func put(_ path: String, _ bytes: [UInt8]) throws {
            let p = evil + "/" + path
            try FileManager.default.createDirectory(atPath: (p as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            XCTAssertTrue(FileManager.default.createFile(atPath: p, contents: Data(bytes)))
        }
        let good = Session(id: "good-one", title: "Good", questionnaire: h.questionnaire, by: "mallory")
        try put("sessions/good-one.json", try SessionCodec.encode(good))
        try FileManager.default.createSymbolicLink(atPath: evil + "/sessions/link.json", withDestinationPath: "/etc/passwd")
        var traversal = good; traversal.id = "../../escape"
        try put("sessions/trav.json", try SessionCodec.encode(traversal))
        try put("sessions/Bad..Name.json", try SessionCodec.encode(good))
        try put("sessions/broken.json", Array("{\"schemaVersion\": 1, \"id\": ".utf8))
        var otherQ = try h.load("a", mine.id); otherQ.questionnaire.id = "something-else"; otherQ.title = "Hijacked"
        try put("sessions/\(mine.id).json", try SessionCodec.encode(otherQ))
        try put("evil.sh", Array("#!/bin/sh\ntouch /tmp/pwned\n".utf8))
        try put("sessions/sub/nested.json", try SessionCodec.encode(good))
        // 100 MB that compresses to almost nothing.
        var huge = Array("{\"schemaVersion\": 1, \"id\": \"huge\", \"title\": \"".utf8)
        huge += [UInt8](repeating: UInt8(ascii: "x"), count: 100 * 1024 * 1024)
        huge += Array("\"}".utf8)
        try put("sessions/huge.json", huge)
        huge = []
        try h.git(["-C", evil, "add", "-A"])
        try h.git(["-C", evil, "commit", "-q", "-m", "evil"])
        try h.git(["-C", evil, "push", "-q", "origin", "HEAD:main"])

        let r = try h.sync("a")
        let w = r.warnings.joined(separator: "\n")
        XCTAssertTrue(w.contains("link.json") && w.contains("symbolic link"), w)
        XCTAssertTrue(w.contains("trav.json") && w.contains("../../escape"), w)
        XCTAssertTrue(w.contains("Bad..Name.json"), w)
        XCTAssertTrue(w.contains("broken.json") && w.contains("not valid JSON"), w)
        XCTAssertTrue(w.contains("something-else"), w)
        XCTAssertTrue(w.contains("evil.sh") && w.contains("only sessions/"), w)
        XCTAssertTrue(w.contains("nested.json"), w)
        XCTAssertTrue(w.contains("huge.json") && w.contains("100 MB"), w)
        XCTAssertEqual(r.received, ["good-one"])
        var after = h.files("a")
        XCTAssertNotNil(after.removeValue(forKey: "good-one"))
        XCTAssertEqual(after, before, "local sessions untouched")
        for name in ["evil.sh", "sessions/link.json", "sessions/huge.json", "sessions/broken.json", "sessions/sub", "escape.json", "../escape.json"] {
            var st = stat()
            XCTAssertNotEqual(lstat(h.store("a").root + "/" + name, &st), 0, "\(name) must not be written")
        }
        // The store stays usable and the next sync completes (and cleans the remote).
        try h.sync("a")
        let c = try h.sync("b")
        XCTAssertTrue(c.warnings.isEmpty, "\(c.warnings)")
        XCTAssertEqual(h.files("a"), h.files("b"))
    }

    func testPlainGitPullMergesSessionsWithTheDriver() throws {
        let h = try SyncHarness()
        let s = try h.sharedSession()
        // Both append to the history and change 'updated': a line merge would conflict.
        try h.answer("a", s.id, "tr.1.1.q1", "yes", by: "alice")
        try h.answer("b", s.id, "tr.1.1.q2", "no", by: "bob")
        try h.sync("b")
        let root = h.store("a").root
        try h.git(["-C", root, "commit", "-q", "-a", "-m", "alice by hand"])
        let pull = try Subprocess.run(Subprocess.find("git")!, ["-C", root, "-c", "pull.rebase=false", "pull", "-q", "--no-edit", "origin", "main"],
                                      environment: h.gitEnvironment)
        XCTAssertTrue(pull.ok, pull.stderr)
        let bytes = fileBytes(h.store("a").sessionsDirectory + "/\(s.id).json")
        XCTAssertFalse(String(decoding: bytes, as: UTF8.self).contains("<<<<<<<"))
        let merged = try SessionCodec.decode(bytes)
        XCTAssertEqual(merged.answers["tr.1.1.q1"]?.value, .text("yes"))
        XCTAssertEqual(merged.answers["tr.1.1.q2"]?.value, .text("no"))
        XCTAssertEqual(merged.history.count, 2)
        // And sync carries on from there.
        try h.sync("a"); try h.sync("b")
        XCTAssertEqual(h.files("a"), h.files("b"))
    }

    func testNoGitHookRunsDuringASync() throws {
        let h = try SyncHarness()
        let s = try h.create("a", title: "Acme", by: "alice")
        try h.sync("a")
        let marker = h.dir + "/hook-ran"
        for hook in ["pre-push", "reference-transaction", "post-merge", "post-checkout", "pre-auto-gc", "post-index-change"] {
            let p = h.store("a").root + "/.git/hooks/" + hook
            XCTAssertTrue(FileManager.default.createFile(atPath: p, contents: Data("#!/bin/sh\necho \(hook) >> '\(marker)'\n".utf8)))
            XCTAssertEqual(chmod(p, 0o755), 0)
        }
        try h.answer("a", s.id, "tr.1.1.q1", "yes", by: "alice")
        try h.sync("b")
        try h.answer("b", s.id, "tr.1.1.q2", "no", by: "bob")
        try h.sync("b")
        let r = try h.sync("a")
        XCTAssertTrue(r.pushed)
        XCTAssertFalse(FileManager.default.fileExists(atPath: marker), (try? String(contentsOfFile: marker, encoding: .utf8)) ?? "")
    }
}
