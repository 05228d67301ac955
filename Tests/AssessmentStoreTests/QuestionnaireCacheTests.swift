import AssessmentCore
@testable import AssessmentStore
import Foundation
import TestSupport
import XCTest
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// The decoded-questionnaire cache behind `QuestionnaireCatalog`: when an entry is used, when it is
/// not, and that every failure falls back to loading the file.
final class QuestionnaireCacheTests: XCTestCase {
    var root = ""
    var sources = ""
    var cacheFolder = ""
    let program = QuestionnaireCache.ProgramIdentity(device: 1, inode: 2, size: 3, mtime: 4, mtimeNs: 5)

    override func setUp() {
        root = Fixtures.temporaryDirectory("qcache")
        sources = root + "/questionnaires"
        cacheFolder = root + "/cache/gpai-assess/questionnaires"
        try? FileManager.default.createDirectory(atPath: sources, withIntermediateDirectories: true)
        for name in ["gpai-cop-2025.json"] {
            try? FileManager.default.copyItem(atPath: Fixtures.questionnairesFolder + "/" + name, toPath: sources + "/" + name)
        }
        try? FileManager.default.copyItem(atPath: Fixtures.path("mini.json"), toPath: sources + "/mini.json")
    }

    override func tearDown() {
        _ = chmod(root + "/cache", 0o700)
        try? FileManager.default.removeItem(atPath: root)
    }

    /// A cache that stores sources however recently they changed (the tests write them just now).
    func cache(_ program: QuestionnaireCache.ProgramIdentity? = nil, folder: String? = nil) -> QuestionnaireCache {
        QuestionnaireCache(folder: folder ?? cacheFolder, program: program ?? self.program, racyWindowNs: 0)
    }

    func fresh(_ id: String) throws -> Questionnaire { try QuestionnaireLoader.load(path: sources + "/" + id + ".json") }

    func entry(_ c: QuestionnaireCache, _ id: String) -> String { c.entryPath(forSource: sources + "/" + id + ".json") }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    func entries(_ folder: String) -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted() }

    // MARK: - Hits and misses

    func testAMissStoresAndTheNextLoadIsAnEqualHit() throws {
        let c = cache()
        XCTAssertFalse(exists(entry(c, "gpai-cop-2025")))
        let first = try QuestionnaireCatalog(folders: [sources], cache: c).questionnaire("gpai-cop-2025")
        XCTAssertEqual(first, try fresh("gpai-cop-2025"))
        XCTAssertTrue(exists(entry(c, "gpai-cop-2025")), "the miss wrote an entry")
        var st = stat()
        XCTAssertEqual(stat(cacheFolder, &st), 0)
        XCTAssertEqual(st.st_mode & 0o777, 0o700, "the folder is created private")
        XCTAssertEqual(stat(entry(c, "gpai-cop-2025"), &st), 0)
        XCTAssertEqual(st.st_mode & 0o777, 0o600)

        let key = try XCTUnwrap(c.key(forSource: sources + "/gpai-cop-2025.json"))
        XCTAssertNotNil(c.load(key), "the entry answers for this version of the file")
        let second = try QuestionnaireCatalog(folders: [sources], cache: cache()).questionnaire("gpai-cop-2025")
        XCTAssertEqual(second, first)
        XCTAssertEqual(second.path, sources + "/gpai-cop-2025.json", "the catalog sets the path")
        XCTAssertEqual(second.digest, first.digest)
    }

    /// Proof that a hit does not read the source: an entry that says something else (under the
    /// same key) is what the catalog returns.
    func testAHitIsServedFromTheEntry() throws {
        let c = cache()
        let path = sources + "/mini.json"
        let key = try XCTUnwrap(c.key(forSource: path))
        var altered = try fresh("mini")
        altered.title = "From the cache"
        c.store(altered, for: key)
        XCTAssertEqual(try QuestionnaireCatalog(folders: [sources], cache: c).questionnaire("mini").title, "From the cache")
        XCTAssertEqual(try QuestionnaireCatalog(folders: [sources]).questionnaire("mini").title, "Mini test questionnaire",
                       "no cache: the file")
        XCTAssertEqual(QuestionnaireCatalog(folders: [sources], cache: c).questionnaires.first { $0.id == "mini" }?.title,
                       "From the cache", "the full list uses the cache too")
    }

    func testRewritingTheSourceInvalidates() throws {
        let c = cache()
        _ = try QuestionnaireCatalog(folders: [sources], cache: c).questionnaire("mini")
        let path = sources + "/mini.json"
        let before = try Data(contentsOf: URL(fileURLWithPath: entry(c, "mini")))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "Mini test questionnaire", with: "Mini, edited").write(toFile: path, atomically: false, encoding: .utf8)
        let q = try QuestionnaireCatalog(folders: [sources], cache: c).questionnaire("mini")
        XCTAssertEqual(q.title, "Mini, edited")
        XCTAssertEqual(q, try fresh("mini"))
        XCTAssertNotEqual(try Data(contentsOf: URL(fileURLWithPath: entry(c, "mini"))), before, "the entry was rewritten")

        // Same size, same inode: only the times tell. (A second write within one timestamp tick could
        // keep them: that is what the default racy window guards against; this cache has none, so wait.)
        usleep(50_000)
        let same = text.replacingOccurrences(of: "Mini test questionnaire", with: "Mini test questionnairE")
        try same.write(toFile: path, atomically: false, encoding: .utf8)
        XCTAssertEqual(try QuestionnaireCatalog(folders: [sources], cache: c).questionnaire("mini").title, "Mini test questionnairE")
    }

    func testAnotherProgramInvalidates() throws {
        let path = sources + "/mini.json"
        var altered = try fresh("mini")
        altered.title = "Stored by another build"
        let other = QuestionnaireCache.ProgramIdentity(device: 1, inode: 2, size: 3, mtime: 4, mtimeNs: 6)
        let old = cache(other)
        old.store(altered, for: try XCTUnwrap(old.key(forSource: path)))
        XCTAssertEqual(old.load(try XCTUnwrap(old.key(forSource: path)))?.title, "Stored by another build")

        let c = cache()
        XCTAssertNil(c.load(try XCTUnwrap(c.key(forSource: path))), "another program's entry is not used")
        XCTAssertEqual(try QuestionnaireCatalog(folders: [sources], cache: c).questionnaire("mini"), try fresh("mini"))
        XCTAssertEqual(c.load(try XCTUnwrap(c.key(forSource: path))), try fresh("mini").withoutPath, "rewritten for this program")
    }

    func testTheRunningProgramIsKnown() throws {
        let me = try XCTUnwrap(QuestionnaireCache.ProgramIdentity.running)
        var st = stat()
        XCTAssertEqual(stat(CommandLine.arguments[0], &st), 0)
        XCTAssertEqual(me.inode, UInt64(st.st_ino))
        XCTAssertTrue(QuestionnaireCache(folder: cacheFolder).isUsable)
    }

    func testACorruptedEntryFallsBackAndIsRewritten() throws {
        let c = cache()
        let good = try QuestionnaireCatalog(folders: [sources], cache: c).questionnaire("gpai-cop-2025")
        let file = entry(c, "gpai-cop-2025")
        let original = try Data(contentsOf: URL(fileURLWithPath: file))
        for damage in ["flip", "truncate", "empty", "garbage"] {
            var bytes = [UInt8](original)
            switch damage {
            case "flip": bytes[bytes.count - 1000] ^= 0x10
            case "truncate": bytes = Array(bytes.prefix(bytes.count / 2))
            case "empty": bytes = []
            default: bytes = [UInt8](repeating: 0x5A, count: 4096)
            }
            try Data(bytes).write(to: URL(fileURLWithPath: file))
            XCTAssertEqual(try QuestionnaireCatalog(folders: [sources], cache: c).questionnaire("gpai-cop-2025"), good, damage)
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: file)), original, "\(damage): rewritten")
        }
        // A symbolic link in place of the entry is not followed.
        try FileManager.default.removeItem(atPath: file)
        try FileManager.default.createSymbolicLink(atPath: file, withDestinationPath: root + "/elsewhere.bin")
        try original.write(to: URL(fileURLWithPath: root + "/elsewhere.bin"))
        XCTAssertNil(c.load(try XCTUnwrap(c.key(forSource: sources + "/gpai-cop-2025.json"))))
    }

    func testAStoreClearsTheTempFilesOfKilledWriters() throws {
        let c = cache()
        XCTAssertTrue(c.isUsable)
        let name = entry(c, "mini").lastPathPart
        let stale = cacheFolder + "/.\(name).12345.678.tmp", other = cacheFolder + "/.other.bin.1.2.tmp"
        for f in [stale, other] { try Data("partial".utf8).write(to: URL(fileURLWithPath: f)) }
        _ = try QuestionnaireCatalog(folders: [sources], cache: c).questionnaire("mini")
        XCTAssertFalse(exists(stale))
        XCTAssertTrue(exists(other), "another entry's temp file is left to its own writer")
        XCTAssertTrue(exists(entry(c, "mini")))
    }

    func testARecentlyChangedSourceIsNotStored() throws {
        // The default window: a file written a moment ago could change again within one timestamp tick.
        let c = QuestionnaireCache(folder: cacheFolder, program: program)
        XCTAssertEqual(try QuestionnaireCatalog(folders: [sources], cache: c).questionnaire("mini"), try fresh("mini"))
        XCTAssertFalse(exists(entry(c, "mini")))
    }

    func testFilesWithErrorsAreNotStoredAndStillReported() throws {
        try #"{"id": "broken", "title": "B", "version": "1", "nodes": []}"#.write(toFile: sources + "/broken.json", atomically: true, encoding: .utf8)
        let c = cache()
        let catalog = QuestionnaireCatalog(folders: [sources], cache: c)
        XCTAssertEqual(catalog.questionnaires.map(\.id).sorted(), ["gpai-cop-2025", "mini"])
        XCTAssertEqual(catalog.problems.map { $0.file.lastPathPart }, ["broken.json"])
        XCTAssertFalse(exists(entry(c, "broken")))
        XCTAssertTrue(exists(entry(c, "mini")))
        let again = QuestionnaireCatalog(folders: [sources], cache: c)
        XCTAssertEqual(again.questionnaires, catalog.questionnaires, "a full list from the cache equals the first")
        XCTAssertFalse(again.problems.first?.diagnostics.isEmpty ?? true, "diagnostics still come from the loader")
    }

    // MARK: - Folders that are not used

    func testAFolderOthersCanWriteIsNotUsed() throws {
        try FileManager.default.createDirectory(atPath: cacheFolder, withIntermediateDirectories: true)
        XCTAssertEqual(chmod(cacheFolder, 0o777), 0)
        let c = cache()
        XCTAssertFalse(c.isUsable)
        XCTAssertEqual(try QuestionnaireCatalog(folders: [sources], cache: c).questionnaire("mini"), try fresh("mini"))
        XCTAssertEqual(entries(cacheFolder), [])
        XCTAssertEqual(chmod(cacheFolder, 0o720), 0)
        XCTAssertFalse(cache().isUsable, "group-writable")
    }

    func testAFolderOwnedBySomeoneElseIsNotUsed() throws {
        try FileManager.default.createDirectory(atPath: cacheFolder, withIntermediateDirectories: true)
        XCTAssertEqual(chmod(cacheFolder, 0o700), 0)
        guard chown(cacheFolder, 65534, 65534) == 0 else {
            throw XCTSkip("giving the folder to another user needs root (chown failed: \(String(cString: strerror(errno))))")
        }
        let c = cache()
        XCTAssertFalse(c.isUsable)
        XCTAssertEqual(try QuestionnaireCatalog(folders: [sources], cache: c).questionnaire("mini"), try fresh("mini"))
        XCTAssertEqual(entries(cacheFolder), [])
    }

    func testASymbolicLinkedFolderIsNotUsed() throws {
        try FileManager.default.createDirectory(atPath: root + "/real", withIntermediateDirectories: true)
        _ = chmod(root + "/real", 0o700)
        try FileManager.default.createDirectory(atPath: root + "/cache/gpai-assess", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: cacheFolder, withDestinationPath: root + "/real")
        let c = cache()
        XCTAssertFalse(c.isUsable)
        XCTAssertEqual(try QuestionnaireCatalog(folders: [sources], cache: c).questionnaire("mini"), try fresh("mini"))
        XCTAssertEqual(entries(root + "/real"), [])
    }

    func testAFolderThatCannotBeMadeOrWrittenStillLoads() throws {
        // Under a regular file: cannot be created.
        try Data("x".utf8).write(to: URL(fileURLWithPath: root + "/file"))
        let blocked = cache(folder: root + "/file/cache")
        XCTAssertFalse(blocked.isUsable)
        XCTAssertEqual(try QuestionnaireCatalog(folders: [sources], cache: blocked).questionnaire("mini"), try fresh("mini"))

        // Read-only: loads fine; the entry cannot be written (unless root, whom modes do not stop).
        try FileManager.default.createDirectory(atPath: cacheFolder, withIntermediateDirectories: true)
        XCTAssertEqual(chmod(cacheFolder, 0o500), 0)
        let readOnly = cache()
        XCTAssertEqual(try QuestionnaireCatalog(folders: [sources], cache: readOnly).questionnaire("mini"), try fresh("mini"))
        if geteuid() != 0 { XCTAssertEqual(entries(cacheFolder), []) }
        _ = chmod(cacheFolder, 0o700)
    }

    func testNoCacheUnlessAsked() throws {
        let catalog = QuestionnaireCatalog(folders: [sources])
        XCTAssertNil(catalog.cache)
        _ = try catalog.questionnaire("mini")
        XCTAssertFalse(exists(root + "/cache"))
    }

    // MARK: - Where

    func testTheFolderFollowsXDGThenHome() {
        func folder(_ env: [String: String]) -> String { QuestionnaireCache.defaultFolder { env[$0] } }
        XCTAssertEqual(folder(["XDG_CACHE_HOME": "/x/cache", "HOME": "/h"]), "/x/cache/gpai-assess/questionnaires")
        XCTAssertEqual(folder(["XDG_CACHE_HOME": "relative", "HOME": "/h"]), "/h/.cache/gpai-assess/questionnaires",
                       "a relative XDG_CACHE_HOME is ignored")
        XCTAssertEqual(folder(["XDG_CACHE_HOME": "", "HOME": "/h"]), "/h/.cache/gpai-assess/questionnaires")
        XCTAssertEqual(folder(["HOME": "/h"]), "/h/.cache/gpai-assess/questionnaires")
        XCTAssertNil(QuestionnaireCache.user { ["GPAI_ASSESS_NO_CACHE": "1", "HOME": "/h"][$0] })
        XCTAssertEqual(QuestionnaireCache.user { ["HOME": "/h"][$0] }?.folder, "/h/.cache/gpai-assess/questionnaires")
    }

    func testEntriesAreNamedByAbsolutePath() {
        let c = cache()
        let cwd = FileManager.default.currentDirectoryPath
        XCTAssertEqual(c.entryPath(forSource: "rel/q.json"), c.entryPath(forSource: cwd + "/rel/q.json"))
        XCTAssertNotEqual(c.entryPath(forSource: "/a/q.json"), c.entryPath(forSource: "/b/q.json"))
        XCTAssertTrue(c.entryPath(forSource: "/a/q.json").hasSuffix(".bin"))
    }
}

private extension Questionnaire {
    var withoutPath: Questionnaire {
        var q = self
        q.path = nil
        return q
    }
}
