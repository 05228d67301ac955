import AssessmentCore
@testable import AssessmentStore
import Foundation
import TestSupport
import XCTest

/// The questionnaire a session names is decoded on a second thread; `load` reads the session as
/// always and then waits for that decode, doing the caller's idle work meanwhile.
final class QuestionnairePrefetchTests: StoreTestCase {
    func testTheGuessedQuestionnaireIsReadyWhenTheSessionIsLoaded() throws {
        var s = try store.create(title: "Read ahead", questionnaire: mini, by: "ana")
        s = try store.update(s.id) { $0.set("scope.gpai", to: Answer(value: .text("yes"), by: "ana"), by: "ana") }
        let catalog = QuestionnaireCatalog(folders: [Fixtures.path("")])
        let path = try store.path(for: s.id)
        QuestionnairePrefetch.start(s.id, in: store, catalog: catalog)
        XCTAssertEqual(QuestionnairePrefetch.pending.withLock { $0?.path }, path)
        XCTAssertEqual(try store.load(s.id), s)
        XCTAssertEqual(QuestionnairePrefetch.pending.withLock { $0?.path }, path, "a load alone does not wait: opening does")
        let o = try store.open(s.id, user: "ana", mode: .readOnly) { try? catalog.questionnaire($0) }
        XCTAssertEqual(o.session, s)
        XCTAssertNil(QuestionnairePrefetch.pending.withLock { $0 }, "waited for once")
        XCTAssertEqual(o.questionnaire.id, "mini")
        var idle = 0
        _ = try store.open(s.id, user: "ana", mode: .readOnly, whileWaiting: { _ in idle += 1 }) { try? catalog.questionnaire($0) }
        XCTAssertEqual(idle, 0, "no decode to wait for: no idle work")
    }

    /// While the decode goes on, the idle work runs once and `stillWaiting` follows the decode.
    func testIdleWorkRunsWhileTheDecodeGoesOnAndIsToldWhenItEnds() throws {
        let entry = QuestionnairePrefetch.Entry()
        QuestionnairePrefetch.pending.withLock { $0 = ("/some/session.json", entry) }
        var answers: [Bool] = []
        QuestionnairePrefetch.wait(for: "/elsewhere.json") { _ in XCTFail("another session's decode") }
        QuestionnairePrefetch.wait(for: "/some/session.json") { stillWaiting in
            answers.append(stillWaiting())
            entry.done.lock(); entry.loading = false; entry.done.unlock()  // the decode ends
            answers.append(stillWaiting())
        }
        XCTAssertEqual(answers, [true, false])
        XCTAssertNil(QuestionnairePrefetch.pending.withLock { $0 })
    }

    func testASaveAfterTheStartIsWhatLoads() throws {
        let s = try store.create(title: "Read ahead", questionnaire: mini, by: "ana")
        QuestionnairePrefetch.start(s.id, in: store, catalog: QuestionnaireCatalog(folders: [Fixtures.path("")]))
        var saved = s
        saved.set("scope.gpai", to: Answer(value: .text("no"), by: "bo"), by: "bo")
        try store.save(saved)
        XCTAssertEqual(try store.load(s.id).answers["scope.gpai"]?.value, .text("no"))
        QuestionnairePrefetch.pending.withLock { $0 = nil }
    }

    func testAnUnreadableFileGivesTheUsualError() throws {
        try store.ensureSessionsDirectory()
        let path = try store.path(for: "broken")
        FileManager.default.createFile(atPath: path, contents: Data("{".utf8))
        QuestionnairePrefetch.start("broken", in: store, catalog: QuestionnaireCatalog(folders: [Fixtures.path("")]))
        XCTAssertThrowsError(try store.load("broken")) { XCTAssertTrue("\($0)".contains("not valid JSON"), "\($0)") }
        QuestionnairePrefetch.pending.withLock { $0 = nil }
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

    /// The full screen takes its lock without the fsync and makes it durable once the session shows:
    /// the file is complete for other processes from the start.
    func testALockTakenWithoutItsFsyncIsCompleteAndMadeDurableLater() throws {
        let s = try store.create(title: "Locked", questionnaire: mini, by: "ana")
        let lock = try SessionLock.acquire(s.id, in: store, user: "ana", durable: false)
        XCTAssertEqual(SessionLock.holder(of: s.id, in: store), lock.holder)
        lock.makeDurable()
        XCTAssertEqual(SessionLock.holder(of: s.id, in: store), lock.holder)
        lock.release(in: store)
        XCTAssertNil(SessionLock.holder(of: s.id, in: store))
        lock.makeDurable()  // gone: nothing to do, and no file made
        XCTAssertFalse(FileManager.default.fileExists(atPath: lock.path))
    }
}

/// The questionnaire a session names is guessed from its bytes, to decode it beside the parse.
final class QuestionnaireGuessTests: StoreTestCase {
    func testTheGuessIsTheIdTheParseFinds() throws {
        var s = try store.create(title: "Guess", questionnaire: mini, by: "ana")
        s = try store.update(s.id) { $0.set("scope.gpai", to: Answer(value: .text("yes"), note: #"say "questionnaire": {"id": "evil"}"#, by: "ana"), by: "ana") }
        let bytes = try FileIO.read(try store.path(for: s.id))
        XCTAssertEqual(QuestionnairePrefetch.questionnaireID(in: bytes), s.questionnaire.id)
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
        XCTAssertEqual(QuestionnairePrefetch.questionnaireID(in: tail), "mini")
        XCTAssertEqual(FileIO.readTail(path, count: 1 << 30), whole, "a file shorter than asked is given whole")
        XCTAssertNil(FileIO.readTail(dir + "/nothing.json", count: 10))
    }

    func testAnythingElseGivesNoGuess() {
        for text in ["", "{}", #"{"questionnaire": "mini"}"#, #"{"questionnaire": {"digest": "x"}}"#, #"{"questionnaire": {"id": "../x"}}"#,
                     #"{"questionnaire": {"id": "unterminated"#, #"{"questionnaire" {"id": "mini"}}"#] {
            XCTAssertNil(QuestionnairePrefetch.questionnaireID(in: Array(text.utf8)), text)
        }
        XCTAssertEqual(QuestionnairePrefetch.questionnaireID(in: Array(#"{"a": 1, "questionnaire" : { "digest": "d", "id" : "gpai-cop-2025", "version": "1"}}"#.utf8)), "gpai-cop-2025")
        // The top-level member comes late (keys are sorted) and is found from the end.
        XCTAssertEqual(QuestionnairePrefetch.questionnaireID(in: Array(#"{"events": [{"questionnaire": {"id": "older"}}], "questionnaire": {"id": "mini"}}"#.utf8)), "mini")
    }
}
