import AssessmentCore
import Foundation
import TUI
import XCTest

/// Review (four eyes), why this score and what's left, inside the full screen (issue 12 §3).
final class ReviewExplainLeftTests: XCTestCase {
    /// The sample, scoped into Transparency, with 1.1.a answered "partly" by `by`.
    func state(answeredBy by: String) throws -> AppState {
        let q = try TUIFixtures.sample()
        var s = TUIFixtures.session(q)
        for (id, v) in [("scope.gpai", "yes"), ("scope.systemic", "no"), ("tr.q1", "partly")] {
            s.answers[id] = Answer(value: .text(v), by: by, at: TUIFixtures.now)
        }
        s.position = Session.Position(question: "tr.q1")
        return try TUIFixtures.assessment(size: Size(width: 120, height: 40), session: s)
    }

    func testReviewTakesTwoPressesAndIsStoredAndShown() throws {
        var s = try state(answeredBy: "alice")
        XCTAssertEqual(s.type("r"), [])
        XCTAssertTrue(s.message?.text.contains("r again") == true)
        XCTAssertNil(s.a.session.reviews["tr.m1"])
        let fx = s.type("r")
        XCTAssertEqual(s.a.session.reviews["tr.m1"]?.by, "tester")
        XCTAssertEqual(fx, [.persist(sessionID: "acme-model-abcd", [.review(measure: "tr.m1", Review(by: "tester", at: TUIFixtures.now))])])
        XCTAssertTrue(view(s).plainText().contains("reviewed by tester, 15 Jan 2026 09:30 UTC"), view(s).plainText())
    }

    func testAnotherKeyCancelsThePendingReview() throws {
        var s = try state(answeredBy: "alice")
        s.type("r")
        s.type("i")
        s.type("r")
        XCTAssertNil(s.a.session.reviews["tr.m1"], "r, another key, r: still one press away")
    }

    func testWhoAnsweredCannotReview() throws {
        var s = try state(answeredBy: "tester")
        XCTAssertEqual(s.type("r"), [.bell])
        XCTAssertEqual(s.message?.text, "'tester' answered questions of Transparency 1.1 and cannot also review it; a second person must")
        s.type("r")
        XCTAssertNil(s.a.session.reviews["tr.m1"])
    }

    func testWhyThisScoreShowsTheAnswerThatBlocksMet() throws {
        var s = try state(answeredBy: "alice")
        s.type("w")
        guard case let .info(p)? = s.overlay else { return XCTFail("no panel") }
        XCTAssertTrue(p.title.hasSuffix("T1.1"), p.title)
        let warned = p.lines.filter(\.warn).map(\.text)
        XCTAssertTrue(warned.contains { $0.hasPrefix("Q1 (critical): partly") }, "\(warned)")
        XCTAssertTrue(warned.contains { $0.hasPrefix("Not met yet: held back by Q1") }, "\(warned)")
        XCTAssertTrue(view(s).plainText().contains("Why this score"))
        s.type("x")
        XCTAssertNil(s.overlay)
    }

    func testWhatsLeftListsUnansweredAndEnterJumps() throws {
        var s = try state(answeredBy: "alice")
        s.type("L")
        guard case let .left(l)? = s.overlay else { return XCTFail("no list") }
        XCTAssertEqual(l.items.map(\.questionID), ["tr.q2", "tr.q3", "tr.q4", "tr.q5", "tr.q6"].filter { s.a.isApplicable($0) })
        XCTAssertEqual(l.items.first?.detail, "T1.1")
        XCTAssertTrue(view(s).plainText().contains("What's left:"))
        s.press(.down)
        s.press(.enter)
        XCTAssertNil(s.overlay)
        XCTAssertEqual(s.a.question, l.items[1].questionID)
    }
}

/// Organisation and model: asked when an assessment is created, edited with O (issue 12 §3).
final class DetailsDialogTests: XCTestCase {
    func testNewAssessmentAsksForOrganisationAndModelOnceOpen() throws {
        let q = try TUIFixtures.sample()
        var s = AppState(size: Size(width: 80, height: 24), config: TUIFixtures.config, screen: .home(HomeState()),
                         questionnaires: [q], hasHome: true, now: TUIFixtures.now)
        s.type("n")
        _ = update(&s, .paste("Acme 7"))
        XCTAssertEqual(s.press(.enter), [.create(title: "Acme 7", questionnaireID: q.id)])
        _ = update(&s, .opened(TUIFixtures.session(q), q, readOnly: false))
        guard case .details(let d)? = s.overlay else { return XCTFail("not asked: \(String(describing: s.overlay))") }
        XCTAssertTrue(d.creating)
        XCTAssertTrue(view(s).plainText().contains("New assessment: who and what is assessed"))
        _ = update(&s, .paste("Acme AI SE"))
        s.press(.tab)
        _ = update(&s, .paste("Acme-7 v2.1"))
        let fx = s.press(.enter)
        XCTAssertEqual(fx, [.persist(sessionID: "acme-model-abcd", [.details(organisation: "Acme AI SE", model: "Acme-7 v2.1")])])
        XCTAssertEqual(s.a.session.organisation, "Acme AI SE")
        XCTAssertEqual(s.a.session.model, "Acme-7 v2.1")
        XCTAssertNil(s.overlay)
    }

    func testOEditsAndEscapeCancels() throws {
        var s = try TUIFixtures.assessment()
        s.type("O")
        _ = update(&s, .paste("Org"))
        XCTAssertEqual(s.press(.escape), [])
        XCTAssertNil(s.a.session.organisation)
        s.type("O")
        _ = update(&s, .paste("Org"))
        s.press(.enter)   // to the model field
        s.press(.enter)   // saves; an empty model stays unset
        XCTAssertEqual(s.a.session.organisation, "Org")
        XCTAssertNil(s.a.session.model)
    }
}

final class CompletionMessageTests: XCTestCase {
    func testFinishingAMeasureSaysSoWithItsStatus() throws {
        var s = try TUIFixtures.assessment()
        s.type("1n2n")        // scope answered; Transparency 1.1 begins
        s.type("1n1")         // two of three
        XCTAssertFalse(s.message?.text.contains("complete") == true)
        s.type("n")
        s.press(.enter)
        s.type("2026-01-10")
        s.press(.enter)
        XCTAssertEqual(s.message?.text.hasPrefix("Transparency 1.1 complete: met, score 100%"), true, s.message?.text ?? "")
    }
}
