import AssessmentCore
@testable import AssessmentStore
import Foundation
import TestSupport
import XCTest

/// A session read ahead on a second thread is used only if the file is still the one read.
final class SessionPrefetchTests: StoreTestCase {

    /// Waits until the background read has finished (the entry is still there until taken).
    func waitForPrefetch(_ path: String) {
        guard let entry = SessionPrefetch.entries.withLock({ $0[path] }) else { return XCTFail("no read under way for \(path)") }
        entry.done.lock()
        while !entry.finished { entry.done.wait() }
        entry.done.unlock()
    }

    func testAnUnchangedFileIsTakenOnceWithItsQuestionnaireReady() throws {
        var s = try store.create(title: "Read ahead", questionnaire: mini, by: "ana")
        s = try store.update(s.id) { $0.set("scope.gpai", to: Answer(value: .text("yes"), by: "ana"), by: "ana") }
        let catalog = QuestionnaireCatalog(folders: [Fixtures.path("")])
        let path = try store.path(for: s.id)
        SessionPrefetch.start(s.id, in: store, catalog: catalog)
        waitForPrefetch(path)
        let entry = try XCTUnwrap(SessionPrefetch.entries.withLock { $0[path] })
        XCTAssertEqual(entry.result?.session, s)
        XCTAssertEqual(try store.load(s.id), s)
        XCTAssertNil(SessionPrefetch.entries.withLock { $0[path] }, "given out once")
        XCTAssertEqual(try store.load(s.id), s, "later loads read the file")
    }

    func testASaveAfterTheReadIsNotHiddenByIt() throws {
        let s = try store.create(title: "Read ahead", questionnaire: mini, by: "ana")
        let path = try store.path(for: s.id)
        SessionPrefetch.start(s.id, in: store, catalog: nil)
        waitForPrefetch(path)
        // Another terminal saves meanwhile (a plain save: no read that would take the entry): the
        // file is replaced, a new inode.
        var saved = s
        saved.set("scope.gpai", to: Answer(value: .text("no"), by: "bo"), by: "bo")
        try store.save(saved)
        XCTAssertNotNil(SessionPrefetch.entries.withLock { $0[path] }, "still waiting to be taken")
        XCTAssertEqual(try store.load(s.id), saved)
        XCTAssertEqual(try store.load(s.id).answers["scope.gpai"]?.value, .text("no"))
    }

    func testAnUnreadableFileGivesTheUsualError() throws {
        try store.ensureSessionsDirectory()
        let path = try store.path(for: "broken")
        FileManager.default.createFile(atPath: path, contents: Data("{".utf8))
        SessionPrefetch.start("broken", in: store, catalog: nil)
        XCTAssertThrowsError(try store.load("broken")) { XCTAssertTrue("\($0)".contains("not valid JSON"), "\($0)") }
    }
}

/// The lock file is written and read with the program's own JSON; older versions read it with
/// Foundation's decoder, so its shape stays what that decoder expects.
final class SessionLockFileTests: StoreTestCase {
    func testTheLockFileReadsTheSameWithFoundation() throws {
        let s = try store.create(title: "Locked", questionnaire: mini, by: "ana")
        let lock = try SessionLock.acquire(s.id, in: store, user: "Ana \"Q\" Ü", takeOver: false)
        let data = try Data(contentsOf: URL(fileURLWithPath: lock.path))
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(object["user"] as? String, "Ana \"Q\" Ü")
        XCTAssertEqual(object["host"] as? String, SessionLock.hostName)
        XCTAssertEqual((object["pid"] as? NSNumber)?.int32Value, getpid())
        XCTAssertEqual(object["since"] as? String, Timestamp.format(lock.holder.since))
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { Timestamp.parse(try $0.singleValueContainer().decode(String.self))! }
        XCTAssertEqual(try decoder.decode(SessionLock.Holder.self, from: data), lock.holder)
        XCTAssertEqual(SessionLock.holder(of: s.id, in: store), lock.holder)
        XCTAssertTrue(SessionLock.holder(of: s.id, in: store)?.description.contains("held by Ana \"Q\" Ü on ") ?? false)
    }
}

/// The questionnaire a session names is guessed from its bytes, to decode it beside the parse.
final class QuestionnaireGuessTests: StoreTestCase {
    func testTheGuessIsTheIdTheParseFinds() throws {
        var s = try store.create(title: "Guess", questionnaire: mini, by: "ana")
        s = try store.update(s.id) { $0.set("scope.gpai", to: Answer(value: .text("yes"), note: #"say "questionnaire": {"id": "evil"}"#, by: "ana"), by: "ana") }
        let bytes = try FileIO.read(try store.path(for: s.id))
        XCTAssertEqual(SessionPrefetch.questionnaireID(in: bytes), s.questionnaire.id)
        XCTAssertEqual(s.questionnaire.id, "mini")
    }

    /// The read ahead guesses from the file's last 4 KB before reading it whole: there the id is,
    /// however long the history before it.
    func testTheGuessIsInTheFilesTail() throws {
        let s = try store.create(title: "Tail", questionnaire: mini, by: "ana")
        for i in 0..<60 {
            _ = try store.update(s.id) { $0.set("scope.gpai", to: Answer(value: .text(i % 2 == 0 ? "yes" : "no"), note: String(repeating: "n", count: 100), by: "ana"), by: "ana") }
        }
        let path = try store.path(for: s.id)
        let whole = try FileIO.read(path)
        XCTAssertGreaterThan(whole.count, 16_384, "the history must push the start of the file far from its end")
        let tail = try XCTUnwrap(FileIO.readTail(path, count: 4096))
        XCTAssertEqual(tail, Array(whole.suffix(4096)))
        XCTAssertEqual(SessionPrefetch.questionnaireID(in: tail), "mini")
        XCTAssertEqual(FileIO.readTail(path, count: 1 << 30), whole, "a file shorter than asked is given whole")
        XCTAssertNil(FileIO.readTail(dir + "/nothing.json", count: 10))
    }

    func testAnythingElseGivesNoGuess() {
        for text in ["", "{}", #"{"questionnaire": "mini"}"#, #"{"questionnaire": {"digest": "x"}}"#, #"{"questionnaire": {"id": "../x"}}"#,
                     #"{"questionnaire": {"id": "unterminated"#, #"{"questionnaire" {"id": "mini"}}"#] {
            XCTAssertNil(SessionPrefetch.questionnaireID(in: Array(text.utf8)), text)
        }
        XCTAssertEqual(SessionPrefetch.questionnaireID(in: Array(#"{"a": 1, "questionnaire" : { "digest": "d", "id" : "gpai-cop-2025", "version": "1"}}"#.utf8)), "gpai-cop-2025")
        // The top-level member comes late (keys are sorted) and is found from the end.
        XCTAssertEqual(SessionPrefetch.questionnaireID(in: Array(#"{"events": [{"questionnaire": {"id": "older"}}], "questionnaire": {"id": "mini"}}"#.utf8)), "mini")
    }
}
