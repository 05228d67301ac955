import AssessmentCore
import AssessmentStore
@testable import CursesBackend
import Foundation
import TestSupport
import TUI
import XCTest

/// The full screen's saves follow the core's one write rule (`Session.write`): a session made with an
/// older version of the questionnaire gets its answers carried over by the `migrations` on the first
/// save of a change, and the change goes on top; moving around alone migrates nothing.
final class MigrationRuntimeTests: XCTestCase {
    func testTheFirstAnswerOnScreenMigratesAnOldSessionAndMovingAloneDoesNot() throws {
        try MainActor.assumeIsolated {
            let dir = Fixtures.temporaryDirectory("migrate-rt")
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let store = SessionStore(root: dir)
            let q = try QuestionnaireLoader.load(path: Fixtures.questionnairesFolder + "/gpai-cop-2025.json")
            var old = q
            old.version = "1.2.0"
            let s0 = try store.create(title: "Old", questionnaire: old, by: "alice")
            try store.update(s0.id) { s in
                s.set("ss.c6.m6_2.app4.q5", to: Answer(value: .text("yes"), by: "alice"), by: "alice")
                s.position = Session.Position(question: "scope.role")
            }
            let screen = try CursesScreen(headless: Size(width: 100, height: 30), environment: ["TERM": "xterm-256color"])
            defer { screen.close() }
            var rt = Runtime(screen: screen, store: store, questionnaires: QuestionnaireSource([q]), user: "bob", report: nil)
            rt.state.hasHome = false
            rt.perform([.open(sessionID: s0.id)])
            XCTAssertEqual(rt.state.assessment?.question, "scope.role")

            // A move is written (after the idle time) without migrating or re-pinning.
            rt.perform(step(&rt.state, .key(.char("n"))))
            let moved = try XCTUnwrap(rt.state.assessment?.question)
            XCTAssertNotEqual(moved, "scope.role")
            rt.perform(step(&rt.state, .tick(Date().addingTimeInterval(5))))
            var stored = try store.load(s0.id)
            XCTAssertEqual(stored.position?.question, moved, "the move was written")
            XCTAssertEqual(stored.questionnaire.version, "1.2.0")
            XCTAssertNil(stored.answers["ss.c6.m6_2.app4.q5_redteam"])

            // An answer: the old combined "yes" is carried to every part first, the answer goes on top.
            rt.perform(step(&rt.state, .key(.char("p"))))
            rt.perform(step(&rt.state, .key(.char("1"))))
            rt.perform(finish(&rt.state))
            rt.releaseLock()
            stored = try store.load(s0.id)
            XCTAssertEqual(stored.questionnaire.version, q.version)
            XCTAssertNotNil(stored.answers["scope.role"]?.value, "the answer given on screen")
            for suffix in ["", "_redteam", "_bounty"] {
                XCTAssertEqual(stored.answers["ss.c6.m6_2.app4.q5" + suffix]?.value, .text("yes"), suffix)
            }
        }
    }
}
