import AssessmentCore
import Foundation
import TUI
import XCTest

/// The action plan inside the full screen (issue 12 §3): from a dashboard gap to an owned, dated, done action.
final class ActionsScreenTests: XCTestCase {
    /// The sample with a partial answer on the critical question 1.1.a: one gap on the dashboard.
    func withGap(size: Size = Size(width: 80, height: 24)) throws -> AppState {
        var s = try TUIFixtures.assessment(size: size)
        s.type("1n2n2")
        return s
    }

    func persisted(_ fx: [Effect]) -> [SessionChange] {
        fx.flatMap { e -> [SessionChange] in if case let .persist(_, c) = e { return c } else { return [] } }
    }

    func testDashboardAAddsAnActionForTheSelectedGapFromItsRemediation() throws {
        var s = try withGap()
        s.type("d")
        let fx = s.type("a")
        let added = try XCTUnwrap(s.a.session.actions.first)
        XCTAssertEqual(s.a.session.actions.count, 1)
        XCTAssertEqual(added.id, "A1")
        XCTAssertEqual(added.title, "Complete every section of the form.")
        XCTAssertEqual(added.question, "tr.q1")
        XCTAssertEqual(added.createdBy, "tester")
        guard case let .addActions(xs)? = persisted(fx).first else { return XCTFail("not persisted: \(fx)") }
        XCTAssertEqual(xs.map(\.question), ["tr.q1"])
        XCTAssertTrue(s.message?.text.hasPrefix("added A1: Complete every section") == true, s.message?.text ?? "")
        // Twice on the same gap: nothing new.
        s.type("a")
        XCTAssertEqual(s.a.session.actions.count, 1)
        XCTAssertEqual(s.message?.text, "already in the action plan (P shows it)")
    }

    func testEnterGoesToTheActionsQuestionAndClosesThePlan() throws {
        var s = try withGap()
        s.type("da")
        s.press(.escape)
        s.type("nn")
        XCTAssertNotEqual(s.a.question, "tr.q1")
        s.type("P")
        s.press(.enter)
        XCTAssertNil(s.a.actionsScreen)
        XCTAssertEqual(s.a.question, "tr.q1", "Enter on an action goes to its question")
    }

    func testStoredIdsNeverClashWithActionsAddedElsewhere() throws {
        var session = try XCTUnwrap(try withGap().assessment?.session)
        session.actions = [Action(id: "A1", title: "from the CLI", by: "cli", at: TUIFixtures.now)]
        var other = Action(id: "A1", title: "from the screen", question: "tr.q1", by: "tester", at: TUIFixtures.now)
        SessionChange.addActions([other]).apply(to: &session, by: "tester", at: TUIFixtures.now)
        XCTAssertEqual(session.actions.map(\.id), ["A1", "A2"])
        other.id = "A9"
        SessionChange.addActions([other]).apply(to: &session, by: "tester", at: TUIFixtures.now)
        XCTAssertEqual(session.actions.count, 2, "a question already in the plan is not added again")
    }

    func testActionsScreenEditsOwnerDueDateAndStatusAndMarksOverdue() throws {
        var s = try withGap()
        s.type("da")
        s.type("P")
        XCTAssertNotNil(s.a.actionsScreen)
        XCTAssertNil(s.a.dashboard)
        s.type("o")
        _ = update(&s, .paste("Zoë"))
        var fx = s.press(.enter)
        XCTAssertEqual(s.a.session.actions.first?.owner, "Zoë")
        XCTAssertEqual(persisted(fx).count, 1)
        // An impossible date is refused in place, quoting it; nothing saved.
        s.type("u")
        s.type("2026-02-30")
        fx = s.press(.enter)
        XCTAssertEqual(fx, [.bell])
        XCTAssertTrue(s.a.actionsScreen?.editing?.error?.contains("'2026-02-30' is not a date") == true)
        for _ in 0..<10 { s.press(.backspace) }
        s.type("2026-01-10")
        s.press(.enter)
        XCTAssertEqual(s.a.session.actions.first?.due, "2026-01-10")
        let text = view(s).plainText()
        XCTAssertTrue(text.contains("10 Jan 2026 overdue"), text)
        XCTAssertTrue(text.contains("1 overdue"), text)
        XCTAssertTrue(text.contains("Transparency 1.1 Keep documentation"), text)
        // Filter: overdue shows it; Space marks it done, so it leaves the overdue list.
        s.type("ff")
        XCTAssertEqual(s.a.actionsScreen?.filter, .overdue)
        s.type(" ")
        XCTAssertEqual(s.a.session.actions.first?.status, .done)
        XCTAssertTrue(view(s).plainText().contains("No action matches this filter."))
        // Enter jumps to the question.
        s.type("ff")
        s.press(.enter)
        XCTAssertNil(s.a.actionsScreen)
        XCTAssertEqual(s.a.question, "tr.q1")
    }

    /// The one editor rule here too: Esc with nothing typed closes; with something typed it asks first.
    func testEscapeOnAChangedOwnerAsksBeforeDiscarding() throws {
        var s = try withGap()
        s.type("daP")
        s.type("o")
        s.press(.escape)
        XCTAssertNil(s.a.actionsScreen?.editing, "nothing typed: Esc closes at once")
        s.type("o")
        s.type("Dana")
        s.press(.escape)
        XCTAssertNotNil(s.a.actionsScreen?.editing, "something typed: Esc asks")
        XCTAssertEqual(s.message?.text, "discard changes? y discards · any other key goes on editing")
        s.type("n")
        XCTAssertEqual(s.a.actionsScreen?.editing?.editor.text, "Dana", "any other key goes on editing, text kept")
        let fx = s.press(.enter)
        XCTAssertEqual(s.a.session.actions.first?.owner, "Dana")
        XCTAssertEqual(persisted(fx).count, 1)
        s.type("o")
        s.type("X")
        s.press(.escape)
        s.type("y")
        XCTAssertNil(s.a.actionsScreen?.editing)
        XCTAssertEqual(s.a.session.actions.first?.owner, "Dana", "y discards: the stored owner stays")
        XCTAssertEqual(s.message?.text, "changes discarded")
    }

    func testReadOnlyRefusesChanges() throws {
        var s = try withGap()
        if case var .assessment(a) = s.screen { a.readOnly = true; s.screen = .assessment(a) }
        s.type("d")
        XCTAssertEqual(s.type("a"), [.bell])
        XCTAssertTrue(s.a.session.actions.isEmpty)
    }

    func testActionsSnapshot80x24() throws {
        var s = try withGap()
        s.type("da")
        s.type("P")
        assertSnapshot(frameText(view(s)), named: "actions-80x24")
    }
}
