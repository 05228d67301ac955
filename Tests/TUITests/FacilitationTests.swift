import AssessmentCore
import Foundation
import TUI
import XCTest

/// Facilitator mode (F, D, T) and the `watch` view, without a terminal.
final class FacilitationTests: XCTestCase {
    func changes(_ effects: [Effect]) -> [SessionChange] {
        effects.flatMap { e -> [SessionChange] in if case let .persist(_, c) = e { return c }; return [] }
    }

    func published(_ effects: [Effect]) -> Session.Facilitator?? {
        for c in changes(effects).reversed() { if case let .facilitator(f) = c { return .some(f) } }
        return nil
    }

    /// Scope answered so that the Transparency measures apply; on tr.q1 (measure tr.m1).
    func inTransparency() throws -> AppState {
        var s = try TUIFixtures.assessment()
        s.type("1n2n")
        XCTAssertEqual(s.a.question, "tr.q1")
        return s
    }

    func testFacilitatorModeShowsGuidanceAndPublishesThePosition() throws {
        var s = try inTransparency()
        XCTAssertFalse(s.a.facilitating)
        let fx = s.type("F")
        XCTAssertTrue(s.a.facilitating)
        XCTAssertTrue(s.a.showGuidance, "guidance is shown by default")
        let f = try XCTUnwrap(published(fx) ?? nil)
        XCTAssertEqual(f.question, "tr.q1")
        XCTAssertEqual(f.node, "tr.m1", "the measure being discussed")
        XCTAssertEqual(f.by, "tester")
        XCTAssertEqual(f.since, TUIFixtures.now)
        XCTAssertNil(f.timerStartedAt)
        XCTAssertEqual(s.a.session.facilitator, f)
        // Every move publishes the new position (the runtime debounces the writes).
        let moved = s.type("n")
        XCTAssertEqual(s.a.question, "tr.q2")
        XCTAssertEqual((published(moved) ?? nil)?.question, "tr.q2")
        XCTAssertTrue(changes(moved).contains(.position(Session.Position(question: "tr.q2", node: "tr.m1", guidance: true))))
        // Search / go to also publish.
        let jumped = s.type("g") + s.type("1.2") + s.press(.enter)
        XCTAssertEqual(s.a.question, "tr.q4")
        XCTAssertEqual((published(jumped) ?? nil)?.node, "tr.m2")
        // Off: the publication is withdrawn.
        let off = s.type("F")
        XCTAssertFalse(s.a.facilitating)
        XCTAssertEqual(published(off), .some(nil))
        XCTAssertNil(s.a.session.facilitator)
        XCTAssertNil(published(s.type("n")), "without facilitator mode moving publishes nothing")
    }

    func testWithoutFacilitatorModeMovesPublishNothing() throws {
        var s = try inTransparency()
        XCTAssertNil(published(s.type("n")))
        XCTAssertNil(s.a.session.facilitator)
    }

    func testDiscussionNoteIsPerMeasureAndSeparateFromTheAnswerNote() throws {
        var s = try inTransparency()
        s.type("D")
        XCTAssertNil(s.a.editing, "D needs facilitator mode")
        XCTAssertEqual(s.message?.text.contains("F switches it on"), true)
        s.type("F")
        s.type("D")
        XCTAssertEqual(s.a.editing?.target, .discussion)
        _ = update(&s, .paste("Legal to confirm.\nRevisit after lunch"))
        let fx = s.press(.ctrl("s"))
        XCTAssertNil(s.a.editing)
        XCTAssertEqual(changes(fx), [.discussion(measure: "tr.m1", "Legal to confirm.\nRevisit after lunch")])
        XCTAssertEqual(s.a.session.discussion["tr.m1"], "Legal to confirm.\nRevisit after lunch")
        XCTAssertNil(s.a.session.answers["tr.q1"], "the answer (and its note) is untouched")
        // The same note on every question of the measure; none on the next measure.
        s.type("n")
        let frame = view(s).plainText()
        XCTAssertTrue(frame.contains("Legal to confirm."), frame)
        s.type("nn")
        XCTAssertEqual(s.a.question, "tr.q4")
        XCTAssertFalse(view(s).plainText().contains("Legal to confirm."))
        // Emptying it removes it.
        s.type("pp")
        s.type("D")
        XCTAssertEqual(s.a.editing?.editor.text, "Legal to confirm.\nRevisit after lunch")
        s.press(.ctrl("u"), .backspace, .ctrl("u"))
        s.press(.function(2))
        XCTAssertNil(s.a.session.discussion["tr.m1"])
    }

    func testDiscussionDraftIsSavedWhenTypingPauses() throws {
        var s = try inTransparency()
        s.type("FD")
        s.type("draft")
        let fx = update(&s, .idle)
        XCTAssertEqual(changes(fx), [.discussion(measure: "tr.m1", "draft")])
        XCTAssertNotNil(s.a.editing, "the editor stays open")
    }

    func testTimerPerMeasureStartsStopsPausesOnLeavingAndIsPublished() throws {
        var s = try inTransparency()
        s.type("T")
        XCTAssertNil(s.a.runningTimer, "T needs facilitator mode")
        s.type("F")
        let t0 = s.now
        let started = s.type("T")
        XCTAssertEqual(s.a.runningTimer, RunningTimer(measure: "tr.m1", since: t0))
        XCTAssertEqual((published(started) ?? nil)?.timerStartedAt, t0)
        XCTAssertTrue(s.clockTicking, "a running timer is redrawn every second")
        s.now = t0.addingTimeInterval(75)
        XCTAssertTrue(view(s).plainText().contains("[01:15 · facilitating]"), view(s).plainText())
        // Stop, and start again: the time adds up; the published start is moved back accordingly.
        s.type("T")
        XCTAssertNil(s.a.runningTimer)
        XCTAssertFalse(s.clockTicking, "nothing redraws by itself while the timer is stopped")
        XCTAssertEqual(s.a.timers["tr.m1"], 75)
        XCTAssertTrue(view(s).plainText().contains("paused 01:15"))
        s.now = t0.addingTimeInterval(200)
        let again = s.type("T")
        XCTAssertEqual((published(again) ?? nil)?.timerStartedAt, t0.addingTimeInterval(125))
        s.now = t0.addingTimeInterval(210)
        XCTAssertEqual(s.a.elapsed("tr.m1", now: s.now), 85)
        // Moving within the measure keeps it running; leaving the measure pauses it.
        s.type("n")
        XCTAssertNotNil(s.a.runningTimer)
        s.type("nn")
        XCTAssertEqual(s.a.currentMeasure, "tr.m2")
        XCTAssertNil(s.a.runningTimer)
        XCTAssertEqual(s.a.timers["tr.m1"], 85)
        let header = view(s).plainText().split(separator: "\n").first.map(String.init) ?? ""
        XCTAssertFalse(header.contains("01:25"), "the header shows this measure's timer only: " + header)
        XCTAssertEqual(s.message?.text.contains("timer paused at 01:25"), true)
    }

    func testFacilitatorModeIsRefusedWhenReadOnly() throws {
        var s = try TUIFixtures.assessment()
        _ = update(&s, .opened(s.a.session, try TUIFixtures.sample(), readOnly: true))
        XCTAssertEqual(s.type("F"), [.bell])
        XCTAssertFalse(s.a.facilitating)
    }

    func testQuittingWithdrawsThePublishedPosition() throws {
        var s = try inTransparency()
        s.type("FT")
        let fx = s.type("q")
        XCTAssertEqual(published(fx), .some(nil))
        XCTAssertTrue(fx.contains(.quit))
    }

    func testBackToTheListWithdrawsThePublishedPosition() throws {
        var s = try TUIFixtures.assessment(hasHome: true)
        s.type("F")
        let fx = s.press(.escape)
        XCTAssertEqual(published(fx), .some(nil))
        if case .home = s.screen {} else { XCTFail("not home") }
    }

    func testSavedCopyKeepsTheLocalPublication() throws {
        var s = try inTransparency()
        s.type("F")
        var stored = s.a.session
        stored.facilitator = nil   // written before the debounced publication landed
        _ = update(&s, .saved(stored))
        XCTAssertNotNil(s.a.session.facilitator)
    }

    // MARK: watch

    func watching(_ session: Session, size: Size = Size(width: 120, height: 30)) throws -> AppState {
        var s = try TUIFixtures.assessment(size: size)
        _ = update(&s, .watch(session, try TUIFixtures.sample()))
        return s
    }

    func testWatchFollowsTheFacilitatorElseTheLastPosition() throws {
        let q = try TUIFixtures.sample()
        var session = TUIFixtures.session(q)
        session.set("scope.gpai", to: Answer(value: .text("yes"), by: "alice"), by: "alice")
        session.position = Session.Position(question: "tr.q2", node: "tr.m1")
        var s = try watching(session)
        XCTAssertTrue(s.a.watching && s.a.readOnly && s.a.following)
        XCTAssertEqual(s.a.question, "tr.q2", "no facilitator: the last saved position")
        XCTAssertTrue(view(s).plainText().contains("[following]"), view(s).plainText())

        session.facilitator = Session.Facilitator(question: "tr.q5", node: "tr.m2", by: "alice", since: TUIFixtures.now)
        session.set("tr.q1", to: Answer(value: .text("yes"), by: "alice"), by: "alice")
        _ = update(&s, .reloaded(session))
        XCTAssertEqual(s.a.question, "tr.q5", "the facilitator's question wins")
        XCTAssertEqual(s.a.session.answers["tr.q1"]?.value, .text("yes"))
        XCTAssertEqual(s.a.evaluation.overall.answeredQuestions, 2, "scores and progress from the new copy")
        XCTAssertTrue(view(s).plainText().contains("following alice"))
    }

    func testWatchNeverWritesAndCannotChangeAnything() throws {
        let q = try TUIFixtures.sample()
        var s = try watching(TUIFixtures.session(q))
        var effects: [Effect] = []
        for k in ["1", "n", "e", "x", "a", "F", "D", "T", "p", "N"] { effects += s.type(k) }
        effects += s.press(.enter, .tab, .down, .enter, .escape)
        effects += s.type("q")
        XCTAssertTrue(changes(effects).isEmpty, "\(effects)")
        XCTAssertNil(s.a.session.answers["scope.gpai"])
        XCTAssertTrue(effects.contains(.quit))
    }

    /// A watcher's own moves (through the walk) leave the stored position alone: `f` goes back to it.
    func testFResumesFollowingTheLastSavedPositionAfterLookingAround() throws {
        let q = try TUIFixtures.sample()
        var session = TUIFixtures.session(q)
        session.set("scope.gpai", to: Answer(value: .text("yes"), by: "alice"), by: "alice")
        session.position = Session.Position(question: "tr.q2", node: "tr.m1")
        var s = try watching(session)
        XCTAssertEqual(s.a.question, "tr.q2")
        s.type("nn")
        XCTAssertEqual(s.a.question, "tr.q4")
        XCTAssertFalse(s.a.following)
        XCTAssertEqual(s.a.session.position?.question, "tr.q2", "the editor's position, as stored")
        s.type("f")
        XCTAssertEqual(s.a.question, "tr.q2", "following again: back to the last saved position")
    }

    func testMovingStopsFollowingAndFResumes() throws {
        let q = try TUIFixtures.sample()
        var session = TUIFixtures.session(q)
        session.set("scope.gpai", to: Answer(value: .text("yes"), by: "alice"), by: "alice")
        session.facilitator = Session.Facilitator(question: "tr.q1", node: "tr.m1", by: "alice", since: TUIFixtures.now)
        var s = try watching(session)
        XCTAssertEqual(s.a.question, "tr.q1")
        s.type("n")
        XCTAssertEqual(s.a.question, "tr.q2")
        XCTAssertFalse(s.a.following, "looking around stops following")
        XCTAssertTrue(view(s).plainText().contains("not following"))
        session.facilitator?.question = "tr.q4"
        _ = update(&s, .reloaded(session))
        XCTAssertEqual(s.a.question, "tr.q2", "not following: stays put")
        s.type("f")
        XCTAssertTrue(s.a.following)
        XCTAssertEqual(s.a.question, "tr.q4", "f catches up at once")
        s.type("f")
        XCTAssertFalse(s.a.following, "f also stops following")
    }

    func testWatchShowsTheFacilitatorsRunningTimer() throws {
        let q = try TUIFixtures.sample()
        var session = TUIFixtures.session(q)
        session.set("scope.gpai", to: Answer(value: .text("yes"), by: "alice"), by: "alice")
        session.facilitator = Session.Facilitator(question: "tr.q1", node: "tr.m1", by: "alice", since: TUIFixtures.now,
                                                  timerStartedAt: TUIFixtures.now.addingTimeInterval(-65))
        let s = try watching(session)
        XCTAssertTrue(s.clockTicking)
        XCTAssertTrue(view(s).plainText().contains("[01:05 · following alice]"), view(s).plainText())
    }

    func testWhoAnsweredAndWhoReviewedTheMeasure() throws {
        var s = try inTransparency()
        s.type("2")
        var reviewed = s.a.session
        reviewed.reviews["tr.m1"] = Review(by: "carol", at: TUIFixtures.now, note: "checked DOC-14")
        let frame0 = view(s).plainText()
        XCTAssertTrue(frame0.contains("Measure answered by tester · not reviewed"), frame0)
        _ = update(&s, .saved(reviewed))
        let frame = view(s).plainText()
        XCTAssertTrue(frame.contains("answered by tester · reviewed by carol"), frame)
        XCTAssertTrue(frame.contains("(checked") && frame.contains("DOC-14)"), frame)  // may wrap
    }

    func testFacilitatorAndWatchFrames() throws {
        var s = try inTransparency()
        s.type("2FT")
        s.type("D")
        _ = update(&s, .paste("Legal to confirm"))
        s.press(.ctrl("s"))
        s.now = s.now.addingTimeInterval(42)
        assertSnapshot(frameText(view(s)), named: "facilitator-80x24")
        var session = s.a.session
        session.updated = TUIFixtures.now
        let w = try watching(session, size: Size(width: 80, height: 24))
        assertSnapshot(frameText(view(w)), named: "watch-80x24")
    }
}
