import AssessmentCore
import TestSupport
import XCTest

/// Each scoping route of docs/questionnaires.md shows the chapters the Code applies to it,
/// and every hidden chapter says why.
final class ScopingRoutesTests: XCTestCase {
    var q: Questionnaire!

    override func setUpWithError() throws { q = try Shipped.final() }

    /// Evaluates a route and checks the chapters shown, the reasons for the hidden ones,
    /// and that the route's answers are all valid.
    @discardableResult
    func assertRoute(_ values: [String: AnswerValue], shows expected: [String], _ label: String,
                     file: StaticString = #filePath, line: UInt = #line) -> Evaluation {
        let ev = evaluate(q, values)
        XCTAssertEqual(applicableChapters(ev), expected, label, file: file, line: line)
        for id in values.keys {
            XCTAssertNil(ev.questions[id]?.invalidAnswer, "\(label): answer to \(id)", file: file, line: line)
        }
        for ch in q.nodes where ch.kind == .chapter && !expected.contains(ch.id) {
            let r = ev.nodes[ch.id]!
            XCTAssertEqual(r.status, .notApplicable, "\(label): \(ch.id)", file: file, line: line)
            let reason = r.hiddenReason?.trimmingCharacters(in: .whitespaces) ?? ""
            XCTAssertFalse(reason.isEmpty, "\(label): chapter \(ch.id) is hidden without a reason", file: file, line: line)
            XCTAssertEqual(r.hiddenReason, ch.conditionReason, "\(label): \(ch.id) shows the chapter's own reason", file: file, line: line)
            for (id, qr) in ev.questions where ev.index.questionPath[id]?.contains(ch.id) == true {
                XCTAssertFalse(qr.applicable, "\(label): \(id) is shown inside hidden chapter \(ch.id)", file: file, line: line)
            }
        }
        return ev
    }

    func testNotAGPAIModelShowsNoChapter() {
        let ev = assertRoute(Route.notGPAI, shows: [], "not a GPAI model")
        XCTAssertEqual(ev.overall.status, .notApplicable)
        XCTAssertEqual(ev.nodes["scope"]?.coverage, 1, "the scoping questions asked are all answered")
        for g in ["criterion_narrow", "not_gpai"] {
            assertRoute(Route.gpai(["scope.generality": .text(g)]), shows: [], "generality \(g)")
        }
        for role in ["integrator", "modifier_minor"] {
            assertRoute(Route.gpai(["scope.role": .text(role)]), shows: [], "role \(role)")
            assertRoute(Route.gpai(["scope.role": .text(role), "scope.compute": .number(1e26)]), shows: [], "role \(role) with 1e26 FLOP")
        }
    }

    func testGPAIModelShowsTransparencyAndCopyright() {
        let ev = assertRoute(Route.gpai, shows: ["tr", "cr", "ts"], "GPAI model")
        XCTAssertEqual(ev.nodes["scope"]?.coverage, 1)
        XCTAssertFalse(ev.questions["scope.sme"]!.applicable, "the SME question is for systemic-risk models only")
        assertRoute(Route.gpai(["scope.role": .text("modifier_major")]), shows: ["tr", "cr", "ts"], "downstream modifier above one third")
        assertRoute(Route.gpai(["scope.generality": .text("general_below"), "scope.compute": .number(5e22)]),
                    shows: ["tr", "cr", "ts"], "general model below the indicative criterion")
        assertRoute(Route.gpai(["scope.market_status": .text("before")]), shows: ["tr", "cr", "ts"], "placed on the market before 2 August 2025")
        // Exactly 10^25 FLOP is not "above" the threshold (Art. 51(2)).
        assertRoute(Route.gpai(["scope.compute": .number(1e25)]), shows: ["tr", "cr", "ts"], "exactly 1e25 FLOP")
    }

    func testEstablishedOutsideTheEUAsksForTheAuthorisedRepresentative() {
        let inEU = assertRoute(Route.gpai, shows: ["tr", "cr", "ts"], "established in the EU")
        XCTAssertFalse(inEU.questions["scope.auth_rep"]!.applicable)
        let outside = assertRoute(Route.gpai(["scope.established": .text("outside_eu"), "scope.auth_rep": .text("yes")]),
                                  shows: ["tr", "cr", "ts"], "established outside the EU")
        XCTAssertTrue(outside.questions["scope.auth_rep"]!.applicable)
        // The representative is an Art. 54 duty asked in the scope, not an item of the final Model Documentation Form.
        XCTAssertNil(outside.questions["tr.mdf.general.auth_rep"], "not an MDF item (Commission doc 118118, General information)")
    }

    func testOpenSourceWithoutSystemicRiskShowsCopyrightOnly() {
        let ev = assertRoute(Route.openSource, shows: ["cr", "ts"], "open source, no systemic risk")
        XCTAssertTrue(ev.nodes["tr"]!.hiddenReason!.contains("open-source"), ev.nodes["tr"]!.hiddenReason!)
    }

    func testSystemicRiskShowsAllThree() {
        let ev = assertRoute(Route.systemicRisk, shows: ["tr", "cr", "ss", "ts"], "systemic risk (1e26 FLOP)")
        XCTAssertEqual(ev.nodes["scope"]?.coverage, 1)
        assertRoute(Route.gpai(["scope.designated": .text("yes")]), shows: ["tr", "cr", "ss", "ts"], "designated by the Commission")
        // Systemic risk removes the open-source exemption from Transparency.
        assertRoute(Route.systemicRisk.merging(["scope.open_source": .text("yes")]) { $1 }, shows: ["tr", "cr", "ss", "ts"],
                    "open source with systemic risk")
        assertRoute(Route.gpai(["scope.open_source": .text("yes"), "scope.designated": .text("yes")]), shows: ["tr", "cr", "ss", "ts"],
                    "open source, designated")
    }

    /// SMEs and small mid-caps follow the same three chapters; the file encodes their simplifications as
    /// guidance (less detail in reports), not by hiding measures.
    func testSMEWithSystemicRiskShowsAllThreeWithTheSimplificationsInGuidance() throws {
        let sme = assertRoute(Route.smeSystemicRisk, shows: ["tr", "cr", "ss", "ts"], "SME with systemic risk")
        let smc = assertRoute(Route.smeSystemicRisk.merging(["scope.sme": .text("smc")]) { $1 }, shows: ["tr", "cr", "ss", "ts"], "SMC with systemic risk")
        let neither = evaluate(q, Route.systemicRisk)
        XCTAssertTrue(sme.questions["scope.sme"]!.applicable)
        XCTAssertEqual(sme.nodes["scope"]?.coverage, 1)
        for id in MeasuresTestsSupport.measureIDs(q) {
            XCTAssertEqual(sme.nodes[id]?.applicable, neither.nodes[id]?.applicable, "SME: \(id)")
            XCTAssertEqual(smc.nodes[id]?.applicable, neither.nodes[id]?.applicable, "SMC: \(id)")
        }
        let sq = try XCTUnwrap(q.question("scope.sme"))
        XCTAssertTrue(sq.guidance?.contains("less detail") == true, sq.guidance ?? "")
        XCTAssertTrue(q.node("ss")?.guidance?.contains("SMEs") == true, "the chapter's guidance names the SME simplification")
        XCTAssertTrue(q.node("ss.c7")?.guidance?.contains("SMEs") == true, "Commitment 7 (Model Report detail) names it")
    }

    /// Without a measured figure: 6 × parameters × training tokens, compared with 10^25 FLOP.
    func testSixNDEstimateDecidesSystemicRisk() throws {
        func estimateRoute(_ n: Double, _ d: Double) -> [String: AnswerValue] {
            var r = Route.gpai(["scope.compute_known": .text("no"), "scope.parameters": .number(n), "scope.tokens": .number(d)])
            r.removeValue(forKey: "scope.compute")
            return r
        }
        // 6 × 1e12 × 2e13 = 1.2e26 FLOP
        let above = assertRoute(estimateRoute(1e12, 2e13), shows: ["tr", "cr", "ss", "ts"], "estimate 1.2e26")
        guard case let .number(est)? = above.derived["scope.compute_estimate"] else { return XCTFail("no estimate: \(above.derived)") }
        XCTAssertEqual(est, 1.2e26, accuracy: 1e12)
        XCTAssertTrue(above.questions["scope.sme"]!.applicable)
        XCTAssertFalse(above.questions["scope.compute"]!.applicable)
        // Just above and below 1e25 / 6 for N × D.
        assertRoute(estimateRoute(1e12, 1.7e12), shows: ["tr", "cr", "ss", "ts"], "estimate 1.02e25")
        assertRoute(estimateRoute(1e12, 1.6e12), shows: ["tr", "cr", "ts"], "estimate 9.6e24")
        // A typical 7B model on 2T tokens: 8.4e22 FLOP.
        assertRoute(estimateRoute(7e9, 2e12), shows: ["tr", "cr", "ts"], "estimate 8.4e22")
        // An old compute figure left behind once the user switches to the estimate does not count.
        var stale = estimateRoute(7e9, 2e12)
        stale["scope.compute"] = .number(1e26)
        assertRoute(stale, shows: ["tr", "cr", "ts"], "stale hidden compute answer")
    }
}
