import AssessmentCore
import TUI
import XCTest

/// The program's logic without a terminal: events in, state and effects out.
final class UpdateTests: XCTestCase {
    func answerEffect(_ effects: [Effect]) -> (String, Answer?)? {
        for e in effects {
            if case let .persist(_, changes) = e {
                for c in changes { if case let .answer(q, a, _) = c { return (q, a) } }
            }
        }
        return nil
    }

    func testNewSessionOpensOnFirstQuestion() throws {
        let s = try TUIFixtures.assessment()
        XCTAssertEqual(s.a.question, "scope.gpai")
        XCTAssertEqual(s.a.focus, .question)
    }

    func testReopeningReturnsToTheSavedQuestion() throws {
        let q = try TUIFixtures.sample()
        var session = TUIFixtures.session(q)
        session.position = Session.Position(question: "tr.q4", node: "tr.m2")
        session.answers["scope.gpai"] = Answer(value: .text("yes"), by: "tester", at: TUIFixtures.now)  // Transparency applies
        let s = try TUIFixtures.assessment(session: session)
        XCTAssertEqual(s.a.question, "tr.q4")
        XCTAssertEqual(s.a.treeCursor, "tr.m2")
    }

    func testReportKeyAsksTheRuntimeForReportsOfThisSession() throws {
        var s = try TUIFixtures.assessment()
        XCTAssertEqual(s.type("R"), [], "R only opens the dialog")
        XCTAssertEqual(s.overlay, .report(ReportDialog(sessionID: s.a.session.id)))
        XCTAssertEqual(s.press(.enter, .enter), [.report(sessionID: s.a.session.id, format: .md, path: "./acme-model-abcd-report-2026-01-15.md")])
        XCTAssertEqual(s.a.question, "scope.gpai")
    }

    func reportDialog(_ s: AppState) -> ReportDialog? {
        if case let .report(d)? = s.overlay { return d }
        return nil
    }

    func testReportKeyOpensTheFormatPicker() throws {
        var s = try TUIFixtures.assessment()
        s.type("R")
        let d = try XCTUnwrap(reportDialog(s))
        XCTAssertEqual(d.step, .format)
        XCTAssertEqual(d.formatID, .md)
        XCTAssertEqual(d.sessionID, "acme-model-abcd")
        XCTAssertNil(s.a.session.answers["scope.gpai"], "the digits of the dialog do not answer the question")
    }

    func testReportDigitsAndArrowsChooseTheFormat() throws {
        var s = try TUIFixtures.assessment()
        s.type("R")
        XCTAssertEqual(s.type("7"), [.bell], "no fifth format")
        XCTAssertEqual(reportDialog(s)?.step, .format)
        XCTAssertEqual(s.type("2"), [])
        XCTAssertEqual(reportDialog(s)?.formatID, .html)
        XCTAssertEqual(reportDialog(s)?.step, .path, "a digit chooses, as everywhere else")
        XCTAssertEqual(reportDialog(s)?.path.text, "./acme-model-abcd-report-2026-01-15.html")
        s.press(.escape)
        s.type("R")
        s.press(.down, .down)
        XCTAssertEqual(reportDialog(s)?.formatID, .json)
        s.press(.up, .up)
        XCTAssertEqual(reportDialog(s)?.formatID, .md)
        s.press(.up)
        XCTAssertEqual(reportDialog(s)?.formatID, .md)
        s.press(.down)
        XCTAssertEqual(reportDialog(s)?.formatID, .html)
        XCTAssertEqual(reportDialog(s)?.step, .format)
        XCTAssertNil(s.a.session.answers["scope.gpai"])
    }

    func testReportEnterMovesToThePathWithAPrefilledName() throws {
        var s = try TUIFixtures.assessment()
        s.type("R")
        s.press(.down)
        XCTAssertEqual(s.press(.enter), [])
        let d = try XCTUnwrap(reportDialog(s))
        XCTAssertEqual(d.step, .path)
        XCTAssertEqual(d.path.text, "./acme-model-abcd-report-2026-01-15.html")
        XCTAssertEqual(d.path.cursor, d.path.chars.count, "the cursor is at the end, ready to edit")
    }

    func testReportEnterOnThePathAsksTheRuntimeToWriteIt() throws {
        var s = try TUIFixtures.assessment()
        s.type("R4")
        // Edit the name: drop ".csv", type a new ending.
        s.press(.backspace, .backspace, .backspace, .backspace)
        s.type("-q3.csv")
        XCTAssertEqual(s.press(.enter), [.report(sessionID: "acme-model-abcd", format: .csv, path: "./acme-model-abcd-report-2026-01-15-q3.csv")])
        XCTAssertNotNil(reportDialog(s), "the dialog waits for the runtime's answer")
        _ = update(&s, .reportWritten("wrote ./acme-model-abcd-report-2026-01-15-q3.csv"))
        XCTAssertNil(s.overlay)
        XCTAssertEqual(s.message, Message(.info, "wrote ./acme-model-abcd-report-2026-01-15-q3.csv"))
    }

    func testReportRefusedKeepsTheDialogOpenWithTheReason() throws {
        var s = try TUIFixtures.assessment()
        s.type("R")
        s.press(.enter)
        s.press(.enter)
        XCTAssertEqual(update(&s, .reportFailed("'./x.md' exists; choose another name")), [.bell])
        let d = try XCTUnwrap(reportDialog(s))
        XCTAssertEqual(d.step, .path)
        XCTAssertEqual(d.error, "'./x.md' exists; choose another name")
        XCTAssertEqual(d.path.text, "./acme-model-abcd-report-2026-01-15.md", "the name stays to be corrected")
        s.type("x")
        XCTAssertNil(reportDialog(s)?.error, "typing clears the complaint")
        XCTAssertEqual(s.press(.enter), [.report(sessionID: "acme-model-abcd", format: .md, path: "./acme-model-abcd-report-2026-01-15.mdx")])
    }

    func testReportEmptyPathIsRefusedInTheDialog() throws {
        var s = try TUIFixtures.assessment()
        s.type("R")
        s.press(.enter, .ctrl("u"))
        XCTAssertEqual(s.press(.enter), [.bell])
        XCTAssertNotNil(reportDialog(s)?.error)
    }

    func testReportEscapeCancelsWithoutEffect() throws {
        var s = try TUIFixtures.assessment()
        s.type("R")
        XCTAssertEqual(s.press(.escape), [])
        XCTAssertNil(s.overlay)
        s.type("R3")
        s.type("abc")
        XCTAssertEqual(s.press(.escape), [])
        XCTAssertNil(s.overlay)
        XCTAssertEqual(s.a.question, "scope.gpai")
        XCTAssertNil(s.a.session.answers["scope.gpai"])
    }

    func testReportPathTakesAPaste() throws {
        var s = try TUIFixtures.assessment()
        s.type("R")
        s.press(.enter, .ctrl("u"))
        _ = update(&s, .paste("/tmp/board\nreport.md"))
        XCTAssertEqual(reportDialog(s)?.path.text, "/tmp/board report.md")
    }

    func testDigitPicksAnOptionAndSavesAtOnce() throws {
        var s = try TUIFixtures.assessment()
        let effects = s.type("1")
        let (qid, ans) = try XCTUnwrap(answerEffect(effects))
        XCTAssertEqual(qid, "scope.gpai")
        XCTAssertEqual(ans?.value, .text("yes"))
        XCTAssertEqual(ans?.by, "tester")
        XCTAssertEqual(s.a.session.answers["scope.gpai"]?.value, .text("yes"))
        XCTAssertEqual(s.a.question, "scope.gpai", "answering does not move on by itself")
    }

    func testDigitOutOfRangeRings() throws {
        var s = try TUIFixtures.assessment()
        XCTAssertEqual(s.type("7"), [.bell])
        XCTAssertNil(s.a.session.answers["scope.gpai"])
        XCTAssertEqual(s.message?.kind, .error)
    }

    func testScopingAnswerShowsAndHidesQuestionsLive() throws {
        var s = try TUIFixtures.assessment()
        XCTAssertFalse(s.a.isApplicable("tr.q1"))
        XCTAssertEqual(s.a.evaluation.nodes["tr"]?.hiddenReason, "Only for general-purpose AI models")
        s.type("1")
        XCTAssertTrue(s.a.isApplicable("tr.q1"))
        XCTAssertEqual(s.message?.text, "saved; 6 questions now apply")
        s.type("2")
        XCTAssertFalse(s.a.isApplicable("tr.q1"))
        XCTAssertEqual(s.message?.text, "saved; 6 no longer apply")
    }

    func testNextAndPreviousSkipWhatDoesNotApply() throws {
        var s = try TUIFixtures.assessment()
        s.type("n")
        XCTAssertEqual(s.a.question, "scope.systemic")
        s.type("n")
        XCTAssertEqual(s.a.question, "scope.systemic")
        XCTAssertEqual(s.message?.text, "this is the last question")
        s.type("p1n")
        XCTAssertEqual(s.a.question, "scope.systemic")
        s.type("n")
        XCTAssertEqual(s.a.question, "tr.q1")
        s.type("p")
        XCTAssertEqual(s.a.question, "scope.systemic")
    }

    func testNextUnansweredWrapsAround() throws {
        var s = try TUIFixtures.assessment()
        s.type("1n2")  // gpai yes, systemic no
        s.type("N")
        XCTAssertEqual(s.a.question, "tr.q1")
        s.type("1N")
        XCTAssertEqual(s.a.question, "tr.q2")
    }

    func testMovingSavesThePositionAsAnEffect() throws {
        var s = try TUIFixtures.assessment()
        let effects = s.type("n")
        XCTAssertEqual(effects, [.persist(sessionID: "acme-model-abcd", [.position(Session.Position(question: "scope.systemic", node: "scope", guidance: false))])])
    }

    func testMultipleChoiceTogglesAndExclusiveOptionClearsOthers() throws {
        var s = try TUIFixtures.assessment()
        s.type("1")
        _ = update(&s, .key(.char("/")))
        s.type("channels")
        s.press(.enter)
        XCTAssertEqual(s.a.question, "tr.q5")
        s.press(.char(" "))
        XCTAssertEqual(s.a.session.answers["tr.q5"]?.value, .choices(["web"]))
        s.type("2")
        XCTAssertEqual(s.a.session.answers["tr.q5"]?.value, .choices(["web", "email"]))
        XCTAssertEqual(s.a.evaluation.questions["tr.q5"]?.score, 1)
        s.type("3")
        XCTAssertEqual(s.a.session.answers["tr.q5"]?.value, .choices(["none"]))
        s.type("1")
        XCTAssertEqual(s.a.session.answers["tr.q5"]?.value, .choices(["web"]))
        s.type("1")
        XCTAssertNil(s.a.session.answers["tr.q5"], "unticking the last option clears the answer")
    }

    func testNumberIsValidatedOnConfirmAndInvalidValuesAreNeverSaved() throws {
        var s = try TUIFixtures.assessment()
        s.type("n1")  // systemic yes
        s.type("g")
        s.type("2.1.b")
        s.press(.enter)
        XCTAssertEqual(s.a.question, "ss.q2")
        s.press(.enter)
        s.type("200")
        XCTAssertNil(s.a.editing?.error, "no complaint while typing")
        XCTAssertEqual(s.press(.enter), [.bell])
        XCTAssertEqual(s.a.editing?.error, "value 200 for question 'ss.q2' is above the maximum 120")
        XCTAssertNil(s.a.session.answers["ss.q2"])
        XCTAssertNotNil(s.a.editing)
        s.press(.ctrl("u"))
        s.type("12")
        XCTAssertNil(s.a.editing?.error)
        let effects = s.press(.enter)
        XCTAssertEqual(answerEffect(effects)?.1?.value, .number(12))
        XCTAssertNil(s.a.editing)
    }

    func testDigitOnANumberQuestionStartsTyping() throws {
        var s = try TUIFixtures.assessment()
        s.type("n1g2.1.b")
        s.press(.enter)
        s.type("6")
        XCTAssertEqual(s.a.editing?.editor.text, "6")
    }

    func testDateValidation() throws {
        var s = try TUIFixtures.assessment()
        s.type("1g1.1.c")
        s.press(.enter)
        XCTAssertEqual(s.a.question, "tr.q3")
        s.press(.enter)
        s.type("2025-0")
        XCTAssertNil(s.a.editing?.error, "a half-typed date is no error")
        s.type("2-30")
        XCTAssertEqual(s.press(.enter), [.bell])
        XCTAssertEqual(s.a.editing?.error, "'2025-02-30' is not a date; write it as 2026-02-01 (year-month-day)")
        s.press(.escape)
        XCTAssertEqual(s.message?.text, "discard changes? y discards · any other key goes on editing")
        s.type("y")
        XCTAssertNil(s.a.editing, "Esc cancels a one-line field once confirmed")
        XCTAssertNil(s.a.session.answers["tr.q3"])
        s.press(.enter)
        s.type("2025-02-28")
        s.press(.enter)
        XCTAssertEqual(s.a.session.answers["tr.q3"]?.value, .text("2025-02-28"))
    }

    func testNotApplicableNeedsAJustification() throws {
        var s = try TUIFixtures.assessment()
        s.type("1g1.1.b")
        s.press(.enter)
        XCTAssertEqual(s.a.question, "tr.q2")
        s.type("a")
        XCTAssertEqual(s.a.editing?.target, .justification)
        XCTAssertEqual(s.press(.enter), [.bell])
        XCTAssertEqual(s.a.editing?.error, "say why it does not apply (required)")
        s.type("no earlier versions exist yet")
        s.press(.enter)
        let a = try XCTUnwrap(s.a.session.answers["tr.q2"])
        XCTAssertTrue(a.notApplicable)
        XCTAssertEqual(a.justification, "no earlier versions exist yet")
        XCTAssertTrue(s.a.isAnswered("tr.q2"))
    }

    func testNotApplicableRefusedWhereNotAllowed() throws {
        var s = try TUIFixtures.assessment()
        XCTAssertEqual(s.type("a"), [.bell])
        XCTAssertNil(s.a.editing)
    }

    func testClearAnswerKeepsTheNote() throws {
        var s = try TUIFixtures.assessment()
        s.type("1e")
        s.type("keep me")
        s.press(.ctrl("s"))
        XCTAssertEqual(s.message?.text, "note saved")
        s.type("x")
        XCTAssertEqual(s.message?.text, "answer cleared — u undoes")
        let a = try XCTUnwrap(s.a.session.answers["scope.gpai"])
        XCTAssertNil(a.value)
        XCTAssertEqual(a.note, "keep me")
        s.type("u")
        XCTAssertEqual(s.a.session.answers["scope.gpai"]?.value, .text("yes"), "u undoes the clearing")
        XCTAssertEqual(s.a.session.answers["scope.gpai"]?.note, "keep me")
    }

    func testPastedNewlineNeverSubmitsAndPasteIsOneEdit() throws {
        var s = try TUIFixtures.assessment()
        s.type("e")
        let effects = update(&s, .paste("line one é\nline two 日本\n"))
        XCTAssertEqual(effects, [], "a paste is inserted, not saved key by key")
        XCTAssertEqual(s.a.editing?.editor.text, "line one é\nline two 日本\n")
        let saved = s.press(.function(2))
        XCTAssertEqual(answerEffect(saved)?.1?.note, "line one é\nline two 日本\n")
        XCTAssertEqual(s.a.session.history.count, 1, "one history entry for the whole note")
    }

    func testPasteIntoOneLineFieldFoldsNewlines() throws {
        var s = try TUIFixtures.assessment()
        s.type("1g1.2.c")
        s.press(.enter)
        XCTAssertEqual(s.a.question, "tr.q6")
        s.press(.enter)
        _ = update(&s, .paste("Alice\nBob"))
        XCTAssertNotNil(s.a.editing, "the pasted newline did not submit")
    }

    func testPasteOutsideAnEditorIsIgnored() throws {
        var s = try TUIFixtures.assessment()
        XCTAssertEqual(update(&s, .paste("1")), [])
        XCTAssertNil(s.a.session.answers["scope.gpai"])
    }

    func testInterruptCommitsTheOpenNoteAndSavesPosition() throws {
        var s = try TUIFixtures.assessment()
        s.type("e")
        s.type("half-typed")
        let effects = update(&s, .interrupt)
        XCTAssertEqual(answerEffect(effects)?.1?.note, "half-typed")
        XCTAssertTrue(effects.contains(.persist(sessionID: "acme-model-abcd", [.position(Session.Position(question: "scope.gpai", node: "scope", guidance: false))])))
        XCTAssertEqual(effects.last, .quit)
    }

    func testQAndCtrlCQuitFromEveryScreen() throws {
        var s = try TUIFixtures.assessment()
        XCTAssertEqual(s.type("q").last, .quit)
        s = try TUIFixtures.assessment()
        s.type("d")
        XCTAssertEqual(s.type("q").last, .quit)
        s = try TUIFixtures.assessment()
        s.type("?")
        XCTAssertEqual(s.type("q").last, .quit)
        s = try TUIFixtures.assessment(size: Size(width: 30, height: 8))
        XCTAssertTrue(s.isTooSmall)
        XCTAssertEqual(s.type("j"), [])
        XCTAssertEqual(s.type("q").last, .quit)
        s = try TUIFixtures.assessment()
        s.type("e")
        XCTAssertEqual(s.type("q"), [], "q types a q in an editor")
        XCTAssertEqual(s.press(.ctrl("c")).last, .quit)
    }

    func testCtrlLRepaints() throws {
        var s = try TUIFixtures.assessment()
        XCTAssertEqual(s.press(.ctrl("l")), [.repaint])
    }

    func testHelpClosesOnAnyOtherKey() throws {
        var s = try TUIFixtures.assessment()
        s.type("?")
        XCTAssertEqual(s.overlay, .help(scroll: 0))
        s.press(.escape)
        XCTAssertNil(s.overlay)
    }

    func testGotoMeasureByNumber() throws {
        var s = try TUIFixtures.assessment()
        s.type("1g1.2")
        s.press(.enter)
        XCTAssertEqual(s.a.question, "tr.q4")
        s.type("g9.9")
        XCTAssertEqual(s.press(.enter), [.bell])
        if case let .goto(_, error)? = s.overlay { XCTAssertEqual(error, "no measure or question numbered '9.9'") } else { XCTFail() }
    }

    func testSearchMatchesTextAndNumbers() throws {
        let s = try TUIFixtures.assessment()
        XCTAssertEqual(searchResults(s.a, "10 years").map(\.questionID), ["tr.q2"])
        XCTAssertEqual(searchResults(s.a, "1.2.b").map(\.questionID), ["tr.q5"])
        XCTAssertEqual(searchResults(s.a, "framework").first?.nodeID, "ss.m1")
    }

    func testJumpToHiddenQuestionSaysWhy() throws {
        var s = try TUIFixtures.assessment()
        s.type("/")
        s.type("framework?")
        s.press(.backspace, .enter)
        XCTAssertEqual(s.a.question, "ss.q1")
        XCTAssertEqual(s.message?.text, "not applicable: Only for models with systemic risk")
    }

    func testDashboardEnterJumpsToAGap() throws {
        var s = try TUIFixtures.assessment()
        s.type("1n2n2")  // gpai yes, systemic no, tr.q1 partly
        XCTAssertEqual(s.a.session.answers["tr.q1"]?.value, .text("partly"))
        s.type("n")
        XCTAssertEqual(s.a.question, "tr.q2")
        s.type("d")
        XCTAssertNotNil(s.a.dashboard)
        XCTAssertEqual(s.a.evaluation.gaps.first?.id, "tr.q1")
        s.press(.enter)
        XCTAssertNil(s.a.dashboard)
        XCTAssertEqual(s.a.question, "tr.q1")
    }

    func testTreeNavigationOpensANode() throws {
        var s = try TUIFixtures.assessment()
        s.type("1")
        s.press(.tab)
        XCTAssertEqual(s.a.focus, .tree)
        XCTAssertEqual(s.a.treeRows.map(\.nodeID), ["scope", "tr", "ss"], "the tree starts folded to the current question")
        s.press(.down, .right, .down, .right, .down)
        XCTAssertEqual(s.a.treeCursor, "tr.m1")
        s.press(.left)
        XCTAssertTrue(s.a.collapsed.contains("tr.m1") == false, "a leaf does not collapse; left goes to the parent")
        XCTAssertEqual(s.a.treeCursor, "tr.c1")
        s.press(.left)
        XCTAssertTrue(s.a.collapsed.contains("tr.c1"))
        s.press(.right, .down, .down, .enter)
        XCTAssertEqual(s.a.question, "tr.q4")
        XCTAssertEqual(s.a.focus, .question)
    }

    func testEscapeGoesHomeWhenThereIsOne() throws {
        var s = try TUIFixtures.assessment(hasHome: true)
        let effects = s.press(.escape)
        XCTAssertEqual(effects.last, .loadSessions)
        guard case .home = s.screen else { return XCTFail("not home") }
    }

    func testHomeActions() throws {
        let q = try TUIFixtures.sample()
        var s = AppState(size: Size(width: 80, height: 24), config: TUIFixtures.config, screen: .home(HomeState()),
                         sessions: [SessionSummary(session: TUIFixtures.session(q), questionnaire: q)], questionnaires: [q],
                         hasHome: true, now: TUIFixtures.now)
        XCTAssertEqual(s.press(.enter), [.open(sessionID: "acme-model-abcd")])
        s.type("n")
        XCTAssertEqual(s.overlay, .newTitle(questionnaireID: "tui-sample", TextEditor()))
        s.type("Model Y")
        XCTAssertEqual(s.press(.enter), [.create(title: "Model Y", questionnaireID: "tui-sample")])
        s.type("D")
        XCTAssertEqual(s.type("n"), [], "anything but y keeps it")
        s.type("D")
        XCTAssertEqual(s.type("y"), [.delete(sessionID: "acme-model-abcd")])
        s.type("r")
        s.press(.ctrl("u"))
        s.type("Renamed")
        XCTAssertEqual(s.press(.enter), [.persist(sessionID: "acme-model-abcd", [.title("Renamed")]), .loadSessions])
        XCTAssertEqual(s.press(.char("R")), [])
        XCTAssertEqual(s.overlay, .report(ReportDialog(sessionID: "acme-model-abcd")))
        s.type("2")   // a digit chooses the format at once
        XCTAssertEqual(reportDialog(s)?.step, .path)
        XCTAssertEqual(s.press(.enter), [.report(sessionID: "acme-model-abcd", format: .html, path: "./acme-model-abcd-report-2026-01-15.html")])
    }

    func testSavedSessionFromTheStoreReplacesTheShownOne() throws {
        var s = try TUIFixtures.assessment()
        var stored = s.a.session
        stored.set("scope.systemic", to: Answer(value: .text("yes"), by: "colleague", at: TUIFixtures.now), by: "colleague", at: TUIFixtures.now)
        _ = update(&s, .saved(stored))
        XCTAssertTrue(s.a.isApplicable("ss.q1"), "a colleague's concurrent answer shows up")
    }

    func testReadOnlySessionRefusesChangesButMoves() throws {
        var s = try TUIFixtures.assessment()
        let q = try TUIFixtures.sample()
        _ = update(&s, .opened(TUIFixtures.session(q), q, readOnly: true))
        XCTAssertTrue(s.a.readOnly)
        XCTAssertEqual(s.type("1"), [.bell])
        XCTAssertNil(s.a.session.answers["scope.gpai"])
        XCTAssertEqual(s.type("e"), [.bell])
        XCTAssertEqual(s.type("n"), [], "moving is allowed and saves no position")
        XCTAssertEqual(s.a.question, "scope.systemic")
        XCTAssertEqual(s.type("q"), [.quit])
    }

    func testSessionOpenElsewhereOffersReadOnlyOrTakeOver() throws {
        let q = try TUIFixtures.sample()
        var s = AppState(size: Size(width: 80, height: 24), config: TUIFixtures.config, screen: .home(HomeState()),
                         questionnaires: [q], hasHome: true, now: TUIFixtures.now)
        XCTAssertEqual(update(&s, .lockedElsewhere(sessionID: "x", title: "X", holder: "held by ann on h (pid 1)", stale: false)), [.bell])
        XCTAssertEqual(s.type("t"), [], "a live holder: asks first")
        XCTAssertEqual(s.askTakeOver, "x")
        XCTAssertEqual(s.message?.text, "take over? It is held by ann on h (pid 1); that terminal can no longer save · y takes over")
        XCTAssertEqual(s.type("n"), [], "any other key cancels")
        XCTAssertEqual(s.message?.text, "not taken over")
        XCTAssertEqual(s.type("r"), [.openReadOnly(sessionID: "x")])
        _ = update(&s, .lockedElsewhere(sessionID: "x", title: "X", holder: "held by ann on h (pid 1)", stale: false))
        s.type("t")
        XCTAssertEqual(s.type("y"), [.takeOver(sessionID: "x")])
        _ = update(&s, .lockedElsewhere(sessionID: "x", title: "X", holder: "held by ann", stale: true))
        XCTAssertEqual(s.type("t"), [.takeOver(sessionID: "x")])
    }

    func testLeavingForTheListReleasesTheSession() throws {
        var s = try TUIFixtures.assessment(hasHome: true)
        XCTAssertTrue(s.press(.escape).contains(.close(sessionID: "acme-model-abcd")))
    }

    func testARefusedSaveIsShownUntilTheStoreTakesIt() throws {
        var s = try TUIFixtures.assessment()
        s.type("1")
        XCTAssertEqual(update(&s, .saveFailed("disk full")), [.bell])
        XCTAssertEqual(s.a.unsavedError, "disk full")
        XCTAssertTrue(view(s).plainText().contains("NOT SAVED"))
        _ = update(&s, .saved(s.a.session))
        XCTAssertNil(s.a.unsavedError)
        XCTAssertEqual(s.message?.text, "saved again")
    }

    func testTextAnswerIsMultiLineSavedWithCtrlSAndEscAsksBeforeDiscarding() throws {
        var s = try TUIFixtures.assessment()
        s.type("1g1.2.c")
        s.press(.enter)
        s.press(.enter)
        XCTAssertEqual(s.a.editing?.editor.multiline, true)
        s.type("Alice")
        s.press(.enter)
        s.type("Bob")
        XCTAssertEqual(s.press(.escape), [])
        XCTAssertNil(s.a.session.answers["tr.q6"], "Esc saves nothing")
        s.type("z")   // not y: goes on editing, the key is not typed
        XCTAssertEqual(s.a.editing?.editor.text, "Alice\nBob")
        s.press(.ctrl("s"))
        XCTAssertEqual(s.a.session.answers["tr.q6"]?.value, .text("Alice\nBob"))
        // Enter, Ctrl-U, Esc, y: the answer is kept.
        s.press(.enter, .ctrl("u"), .escape)
        s.type("y")
        XCTAssertNil(s.a.editing)
        XCTAssertEqual(s.a.session.answers["tr.q6"]?.value, .text("Alice\nBob"))
        XCTAssertEqual(s.message?.text, "changes discarded")
    }

    func testEvidenceIsOneReferencePerLine() throws {
        var s = try TUIFixtures.assessment()
        s.type("v")
        _ = update(&s, .paste("docs/mdf-v2.pdf\n\n  https://example.org/policy  \n"))
        s.press(.ctrl("s"))
        XCTAssertEqual(s.a.session.answers["scope.gpai"]?.evidence, ["docs/mdf-v2.pdf", "https://example.org/policy"])
        XCTAssertFalse(s.a.isAnswered("scope.gpai"), "evidence alone is not an answer")
    }

    func testAPauseInTypingSavesTheDraftAndKeepsTheEditorOpen() throws {
        var s = try TUIFixtures.assessment()
        s.type("e")
        s.type("draft one")
        let effects = update(&s, .idle)
        XCTAssertEqual(answerEffect(effects)?.1?.note, "draft one")
        XCTAssertEqual(s.a.editing?.target, .note, "still editing")
        XCTAssertEqual(update(&s, .idle), [], "nothing new, nothing written")
        s.type(" and more")
        s.press(.ctrl("s"))
        XCTAssertEqual(s.a.session.answers["scope.gpai"]?.note, "draft one and more")
        XCTAssertEqual(update(&s, .idle), [], "no editor, no draft")
    }
}
