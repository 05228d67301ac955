import AssessmentCore
import TUI
import XCTest

/// Whole frames as text, at the sizes that matter: 80×24, 120×40 and too small.
/// Re-record with RECORD_SNAPSHOTS=1 (the run then fails; check the files and run again).
final class SnapshotTests: XCTestCase {
    func answered(size: Size) throws -> AppState {
        var s = try TUIFixtures.assessment(size: size)
        s.type("1n2n2")          // scope: gpai yes, systemic no; 1.1.a partly
        s.type("e")
        _ = update(&s, .paste("Form v2 covers sections 1–4; 日本語 annex pending.\nOwner: Zoë"))
        s.press(.ctrl("s"))
        s.type("i")
        return s
    }

    func testAssessmentNew80x24() throws {
        assertSnapshot(frameText(view(try TUIFixtures.assessment())), named: "assessment-new-80x24")
    }

    func testAssessmentAnswered80x24() throws {
        assertSnapshot(frameText(view(try answered(size: Size(width: 80, height: 24)))), named: "assessment-answered-80x24")
    }

    func testAssessmentAnswered120x40() throws {
        assertSnapshot(frameText(view(try answered(size: Size(width: 120, height: 40)))), named: "assessment-answered-120x40")
    }

    func testNarrowFoldsTheTreeAway() throws {
        assertSnapshot(frameText(view(try answered(size: Size(width: 60, height: 20)))), named: "assessment-narrow-60x20")
    }

    func testNoteEditorWithWideCharacters80x24() throws {
        var s = try answered(size: Size(width: 80, height: 24))
        s.type("e")
        s.press(.up)
        assertSnapshot(frameText(view(s)), named: "note-editor-80x24")
    }

    func testNumberValidation80x24() throws {
        var s = try TUIFixtures.assessment()
        s.type("n1g2.1.b")
        s.press(.enter)
        s.press(.enter)
        s.type("130")
        s.press(.enter)   // checked on confirm
        assertSnapshot(frameText(view(s)), named: "number-invalid-80x24")
    }

    func testMultiChoice80x24() throws {
        var s = try TUIFixtures.assessment()
        s.type("1g1.2.b")
        s.press(.enter)
        s.type("12")
        assertSnapshot(frameText(view(s)), named: "multi-80x24")
    }

    func testQuestionTextWithEscapeIsShownEscaped() throws {
        var s = try TUIFixtures.assessment()
        s.type("1g1.2.c")
        s.press(.enter)
        let text = view(s).plainText()
        XCTAssertTrue(text.contains("Who answers requests? ^[[31mred^[[0m"), text)
        XCTAssertFalse(text.unicodeScalars.contains { $0.value == 0x1B })
    }

    func testDashboard80x24() throws {
        var s = try answered(size: Size(width: 80, height: 24))
        s.type("d")
        assertSnapshot(frameText(view(s)), named: "dashboard-80x24")
    }

    func testDashboard120x40() throws {
        var s = try answered(size: Size(width: 120, height: 40))
        s.type("d")
        assertSnapshot(frameText(view(s)), named: "dashboard-120x40")
    }

    func testHelp80x24() throws {
        var s = try TUIFixtures.assessment()
        s.type("?")
        assertSnapshot(frameText(view(s)), named: "help-80x24")
    }

    func testReportDialog80x24() throws {
        var s = try TUIFixtures.assessment()
        s.type("R")
        s.press(.down)
        assertSnapshot(frameText(view(s)), named: "report-format-80x24")
        s.press(.enter)
        assertSnapshot(frameText(view(s)), named: "report-path-80x24")
        _ = update(&s, .reportFailed("'./acme-model-abcd-report-2026-01-15.html' exists; choose another name"))
        assertSnapshot(frameText(view(s)), named: "report-path-exists-80x24")
    }

    func testSearch80x24() throws {
        var s = try TUIFixtures.assessment()
        s.type("/")
        s.type("doc")
        assertSnapshot(frameText(view(s)), named: "search-80x24")
    }

    func testTooSmall() throws {
        let s = try TUIFixtures.assessment(size: Size(width: 40, height: 10))
        assertSnapshot(frameText(view(s)), named: "too-small-40x10")
        let tiny = try TUIFixtures.assessment(size: Size(width: 8, height: 2))
        XCTAssertEqual(view(tiny).size, Size(width: 8, height: 2), "draws something sane even in a tiny window")
        _ = view(try TUIFixtures.assessment(size: Size(width: 0, height: 0)))
    }

    func testHome80x24() throws {
        let q = try TUIFixtures.sample()
        let a = try answered(size: Size(width: 80, height: 24)).a.session
        var b = TUIFixtures.session(q)
        b.id = "other-model-wxyz"
        b.title = "Other model with a rather long title that will not fit in one line of the list"
        b.updated = TUIFixtures.now.addingTimeInterval(-86_400 * 3)
        b.updatedBy = "colleague"
        let s = AppState(size: Size(width: 80, height: 24), config: TUIFixtures.config, screen: .home(HomeState()),
                         sessions: [SessionSummary(session: a, questionnaire: q), SessionSummary(session: b, questionnaire: q),
                                    SessionSummary(session: b, questionnaire: nil)],
                         questionnaires: [q], hasHome: true, now: TUIFixtures.now)
        assertSnapshot(frameText(view(s)), named: "home-80x24")
    }

    func testHomeEmptyWithNewDialog80x24() throws {
        let q = try TUIFixtures.sample()
        var s = AppState(size: Size(width: 80, height: 24), config: TUIFixtures.config, screen: .home(HomeState()),
                         questionnaires: [q, q], hasHome: true, now: TUIFixtures.now)
        s.type("n")
        assertSnapshot(frameText(view(s)), named: "home-new-80x24")
    }

    func testASCIIGlyphs80x24() throws {
        var s = try answered(size: Size(width: 80, height: 24))
        s.config.glyphs = .ascii
        let text = frameText(view(s))
        assertSnapshot(text, named: "assessment-ascii-80x24")
    }

    func testFocusIsVisibleWithoutColour() throws {
        // The selected option and the selected tree row carry reverse video, not only a colour.
        var s = try TUIFixtures.assessment()
        let c = view(s)
        let row = c.plainText().split(separator: "\n").firstIndex { $0.contains("1 ( ) Yes") }!
        XCTAssertTrue(c.styleMap().split(separator: "\n")[row].contains("R"))
        s.press(.tab)
        let c2 = view(s)
        XCTAssertTrue(c2.styleMap().split(separator: "\n")[1].hasPrefix("R"))
    }

    func testTreeSaysWhyAPartDoesNotApply() throws {
        var s = try TUIFixtures.assessment()
        s.press(.tab, .down)
        XCTAssertEqual(s.a.treeCursor, "tr")
        let lines = view(s).plainText().split(separator: "\n")
        XCTAssertEqual(lines[22].trimmingCharacters(in: .whitespaces), "T Transparency: waiting for scope — Only for general-purpose AI models")
        // Once the scope answer rules it out, it reads not applicable.
        s.press(.tab)
        s.type("2")
        s.press(.tab)
        XCTAssertEqual(s.a.evaluation.nodes["tr"]?.status, .notApplicable)
        XCTAssertEqual(s.a.treeCursor, "tr")
        let after = view(s).plainText().split(separator: "\n")
        XCTAssertEqual(after[22].trimmingCharacters(in: .whitespaces), "T Transparency: not applicable — Only for general-purpose AI models")
    }
}
