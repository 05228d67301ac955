import AssessmentCore
import Foundation
import TUI
import XCTest

/// Issue 12: what the measure asks beside the question, headings that name the measure, scores that
/// say they are provisional, guidance remembered between sittings.
final class MeasurePanelTests: XCTestCase {
    static func final() throws -> Questionnaire {
        try QuestionnaireLoader.load(path: TUIFixtures.root.appendingPathComponent("Questionnaires/gpai-cop-2025.json").path)
    }

    /// The shipped Code, scoped so that Copyright applies, opened on `question`.
    func shipped(at question: String, size: Size = Size(width: 100, height: 30), guidance: Bool? = nil) throws -> AppState {
        try Self.shippedState(at: question, size: size, guidance: guidance)
    }

    /// With `systemic`, scoped so that Safety and Security applies too (a session reopens on a stored question only while it applies).
    static func shippedState(at question: String, size: Size = Size(width: 100, height: 30), guidance: Bool? = nil, systemic: Bool = false) throws -> AppState {
        let q = try Self.final()
        var s = TUIFixtures.session(q)
        for (id, v) in [("scope.role", "provider"), ("scope.generality", "criterion")] + (systemic ? [("scope.designated", "yes")] : []) {
            s.answers[id] = Answer(value: .text(v), by: "tester", at: TUIFixtures.now)
        }
        s.position = Session.Position(question: question, node: nil, guidance: guidance)
        return AppState(size: size, config: TUIFixtures.config, screen: .assessment(AssessmentState(session: s, questionnaire: q)),
                        questionnaires: [q], hasHome: false, now: TUIFixtures.now)
    }

    func testPanelShowsOnTheFirstQuestionOfAMeasure() throws {
        let s = try shipped(at: "cr.c1.m1_3.q1")
        XCTAssertTrue(s.a.measurePanelShown)
        let text = view(s).plainText()
        XCTAssertTrue(text.contains("Copyright 1.3 Identify and comply"), text)
        XCTAssertTrue(text.contains("What the Code asks"), text)
        XCTAssertTrue(text.contains("RFC 9309"), text)
    }

    func testPanelIsHiddenOnLaterQuestionsAndMShowsIt() throws {
        var s = try shipped(at: "cr.c1.m1_3.q2")
        XCTAssertFalse(s.a.measurePanelShown)
        XCTAssertFalse(view(s).plainText().contains("What the Code asks"))
        s.type("m")
        XCTAssertTrue(s.a.measurePanelShown)
        XCTAssertTrue(view(s).plainText().contains("What the Code asks"))
        s.type("m")
        XCTAssertFalse(s.a.measurePanelShown)
        // On the first question m hides it.
        var f = try shipped(at: "cr.c1.m1_3.q1")
        f.type("m")
        XCTAssertFalse(f.a.measurePanelShown)
        // Moving on forgets the toggle: the next measure's first question shows its panel again.
        f.type("n")
        XCTAssertEqual(f.a.question, "cr.c1.m1_3.q2")
        XCTAssertFalse(f.a.measurePanelShown)
    }

    /// Every requirement of the measure is on screen or reachable by scrolling: nothing cut short.
    func testLongRequirementsWrapAndScrollWithoutLoss() throws {
        var s = try MeasurePanelTests.shippedState(at: "ss.c9.m9_3.q1", size: Size(width: 60, height: 20), systemic: true)
        let req = try XCTUnwrap(s.a.questionnaire.node("ss.c9.m9_3")?.requirements)
        // The sum of all frames while paging down holds every word of every requirement.
        s.type("m")
        if !s.a.measurePanelShown { s.type("m") }
        var seen = ""
        s.press(.pageUp)
        for _ in 0..<12 {
            seen += view(s).plainText().replacingOccurrences(of: "\n", with: " ")
            s.press(.pageDown)
        }
        let words = Set(seen.split(whereSeparator: { $0 == " " || $0 == "│" }).map(String.init))
        for r in req {
            for w in r.split(separator: " ") { XCTAssertTrue(words.contains(String(w)), "'\(w)' of '\(r)' never shown") }
        }
    }

    func testHeadingNamesTheMeasureAndPositionAndKeepsTheID() throws {
        let s = try shipped(at: "cr.c1.m1_3.q2")
        XCTAssertEqual(s.a.questionHeading, "Copyright 1.3 · question 2 of 4")
        let text = view(s).plainText()
        XCTAssertTrue(text.contains("Copyright 1.3 · question 2 of 4"), text)
        var t = s
        t.type("#")
        XCTAssertEqual(t.message?.text, "question id cr.c1.m1_3.q2 · measure id cr.c1.m1_3")
    }

    func testTitleBarSaysTheScoreIsProvisional() throws {
        var s = try shipped(at: "cr.c1.m1_3.q1", size: Size(width: 120, height: 30))
        s.type("1")
        let top = String(view(s).plainText().split(separator: "\n")[0])
        XCTAssertTrue(top.contains("· provisional ·"), top)
        XCTAssertTrue(top.contains("score 100% · provisional · 3 of 90 answered"), top)
    }

    func testGuidanceChoiceIsSavedWithThePositionAndRestored() throws {
        var s = try shipped(at: "cr.c1.m1_3.q1")
        XCTAssertFalse(s.a.showGuidance)
        let fx = s.type("i")
        XCTAssertTrue(s.a.showGuidance)
        let saved = fx.compactMap { e -> Session.Position? in
            if case let .persist(_, changes) = e { for c in changes { if case let .position(p) = c { return p } } }
            return nil
        }
        XCTAssertEqual(saved.last?.guidance, true, "toggling i saves the choice")
        let reopened = try shipped(at: "cr.c1.m1_3.q1", guidance: true)
        XCTAssertTrue(reopened.a.showGuidance, "the next sitting opens with guidance shown")
    }

    func testDashboardMeasureCountsAddUpAndNameChapters() throws {
        var s = try shipped(at: "cr.c1.m1_3.q1", size: Size(width: 120, height: 40))
        s.type("2")  // partly: a gap
        s.type("d")
        let text = view(s).plainText()
        XCTAssertTrue(text.contains("40 measures:"), text)
        XCTAssertTrue(text.contains("provisional"), text)
        XCTAssertTrue(text.contains("Copyright 1.3 · Do your crawlers"), text)
        s.size = Size(width: 80, height: 40)
        XCTAssertTrue(view(s).plainText().contains("C1.3 · Do your crawlers"), "short form where tight")
    }

    func testDatesReadAsPeopleWriteThem() throws {
        var s = try shipped(at: "cr.c1.m1_3.q2", size: Size(width: 120, height: 50))
        s.type("1")
        XCTAssertTrue(view(s).plainText().contains("15 Jan 2026 09:30 UTC"), view(s).plainText())
    }
}

/// Event dates entered on screen, and deadline questions showing the computed date (issue 12 §3).
final class EventDatesTests: XCTestCase {
    func testDeadlineQuestionShowsTheComputedDateOnceTheEventIsEntered() throws {
        var s = try MeasurePanelTests.shippedState(at: "ss.c1.m1_1.q3", size: Size(width: 120, height: 40), systemic: true)
        var text = view(s).plainText()
        XCTAssertTrue(text.contains("Confirm the Safety and Security Framework: no date yet"), text)
        s.type("E")
        XCTAssertTrue(view(s).plainText().contains("Event dates the deadlines count from"))
        s.press(.down, .down)   // Art. 52(1) notification
        s.press(.enter)
        s.type("2026-13-01")
        XCTAssertEqual(s.press(.enter), [.bell])
        XCTAssertTrue(view(s).plainText().contains("'2026-13-01' is not a date"))
        for _ in 0..<10 { s.press(.backspace) }
        s.type("2026-01-05")
        let fx = s.press(.enter)
        XCTAssertEqual(fx, [.persist(sessionID: "acme-model-abcd", [.event(key: "notification", date: "2026-01-05")])])
        XCTAssertEqual(s.a.session.events["notification"], "2026-01-05")
        s.press(.escape)
        XCTAssertNil(s.overlay)
        text = view(s).plainText()
        XCTAssertTrue(text.contains("Confirm the Safety and Security Framework: due 2 Feb 2026"), text)
    }
}

/// Search shows a snippet around the match with the match highlighted, and finds what a measure asks.
final class SearchSnippetTests: XCTestCase {
    func testSearchFindsRequirementsAndHighlightsTheMatch() throws {
        var s = try MeasurePanelTests.shippedState(at: "cr.c1.m1_1.q1", size: Size(width: 100, height: 30))
        s.type("/")
        s.type("robots")
        guard case let .search(st)? = s.overlay else { return XCTFail("no search") }
        let hit = try XCTUnwrap(st.results.first { $0.nodeID == "cr.c1.m1_3" && $0.questionID == nil })
        XCTAssertEqual(hit.label, "Copyright 1.3 Identify and comply with rights reservations when crawling the World Wide Web")
        XCTAssertTrue(hit.detail.contains("robots.txt"), hit.detail)
        let c = view(s)
        let lines = c.plainText().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let y = try XCTUnwrap(lines.firstIndex { $0.contains("robots.txt") })
        let col = try XCTUnwrap(lines[y].range(of: "robots")).lowerBound
        let x = lines[y].distance(from: lines[y].startIndex, to: col)
        XCTAssertTrue(c[x, y].style.attributes.contains(.bold), "the match is highlighted")
        XCTAssertTrue(c[x, y].style.attributes.contains(.underline), "the match is highlighted")
    }

    func testSnippetStartsNearTheMatch() {
        let t = "A very long question text that goes on and on before it finally mentions the word robots near its end"
        let sn = snippet(t, around: ["robots"], width: 30, widths: .fallback, g: .unicode)
        XCTAssertTrue(sn.hasPrefix("…"), sn)
        XCTAssertTrue(sn.contains("robots"), sn)
    }
}

final class WideLayoutTests: XCTestCase {
    func testAt200ColumnsTheTreeShowsWholeTitles() throws {
        let s = try MeasurePanelTests.shippedState(at: "cr.c1.m1_3.q1", size: Size(width: 200, height: 60))
        let text = view(s).plainText()
        XCTAssertTrue(text.contains("1.2 Reproduce and extract only lawfully accessible copyright-protected content when crawling the World Wide Web"), text)
        XCTAssertTrue(text.contains("1.3 Identify and comply with rights reservations when crawling the World Wide Web"), text)
    }

    func testBelow100ColumnsTheTreeIsHiddenAndTabShowsIt() throws {
        var s = try MeasurePanelTests.shippedState(at: "cr.c1.m1_3.q1", size: Size(width: 99, height: 30))
        XCTAssertNil(AssessmentLayout(size: s.size, showTree: s.a.showTree).tree)
        s.press(.tab)
        XCTAssertNotNil(AssessmentLayout(size: s.size, showTree: s.a.showTree).tree)
        XCTAssertEqual(s.a.focus, .tree)
    }
}
