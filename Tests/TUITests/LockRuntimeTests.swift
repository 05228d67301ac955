import AssessmentCore
import AssessmentStore
@testable import CursesBackend
import Foundation
import TestSupport
import TUI
import XCTest

/// The runtime carries out the lock effects the state decides (`.checkLock`, `.lockLost`, `.reload`)
/// against a real store, drawn headless (no terminal needed).
final class LockRuntimeTests: XCTestCase {
    func onMain(_ body: @MainActor () throws -> Void) throws { try MainActor.assumeIsolated { try body() } }

    struct Opened {
        var dir: String
        var store: SessionStore
        var id: String
        var lockPath: String { store.sessionsDirectory + "/.\(id).open" }
        var sessionPath: String { store.sessionsDirectory + "/\(id).json" }
    }

    @MainActor
    static func open(_ label: String) throws -> (Opened, Runtime, CursesScreen) {
        let dir = Fixtures.temporaryDirectory(label)
        let store = SessionStore(root: dir)
        let q = try QuestionnaireLoader.load(path: Fixtures.path("tui-sample.json"))
        let s = try store.create(title: "Lock", questionnaire: q, by: "t")
        let screen = try CursesScreen(headless: Size(width: 80, height: 24), environment: ["TERM": "xterm-256color"])
        var rt = Runtime(screen: screen, store: store, questionnaires: QuestionnaireSource([q]), user: "t", report: nil)
        rt.state.hasHome = false
        rt.perform([.open(sessionID: s.id)])
        return (Opened(dir: dir, store: store, id: s.id), rt, screen)
    }

    /// Another terminal on another machine takes the session over (as `t` and `y` there would).
    static func takeOver(_ o: Opened) throws {
        let json = #"{"host":"other-box","pid":1,"since":""# + Timestamp.format(Date()) + #"","user":"ann"}"#
        try json.write(toFile: o.lockPath, atomically: true, encoding: .utf8)
    }

    func testAnIdleCheckFindsTheLockTakenAndTheScreenGoesReadOnlyWritingNothing() throws {
        try onMain {
            var (o, rt, screen) = try Self.open("lock-idle")
            defer { screen.close(); try? FileManager.default.removeItem(atPath: o.dir) }
            XCTAssertEqual(rt.state.lock.sessionID, o.id)
            XCTAssertNotNil(rt.lock)
            rt.perform(step(&rt.state, .tick(Date().addingTimeInterval(LockWatch.checkInterval))))
            XCTAssertFalse(rt.state.assessment!.readOnly, "still ours: nothing happens")
            try Self.takeOver(o)
            let before = try Data(contentsOf: URL(fileURLWithPath: o.sessionPath))
            rt.perform(step(&rt.state, .tick(Date().addingTimeInterval(2 * LockWatch.checkInterval + 0.1))))
            XCTAssertTrue(rt.state.assessment!.readOnly)
            XCTAssertTrue(rt.state.message?.text.hasPrefix("taken over by ann on other-box at ") ?? false, "\(String(describing: rt.state.message))")
            XCTAssertTrue(rt.lockLost)
            XCTAssertNil(rt.lock, "forgotten, not released")
            rt.perform(step(&rt.state, .key(.char("1"))))
            rt.perform(finish(&rt.state))
            rt.releaseLock()
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: o.sessionPath)), before, "nothing written after the take-over")
            XCTAssertTrue(FileManager.default.fileExists(atPath: o.lockPath), "the new holder's lock is left alone")
        }
    }

    func testWakingChecksAtOnce() throws {
        try onMain {
            var (o, rt, screen) = try Self.open("lock-wake")
            defer { screen.close(); try? FileManager.default.removeItem(atPath: o.dir) }
            try Self.takeOver(o)
            rt.perform(step(&rt.state, .resumed(Date())))
            XCTAssertTrue(rt.state.assessment!.readOnly, "no waiting for the interval after a stop")
        }
    }

    func testAWriteThatFindsTheLockTakenIsRefusedAndReportedAsALoss() throws {
        try onMain {
            var (o, rt, screen) = try Self.open("lock-write")
            defer { screen.close(); try? FileManager.default.removeItem(atPath: o.dir) }
            try Self.takeOver(o)
            let before = try Data(contentsOf: URL(fileURLWithPath: o.sessionPath))
            rt.perform(step(&rt.state, .key(.char("1"))))   // an answer is written at once: the write finds the lock gone
            XCTAssertTrue(rt.state.assessment!.readOnly)
            XCTAssertNil(rt.state.assessment!.session.answers["scope.gpai"], "the screen shows what is stored")
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: o.sessionPath)), before)
        }
    }
}
