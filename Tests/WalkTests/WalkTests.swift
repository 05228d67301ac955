import AssessmentCore
import AssessmentStore
import Foundation
import TestSupport
import Walk
import XCTest

/// The walk's rules, on values only: no store, no terminal.
final class WalkTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_750_000_000)

    func walk(_ q: Questionnaire? = nil, readOnly: Bool = false, answers: [String: AnswerValue] = [:]) throws -> WalkState {
        let q = try q ?? Fixtures.mini()
        var s = Session(id: "s1", title: "T", questionnaire: q, by: "alice", at: t0)
        for (id, v) in answers { s.set(id, to: Answer(value: v, by: "alice", at: t0), by: "alice", at: t0) }
        return WalkState(session: s, questionnaire: q, readOnly: readOnly, user: "bob", now: t0.addingTimeInterval(60))
    }

    func testNextSkipsQuestionsThatDoNotApplyAndEndsAfterTheLast() throws {
        var w = try walk()
        XCTAssertEqual(w.question, "scope.gpai")
        _ = reduce(&w, .move(to: "scope.systemic"))
        XCTAssertEqual(reduce(&w, .next), [.moved(to: nil)], "neither chapter applies yet: the end")
        XCTAssertTrue(w.atEnd)
        XCTAssertEqual(reduce(&w, .next), [.atEnd])
        var v = try walk(answers: ["scope.gpai": .text("yes")])
        _ = reduce(&v, .move(to: "scope.systemic"))
        let fx = reduce(&v, .next)
        XCTAssertEqual(v.question, "tr.1.1.q1", "Transparency applies, Safety and Security does not")
        XCTAssertEqual(fx.last, .moved(to: "tr.1.1.q1"))
        XCTAssertEqual(reduce(&v, .previous).last, .moved(to: "scope.systemic"))
        _ = reduce(&v, .move(to: "scope.gpai"))
        XCTAssertEqual(reduce(&v, .previous), [.atStart])
    }

    func testAnAnswerThatMakesAChapterApplyAnnouncesItSavesAndMovesOn() throws {
        var w = try walk()
        let fx = reduce(&w, .answer(.text("yes")))
        guard case let .persist(changes)? = fx.first else { return XCTFail("\(fx)") }
        XCTAssertEqual(changes.count, 2, "the answer and the position, in one write")
        guard case let .answer(q, a?, shown)? = changes.first else { return XCTFail("\(changes)") }
        XCTAssertEqual(q, "scope.gpai")
        XCTAssertEqual(a.value, .text("yes"))
        XCTAssertEqual(a.by, "bob")
        XCTAssertNil(shown)
        guard case let .announce(c)? = fx.dropFirst().first else { return XCTFail("\(fx)") }
        XCTAssertEqual(c.parts, [ApplicabilityChange.Part(node: "tr", nowApplies: true, reason: "Only for general-purpose AI models")])
        XCTAssertEqual(c.shown, 6)
        XCTAssertEqual(c.otherShown, 0, "all six are in the chapter named")
        XCTAssertEqual(fx.last, .moved(to: "scope.params"))
        XCTAssertEqual(w.session.answers["scope.gpai"]?.value, .text("yes"))
        XCTAssertTrue(w.isApplicable("tr.1.1.q1"), "rescored at once")
        // Taking it back: the chapter no longer applies, with the reason.
        _ = reduce(&w, .move(to: "scope.gpai"))
        let back = reduce(&w, .answer(.text("no")))
        guard case let .announce(c2)? = back.dropFirst().first else { return XCTFail("\(back)") }
        XCTAssertEqual(c2.parts.map(\.nowApplies), [false])
        XCTAssertEqual(c2.hidden, 6)
    }

    func testTheSameAnswerAgainWritesNoAnswerButStillMovesOn() throws {
        var w = try walk(answers: ["scope.gpai": .text("yes")])
        _ = reduce(&w, .move(to: "scope.gpai"))
        let fx = reduce(&w, .answer(.text("yes")))
        XCTAssertEqual(fx, [.persist([.position(Session.Position(question: "scope.params", node: "scope"))]), .moved(to: "scope.params")])
    }

    func testReadOnlyRefusesEveryEditButMoves() throws {
        var w = try walk(readOnly: true)
        let before = w.session
        for a: WalkAction in [.answer(.text("yes")), .note("n"), .addEvidence("doc"), .removeEvidence, .replace(nil)] {
            XCTAssertEqual(reduce(&w, a), [.readOnly], "\(a)")
        }
        XCTAssertEqual(w.session, before)
        XCTAssertEqual(reduce(&w, .next), [.moved(to: "scope.params")], "moves, and writes no position")
    }

    func testNotApplicableNeedsAReasonAndAQuestionThatAllowsIt() throws {
        var w = try walk(answers: ["scope.gpai": .text("yes")])
        _ = reduce(&w, .move(to: "tr.1.1.q1"))
        XCTAssertEqual(reduce(&w, .notApplicable(reason: "x")), [.notApplicableNotAllowed])
        _ = reduce(&w, .move(to: "tr.1.1.q2"))
        XCTAssertEqual(reduce(&w, .notApplicable(reason: "  ")), [.reasonRequired])
        let fx = reduce(&w, .notApplicable(reason: "no such thing"))
        XCTAssertEqual(fx.last, .moved(to: "tr.1.1.q3"))
        XCTAssertEqual(w.session.answers["tr.1.1.q2"]?.justification, "no such thing")
        XCTAssertTrue(w.session.answers["tr.1.1.q2"]?.notApplicable ?? false)
    }

    func testAnAnswerWithoutAdvanceStaysOnTheQuestion() throws {
        var w = try walk(answers: ["scope.gpai": .text("yes")])
        _ = reduce(&w, .move(to: "tr.1.1.q2"))
        let fx = reduce(&w, .answer(.text("yes"), advance: false))
        XCTAssertEqual(w.question, "tr.1.1.q2")
        XCTAssertFalse(fx.contains { if case .moved = $0 { true } else { false } }, "\(fx)")
        guard case let .persist(changes)? = fx.first else { return XCTFail("\(fx)") }
        XCTAssertEqual(changes.count, 1, "the answer only, no position")
        XCTAssertEqual(reduce(&w, .notApplicable(reason: " ", advance: false)), [.reasonRequired])
        _ = reduce(&w, .notApplicable(reason: " none here ", advance: false))
        XCTAssertEqual(w.question, "tr.1.1.q2")
        XCTAssertEqual(w.session.answers["tr.1.1.q2"]?.justification, "none here")
        XCTAssertNil(w.session.answers["tr.1.1.q2"]?.value)
    }

    func testEvidenceIsCheckedByTheWalk() throws {
        var w = try walk()
        let long = String(repeating: "x", count: AnswerInput.maxEvidenceLength + 1)
        XCTAssertEqual(reduce(&w, .addEvidence(long)), [.invalidEvidence(long)])
        XCTAssertEqual(reduce(&w, .addEvidence("  ")), [.invalidEvidence("  ")])
        XCTAssertEqual(reduce(&w, .setEvidence(["doc-1", long])), [.invalidEvidence(long)])
        XCTAssertNil(w.session.answers["scope.gpai"], "nothing stored")
        XCTAssertEqual(reduce(&w, .setEvidence(["doc-1", "doc-2"])).count, 1)
        XCTAssertEqual(w.session.answers["scope.gpai"]?.evidence, ["doc-1", "doc-2"])
        _ = reduce(&w, .setEvidence(["doc-3"]))
        XCTAssertEqual(w.session.answers["scope.gpai"]?.evidence, ["doc-3"], "the list replaced as a whole")
        XCTAssertEqual(w.session.answers["scope.gpai"]?.by, "bob")
        _ = reduce(&w, .setEvidence([]))
        XCTAssertNil(w.session.answers["scope.gpai"], "nothing left: the answer is removed")
        var r = try walk(readOnly: true)
        XCTAssertEqual(reduce(&r, .setEvidence([long])), [.readOnly], "read-only says so first")
    }

    func testClearKeepsTheNoteAndAnEmptyAnswerIsRemoved() throws {
        var w = try walk(answers: ["scope.gpai": .text("yes")])
        _ = reduce(&w, .move(to: "scope.gpai"))
        XCTAssertEqual(reduce(&w, .note("why")).count, 1)
        XCTAssertEqual(w.session.answers["scope.gpai"]?.note, "why")
        _ = reduce(&w, .clear)
        XCTAssertNil(w.session.answers["scope.gpai"]?.value)
        XCTAssertEqual(w.session.answers["scope.gpai"]?.note, "why")
        XCTAssertEqual(reduce(&w, .clear), [.nothingToRemove])
        _ = reduce(&w, .note(nil))
        XCTAssertNil(w.session.answers["scope.gpai"], "nothing left: the answer is removed")
    }

    func testNextUnansweredWrapsRoundAndSaysWhenAllAreAnswered() throws {
        var w = try walk(answers: ["scope.gpai": .text("no"), "scope.systemic": .text("no")])
        _ = reduce(&w, .move(to: "scope.tokens"))
        XCTAssertEqual(reduce(&w, .nextUnanswered).last, .moved(to: "scope.params"), "wraps to the first open one")
        var all = try walk(answers: ["scope.gpai": .text("no"), "scope.systemic": .text("no"), "scope.params": .number(1), "scope.tokens": .number(1)])
        XCTAssertEqual(reduce(&all, .nextUnanswered), [.allAnswered])
    }

    func testGoToAmbiguousNumberNamesTheChaptersAndTheChapterNameDecides() throws {
        var w = try walk(answers: ["scope.gpai": .text("yes"), "scope.systemic": .text("yes")])
        XCTAssertEqual(reduce(&w, .goTo("1.1")), [.ambiguous("1.1", chapters: ["tr", "ss"])])
        XCTAssertEqual(reduce(&w, .goTo("safety 1.1")).last, .moved(to: "ss.1.1.q1"))
        XCTAssertEqual(reduce(&w, .goTo("1.1")).last, .moved(to: "ss.1.1.q1"), "in the current chapter")
        XCTAssertEqual(reduce(&w, .goTo("9.9")), [.notFound("9.9")])
        XCTAssertEqual(reduce(&w, .goTo("  ")), [.emptyTarget])
    }

    func testGoToAPartThatDoesNotApplySaysWhy() throws {
        var w = try walk()
        let fx = reduce(&w, .goTo("ss"))
        guard case let .doesNotApply(id, reason, _)? = fx.first else { return XCTFail("\(fx)") }
        XCTAssertEqual(id, "ss")
        XCTAssertNotNil(reason)
        XCTAssertEqual(w.question, "scope.gpai", "stays")
    }

    func testGoToC13AndCopyright13ReachTheSameMeasure() throws {
        let q = try QuestionnaireLoader.load(path: Fixtures.questionnairesFolder + "/gpai-cop-2025.json")
        var a = try walk(q), b = try walk(q), c = try walk(q)
        let fa = reduce(&a, .goTo("C1.3")), fb = reduce(&b, .goTo("copyright 1.3")), fc = reduce(&c, .goTo("Copyright 1.3"))
        XCTAssertEqual(fa, fb)
        XCTAssertEqual(fb, fc)
        XCTAssertEqual(GoTo.resolve("C1.3", in: a), GoTo.resolve("copyright 1.3", in: a))
        guard case let .node(id) = GoTo.resolve("C1.3", in: a) else { return XCTFail() }
        XCTAssertEqual(q.qualifiedNumber(of: id), "Copyright 1.3")
    }

    func testAChangeMadeElsewhereIsTakenUpAndRescoredButThePositionStays() throws {
        var w = try walk()
        _ = reduce(&w, .move(to: "scope.systemic"))
        var s = w.session
        s.set("scope.gpai", to: Answer(value: .text("yes"), by: "carol", at: t0), by: "carol", at: t0)
        s.position = Session.Position(question: "scope.gpai")
        XCTAssertEqual(reduce(&w, .stored(s)), [])
        XCTAssertTrue(w.isApplicable("tr.1.1.q1"))
        XCTAssertEqual(w.session.position?.question, "scope.systemic")
    }

    func testTheOpenDecision() {
        XCTAssertEqual(OpenDecision.decide(.acquired, canGoBack: true, canConfirm: true), .edit)
        XCTAssertEqual(OpenDecision.decide(.unavailable, canGoBack: true, canConfirm: true), .edit, "saves are locked one by one anyway")
        XCTAssertEqual(OpenDecision.decide(.readOnlyAsked, canGoBack: false, canConfirm: false), .readOnly)
        XCTAssertEqual(OpenDecision.decide(.heldElsewhere(stale: true), canGoBack: true, canConfirm: false), .ask([.readOnly, .takeOver(confirm: false), .back]))
        XCTAssertEqual(OpenDecision.decide(.heldElsewhere(stale: false), canGoBack: false, canConfirm: true), .ask([.readOnly, .takeOver(confirm: true), .quit]))
        XCTAssertEqual(OpenDecision.decide(.heldElsewhere(stale: false), canGoBack: false, canConfirm: false), .ask([.readOnly, .quit]),
                       "a live lock is never taken over without a confirmation")
    }
}
