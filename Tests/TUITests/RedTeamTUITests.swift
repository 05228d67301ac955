import AssessmentCore
import Foundation
import TUI
import XCTest

/// The screen's side of the red-team regressions (issue 17), without a terminal.
final class RedTeamTUITests: XCTestCase {
    func answerChange(_ effects: [Effect]) -> SessionChange? {
        for e in effects { if case let .persist(_, cs) = e { for c in cs { if case .answer = c { return c } } } }
        return nil
    }

    /// H5: what the screen sends carries what it showed, so the store can apply only the changed field;
    /// a conflict is shown with both versions and `m` stores the person's version of that field only.
    func testScreenChangesCarryTheirBaseAndConflictsAreAskedAbout() throws {
        let q = try TUIFixtures.sample()
        var session = TUIFixtures.session(q)
        let shown = Answer(value: .text("yes"), note: "orig tui", by: "tester", at: TUIFixtures.now)
        session.set("scope.gpai", to: shown, by: "tester", at: TUIFixtures.now)
        var s = try TUIFixtures.assessment(session: session)
        s.type("e")
        s.type(" plus")
        let change = try XCTUnwrap(answerChange(s.press(.ctrl("s"))))
        guard case let .answer(qid, mine, base) = change else { return XCTFail() }
        XCTAssertEqual(qid, "scope.gpai")
        XCTAssertEqual(base, shown, "the answer as the screen showed it")
        XCTAssertEqual(mine?.note, "orig tui plus")
        // Meanwhile the command line stored a different note, value and evidence.
        var stored = session
        let cli = Answer(value: .text("no"), note: "cli-note", evidence: ["CLI-EV"], by: "cli", at: TUIFixtures.now)
        stored.set("scope.gpai", to: cli, by: "cli", at: TUIFixtures.now)
        let conflict = try XCTUnwrap(change.conflict(in: stored))
        var applied = stored
        change.apply(to: &applied, by: "tester", at: TUIFixtures.now)
        XCTAssertEqual(applied.answers["scope.gpai"], cli, "a conflicting change is never applied")
        _ = update(&s, .saved(stored))
        _ = update(&s, .answerConflict(conflict))
        let screen = view(s).plainText()
        XCTAssertTrue(screen.contains("Changed elsewhere meanwhile") && screen.contains("cli-note") && screen.contains("orig tui plus"), screen)
        let choice = try XCTUnwrap(answerChange(s.type("m")))
        choice.apply(to: &applied, by: "tester", at: TUIFixtures.now)
        let final = try XCTUnwrap(applied.answers["scope.gpai"])
        XCTAssertEqual(final.note, "orig tui plus")
        XCTAssertEqual(final.value, .text("no"), "the other fields stay as stored")
        XCTAssertEqual(final.evidence, ["CLI-EV"])
        XCTAssertNil(s.overlay)
    }

    /// M1: leaving (Ctrl-C, SIGTERM, hang-up) with a one-line value half typed stores nothing as the
    /// answer and asks the runtime to keep the text as a draft.
    func testInterruptKeepsAOneLineValueAsADraftNeverTheAnswer() throws {
        let q = try TUIFixtures.sample()
        var session = TUIFixtures.session(q)
        session.set("scope.gpai", to: Answer(value: .text("yes"), by: "t", at: TUIFixtures.now), by: "t", at: TUIFixtures.now)
        session.set("tr.q3", to: Answer(value: .text("2025-01-01"), by: "t", at: TUIFixtures.now), by: "t", at: TUIFixtures.now)
        session.position = Session.Position(question: "tr.q3")
        var s = try TUIFixtures.assessment(session: session)
        s.press(.enter, .ctrl("u"))
        s.type("2026-02-02")
        let effects = update(&s, .interrupt)
        XCTAssertNil(answerChange(effects), "no answer is stored: \(effects)")
        let drafts = effects.compactMap { e -> SessionDraft? in if case let .keepDraft(_, d) = e { return d }; return nil }
        XCTAssertEqual(drafts.map(\.text), ["2026-02-02"])
        XCTAssertEqual(drafts.first?.question, "tr.q3")
    }

    /// L3: a hand-edited note of 50 MB is not loaded into the editor (it took 12 s and 1 GB); nor is
    /// anything longer than the editor can hold.
    func testHugeNoteIsNotLoadedIntoTheEditor() throws {
        let q = try TUIFixtures.sample()
        var session = TUIFixtures.session(q)
        let big = String(repeating: "n", count: 50 * 1_000_000)
        session.set("scope.gpai", to: Answer(value: .text("yes"), note: big, by: "t", at: TUIFixtures.now), by: "t", at: TUIFixtures.now)
        var s = try TUIFixtures.assessment(session: session)
        let start = Date()
        s.type("e")
        XCTAssertNil(s.a.editing, "the editor did not open")
        XCTAssertTrue(s.message?.text.contains("too long to edit here") ?? false, "\(String(describing: s.message))")
        XCTAssertLessThan(Date().timeIntervalSince(start), 2, "refused without loading it")
        XCTAssertEqual(s.a.session.answers["scope.gpai"]?.note?.utf8.count, big.utf8.count, "nothing changed")
        var t = try TUIFixtures.assessment(session: { var x = session; x.answers["scope.gpai"]?.note = String(repeating: "é", count: 20_001); return x }())
        t.type("e")
        XCTAssertNil(t.a.editing, "longer than the editor holds")
        var u = try TUIFixtures.assessment(session: { var x = session; x.answers["scope.gpai"]?.note = String(repeating: "é", count: 20_000); return x }())
        u.type("e")
        XCTAssertNotNil(u.a.editing, "what fits opens")
    }
}
