import AssessmentCore
import TestSupport
import XCTest

/// Every question can be reached, and the best answers reach the maximum score.
final class ReachabilityTests: XCTestCase {
    func assertEveryQuestionReachable(_ q: Questionnaire, file: StaticString = #filePath, line: UInt = #line) {
        let search = RouteSearch(q)
        search.run()
        let missing = q.index.questionOrder.filter { !search.covered.contains($0) }
        // Hidden reasons under the plain GPAI route help to see why.
        let ev = evaluate(q, Route.gpai)
        XCTAssertEqual(missing, [], "no scoping route makes these questions applicable:\n"
                       + missing.map { "\($0): \(ev.questions[$0]?.hiddenReason ?? "")" }.joined(separator: "\n"),
                       file: file, line: line)
        XCTAssertLessThan(search.evaluations, 2_000, "the route search should stay small", file: file, line: line)
    }

    func testDriversAreTheScopingAndContextQuestions() throws {
        let q = try Shipped.final()
        let drivers = RouteSearch(q).drivers.map(\.id)
        // The derived 6·N·D estimate is followed back to its inputs.
        XCTAssertTrue(drivers.contains("scope.parameters") && drivers.contains("scope.tokens"), "\(drivers)")
        XCTAssertTrue(drivers.contains("scope.compute") && drivers.contains("scope.generality") && drivers.contains("scope.role"), "\(drivers)")
        XCTAssertFalse(drivers.contains("scope.compute_estimate"), "a derived value is not answered")
    }

    func testEveryQuestionOfTheFinalCodeIsApplicableUnderSomeRoute() throws {
        assertEveryQuestionReachable(try Shipped.final())
    }

    func testEveryQuestionOfTheDraftIsApplicableUnderSomeRoute() throws {
        assertEveryQuestionReachable(try Shipped.draft())
    }

    /// Systemic-risk route, each context variant the Code allows (similarly safe or safer, Commitment 6 exemption):
    /// the best answer to every applicable question gives 1.0 and every applicable measure is met.
    func testMaximumScoreIsReachableUnderSystemicRisk() throws {
        let q = try Shipped.final()
        let measureIDs = MeasuresTestsSupport.measureIDs(q)
        for similarlySafe in ["no", "yes"] {
            for c6Exempt in ["no", "yes"] {
                let label = "similarly safe: \(similarlySafe), Commitment 6 exempt: \(c6Exempt)"
                let ev = BestAnswer.fill(q, start: Route.systemicRisk, preferring: [
                    "ss.context.similarly_safe": similarlySafe, "ss.context.c6_exempt": c6Exempt,
                    "ss.context.most_capable": "yes", "ss.context.notified_in_time": "yes",
                ])
                XCTAssertEqual(applicableChapters(ev), ["tr", "cr", "ss", "ts"], label)
                let invalid = ev.questions.values.filter { $0.invalidAnswer != nil }.map(\.id)
                XCTAssertEqual(invalid, [], label)
                XCTAssertEqual(try XCTUnwrap(ev.overall.score, label), 1, accuracy: 1e-12, label)
                XCTAssertEqual(ev.overall.status, .met, label)
                XCTAssertEqual(ev.overall.coverage, 1, label)
                XCTAssertEqual(ev.gaps.map(\.id), [], label)
                var applicable = 0
                for id in measureIDs {
                    let r = try XCTUnwrap(ev.nodes[id])
                    guard r.applicable else { continue }
                    applicable += 1
                    XCTAssertEqual(r.status, .met, "\(id) under \(label)")
                    XCTAssertEqual(r.score ?? 0, 1, accuracy: 1e-12, "\(id) under \(label)")
                }
                XCTAssertEqual(applicable, c6Exempt == "yes" ? 38 : 40, "measures applicable under \(label)")
                for ch in ["tr", "cr", "ss", "ts"] { XCTAssertEqual(ev.nodes[ch]?.status, .met, "\(ch) under \(label)") }
            }
        }
    }

    /// Without systemic risk the two general chapters reach 1.0 as well.
    func testMaximumScoreIsReachableWithoutSystemicRisk() throws {
        let q = try Shipped.final()
        let ev = BestAnswer.fill(q, start: Route.gpai)
        XCTAssertEqual(applicableChapters(ev), ["tr", "cr", "ts"])
        XCTAssertEqual(ev.overall.score ?? 0, 1, accuracy: 1e-12)
        XCTAssertEqual(ev.overall.status, .met)
    }
}

enum MeasuresTestsSupport {
    static func measureIDs(_ q: Questionnaire) -> [String] {
        var out: [String] = []
        q.walk { n, _ in if n.kind == .measure { out.append(n.id) } }
        return out
    }
}
