import AssessmentCore
import AssessmentStore
import Foundation
import TestSupport
import XCTest
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

final class SessionStoreTests: XCTestCase {
    var root = ""
    var store: SessionStore { SessionStore(root: root) }

    override func setUp() { root = Fixtures.temporaryDirectory("store") + "/home" }
    override func tearDown() { try? FileManager.default.removeItem(atPath: (root as NSString).deletingLastPathComponent) }

    func mode(_ path: String) -> mode_t {
        var st = stat()
        XCTAssertEqual(stat(path, &st), 0, path)
        return st.st_mode & 0o777
    }

    func testRoundTripIsPrettySortedAndPrivateEvenUnderUmaskZero() throws {
        let old = umask(0)
        defer { umask(old) }
        let q = try Fixtures.mini()
        var s = try store.create(title: "Acme Q3 — ünïcode", questionnaire: q, by: "alice")
        s.set("tr.1.1.q1", to: Answer(value: .text("yes"), note: "line 1\nline 2", evidence: ["DOC-1"], by: "alice"), by: "alice")
        try store.save(s)
        XCTAssertEqual(try SessionCodec.encode(try store.load(s.id)), try SessionCodec.encode(s), "nothing lost in a round trip")
        XCTAssertEqual(mode(root), 0o700)
        XCTAssertEqual(mode(store.sessionsDirectory), 0o700)
        XCTAssertEqual(mode(try store.path(for: s.id)), 0o600)
        XCTAssertEqual(mode(try store.backupPath(for: s.id)), 0o600)
        let text = String(decoding: fileBytes(try store.path(for: s.id)), as: UTF8.self)
        XCTAssertTrue(text.contains("\n  \"answers\" : {"), "pretty-printed")
        let keys = text.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map { String($0.split(separator: "\"")[1]) }
        XCTAssertEqual(keys, keys.sorted(), "top-level keys sorted")
        XCTAssertTrue(text.contains("\"schemaVersion\" : 1"))
    }

    func testBackupKeepsThePreviousGeneration() throws {
        let q = try Fixtures.mini()
        var s = try store.create(title: "B", questionnaire: q, by: "a")
        s.title = "second"
        try store.save(s)
        s.title = "third"
        try store.save(s)
        let backup = try SessionCodec.decode(fileBytes(try store.backupPath(for: s.id)))
        XCTAssertEqual(backup.title, "second")
    }

    func testIDsAreSafe() throws {
        for bad in ["../x", "/etc/passwd", "a/b", "a\0b", String(repeating: "a", count: 65), "", "-a", "A", "a.json", "ü"] {
            XCTAssertThrowsError(try store.path(for: bad), bad)
        }
        let id = SessionStore.makeID(title: "../../etc/passwd ; rm -rf /")
        XCTAssertTrue(SessionStore.isValidID(id), id)
        XCTAssertTrue(id.hasPrefix("etc-passwd-rm-rf-"), id)
        XCTAssertTrue(SessionStore.isValidID(SessionStore.makeID(title: "日本語")))
    }

    func testResolveByPrefix() throws {
        let q = try Fixtures.mini()
        let a = try store.create(title: "alpha", questionnaire: q, by: "x")
        _ = try store.create(title: "alpine", questionnaire: q, by: "x")
        XCTAssertEqual(try store.resolve(a.id), a.id)
        XCTAssertEqual(try store.resolve("alph"), a.id)
        XCTAssertThrowsError(try store.resolve("al")) { XCTAssertTrue("\($0)".contains("ambiguous")) }
        XCTAssertThrowsError(try store.resolve("zzz")) { XCTAssertEqual("\($0)", "no session 'zzz'; see 'gpai-assess list'") }
        XCTAssertThrowsError(try store.resolve("../x"))
    }

    func testBrokenFilesAreListedAndNeverOverwritten() throws {
        let q = try Fixtures.mini()
        let good = try store.create(title: "good", questionnaire: q, by: "x")
        let dir = store.sessionsDirectory
        let newer = String(decoding: try SessionCodec.encode(good), as: UTF8.self).replacingOccurrences(of: "\"schemaVersion\" : 1", with: "\"schemaVersion\" : 99")
        let cases: [(String, [UInt8], String)] = [
            ("empty", [], "empty file"),
            ("truncated", Array(String(decoding: try SessionCodec.encode(good), as: UTF8.self).prefix(80).utf8), "not valid JSON"),
            ("garbage", [0xFF, 0x00, 0x13, 0x37], "not valid JSON"),
            ("wrong-shape", Array("[1, 2, 3]".utf8), "not a session"),
            ("no-fields", Array("{\"schemaVersion\": 1}".utf8), "not a valid session: missing 'id'"),
            ("newer", Array(newer.replacingOccurrences(of: good.id, with: "newer").utf8), "written by a newer gpai-assess (schemaVersion 99"),
        ]
        for (name, bytes, _) in cases { FileManager.default.createFile(atPath: "\(dir)/\(name).json", contents: Data(bytes)) }
        symlink("/etc/hostname", "\(dir)/link.json")
        mkdir("\(dir)/folder.json", 0o700)
        let entries = store.list()
        XCTAssertEqual(entries.first?.id, good.id, "readable sessions first")
        for (name, bytes, reason) in cases {
            guard case let .unreadable(_, _, r)? = entries.first(where: { $0.id == name }) else { return XCTFail(name) }
            XCTAssertTrue(r.hasPrefix(reason), "\(name): \(r)")
            XCTAssertEqual(fileBytes("\(dir)/\(name).json"), bytes, "\(name) untouched")
            XCTAssertThrowsError(try store.load(name))
        }
        guard case let .unreadable(_, _, r)? = entries.first(where: { $0.id == "link" }) else { return XCTFail("link") }
        XCTAssertEqual(r, "is a symbolic link (refused)")
        guard case let .unreadable(_, _, r2)? = entries.first(where: { $0.id == "folder" }) else { return XCTFail("folder") }
        XCTAssertEqual(r2, "not a regular file")
        // A save never replaces through a symlink.
        var s = good
        s.id = "link"
        XCTAssertThrowsError(try store.save(s))
    }

    func testConcurrentUpdatesLoseNothing() throws {
        let q = try Fixtures.mini()
        let s = try store.create(title: "race", questionnaire: q, by: "x")
        let ids = q.allQuestions.map(\.id)
        let st = store
        DispatchQueue.concurrentPerform(iterations: 40) { i in
            _ = try? st.update(s.id) { s in
                s.set("\(ids[i % ids.count])", to: Answer(value: .text("v\(i)"), note: "writer \(i)", by: "w\(i)"), by: "w\(i)")
            }
        }
        let final = try store.load(s.id)
        XCTAssertEqual(final.history.count, 40, "every update recorded")
    }

    func testDefaultRoot() {
        XCTAssertEqual(SessionStore.defaultRoot(environment: ["GPAI_ASSESS_HOME": "/x", "XDG_DATA_HOME": "/y", "HOME": "/h"]), "/x")
        XCTAssertEqual(SessionStore.defaultRoot(environment: ["XDG_DATA_HOME": "/y", "HOME": "/h"]), "/y/gpai-assess")
        XCTAssertEqual(SessionStore.defaultRoot(environment: ["XDG_DATA_HOME": "relative", "HOME": "/h"]), "/h/.local/share/gpai-assess")
        XCTAssertEqual(SessionStore.defaultRoot(environment: ["HOME": "/h"]), "/h/.local/share/gpai-assess")
    }

    func testCatalogFindsFoldersAndPrefersTheFirst() throws {
        let dir = Fixtures.temporaryDirectory("cat")
        let text = String(decoding: fileBytes(Fixtures.path("mini.json")), as: UTF8.self).replacingOccurrences(of: "\"version\": \"1.0.0\"", with: "\"version\": \"9.9\"")
        FileManager.default.createFile(atPath: dir + "/mini.json", contents: Data(text.utf8))
        FileManager.default.createFile(atPath: dir + "/broken.json", contents: Data("{".utf8))
        let cat = QuestionnaireCatalog(folders: [dir, Fixtures.packageRoot.appendingPathComponent("Tests/Fixtures").path])
        XCTAssertEqual(try cat.questionnaire("mini").version, "9.9")
        XCTAssertEqual(cat.problems.map { ($0.file as NSString).lastPathComponent }, ["broken.json"])
        XCTAssertThrowsError(try cat.questionnaire("nope")) { XCTAssertTrue("\($0)".hasPrefix("unknown questionnaire 'nope'; available: mini")) }
        let env = QuestionnaireCatalog.defaultFolders(environment: ["GPAI_ASSESS_QUESTIONNAIRES": "/a:/b"], executable: "/usr/local/bin/gpai-assess")
        XCTAssertEqual(Array(env.prefix(3)), ["/a", "/b", "/usr/local/share/gpai-assess/questionnaires"])
    }
}

final class SessionIndexTests: XCTestCase {
    func testIndexFollowsEveryChangeAndSurvivesDamage() throws {
        let root = Fixtures.temporaryDirectory("index")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = SessionStore(root: root)
        let q = try Fixtures.mini()
        var a = try store.create(title: "A", questionnaire: q, by: "x")
        let b = try store.create(title: "B", questionnaire: q, by: "x")
        let index = SessionIndex(store: store)
        func summaries() -> [String: SessionIndex.Summary] {
            var out: [String: SessionIndex.Summary] = [:]
            for e in index.entries(questionnaire: { $0 == q.id ? q : nil }) { if case let .summary(s, _) = e { out[s.id] = s } }
            return out
        }
        XCTAssertEqual(summaries().count, 2)
        XCTAssertTrue(FileManager.default.fileExists(atPath: store.sessionsDirectory + "/.index.json"))
        // A change of the same size, within the same clock tick, is still seen (new inode on every save).
        a.set("scope.gpai", to: Answer(value: .text("yes"), by: "x"), by: "x")
        try store.save(a)
        XCTAssertEqual(summaries()[a.id]?.answered, 1)
        try store.delete(b.id)
        XCTAssertNil(summaries()[b.id])
        // A damaged index is ignored and rebuilt.
        try "garbage".write(toFile: store.sessionsDirectory + "/.index.json", atomically: false, encoding: .utf8)
        XCTAssertEqual(summaries()[a.id]?.answered, 1)
        // The index is never listed as a session.
        XCTAssertFalse(store.ids().contains { $0.contains("index") })
    }
}

final class TeamStoreTests: XCTestCase {
    func mode(_ path: String) -> mode_t {
        var st = stat()
        XCTAssertEqual(stat(path, &st), 0, path)
        return st.st_mode & 0o7777
    }

    /// A set-group-id, group-writable root makes a team store: sessions 0660 in 2770 folders,
    /// never readable by others; a plain root stays private.
    func testTeamStoreSharesWithTheGroupOnly() throws {
        let base = Fixtures.temporaryDirectory("team")
        defer { try? FileManager.default.removeItem(atPath: base) }
        let old = umask(0o022)
        defer { umask(old) }
        let teamRoot = base + "/team"
        XCTAssertEqual(mkdir(teamRoot, 0o700), 0)
        XCTAssertEqual(chmod(teamRoot, 0o2770), 0)
        let team = SessionStore(root: teamRoot)
        XCTAssertTrue(team.isShared)
        let q = try Fixtures.mini()
        let s = try team.create(title: "shared", questionnaire: q, by: "alice")
        try team.update(s.id) { $0.title = "shared 2" }
        let lock = try SessionLock.acquire(s.id, in: team, user: "alice")
        XCTAssertEqual(mode(team.sessionsDirectory), 0o2770)
        XCTAssertEqual(mode(try team.path(for: s.id)), 0o660)
        XCTAssertEqual(mode(try team.backupPath(for: s.id)), 0o660)
        XCTAssertEqual(mode(lock.path), 0o660)
        lock.release(in: team)
        XCTAssertEqual(StoreDoctor(store: team).examine(catalog: QuestionnaireCatalog(folders: [Fixtures.path("")])).filter { $0.kind == .permissions }, [])

        let privateStore = SessionStore(root: base + "/mine")
        XCTAssertFalse(privateStore.isShared)
        let p = try privateStore.create(title: "mine", questionnaire: q, by: "bob")
        XCTAssertEqual(mode(privateStore.sessionsDirectory), 0o700)
        XCTAssertEqual(mode(try privateStore.path(for: p.id)), 0o600)
    }
}
