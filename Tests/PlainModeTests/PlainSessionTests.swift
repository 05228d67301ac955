import AssessmentCore
import AssessmentStore
import Foundation
import PlainMode
import TestSupport
import XCTest
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Scripted conversations with the plain-mode state machine, against a real store in a temp folder.
final class PlainSessionTests: StoreTestCase {
    func newSession(_ title: String = "Acme Q3") throws -> String {
        try store.create(title: title, questionnaire: mini, by: "alice").id
    }

    /// A conversation: the transcript as a terminal would show it (input echoed after each prompt).
    final class Talk {
        let core: PlainSession
        var transcript = ""
        /// Only what plain mode printed (the transcript also holds the echoed input).
        var printed = ""
        var errors: [String] = []

        init(_ core: PlainSession) {
            self.core = core
            take(core.begin())
        }

        func take(_ o: PlainOutput) {
            transcript += o.text
            printed += o.text
            if let e = o.error { errors.append(e) }
        }

        /// Sends lines; returns only the output they produced.
        @discardableResult
        func send(_ lines: String...) -> String {
            var out = ""
            for l in lines {
                transcript += l + "\n"
                let o = core.receive(l)
                out += o.text
                take(o)
            }
            return out
        }

        @discardableResult
        func eof() -> String {
            let o = core.endOfInput()
            take(o)
            return o.text
        }
    }

    func talk(_ start: PlainStart, user: String = "alice", questionnaires: [Questionnaire]? = nil) -> Talk {
        Talk(PlainSession(store: store, questionnaires: questionnaires ?? [mini], user: user, start: start))
    }

    func saved(_ id: String) throws -> Session { try store.load(id) }

    func assertNoEscape(_ t: Talk, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(t.printed.utf8.contains(0x1B), "ESC byte in plain output:\n\(t.printed)", file: file, line: line)
        XCTAssertFalse(t.printed.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || $0.value == 0x7F || (0x80..<0xA0).contains($0.value) },
                       "control character in plain output", file: file, line: line)
        for e in t.errors { XCTAssertFalse(e.utf8.contains(0x1B), file: file, line: line) }
    }

    // MARK: - Answering and the walk

    func testAnswersAreSavedAfterEveryAnswerWithProgressInWords() throws {
        let id = try newSession()
        let t = talk(.session(id))
        XCTAssertTrue(t.transcript.contains("Assessment: Acme Q3."), t.transcript)
        XCTAssertTrue(t.transcript.contains("0 of 4 answered."), t.transcript)
        XCTAssertTrue(t.transcript.contains("Scope, question 1 of 4.\nIs the model a general-purpose AI model?\n1. Yes.\n2. No.\n"), t.transcript)
        XCTAssertTrue(t.transcript.hasSuffix("Answer 1 to 2: "))

        let out = t.send("1")
        XCTAssertTrue(out.contains("Saved: 1. Yes. 1 of 10 answered."), out)
        // Saved at once, with the position on the next question.
        var s = try saved(id)
        XCTAssertEqual(s.answers["scope.gpai"]?.value, .text("yes"))
        XCTAssertEqual(s.answers["scope.gpai"]?.by, "alice")
        XCTAssertEqual(s.position?.question, "scope.params")
        XCTAssertEqual(s.history.count, 1)

        t.send("7000000000", "1.5e12", "no")  // "no" by value
        s = try saved(id)
        XCTAssertEqual(s.answers["scope.params"]?.value, .number(7e9))
        XCTAssertEqual(s.answers["scope.tokens"]?.value, .number(1.5e12))
        XCTAssertEqual(s.answers["scope.systemic"]?.value, .text("no"))
        let walk = t.send("1")
        XCTAssertTrue(t.transcript.contains("Chapter: Transparency.\nCommitment 1: Documentation.\nMeasure 1.1: Keep documentation.\nTransparency, measure 1.1, question 1 of 3.\nIs the documentation complete?\nThis is a critical question."), t.transcript)
        XCTAssertTrue(walk.contains("Saved: 1. Yes. 5 of 10 answered."), walk)
        XCTAssertTrue(walk.contains("Transparency, measure 1.1, question 2 of 3."), walk)
        XCTAssertFalse(walk.contains("Chapter: Transparency."), "headings only when they change")
        XCTAssertTrue(walk.contains("na. Not applicable, with a reason."), walk)
        XCTAssertFalse(walk.contains("Type i for guidance."), "the measure's guidance is mentioned once, on entering it:\n\(walk)")
        XCTAssertTrue(t.transcript.contains("Is the documentation complete?\nThis is a critical question.\n1. Yes.\n2. Partly.\n3. No.\nType i for guidance.\n"), t.transcript)
        assertNoEscape(t)
    }

    func testOptionLabelsAndScaleValuesAndMultipleChoice() throws {
        let id = try newSession()
        let t = talk(.session(id))
        t.send("g 1.2")  // not applicable yet
        XCTAssertTrue(t.transcript.contains("Measure 1.2 Provide information is waiting for scope: it applies or not depending on scope answers not given yet. Only for general-purpose AI models."), t.transcript)
        t.send("Yes", "s", "s", "s")
        let scale = t.send("g 1.2")
        XCTAssertTrue(scale.contains("0. None.\n1. Ad hoc.\n2. Defined.\n3. Managed.\n4. Optimised.\n"), scale)
        XCTAssertTrue(scale.hasSuffix("Answer 0 to 4: "), "a 0–4 scale is typed as 0–4")
        let multi = t.send("3")
        XCTAssertTrue(multi.contains("Saved: 3. Managed."), multi)
        XCTAssertTrue(multi.contains("3. None (only on its own)."), multi)
        XCTAssertTrue(multi.contains("Choose one or more, separated by commas."), multi)
        t.send("2, 1")
        XCTAssertEqual(try saved(id).answers["tr.1.2.q2"]?.value, .choices(["email", "web"]))
        t.send("b", "1 2")
        XCTAssertEqual(try saved(id).answers["tr.1.2.q2"]?.value, .choices(["web", "email"]))
        XCTAssertEqual(try saved(id).answers["tr.1.2.q1"]?.value, .text("3"))
        XCTAssertEqual(try saved(id).answers["scope.gpai"]?.value, .text("yes"), "a label works too")
        assertNoEscape(t)
    }

    func testSkipBackEmptyLineAndUnanswered() throws {
        let id = try newSession()
        let t = talk(.session(id))
        var out = t.send("s")
        XCTAssertTrue(out.contains("Scope, question 2 of 4.\nParameters"), out)
        XCTAssertNil(try saved(id).answers["scope.gpai"])
        XCTAssertEqual(try saved(id).position?.question, "scope.params", "moving is remembered too")
        out = t.send("b")
        XCTAssertTrue(out.contains("Scope, question 1 of 4."), out)
        out = t.send("b")
        XCTAssertEqual(out, "This is the first question.\nAnswer 1 to 2: ")
        out = t.send("")
        XCTAssertEqual(out, "No answer given. Type s to skip, or ? for help.\nAnswer 1 to 2: ")
        t.send("2")  // not a GPAI model: nothing but scope applies
        out = t.send("b", "")
        XCTAssertTrue(out.contains("Kept."), out)
        XCTAssertTrue(out.contains("Scope, question 2 of 4."), out)
        out = t.send("s", "s", "s")
        XCTAssertTrue(out.contains("End of the questionnaire. 1 of 4 answered."), out)
        XCTAssertTrue(out.contains("3 questions are still unanswered. Type u to go to the first one."), out)
        out = t.send("u")
        XCTAssertTrue(out.contains("Scope, question 2 of 4."), out)
        out = t.send("u")
        XCTAssertTrue(out.contains("Scope, question 3 of 4."), out)
        assertNoEscape(t)
    }

    func testEmptyLineOnAnUnansweredOptionalQuestionMovesOnAndOptionalIsSaid() throws {
        let id = try newSession()
        let t = talk(.session(id))
        var out = t.send("1")
        XCTAssertTrue(out.contains("Parameters\nOptional: an empty line leaves it unanswered and moves on."), out)
        out = t.send("")
        XCTAssertTrue(out.hasPrefix("Left unanswered (optional).\n"), out)
        XCTAssertTrue(out.contains("Scope, question 3 of 4.\nTraining tokens"), out)
        XCTAssertNil(try saved(id).answers["scope.params"])
        XCTAssertEqual(try saved(id).position?.question, "scope.tokens")
        // A required question still insists.
        out = t.send("", "")
        XCTAssertTrue(out.hasSuffix("No answer given. Type s to skip, or ? for help.\nAnswer 1 to 2: "), out)
    }

    func testNotApplicableNeedsAJustification() throws {
        let id = try newSession()
        let t = talk(.session(id))
        t.send("1", "s", "s", "2", "1")
        XCTAssertEqual(try saved(id).position?.question, "tr.1.1.q2")
        var out = t.send("na")
        XCTAssertEqual(out, "Why does this question not apply? A reason is required. An empty line cancels.\nReason: ")
        out = t.send("")
        XCTAssertTrue(out.hasPrefix("Not applicable was not recorded.\n"), out)
        XCTAssertNil(try saved(id).answers["tr.1.1.q2"])
        out = t.send("na", "   First release, nothing earlier to keep  ")
        XCTAssertTrue(out.contains("Saved as not applicable. 4 of 10 answered."), out)
        let a = try XCTUnwrap(try saved(id).answers["tr.1.1.q2"])
        XCTAssertTrue(a.notApplicable)
        XCTAssertNil(a.value)
        XCTAssertEqual(a.justification, "First release, nothing earlier to keep")
        out = t.send("b")
        XCTAssertTrue(out.contains("Current answer: not applicable, because: First release, nothing earlier to keep"), out)
        // A question that does not allow N/A says so with the CLI's message.
        out = t.send("b", "na")
        XCTAssertTrue(out.contains("Not saved: question 'tr.1.1.q1' does not allow N/A; allowed: yes, partly, no."), out)
        assertNoEscape(t)
    }

    func testNoteEvidenceAndClear() throws {
        let id = try newSession()
        let t = talk(.session(id))
        var out = t.send("note")
        XCTAssertTrue(out.contains("Type the note on one line."), out)
        XCTAssertTrue(out.hasSuffix("Note: "), out)
        out = t.send("Checked with legal")
        XCTAssertTrue(out.hasPrefix("Note saved.\n"), out)
        XCTAssertEqual(try saved(id).answers["scope.gpai"]?.note, "Checked with legal")
        XCTAssertFalse(try saved(id).answers["scope.gpai"]!.isAnswered, "a note alone is not an answer")
        t.send("e", "DOC-112", "evidence", "https://intranet/doc", "e", "DOC-112")
        XCTAssertEqual(try saved(id).answers["scope.gpai"]?.evidence, ["DOC-112", "https://intranet/doc"])
        out = t.send("1")
        let a = try XCTUnwrap(try saved(id).answers["scope.gpai"])
        XCTAssertEqual(a.value, .text("yes"))
        XCTAssertEqual(a.note, "Checked with legal", "answering keeps the note")
        out = t.send("b")
        XCTAssertTrue(out.contains("Current answer: 1. Yes.\nNote: Checked with legal\nEvidence: DOC-112; https://intranet/doc."), out)
        out = t.send("c")
        XCTAssertTrue(out.contains("Answer cleared."), out)
        XCTAssertNil(try saved(id).answers["scope.gpai"]?.value)
        XCTAssertEqual(try saved(id).answers["scope.gpai"]?.note, "Checked with legal")
        t.send("note", "-", "e", "-")
        XCTAssertNil(try saved(id).answers["scope.gpai"], "nothing left: the answer is removed")
        out = t.send("c")
        XCTAssertTrue(out.hasPrefix("There is no answer to clear."), out)
        t.send("note")
        out = t.send("")
        XCTAssertTrue(out.hasPrefix("The note was not changed."), out)
        assertNoEscape(t)
    }

    /// The evidence check is the walk's (the full screen's editor gets the same one).
    func testAnEvidenceReferenceTooLongIsRefusedInWords() throws {
        let id = try newSession()
        let t = talk(.session(id))
        t.send("e")
        let out = t.send(String(repeating: "x", count: AnswerInput.maxEvidenceLength + 1))
        XCTAssertTrue(out.hasPrefix("Not saved: invalid evidence reference 'xxx"), out)
        XCTAssertFalse(out.contains("Evidence added."), out)
        XCTAssertNil(try saved(id).answers["scope.gpai"])
        t.send("e", String(repeating: "x", count: AnswerInput.maxEvidenceLength))
        XCTAssertEqual(try saved(id).answers["scope.gpai"]?.evidence.first?.count, AnswerInput.maxEvidenceLength)
        assertNoEscape(t)
    }

    func testConditionsHideAndShowChaptersLive() throws {
        let id = try newSession()
        let t = talk(.session(id))
        var out = t.send("yes")
        XCTAssertTrue(out.contains("Chapter Transparency now applies. Only for general-purpose AI models."), out)
        out = t.send("s", "s", "1")
        XCTAssertTrue(out.contains("Chapter Safety and Security now applies. Only for models with systemic risk."), out)
        XCTAssertTrue(out.contains("Saved: 1. Yes. 2 of 12 answered."), out)
        // Go back and change the scoping answer: the chapter goes, and the walk skips it.
        out = t.send("b", "2")
        XCTAssertTrue(out.contains("Chapter Safety and Security no longer applies. Only for models with systemic risk."), out)
        out = t.send("g 1.2", "1", "1", "s")
        XCTAssertTrue(out.contains("End of the questionnaire."), out)
        XCTAssertFalse(out.contains("Is there a framework?"), "hidden questions are skipped")
        // Enough compute brings it back through the derived estimate.
        out = t.send("g scope.params", "1e13", "1e12")
        XCTAssertTrue(out.contains("Chapter Safety and Security now applies. Only for models with systemic risk."), out)
        out = t.send("g s&s 1.1")
        XCTAssertTrue(out.contains("Safety and Security, measure 1.1, question 1 of 2.\nIs there a framework?"), out)
        // Not a GPAI model after all: both chapters go.
        out = t.send("g scope.gpai", "2")
        XCTAssertTrue(out.contains("Chapter Transparency no longer applies. Only for general-purpose AI models."), out)
        XCTAssertFalse(out.contains("Safety and Security no longer applies"), "still applies through the compute estimate")
        out = t.send("p")
        XCTAssertTrue(out.contains("Transparency: not applicable. Only for general-purpose AI models."), out)
        assertNoEscape(t)
    }

    func testJumpToMeasures() throws {
        let id = try newSession()
        let t = talk(.session(id))
        t.send("1", "s", "s", "1")  // both chapters apply
        var out = t.send("g 1.1")
        XCTAssertTrue(out.contains("Transparency, measure 1.1, question 1 of 3."), "the current chapter's measure 1.1:\n\(out)")
        out = t.send("g 1.2")
        XCTAssertTrue(out.contains("Measure 1.2: Provide information.\nTransparency, measure 1.2, question 1 of 3."), out)
        out = t.send("g 9.9")
        XCTAssertTrue(out.hasPrefix("No measure 9.9."), out)
        out = t.send("g")
        XCTAssertTrue(out.hasPrefix("Go where? Type g and a measure number, like g 1.2."), out)
        out = t.send("g safety 1.1")
        XCTAssertTrue(out.contains("Safety and Security, measure 1.1, question 1 of 2."), out)
        out = t.send("g scope")
        XCTAssertTrue(out.contains("Scope, question 2 of 4."), "lands on the first unanswered question:\n\(out)")
        out = t.send("g 1.1")
        XCTAssertTrue(out.contains("1.1 is in several chapters: Transparency, Safety and Security."), out)
        XCTAssertTrue(out.contains("like g transparency 1.1"), out)
        XCTAssertEqual(try saved(id).position?.question, "scope.params")
        assertNoEscape(t)
    }

    func testResumeAtTheLastPosition() throws {
        let id = try newSession()
        let t1 = talk(.session(id))
        t1.send("1", "5e9", "s")
        let bye = t1.send("q")
        XCTAssertEqual(bye, "Everything is saved. Goodbye.\n")
        XCTAssertTrue(t1.core.finished)
        XCTAssertEqual(t1.core.exitCode, 0)
        XCTAssertEqual(try saved(id).position?.question, "scope.systemic")

        let t2 = talk(.session(id))
        XCTAssertTrue(t2.transcript.contains("2 of 10 answered. Continuing where you left off."), t2.transcript)
        XCTAssertTrue(t2.transcript.contains("Scope, question 4 of 4.\nSystemic risk?"), t2.transcript)
        // Input ends: everything is already saved.
        let end = t2.eof()
        XCTAssertEqual(end, "End of input. Everything is saved.\n")
        XCTAssertTrue(t2.core.finished)
        XCTAssertEqual(t2.core.exitCode, 0)

        // A position on a question that no longer applies resumes at the next one that does…
        try store.update(id) { s in s.position = Session.Position(question: "tr.1.1.q2") }
        try store.update(id) { s in s.set("scope.gpai", to: Answer(value: .text("no"), by: "bob"), by: "bob") }
        let t3 = talk(.session(id))
        XCTAssertTrue(t3.transcript.contains("Scope, question 3 of 4."), "no later question applies: the first unanswered one\n\(t3.transcript)")
        t3.eof()
        try store.update(id) { s in s.position = Session.Position(question: "scope.params") }
        try store.update(id) { s in s.position = Session.Position(question: "tr.1.1.q1") }
        try store.update(id) { s in s.set("scope.gpai", to: Answer(value: .text("yes"), by: "bob"), by: "bob") }
        try store.update(id) { s in s.set("tr.1.1.q1", to: nil, by: "bob") }
        let t4 = talk(.session(id))
        XCTAssertTrue(t4.transcript.contains("Transparency, measure 1.1, question 1 of 3."), t4.transcript)
        t4.eof()
    }

    func testInvalidInputUsesTheCommandLineMessages() throws {
        let id = try newSession()
        let t = talk(.session(id))
        let gpai = try XCTUnwrap(mini.question("scope.gpai"))
        func cliMessage(_ text: String, _ q: Question) -> String {
            do { _ = try AnswerInput.parseValue(text, for: q); return "" } catch { return error.message }
        }
        var out = t.send("7")
        XCTAssertEqual(out, "Not saved: \(cliMessage("7", gpai)).\nType a number from 1 to 2. Type ? for help.\nAnswer 1 to 2: ")
        XCTAssertTrue(out.contains("unknown value '7' for question 'scope.gpai'; allowed: yes, no"), out)
        t.send("1")
        out = t.send("-5")
        XCTAssertTrue(out.contains("Not saved: value -5 for question 'scope.params' is below the minimum 0."), out)
        XCTAssertTrue(out.contains("Type a number of at least 0 (parameters), or s to skip."), out)
        out = t.send("lots")
        XCTAssertTrue(out.contains("Not saved: unknown value 'lots' for question 'scope.params'; allowed: a number of at least 0 (parameters)."), out)
        t.send("s", "s", "1", "1", "s")
        out = t.send("2025-02-30")
        XCTAssertTrue(out.contains("Not saved: '2025-02-30' is not a date; write it as 2026-02-01 (year-month-day)."), out)
        t.send("2025-02-28")
        XCTAssertEqual(try saved(id).answers["tr.1.1.q3"]?.value, .text("2025-02-28"))
        t.send("s")
        out = t.send("1,3")
        XCTAssertTrue(out.contains("Not saved: option 'none' of question 'tr.1.2.q2' cannot be combined with others."), out)
        out = t.send("1,9")
        XCTAssertTrue(out.contains("Not saved: unknown value '9' for question 'tr.1.2.q2'; allowed: web, email, none."), out)
        t.send("g ss.1.1.q2")
        out = t.send("150")
        XCTAssertTrue(out.contains("Not saved: value 150 for question 'ss.1.1.q2' is above the maximum 120."), out)
        XCTAssertNil(try saved(id).answers["ss.1.1.q2"], "nothing invalid is stored")
        assertNoEscape(t)
    }

    func testTextAnswersAndTheEqualsEscape() throws {
        let id = try newSession()
        let t = talk(.session(id))
        t.send("1", "s", "s", "2", "g tr.1.2.q3")
        var out = t.send("s")
        XCTAssertTrue(out.contains("End of the questionnaire."), "s is a command:\n\(out)")
        t.send("b")
        out = t.send("=s")
        XCTAssertEqual(try saved(id).answers["tr.1.2.q3"]?.value, .text("s"))
        t.send("b")
        t.send("The note desk answers within 5 days")
        XCTAssertEqual(try saved(id).answers["tr.1.2.q3"]?.value, .text("The note desk answers within 5 days"), "words that start like a command are text")
        assertNoEscape(t)
    }

    func testHelpGuidanceAndScore() throws {
        let id = try newSession()
        let t = talk(.session(id))
        var out = t.send("?")
        for c in ["s: skip", "b: go back", "na: mark not applicable", "note: add or change a note", "e: add evidence", "i: show guidance",
                  "p or score: show the score", "g and a measure number, like g 1.2", "q: quit. Everything is saved as you go."] {
            XCTAssertTrue(out.contains(c), "help lacks \(c):\n\(out)")
        }
        out = t.send("i")
        XCTAssertTrue(out.hasPrefix("There is no guidance for this question."), out)
        t.send("1", "s", "s", "2")
        out = t.send("i")
        XCTAssertTrue(out.contains("Guidance for measure 1.1: Documentation must exist and be current."), out)
        XCTAssertTrue(out.contains("If this falls short: Complete every section of the form."), out)
        t.send("2")  // partly
        out = t.send("score")
        XCTAssertTrue(out.contains("Overall: in progress, score 50 percent, 3 of 10 answered."), out)
        XCTAssertTrue(out.contains("The score is provisional until every applicable question is answered."), out)
        XCTAssertTrue(out.contains("Safety and Security: not applicable. Only for models with systemic risk."), out)
        XCTAssertTrue(out.contains("Transparency 1.1 Keep documentation: in progress, score 50 percent, 1 of 3 answered."), out)
        out = t.send("r")
        XCTAssertTrue(out.contains("Chapter: Transparency.\nCommitment 1: Documentation.\nMeasure 1.1: Keep documentation.\nTransparency, measure 1.1, question 2 of 3."), out)
        assertNoEscape(t)
    }

    // MARK: - Hostile text

    func testHostileTextIsShownInert() throws {
        let json = """
        {"formatVersion": 1, "id": "evil", "title": "Evil \\u001b[2J questionnaire", "version": "1",
         "nodes": [{"id": "c", "kind": "chapter", "title": "Chapter \\u001b]0;pwned\\u0007 one",
           "children": [{"id": "m", "kind": "measure", "number": "1.1", "title": "Measure \\u202e reversed",
             "guidance": "Read \\u001b[31mthis\\u001b[0m",
             "questions": [{"id": "m.q1", "type": "graded", "text": "Really\\u001b[1A? \\u009b2J",
               "options": [{"value": "yes", "label": "Yes\\u001b[5m", "score": 1}, {"value": "no", "label": "No", "score": 0}]},
               {"id": "m.q2", "type": "text", "text": "Anything else?", "required": false}]}]}]}
        """
        let evil = try Fixtures.questionnaire(json)
        let s = try store.create(title: "Title \u{1B}[31mred\u{1B}[0m \u{202E}", questionnaire: evil, by: "alice")
        let t = talk(.session(s.id), questionnaires: [evil])
        t.send("note", "note with \u{1B}]52;c;Zm9v\u{07} osc", "i", "1", "typed \u{1B}[2J text \u{9B}", "b", "b", "p")
        XCTAssertTrue(t.transcript.contains("Really\\u{1b}[1A? \\u{9b}2J"), t.transcript)
        XCTAssertTrue(t.transcript.contains("1. Yes\\u{1b}[5m."), t.transcript)
        XCTAssertTrue(t.transcript.contains("Measure 1.1: Measure \\u{202e} reversed."), t.transcript)
        XCTAssertTrue(t.transcript.contains("Note: note with \\u{1b}]52;c;Zm9v\\u{7} osc"), t.transcript)
        XCTAssertTrue(t.transcript.contains("Assessment: Title \\u{1b}[31mred\\u{1b}[0m \\u{202e}."), t.transcript)
        XCTAssertEqual(try saved(s.id).answers["m.q2"]?.value, .text("typed \u{1B}[2J text \u{9B}"), "stored as typed, like the CLI")
        assertNoEscape(t)

        // The session list shows hostile titles inert too.
        let home = talk(.home, questionnaires: [evil])
        XCTAssertTrue(home.transcript.contains("1. Title \\u{1b}[31mred\\u{1b}[0m \\u{202e}, Evil \\u{1b}[2J questionnaire, 2 of 2 answered"), home.transcript)
        assertNoEscape(home)
    }

    /// The titles the CLI and the full screen refuse (`HostileText.titles`) are refused here too, quoted inert.
    func testHostileTitlesAreRefused() throws {
        let t = talk(.home)
        t.send("n")
        for h in HostileText.titles {
            let out = t.send("1", h)
            XCTAssertTrue(out.contains("Invalid title '\(AnswerInput.shown(h))': use 1 to 200 printable characters."), out)
            t.send("")
        }
        assertNoEscape(t)
        XCTAssertEqual(store.ids(), [], "nothing created")
    }

    // MARK: - Home

    func testHomeCreatesAndOpensSessions() throws {
        let t = talk(.home)
        XCTAssertEqual(t.transcript, "No saved assessments yet.\nType n for a new assessment, or q to quit.\nChoose: ")
        var out = t.send("x")
        XCTAssertEqual(out, "Type n for a new assessment, or q to quit.\nChoose: ")
        out = t.send("n")
        XCTAssertEqual(out, "Questionnaires:\n1. Mini test questionnaire, version 1.0.0.\nType a number, or b to go back.\nQuestionnaire number: ")
        out = t.send("2")
        XCTAssertTrue(out.hasPrefix("Type a number from 1 to 1, or b to go back."), out)
        out = t.send("1", "")
        XCTAssertTrue(out.contains("Questionnaires:"), "an empty title goes back")
        out = t.send("1", "Bad \u{1B} title")
        XCTAssertTrue(out.contains("Invalid title 'Bad \\u{1b} title': use 1 to 200 printable characters."), out)
        out = t.send("Acme model, Q3 2026")
        XCTAssertTrue(out.contains("Created assessment acme-model-q3-2026-"), out)
        XCTAssertTrue(out.contains("Assessment: Acme model, Q3 2026."), out)
        XCTAssertTrue(out.contains("Is the model a general-purpose AI model?"), out)
        t.send("1", "q")
        XCTAssertEqual(t.core.exitCode, 0)
        assertNoEscape(t)

        let other = try newSession("Beta")
        let t2 = talk(.home)
        XCTAssertTrue(t2.transcript.contains("Saved assessments, newest first:\n1. Beta, Mini test questionnaire, 0 of 4 answered, updated "), t2.transcript)
        XCTAssertTrue(t2.transcript.contains("2. Acme model, Q3 2026, Mini test questionnaire, 1 of 10 answered, updated "), t2.transcript)
        XCTAssertTrue(t2.transcript.contains("Type a number to open an assessment, n for a new one, or q to quit."), t2.transcript)
        out = t2.send("1")
        XCTAssertTrue(out.contains("Assessment: Beta."), out)
        t2.send("2")
        XCTAssertEqual(try saved(other).answers["scope.gpai"]?.value, .text("no"))
        t2.eof()
        XCTAssertEqual(t2.core.exitCode, 0)
    }

    func testUnreadableAndMissingSessions() throws {
        try FileManager.default.createDirectory(atPath: store.sessionsDirectory, withIntermediateDirectories: true)
        try Data("{ not json".utf8).write(to: URL(fileURLWithPath: store.sessionsDirectory + "/broken.json"))
        let t = talk(.home)
        XCTAssertTrue(t.transcript.contains("Unreadable session files, left untouched:\nbroken: "), t.transcript)
        let t2 = talk(.session("nope"))
        XCTAssertTrue(t2.core.finished)
        XCTAssertEqual(t2.core.exitCode, 1)
        XCTAssertEqual(t2.errors, ["gpai-assess: no session 'nope'; see 'gpai-assess list'"])
        // A session whose questionnaire is not installed.
        let id = try newSession()
        let t3 = talk(.session(id), questionnaires: [])
        XCTAssertEqual(t3.core.exitCode, 1)
        XCTAssertEqual(t3.errors, ["gpai-assess: questionnaire 'mini' of session '\(id)' is not installed"])
    }

    // MARK: - Locks and other writers

    func testTakesTheLockWhileOpenAndReleasesIt() throws {
        let id = try newSession()
        let t = talk(.session(id))
        let path = try XCTUnwrap(t.core.lockPath)
        XCTAssertTrue(FileManager.default.fileExists(atPath: path))
        XCTAssertEqual(SessionLock.holder(of: id, in: store)?.user, "alice")
        t.send("q")
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
        let t2 = talk(.session(id))
        XCTAssertNotNil(SessionLock.holder(of: id, in: store))
        t2.eof()
        XCTAssertNil(SessionLock.holder(of: id, in: store), "released at end of input")
    }

    func testLockedSessionOffersReadOnly() throws {
        let id = try newSession()
        try writeLock(id, user: "bob", pid: 1)  // pid 1 always exists: not stale
        let t = talk(.session(id))
        XCTAssertTrue(t.transcript.contains("Assessment Acme Q3 is open elsewhere, held by bob on \(SessionLock.hostName) (pid 1) since 2026-01-01T09:00:00.000Z."), t.transcript)
        XCTAssertTrue(t.transcript.hasSuffix("Type r to open it read-only, t to take it over (that terminal can then no longer save), or q to quit.\nChoose: "), t.transcript)
        var out = t.send("t")
        XCTAssertTrue(out.hasSuffix("that terminal can no longer save; whatever it has not saved stays there.\nTake it over? (yes/no): "), out)
        out = t.send("n")
        XCTAssertTrue(out.hasPrefix("Not taken over.\nType r to open it read-only, t to take it over"), "no take-over of a live lock without a yes:\n\(out)")
        XCTAssertEqual(SessionLock.holder(of: id, in: store)?.user, "bob")
        out = t.send("r")
        XCTAssertTrue(out.contains("Opened read-only"), out)
        XCTAssertTrue(out.hasSuffix("Command (read-only): "), out)
        out = t.send("1")
        XCTAssertTrue(out.hasPrefix("Read-only: this assessment is open elsewhere, so answers cannot be changed here."), out)
        t.send("na", "note", "s", "b")
        XCTAssertTrue(try saved(id).answers.isEmpty)
        XCTAssertNil(try saved(id).position, "read-only never writes")
        // Answers saved elsewhere show up.
        try store.update(id) { s in s.set("scope.gpai", to: Answer(value: .text("yes"), by: "bob"), by: "bob") }
        out = t.send("r")
        XCTAssertTrue(out.contains("Current answer: 1. Yes."), out)
        t.send("q")
        XCTAssertEqual(SessionLock.holder(of: id, in: store)?.user, "bob", "someone else's lock is left alone")

        // Quitting, or input ending, at the question exits with the holder's message.
        let t2 = talk(.session(id))
        t2.eof()
        XCTAssertEqual(t2.core.exitCode, 1)
        XCTAssertEqual(t2.errors.count, 1)
        XCTAssertTrue(t2.errors[0].hasPrefix("gpai-assess: session '\(id)' is open elsewhere (held by bob on "), t2.errors[0])
    }

    func testStaleLockCanBeTakenOver() throws {
        let id = try newSession()
        try writeLock(id, user: "bob", pid: Int32.max - 1)
        let t = talk(.session(id))
        XCTAssertTrue(t.transcript.contains("t to take it over, since that process has ended"), t.transcript)
        let out = t.send("t")
        XCTAssertTrue(out.contains("Is the model a general-purpose AI model?"), out)
        XCTAssertEqual(SessionLock.holder(of: id, in: store)?.pid, getpid())
        t.send("1")
        XCTAssertEqual(try saved(id).answers["scope.gpai"]?.value, .text("yes"))
        t.eof()
    }

    /// A frozen SSH session keeps its process alive: plain mode takes its lock over after a "yes",
    /// as the full screen does (`OpenDecision` with a confirmation).
    func testALiveLockIsTakenOverAfterAYes() throws {
        let id = try newSession()
        try writeLock(id, user: "bob", pid: 1)  // pid 1 always exists: not stale
        let t = talk(.session(id))
        var out = t.send("t")
        XCTAssertTrue(out.contains("held by bob on \(SessionLock.hostName) (pid 1)"), out)
        XCTAssertTrue(out.hasSuffix("Take it over? (yes/no): "), out)
        out = t.send("yes")
        XCTAssertTrue(out.contains("Is the model a general-purpose AI model?"), out)
        XCTAssertEqual(SessionLock.holder(of: id, in: store)?.pid, getpid())
        t.send("1")
        XCTAssertEqual(try saved(id).answers["scope.gpai"]?.value, .text("yes"))
        t.eof()
    }

    func testConcurrentCommandLineWritesAreKept() throws {
        let id = try newSession()
        let t = talk(.session(id))
        // Someone answers elsewhere while plain mode has the session open.
        try store.update(id) { s in s.set("scope.systemic", to: Answer(value: .text("yes"), by: "bob"), by: "bob") }
        t.send("1")
        try store.update(id) { s in s.set("tr.1.1.q1", to: Answer(value: .text("no"), by: "bob"), by: "bob") }
        t.send("5e9")
        let s = try saved(id)
        XCTAssertEqual(s.answers["scope.systemic"]?.value, .text("yes"))
        XCTAssertEqual(s.answers["tr.1.1.q1"]?.value, .text("no"))
        XCTAssertEqual(s.answers["scope.gpai"]?.value, .text("yes"))
        XCTAssertEqual(s.answers["scope.params"]?.value, .number(5e9))
        XCTAssertEqual(s.history.count, 4)
        var out = t.send("p")
        XCTAssertTrue(out.contains("4 of 12 answered"), out)
        // A scoping answer given elsewhere hides the question on screen: the next input is not applied to it.
        t.send("g ss.1.1.q1")
        try store.update(id) { s in s.set("scope.systemic", to: Answer(value: .text("no"), by: "bob"), by: "bob") }
        out = t.send("1")
        XCTAssertTrue(out.hasPrefix("Not saved: the question no longer applies after a change made elsewhere.\nThis question does not apply. Only for models with systemic risk.\nEnd of the questionnaire."), out)
        XCTAssertNil(try saved(id).answers["ss.1.1.q1"])
    }
    // MARK: - The real questionnaire

    /// A whole assessment of the final Code, from the first scoping question to the last measure,
    /// answered only through plain mode's prompts (as a screen-reader user would).
    func testACompleteAssessmentOfTheFinalCode() throws {
        let q = try QuestionnaireLoader.load(path: Fixtures.questionnairesFolder + "/gpai-cop-2025.json")
        let id = try store.create(title: "Full walk", questionnaire: q, by: "alice").id
        let core = PlainSession(store: store, questionnaires: [q], user: "alice", start: .session(id))
        var o = core.begin()
        var printed = o.text
        var steps = 0, attempt = 0
        var lastPrompt = ""
        while let p = o.prompt, p != "Command: ", steps < 2000 {
            if p != lastPrompt || !o.text.contains("Not saved") { attempt = 0 } else { attempt += 1 }
            lastPrompt = p
            let candidates: [String]
            if p.hasPrefix("Answer ") { candidates = ["1"] }
            else if p.hasPrefix("Answers") { candidates = ["1"] }
            else if p == "Number: " { candidates = ["1e26", "1", "0"] }
            else if p == "Date: " { candidates = ["2025-08-01"] }
            else if p == "Text: " { candidates = ["The documentation team"] }
            else { XCTFail("unexpected prompt '\(p)'"); break }
            XCTAssertLessThan(attempt, candidates.count, "stuck at a question:\n\(o.text)")
            if attempt >= candidates.count { break }
            o = core.receive(candidates[attempt])
            printed += o.text
            steps += 1
        }
        XCTAssertTrue(printed.contains("Every applicable question is answered."), String(printed.suffix(2000)))
        XCTAssertTrue(printed.contains("Chapter Safety and Security now applies."), "1e26 FLOP brings systemic risk")
        XCTAssertTrue(printed.contains("Copyright, measure 1.3, question 2 of 4."), "progress in words:\n" + printed.components(separatedBy: "\n").filter { $0.hasPrefix("Copyright, measure 1.3") }.joined(separator: "\n"))
        XCTAssertFalse(printed.utf8.contains(0x1B))
        let s = try saved(id)
        let ev = Evaluation(questionnaire: q, session: s)
        XCTAssertEqual(ev.overall.coverage, 1)
        XCTAssertEqual(ev.overall.answeredQuestions, ev.overall.applicableQuestions)
        XCTAssertGreaterThan(ev.overall.applicableQuestions, 150)
        XCTAssertTrue(printed.contains("End of the questionnaire. \(ev.overall.answeredQuestions) of \(ev.overall.applicableQuestions) answered."))
        // Quitting afterwards, and the score, in words.
        let score = core.receive("p").text
        XCTAssertTrue(score.contains("Overall: "), score)
        XCTAssertEqual(core.receive("q").text, "Everything is saved. Goodbye.\n")
        XCTAssertNil(SessionLock.holder(of: id, in: store))
    }
}
