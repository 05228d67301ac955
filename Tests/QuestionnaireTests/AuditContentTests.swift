import AssessmentCore
import Foundation
import TestSupport
import XCTest

/// The content fixes of issue 11 in the bundled final Code: pass marks where the Code says all,
/// always, must or a number of days; examples that are not scored; the corrected items; the
/// routes for SMEs, models already on the market and contradicting scope answers.
final class AuditContentTests: XCTestCase {
    var q: Questionnaire!

    override func setUpWithError() throws { q = try Shipped.final() }

    func testOneUndocumentedFormItemKeepsMeasure1_1FromMet() throws {
        // The example: every item documented but one; the measure scores above 0.85 yet is not met.
        var values = Route.gpai
        let measure = try XCTUnwrap(q.node("tr.c1.m1_1"))
        let items = measure.questionsBelow
        for qu in items { values[qu.id] = BestAnswer.value(for: qu) }
        values["tr.mdf.data.provenance"] = .text("no")
        let ev = evaluate(q, values)
        let r = try XCTUnwrap(ev.nodes["tr.c1.m1_1"])
        XCTAssertGreaterThan(try XCTUnwrap(r.score), 0.85)
        XCTAssertEqual(r.status, .partiallyMet)
        XCTAssertEqual(r.blockedBy, ["tr.mdf.data.provenance"])
    }

    func testADocumentedFormItemWithoutContentIsAGap() throws {
        // "Documented" with an empty note: the form would print nothing, so it is content missing.
        var values = Route.gpai
        for qu in try XCTUnwrap(q.node("tr.c1.m1_1")).questionsBelow { values[qu.id] = BestAnswer.value(for: qu) }
        var given = answers(values)
        given["tr.mdf.data.provenance"]?.note = "  "
        let ev = Evaluation(questionnaire: q, answers: given)
        let r = try XCTUnwrap(ev.questions["tr.mdf.data.provenance"])
        XCTAssertEqual(r.score, 1, "the score still says documented")
        XCTAssertTrue(r.contentMissing)
        XCTAssertEqual(r.shortfall, Evaluation.contentMissing)
        XCTAssertEqual(ev.nodes["tr.c1.m1_1"]?.status, .partiallyMet, "content missing keeps the measure from met")
        XCTAssertEqual(ev.nodes["tr.c1.m1_1"]?.blockedBy, ["tr.mdf.data.provenance"])
        let gap = try XCTUnwrap(ev.gaps.first { $0.id == "tr.mdf.data.provenance" }, "listed as a gap")
        XCTAssertEqual(gap.priority, gap.weight, "counted as wholly missing")
        XCTAssertTrue(gap.remediation?.contains("note") == true)
        // With its content written, the same answer is no gap.
        given["tr.mdf.data.provenance"]?.note = "Sources listed in DOC-12 §3"
        let ok = Evaluation(questionnaire: q, answers: given)
        XCTAssertFalse(ok.questions["tr.mdf.data.provenance"]!.contentMissing)
        XCTAssertNil(ok.gaps.first { $0.id == "tr.mdf.data.provenance" })
        XCTAssertTrue(q.question("tr.mdf.data.provenance")!.noteIsContent)
    }

    func testTheFourSpecifiedRisksAreAllRequired() throws {
        let r = Route.systemicRisk.merging(["ss.c2.m2_1.q1": .choices(["cbrn", "loss_of_control", "cyber"])]) { _, n in n }
        let ev = evaluate(q, r)
        XCTAssertEqual(try XCTUnwrap(ev.questions["ss.c2.m2_1.q1"]?.score), 0.75, accuracy: 1e-9)
        XCTAssertEqual(ev.questions["ss.c2.m2_1.q1"]?.criticalFailure, true, "three of four is a failed critical question")
        XCTAssertEqual(ev.nodes["ss.c2.m2_1"]?.status, .notMet)
        for id in ["ss.c1.m1_1.q1", "ss.c1.m1_3.q3", "ss.c7.m7_3.q1", "ss.c8.m8_1.q1", "ss.c9.m9_3.q1"] {
            XCTAssertTrue(q.question(id)!.requireAll, "\(id): the Code requires every option")
        }
    }

    func testAMissedHardDeadlineFailsTheCriticalQuestion() {
        for (id, late) in [("ss.c1.m1_1.q3", "late"), ("ss.c1.m1_1.q4", "late"), ("ss.c1.m1_3.q2", "overdue")] {
            let ev = evaluate(q, Route.systemicRisk.merging([id: .text(late)]) { _, n in n })
            XCTAssertEqual(ev.questions[id]?.criticalFailure, true, "\(id) = \(late)")
            XCTAssertEqual(q.question(id)?.passAt, 1)
        }
    }

    func testEncouragementsAreNotScored() {
        for id in ["cr.c1.m1_3.q5", "ss.c3.m3_1.q3"] {
            XCTAssertFalse(q.question(id)!.isScored, "\(id) is an example or encouragement in the Code")
            XCTAssertEqual(q.question(id)!.options.map(\.value), ["yes", "partly", "no"], "\(id): old answers stay valid")
        }
    }

    func testCorrectedItems() throws {
        XCTAssertNil(q.question("tr.mdf.general.auth_rep"), "not an item of the final form; Art. 54 is asked in the scope")
        XCTAssertNotNil(q.question("scope.auth_rep"))
        XCTAssertFalse(q.question("tr.mdf.data.acquisition")!.guidance!.contains("acquisition date"))
        XCTAssertTrue(q.question("ss.c8.m8_1.q2")!.text.contains("core business activities"))
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: Shipped.finalPath)), as: UTF8.self)
        XCTAssertFalse(text.contains("revenue"), "8.1 is about the core business activities, not revenue")
        XCTAssertTrue(q.question("ss.c3.m3_2.app3.q4")!.text.contains("at least 20 business days"))
        for id in ["ss.c1.m1_1.q5", "ss.c1.m1_3.q5", "ss.c3.m3_5.q5", "ss.c4.m4_1.q4", "ss.c8.m8_2.q3", "ss.c3.m3_2.app3.q6"] {
            XCTAssertNotNil(q.question(id), "\(id) fills a gap of the issue")
        }
        XCTAssertTrue(q.question("ss.c1.m1_1.q1")!.options.contains { $0.value == "overview" })
        XCTAssertEqual(q.version, "1.3.0")
    }

    func testSplitQuestionsKeepTheOldIdForTheFirstFact() {
        XCTAssertTrue(q.question("ss.c6.m6_2.app4.q2")!.text.contains("registry"))
        XCTAssertEqual(q.allQuestions.filter { $0.id.hasPrefix("ss.c6.m6_2.app4.q2") }.count, 7, "six split controls and confidential computing (1.2.0)")
        XCTAssertFalse(q.question("ss.c3.m3_2.q1")!.text.contains("red-teaming"))
        XCTAssertTrue(q.question("ss.c3.m3_2.q4")!.text.contains("red-teaming"))
        XCTAssertFalse(q.question("ss.c1.m1_2.q3")!.text.contains("incident"))
        XCTAssertTrue(q.question("ss.c1.m1_2.q4")!.text.contains("incident"))
    }

    func testTheAssessmentContentIsAskedOnlyOnceAnAssessmentWasDone() {
        let never = evaluate(q, Route.systemicRisk.merging(["ss.c1.m1_3.q2": .text("no")]) { _, n in n })
        XCTAssertFalse(never.questions["ss.c1.m1_3.q3"]!.applicable, "nothing to describe after 'never done'")
        XCTAssertFalse(never.questions["ss.c1.m1_3.q4"]!.applicable)
        let done = evaluate(q, Route.systemicRisk.merging(["ss.c1.m1_3.q2": .text("yes")]) { _, n in n })
        XCTAssertTrue(done.questions["ss.c1.m1_3.q3"]!.applicable)
    }

    func testSMEsAndSMCsGetTheirSimplerRoutes() {
        let sme = evaluate(q, Route.smeSystemicRisk)
        let big = evaluate(q, Route.systemicRisk)
        for id in ["ss.c8.m8_1.q2", "ss.c7.m7_3.q2", "ss.c7.m7_3.q3"] {
            XCTAssertFalse(sme.questions[id]!.applicable, "\(id) is simplified for SMEs")
            XCTAssertTrue(big.questions[id]!.applicable, id)
        }
        XCTAssertTrue(sme.questions["ss.c3.m3_2.app3.q7"]!.applicable, "SMEs are asked about AI Office support")
        XCTAssertFalse(big.questions["ss.c3.m3_2.app3.q7"]!.applicable)
        // Unanswered, the SME question holds them back as waiting for scope, not as "not applicable".
        var open = Route.systemicRisk
        open["scope.sme"] = nil
        let pending = evaluate(q, open)
        XCTAssertEqual(pending.questions["ss.c8.m8_1.q2"]?.scopePending, true)
        XCTAssertEqual(pending.overall.status, .scopePending)
        XCTAssertEqual(pending.overall.waitingFor, ["scope.sme"])
    }

    func testAModelOnTheMarketBeforeAugust2025HasUntil2027() {
        let before = evaluate(q, Route.systemicRisk.merging(["scope.market_status": .text("before")]) { _, n in n })
        XCTAssertTrue(before.questions["scope.legacy_plan"]!.applicable)
        XCTAssertTrue(q.question("scope.legacy_plan")!.text.contains("2 August 2027"))
        XCTAssertFalse(before.questions["ss.c1.m1_1.q4"]!.applicable, "no Framework could be confirmed before a past placement")
        XCTAssertFalse(before.questions["ss.c7.m7_7.q1"]!.applicable)
        let after = evaluate(q, Route.systemicRisk)
        XCTAssertFalse(after.questions["scope.legacy_plan"]!.applicable)
        XCTAssertTrue(after.questions["ss.c1.m1_1.q4"]!.applicable)
    }

    func testADescriptionThatContradictsTheComputeIsQuestioned() {
        let contradiction = evaluate(q, Route.gpai(["scope.generality": .text("not_gpai"), "scope.compute": .number(3e25)]))
        XCTAssertTrue(contradiction.questions["scope.generality_check"]!.applicable)
        XCTAssertTrue(contradiction.questions["scope.generality_check"]!.isRequired, "the warning has to be answered")
        XCTAssertFalse(evaluate(q, Route.gpai).questions["scope.generality_check"]!.applicable)
        XCTAssertTrue(evaluate(q, Route.gpai(["scope.compute": .number(1e22)])).questions["scope.generality_check"]!.applicable,
                      "'criterion' below 10^23 FLOP")
    }

    func testAContradictionInTheScopeHoldsTheVerdict() {
        let scope = Route.gpai(["scope.generality": .text("not_gpai"), "scope.compute": .number(3e25)])
        let open = evaluate(q, scope)
        XCTAssertEqual(open.overall.status, .scopePending, "not 'not applicable' while the description contradicts 3e25 FLOP")
        XCTAssertEqual(open.overall.waitingFor, ["scope.generality_check"])
        XCTAssertTrue(open.overall.hiddenReason?.contains("does not fit the training compute") ?? false, open.overall.hiddenReason ?? "")
        let revise = evaluate(q, scope.merging(["scope.generality_check": .text("revise")]) { _, n in n })
        XCTAssertEqual(revise.overall.status, .scopePending, "one of the answers is wrong: still held")
        XCTAssertTrue(revise.overall.hiddenReason?.contains("= revise") ?? false)
        let rebutted = evaluate(q, scope.merging(["scope.generality_check": .text("description")]) { _, n in n })
        XCTAssertEqual(rebutted.overall.status, .notApplicable, "evidence rebuts the indicator: the description decides")
        XCTAssertEqual(evaluate(q, Route.notGPAI).overall.status, .notApplicable, "no contradiction, nothing held")
    }

    func testAppendix4AsksOneObjectivePerQuestionIn130() {
        let counts = ["q1": 4, "q2": 7, "q3": 4, "q4": 4, "q5": 7].mapValues { $0 }
        for (k, n) in counts {
            XCTAssertEqual(q.allQuestions.filter { $0.id == "ss.c6.m6_2.app4.\(k)" || $0.id.hasPrefix("ss.c6.m6_2.app4.\(k)_") }.count, n, k)
        }
        XCTAssertNotNil(q.question("ss.c6.m6_2.app4.q5_integrity"), "Appendix 4.5(4): personnel integrity testing was missing")
        XCTAssertTrue(q.node("ss.c6.m6_2.app4")!.requirements.contains { $0.contains("personnel integrity testing") })
    }

    func testContentCorrectedAgainstThePrimaryTextIn120() {
        XCTAssertTrue(q.question("ss.c6.m6_2.app4.q2_keys")!.text.contains("Trusted Platform Module"), "Appendix 4.2(3): keys on a TPM")
        XCTAssertNotNil(q.question("ss.c6.m6_2.app4.q2_confidential"), "Appendix 4.2(5): confidential computing during use")
        XCTAssertEqual(q.question("tr.mdf.distribution.assets")!.references.first { $0.hasPrefix("MDF audience") },
                       "MDF audience: AI Office, downstream providers")
        for id in ["ss.c7.m7_1.q1", "ss.c9.m9_2.q1", "ss.c10.m10_1.q1"] {
            XCTAssertTrue(q.question(id)!.requireAll, "\(id): the Code lists every item as required")
        }
        XCTAssertFalse(q.question("ss.c8.m8_3.q1")!.isScored, "8.3: an example indicator, not a requirement")
        XCTAssertTrue(q.question("ss.c8.m8_3.q2")!.critical, "non-retaliation stays critical as a legal duty")
    }

    func testModifiersDocumentTheirModificationOnly() {
        // The guidance adapts to the role: modifiers above one third see "modification only", providers do not.
        let modifier = Route.gpai(["scope.role": .text("modifier_major")])
        let evModifier = evaluate(q, modifier), evProvider = evaluate(q, Route.gpai)
        let aModifier = answers(modifier), aProvider = answers(Route.gpai)
        for id in ["tr.mdf.training.process", "tr.mdf.data.provenance", "tr.mdf.compute.amount", "tr.mdf.energy.training"] {
            XCTAssertTrue(q.question(id)!.guidance(given: aModifier, evModifier)!.contains("describe your modification only"), id)
            XCTAssertFalse(q.question(id)!.guidance(given: aProvider, evProvider)!.contains("modification"), id)
        }
        XCTAssertFalse(q.question("tr.mdf.general.identity")!.guidance!.contains("modification"), "identity items are about the whole model")
        // Copyright's crawling and the training-content summary concern the modification's data (1.2.0).
        for id in ["cr.c1.m1_2.q0", "cr.c1.m1_3.q1", "ts.sources.crawled", "ts.general.size", "ts.processing.rights"] {
            XCTAssertTrue(q.question(id)!.guidance(given: aModifier, evModifier)!.contains("your modification only"), id)
            XCTAssertFalse(q.question(id)!.guidance(given: aProvider, evProvider)?.contains("modification") ?? false, id)
        }
        XCTAssertTrue(q.question("cr.c1.m1_5.q1")!.guidanceVariants.isEmpty, "the point of contact is the modifier's own")
        XCTAssertFalse(q.allQuestions.filter { $0.id.hasPrefix("ss.") }.contains { !$0.guidanceVariants.isEmpty || ($0.guidance?.contains("modification only") ?? false) },
                       "the Safety and Security chapter has no modifier limitation")
    }

    func testANewAssessmentWaitsForScopeInsteadOfReadingNotApplicable() {
        let ev = evaluate(q, [:])
        for ch in ["tr", "cr", "ss"] { XCTAssertEqual(ev.nodes[ch]?.status, .scopePending, ch) }
        XCTAssertTrue(ev.nodes["tr"]!.waitingFor.contains("scope.generality"), "names what can be answered now")
        XCTAssertFalse(ev.nodes["tr"]!.waitingFor.contains("scope.compute"), "not a question that is still hidden")
        XCTAssertEqual(ev.overall.status, .scopePending)
        let provider = evaluate(q, ["scope.role": .text("provider")])
        XCTAssertEqual(provider.overall.status, .scopePending)
        XCTAssertEqual(provider.nodes["cr"]?.status, .scopePending, "Copyright is not 'not applicable' for a provider")
        let integrator = evaluate(q, ["scope.role": .text("integrator")])
        XCTAssertEqual(integrator.nodes["cr"]?.status, .notApplicable, "an integrator is ruled out by the role alone")
    }
}
