import AssessmentCore
import AssessmentStore
import Foundation
import TestSupport
import XCTest
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Store-level regressions from the red-team campaign (issue 17); each replays what broke.
final class RedTeamStoreTests: XCTestCase {
    var base = ""
    var root: String { base + "/home" }
    var store: SessionStore { SessionStore(root: root) }

    override func setUp() { base = Fixtures.temporaryDirectory("redteam") }
    override func tearDown() { try? FileManager.default.removeItem(atPath: base) }

    func mode(_ path: String) -> mode_t {
        var st = stat()
        XCTAssertEqual(lstat(path, &st), 0, path)
        return st.st_mode & 0o7777
    }

    func newSession() throws -> Session { try store.create(title: "Red team", questionnaire: try Fixtures.mini(), by: "alice") }

    /// H3: a session whose questionnaire id is a path is unreadable, and no id is ever read as a path.
    func testQuestionnaireIDIsNeverAPath() throws {
        let outside = base + "/evil.json"
        var q = try String(contentsOfFile: Fixtures.path("mini.json"), encoding: .utf8)
        q = q.replacingOccurrences(of: "\"id\": \"mini\"", with: "\"id\": \"evil\"")
        try q.write(toFile: outside, atomically: true, encoding: .utf8)
        let catalog = QuestionnaireCatalog(folders: [Fixtures.path("")])
        XCTAssertThrowsError(try catalog.questionnaire(outside), "an id is never resolved as a path")
        XCTAssertNoThrow(try catalog.questionnaire(argument: outside), "a path typed by the person still works")
        var s = try newSession()
        s.questionnaire.id = outside
        let bytes = try SessionCodec.encode(s)
        guard case let .failure(why) = SessionCodec.check(bytes) else { return XCTFail("a path as questionnaire id must make the session unreadable") }
        XCTAssertTrue(why.reason.contains("not a valid id"), why.reason)
    }

    /// H4: in a team store every file the program creates (lock, .open, .bak, index, draft) is group
    /// read-write even under umask 022, so the next member is not locked out; doctor checks them all.
    func testEveryFileInATeamStoreGetsTheStoreModeUnderUmask022() throws {
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        XCTAssertEqual(chmod(root, 0o2770), 0)
        guard store.isShared else { throw XCTSkip("cannot set the set-group-id bit here") }
        let old = umask(0o022)
        defer { umask(old) }
        let s = try newSession()
        try store.update(s.id) { $0.title = "changed" }  // lock + .bak
        _ = try SessionLock.acquire(s.id, in: store, user: "alice")
        _ = SessionIndex(store: store).entries(questionnaire: { _ in nil })
        try store.saveDraft(SessionDraft(question: "q", field: "value", text: "3", by: "a", at: Date()), for: s.id)
        let dir = store.sessionsDirectory
        let names = try FileManager.default.contentsOfDirectory(atPath: dir)
        XCTAssertGreaterThanOrEqual(names.count, 6, "\(names)")
        for n in names { XCTAssertEqual(mode(dir + "/" + n) & 0o660, 0o660, "\(n) is \(String(mode(dir + "/" + n), radix: 8))") }
        let doctor = StoreDoctor(store: store)
        let catalog = QuestionnaireCatalog(folders: [Fixtures.path("")])
        XCTAssertEqual(doctor.examine(catalog: catalog).filter { $0.kind == .permissions }.map(\.path), [])
        chmod(dir + "/.\(s.id).lock", 0o640)
        XCTAssertTrue(doctor.examine(catalog: catalog).contains { $0.kind == .permissions && $0.path.hasSuffix(".lock") }, "doctor checks locks too")
    }

    /// M4: a save that would make the file larger than can be read back is refused before writing.
    func testASaveThatWouldBeUnreadableIsRefusedBeforeWriting() throws {
        var s = try newSession()
        let before = fileBytes(try store.path(for: s.id))
        let note = String(repeating: "n", count: 13 * 1024 * 1024)
        for (i, q) in ["tr.1.1.q1", "tr.1.1.q2", "tr.1.2.q1", "tr.1.2.q2", "scope.gpai"].enumerated() {
            s.set(q, to: Answer(value: nil, note: note + "\(i)", by: "a"), by: "a")
        }
        XCTAssertThrowsError(try store.save(s)) { e in
            guard case .tooLarge = e as? StoreError else { return XCTFail("\(e)") }
        }
        XCTAssertEqual(fileBytes(try store.path(for: s.id)), before, "the file is untouched")
        XCTAssertNoThrow(try store.load(s.id))
    }

    /// M5: the listing cache is untrusted: an edited entry is rebuilt from the session file.
    func testEditedIndexEntriesAreRebuiltFromTheSessionFile() throws {
        let s = try newSession()
        let q = try Fixtures.mini()
        let index = SessionIndex(store: store)
        let truth = index.entries(questionnaire: { $0 == q.id ? q : nil })
        guard case let .summary(real, _)? = truth.first else { return XCTFail("listed") }
        let path = store.sessionsDirectory + "/.index.json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for (forged, label) in [("1e308", "huge score"), ("1", "not started shown as met")] {
            // Replace the by, progress, score and status fields at the end of the entry (answered stays 0).
            let fields = text.components(separatedBy: ", ")
            var f = fields
            let n = f.count
            f[n - 3] = "1"; f[n - 2] = forged; f[n - 1] = "\"met\"]\n]}\n"
            f[n - 6] = "\"auditor\""
            try f.joined(separator: ", ").write(toFile: path, atomically: false, encoding: .utf8)
            let again = index.entries(questionnaire: { $0 == q.id ? q : nil })
            guard case let .summary(got, _)? = again.first else { return XCTFail(label) }
            XCTAssertEqual(got, real, label)
            XCTAssertEqual(got.id, s.id)
        }
    }

    /// L4: a symlinked sessions folder is refused: nothing listed, nothing written or moved outside the store.
    func testSymlinkedSessionsFolderIsRefused() throws {
        let outside = base + "/elsewhere"
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: outside + "/victim.json", contents: Data("not a session".utf8))
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        XCTAssertEqual(symlink(outside, store.sessionsDirectory), 0)
        XCTAssertNotNil(store.sessionsFolderProblem)
        XCTAssertEqual(store.ids(), [])
        XCTAssertThrowsError(try newSession())
        let doctor = StoreDoctor(store: store)
        for p in doctor.examine(catalog: QuestionnaireCatalog(folders: [])) where p.quarantinable { _ = try? doctor.quarantine(p) }
        XCTAssertTrue(FileManager.default.fileExists(atPath: outside + "/victim.json"), "nothing moved from outside the store")
    }

    /// L5: doctor finds a .bak open to others and names a backup's temp link as a temp file.
    func testDoctorSeesBackupModesAndBackupTempLinks() throws {
        let s = try newSession()
        try store.update(s.id) { $0.title = "b" }
        let bak = try store.backupPath(for: s.id)
        XCTAssertEqual(chmod(bak, 0o666), 0)
        let tmp = store.sessionsDirectory + "/\(s.id).json.bak.4242.tmp"
        FileManager.default.createFile(atPath: tmp, contents: Data())
        let problems = StoreDoctor(store: store).examine(catalog: QuestionnaireCatalog(folders: [Fixtures.path("")]))
        XCTAssertTrue(problems.contains { $0.kind == .permissions && $0.path == bak }, "\(problems)")
        XCTAssertTrue(problems.contains { $0.kind == .leftoverTemp && $0.path == tmp }, "\(problems)")
        XCTAssertFalse(problems.contains { $0.kind == .strayFile }, "\(problems)")
    }

    /// L6: delete refuses while the session is open elsewhere, unless forced (which also removes `.open`).
    func testDeleteRefusesWhileOpenElsewhere() throws {
        let s = try newSession()
        let open = store.sessionsDirectory + "/.\(s.id).open"
        let holder = #"{"host":"\#(SessionLock.hostName)","pid":\#(getppid()),"since":"2026-11-30T10:00:00.000Z","user":"bob"}"#
        FileManager.default.createFile(atPath: open, contents: Data(holder.utf8))
        XCTAssertThrowsError(try store.delete(s.id)) { e in
            guard case .locked = e as? StoreError else { return XCTFail("\(e)") }
        }
        XCTAssertNoThrow(try store.load(s.id), "still there")
        try store.delete(s.id, force: true)
        XCTAssertFalse(FileManager.default.fileExists(atPath: open), "no .open left behind")
        XCTAssertThrowsError(try store.load(s.id))
    }

    /// L2: a session file with a duplicate key is unreadable, with the reason.
    func testDuplicateKeysMakeASessionUnreadable() throws {
        let s = try newSession()
        var text = String(decoding: try SessionCodec.encode(s), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"title\" : \"Red team\"", with: "\"title\" : \"Red team\", \"title\" : \"Other\"")
        guard case let .failure(why) = SessionCodec.check(Array(text.utf8)) else { return XCTFail("must be refused") }
        XCTAssertTrue(why.reason.contains("duplicate"), why.reason)
    }
}
