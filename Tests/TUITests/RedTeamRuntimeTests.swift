import AssessmentCore
import AssessmentStore
@testable import CursesBackend
import Foundation
import TestSupport
import TUI
import XCTest

/// The full screen's runtime against a real store, drawn headless (no terminal needed).
final class RedTeamRuntimeTests: XCTestCase {
    func onMain(_ body: @MainActor () throws -> Void) throws { try MainActor.assumeIsolated { try body() } }

    /// M4 on screen: a change the store refuses because the file would be too large to read back is not
    /// retried for ever: what was typed is kept as a draft, the screen shows what is stored, and says why.
    func testTooLargeSaveKeepsTheTextAsADraft() throws {
        try onMain {
            let dir = Fixtures.temporaryDirectory("runtime-large")
            defer { try? FileManager.default.removeItem(atPath: dir) }
            var store = SessionStore(root: dir)
            store.maxFileSize = 20_000
            let q = try QuestionnaireLoader.load(path: Fixtures.path("tui-sample.json"))
            let s = try store.create(title: "Big", questionnaire: q, by: "t")
            let screen = try CursesScreen(headless: Size(width: 80, height: 24), environment: ["TERM": "xterm-256color"])
            defer { screen.close() }
            var rt = Runtime(screen: screen, store: store, questionnaires: QuestionnaireSource([q]), user: "t", report: nil)
            rt.send(.opened(s, q, readOnly: false))
            let typed = Answer(value: .text("yes"), note: String(repeating: "n", count: 30_000), by: "t")
            rt.save(s.id, [.answer(question: "scope.gpai", typed, shown: nil)])
            XCTAssertNil(rt.state.writes.unsaved, "not retried: it can never succeed")
            XCTAssertEqual(store.draft(for: s.id)?.text.count, 30_000, "what was typed is kept as a draft")
            XCTAssertNil(try store.load(s.id).answers["scope.gpai"], "nothing written")
            XCTAssertNil(rt.state.assessment?.session.answers["scope.gpai"], "the screen shows what is stored")
            XCTAssertTrue(rt.state.message?.text.contains("kept as a draft") ?? false, "\(String(describing: rt.state.message))")
        }
    }
}
