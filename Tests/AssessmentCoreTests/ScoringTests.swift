import AssessmentCore
import TestSupport
import XCTest

final class ScoringTests: XCTestCase {
    let now = Date(timeIntervalSince1970: 1_780_000_000)

    func answer(_ v: AnswerValue?, na: Bool = false) -> Answer {
        Answer(value: v, notApplicable: na, justification: na ? "not relevant here" : nil, by: "tester", at: now)
    }

    /// A questionnaire with one measure; each question a graded yes/partly/no unless given.
    func measure(_ questions: [String], thresholds: String = "") -> Questionnaire {
        try! Fixtures.questionnaire("""
        {"formatVersion": 1, "id": "t", "title": "T", "version": "1", \(thresholds)
         "nodes": [{"id": "ch", "kind": "chapter", "title": "C", "children": [
           {"id": "m", "kind": "measure", "number": "1.1", "title": "M", "questions": [\(questions.joined(separator: ","))]},
           {"id": "m2", "kind": "measure", "number": "1.2", "title": "M2", "questions": [\(graded("z"))]}
         ]}]}
        """)
    }

    func graded(_ id: String, _ extra: String = "") -> String {
        #"{"id": "\#(id)", "type": "graded", "text": "Q \#(id)", "remediation": "fix \#(id)", "options": [{"value": "yes", "label": "Yes", "score": 1}, {"value": "partly", "label": "Partly", "score": 0.5}, {"value": "no", "label": "No", "score": 0}]\#(extra)}"#
    }

    func scale(_ id: String, scores: [Double]) -> String {
        let opts = scores.enumerated().map { #"{"value": "l\#($0.offset)", "label": "L\#($0.offset)", "score": \#($0.element)}"# }
        return #"{"id": "\#(id)", "type": "scale", "text": "S", "options": [\#(opts.joined(separator: ","))]}"#
    }

    func testThresholdBoundariesAreInclusive() {
        // Scores from a scale: exactly 0.85 is met, just below is partially met; exactly 0.5 is partially met.
        let q = measure([scale("s", scores: [0.8499, 0.85, 0.5, 0.4999, 1])])
        func status(_ level: String) -> Status {
            Evaluation(questionnaire: q, answers: ["s": answer(.text(level))]).nodes["m"]!.status
        }
        XCTAssertEqual(status("l1"), .met)
        XCTAssertEqual(status("l0"), .partiallyMet)
        XCTAssertEqual(status("l2"), .partiallyMet)
        XCTAssertEqual(status("l3"), .notMet)
        XCTAssertEqual(status("l4"), .met)
    }

    func testCustomThresholds() {
        let q = measure([scale("s", scores: [0.7, 0.6, 1])], thresholds: #""thresholds": {"met": 0.7, "partial": 0.65},"#)
        XCTAssertEqual(Evaluation(questionnaire: q, answers: ["s": answer(.text("l0"))]).nodes["m"]!.status, .met)
        XCTAssertEqual(Evaluation(questionnaire: q, answers: ["s": answer(.text("l1"))]).nodes["m"]!.status, .notMet)
    }

    func testWeightedMean() {
        let q = measure([graded("a", #", "weight": 3"#), graded("b")])
        let ev = Evaluation(questionnaire: q, answers: ["a": answer(.text("yes")), "b": answer(.text("no"))])
        XCTAssertEqual(ev.nodes["m"]!.score!, 0.75, accuracy: 1e-12)
        XCTAssertEqual(ev.nodes["m"]!.status, .partiallyMet)
        XCTAssertEqual(ev.nodes["m"]!.scoredWeight, 4)
    }

    func testUnansweredIsNeverZeroAndHalfAnsweredIsInProgress() {
        let q = measure([graded("a"), graded("b")])
        let ev = Evaluation(questionnaire: q, answers: ["a": answer(.text("yes"))])
        let m = ev.nodes["m"]!
        XCTAssertEqual(m.score, 1, "only answered questions count")
        XCTAssertEqual(m.coverage, 0.5)
        XCTAssertEqual(m.status, .inProgress)
        XCTAssertEqual(ev.nodes["m2"]!.status, .notStarted)
        XCTAssertNil(ev.nodes["m2"]!.score)
        XCTAssertEqual(ev.nodes["ch"]!.status, .inProgress)
        XCTAssertEqual(ev.overall.answeredQuestions, 1)
        XCTAssertEqual(ev.overall.applicableQuestions, 3)
    }

    func testNAIsExcludedFromNumeratorAndDenominator() {
        let q = measure([graded("a", #", "allowNA": true"#), graded("b")])
        let ev = Evaluation(questionnaire: q, answers: ["a": answer(nil, na: true), "b": answer(.text("partly"))])
        XCTAssertEqual(ev.nodes["m"]!.score, 0.5)
        XCTAssertEqual(ev.nodes["m"]!.coverage, 1, "N/A with a justification counts as answered")
        XCTAssertEqual(ev.nodes["m"]!.notApplicableAnswers, 1)
    }

    func testNAWithoutJustificationIsNotAnswered() {
        let q = measure([graded("a", #", "allowNA": true"#)])
        var a = answer(nil, na: true)
        a.justification = "  "
        XCTAssertEqual(Evaluation(questionnaire: q, answers: ["a": a]).nodes["m"]!.status, .notStarted)
    }

    func testAllNAMeasureIsNotApplicable() {
        let q = measure([graded("a", #", "allowNA": true"#), graded("b", #", "allowNA": true"#)])
        let ev = Evaluation(questionnaire: q, answers: ["a": answer(nil, na: true), "b": answer(nil, na: true)])
        XCTAssertEqual(ev.nodes["m"]!.status, .notApplicable)
        XCTAssertEqual(ev.nodes["m"]!.hiddenReason, "every question was answered not applicable")
        XCTAssertNil(ev.nodes["m"]!.score)
    }

    func testNAOnAQuestionThatDoesNotAllowItIsInvalid() {
        let q = measure([graded("a")])
        let ev = Evaluation(questionnaire: q, answers: ["a": answer(nil, na: true)])
        XCTAssertEqual(ev.questions["a"]!.invalidAnswer, "N/A is not allowed for this question")
        XCTAssertFalse(ev.questions["a"]!.answered)
    }

    func testCriticalCapsTheMeasureAtNotMet() {
        let q = measure([graded("a", #", "critical": true"#), graded("b", #", "weight": 10"#), graded("c", #", "weight": 10"#)])
        // Weighted score (0 + 10 + 10) / 21 ≈ 0.95 would be met, but the critical "no" caps it.
        let ev = Evaluation(questionnaire: q, answers: ["a": answer(.text("no")), "b": answer(.text("yes")), "c": answer(.text("yes")), "z": answer(.text("yes"))])
        XCTAssertGreaterThan(ev.nodes["m"]!.score!, 0.85)
        XCTAssertEqual(ev.nodes["m"]!.status, .notMet)
        XCTAssertEqual(ev.nodes["m"]!.cappedBy, ["a"])
        // Above the measure, the failing measure keeps the chapter from reading as met.
        XCTAssertEqual(ev.nodes["ch"]!.status, .partiallyMet)
        // The cap applies even before the measure is complete.
        let partial = Evaluation(questionnaire: q, answers: ["a": answer(.text("no"))])
        XCTAssertEqual(partial.nodes["m"]!.status, .notMet)
        // "partly" (0.5) is not below the default critical threshold 0.5.
        let partly = Evaluation(questionnaire: q, answers: ["a": answer(.text("partly")), "b": answer(.text("yes")), "c": answer(.text("yes"))])
        XCTAssertEqual(partly.nodes["m"]!.status, .met)
        XCTAssertEqual(partly.nodes["m"]!.cappedBy, [])
    }

    func testANotMetMeasureAnywhereBelowKeepsEveryAncestorFromMet() throws {
        let g = graded("a").replacingOccurrences(of: "\"a\"", with: "\"QID\"")
        let q = try Fixtures.questionnaire("""
        {"formatVersion": 1, "id": "t", "title": "T", "version": "1", "nodes": [
          {"id": "ch", "kind": "chapter", "title": "C", "children": [
            {"id": "co", "kind": "commitment", "title": "Co", "children": [
              {"id": "m1", "kind": "measure", "title": "M1", "questions": [\(g.replacingOccurrences(of: "QID", with: "a1"))]},
              {"id": "m2", "kind": "measure", "title": "M2", "questions": [\(g.replacingOccurrences(of: "QID", with: "a2", options: []).replacingOccurrences(of: "\"weight\"", with: "\"weight\""))]}
            ]},
            {"id": "m3", "kind": "measure", "title": "M3", "questions": [\(g.replacingOccurrences(of: "QID", with: "a3"))]}
          ]}]}
        """.replacingOccurrences(of: "\"a2\", \"type\"", with: "\"a2\", \"weight\": 0.1, \"type\""))
        let ev = Evaluation(questionnaire: q, answers: ["a1": answer(.text("yes")), "a2": answer(.text("no")), "a3": answer(.text("yes"))])
        XCTAssertEqual(ev.nodes["m2"]!.status, .notMet)
        XCTAssertEqual(ev.nodes["co"]!.status, .partiallyMet)
        XCTAssertGreaterThan(ev.nodes["ch"]!.score!, 0.85)
        XCTAssertEqual(ev.nodes["ch"]!.status, .partiallyMet, "a not-met measure two levels down still counts")
        XCTAssertEqual(ev.overall.status, .partiallyMet)
    }

    func testScoredQuestionsAllNAWithAnOptionalLeftOpenIsNotApplicable() {
        let q = measure([graded("a", #", "allowNA": true"#), graded("b", #", "required": false"#)])
        let ev = Evaluation(questionnaire: q, answers: ["a": answer(nil, na: true)])
        XCTAssertEqual(ev.nodes["m"]!.status, .notApplicable)
    }

    func testCriticalThresholdPerQuestion() {
        let q = measure([graded("a", #", "critical": true, "criticalThreshold": 1"#)])
        let ev = Evaluation(questionnaire: q, answers: ["a": answer(.text("partly"))])
        XCTAssertEqual(ev.nodes["m"]!.status, .notMet)
    }

    func testHiddenAnswersStayButAreExcluded() throws {
        let q = try Fixtures.mini()
        let answers = ["scope.gpai": answer(.text("no")), "tr.1.1.q1": answer(.text("no"))]
        let ev = Evaluation(questionnaire: q, answers: answers)
        XCTAssertFalse(ev.questions["tr.1.1.q1"]!.applicable)
        XCTAssertEqual(ev.questions["tr.1.1.q1"]!.hiddenReason, "Only for general-purpose AI models")
        XCTAssertNil(ev.questions["tr.1.1.q1"]!.score)
        XCTAssertEqual(ev.nodes["tr"]!.status, .notApplicable)
        XCTAssertEqual(ev.nodes["tr.m1_1"]!.hiddenReason, "Only for general-purpose AI models")
        XCTAssertNil(ev.overall.score)
        XCTAssertTrue(ev.gaps.isEmpty)
    }

    func testConditionsAndDerivedValues() throws {
        let q = try Fixtures.mini()
        var answers = ["scope.gpai": answer(.text("yes")), "scope.systemic": answer(.text("no"))]
        XCTAssertEqual(Evaluation(questionnaire: q, answers: answers).nodes["ss"]!.status, .notApplicable)
        answers["scope.params"] = answer(.number(1e12))
        answers["scope.tokens"] = answer(.number(2e13))
        let ev = Evaluation(questionnaire: q, answers: answers)
        XCTAssertEqual(ev.derived["compute_estimate"], .number(1.2e26))
        XCTAssertEqual(ev.nodes["ss"]!.status, .notStarted, "6 × N × D above 1e25 brings in Safety and Security")
    }

    func testMultiScoringRules() {
        func multi(_ scoring: String) -> Questionnaire {
            measure([#"{"id": "x", "type": "multi", "text": "X", "scoring": "\#(scoring)", "options": [{"value": "a", "label": "A", "score": 0.5}, {"value": "b", "label": "B", "score": 0.25}, {"value": "c", "label": "C", "score": 0.25}, {"value": "d", "label": "D", "score": 1}, {"value": "none", "label": "None", "score": 0, "exclusive": true}]}"#])
        }
        func score(_ q: Questionnaire, _ chosen: [String]) -> Double? {
            Evaluation(questionnaire: q, answers: ["x": answer(.choices(chosen))]).questions["x"]!.score
        }
        XCTAssertEqual(score(multi("sum"), ["a", "b"]), 0.75)
        XCTAssertEqual(score(multi("sum"), ["a", "b", "c"]), 1)
        XCTAssertEqual(score(multi("max"), ["b", "c"]), 0.25)
        XCTAssertEqual(score(multi("fraction"), ["a"]), 0.25, "0.5 of a possible 2")
        XCTAssertEqual(score(multi("sum"), ["none"]), 0)
        XCTAssertNotNil(Evaluation(questionnaire: multi("sum"), answers: ["x": answer(.choices(["none", "a"]))]).questions["x"]!.invalidAnswer)
    }

    func testTextNumberDateCountForCompletenessOnly() throws {
        let q = try Fixtures.mini()
        let answers = ["scope.gpai": answer(.text("yes")), "tr.1.1.q1": answer(.text("yes")), "tr.1.1.q2": answer(.text("no")),
                       "tr.1.1.q3": answer(.text("2026-01-31"))]
        let ev = Evaluation(questionnaire: q, answers: answers)
        XCTAssertNil(ev.questions["tr.1.1.q3"]!.score)
        XCTAssertTrue(ev.questions["tr.1.1.q3"]!.answered)
        XCTAssertEqual(ev.nodes["tr.m1_1"]!.score!, 2.0 / 3.0, accuracy: 1e-12)
        XCTAssertEqual(ev.nodes["tr.m1_1"]!.coverage, 1)
    }

    func testMeasureWithOnlyUnscoredQuestionsIsMetWhenComplete() {
        let q = measure([#"{"id": "t", "type": "text", "text": "Who?"}"#])
        let ev = Evaluation(questionnaire: q, answers: ["t": answer(.text("Legal team"))])
        XCTAssertEqual(ev.nodes["m"]!.status, .met)
        XCTAssertNil(ev.nodes["m"]!.score)
    }

    func testOptionalQuestionsDoNotBlockCoverage() {
        let q = measure([graded("a"), graded("b", #", "required": false"#)])
        let ev = Evaluation(questionnaire: q, answers: ["a": answer(.text("yes"))])
        XCTAssertEqual(ev.nodes["m"]!.coverage, 1)
        XCTAssertEqual(ev.nodes["m"]!.status, .met)
    }

    func testGapsAreOrderedByWeightTimesShortfall() {
        let q = measure([graded("a"), graded("b", #", "weight": 3"#), graded("c", #", "weight": 2"#)])
        let ev = Evaluation(questionnaire: q, answers: ["a": answer(.text("no")), "b": answer(.text("partly")), "c": answer(.text("yes"))])
        let qg = ev.gaps.filter { $0.kind == .question }
        XCTAssertEqual(qg.map(\.id), ["b", "a"])
        XCTAssertEqual(qg.map(\.priority), [1.5, 1])
        XCTAssertEqual(qg.first?.remediation, "fix b")
        XCTAssertEqual(ev.gaps.filter { $0.kind == .measure }.map(\.id), ["m"])
    }

    func testInvalidAndOrphanedAnswersAreKeptAndReported() {
        let q = measure([graded("a")])
        let ev = Evaluation(questionnaire: q, answers: ["a": answer(.text("maybe")), "gone": answer(.text("yes"))])
        XCTAssertEqual(ev.questions["a"]!.invalidAnswer, "'maybe' is no longer an option")
        XCTAssertFalse(ev.questions["a"]!.answered)
        XCTAssertEqual(ev.orphanedAnswers, ["gone"])
    }

    func testDeterministic() throws {
        let q = try Fixtures.mini()
        let answers = ["scope.gpai": answer(.text("yes")), "tr.1.1.q1": answer(.text("partly")), "tr.1.2.q2": answer(.choices(["web"]))]
        let a = Evaluation(questionnaire: q, answers: answers)
        let b = Evaluation(questionnaire: q, answers: answers)
        XCTAssertEqual(a.nodes, b.nodes)
        XCTAssertEqual(a.gaps, b.gaps)
    }

    func testOverallIsNotApplicableWhenNothingButScopeApplies() throws {
        let q = try Fixtures.mini()
        let ev = Evaluation(questionnaire: q, answers: ["scope.gpai": answer(.text("no")), "scope.systemic": answer(.text("no"))])
        XCTAssertEqual(ev.overall.status, .notApplicable)
        XCTAssertEqual(Evaluation(questionnaire: q, answers: [:]).overall.status, .notStarted)
    }

    func testExplanation() throws {
        let q = measure([graded("a", #", "critical": true"#), graded("b", #", "allowNA": true"#), graded("c")])
        let answers = ["a": answer(.text("no")), "b": answer(nil, na: true)]
        let ev = Evaluation(questionnaire: q, answers: answers)
        let ex = try XCTUnwrap(Explanation(evaluation: ev, nodeID: "1.1", answers: answers))
        XCTAssertEqual(ex.lines.map(\.questionID), ["a", "b", "c"])
        XCTAssertEqual(ex.lines[0].caps, true)
        XCTAssertEqual(ex.lines[0].contribution, 1)
        XCTAssertEqual(ex.lines[1].excluded, "N/A: not relevant here")
        XCTAssertEqual(ex.lines[2].excluded, "unanswered (not scored as 0)")
        XCTAssertNil(Explanation(evaluation: ev, nodeID: "9.9", answers: answers))
    }
}
