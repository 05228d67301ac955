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
        XCTAssertEqual(Evaluation(questionnaire: q, answers: [:]).overall.status, .scopePending, "an empty assessment waits for its scope")
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

    // MARK: Issue 11: weakest link, pass marks, mandatory options, waiting for scope

    func testAnAnswerAtItsLowestOptionKeepsTheMeasureAndAllAboveFromMet() {
        // Nine of ten documented, one "no": 90 % is above 0.85, but the measure must not read met.
        let q = measure((0..<10).map { graded("q\($0)") })
        var answers: [String: Answer] = ["z": answer(.text("yes"))]
        for i in 0..<10 { answers["q\(i)"] = answer(.text(i == 3 ? "no" : "yes")) }
        let ev = Evaluation(questionnaire: q, answers: answers)
        XCTAssertEqual(ev.nodes["m"]!.score!, 0.9, accuracy: 1e-9)
        XCTAssertEqual(ev.nodes["m"]!.status, .partiallyMet)
        XCTAssertEqual(ev.nodes["m"]!.blockedBy, ["q3"])
        XCTAssertEqual(ev.questions["q3"]!.shortfall, "at its lowest option")
        XCTAssertEqual(ev.nodes["ch"]!.status, .partiallyMet, "the chapter above it cannot read met either")
        XCTAssertEqual(ev.overall.status, .partiallyMet)
        // "partly" is not the lowest option: the same mean reads met.
        answers["q3"] = answer(.text("partly")); answers["q4"] = answer(.text("partly"))
        XCTAssertEqual(Evaluation(questionnaire: q, answers: answers).nodes["m"]!.status, .met)
    }

    func testPassAtKeepsAQuestionBelowItFromMet() {
        let q = measure([scale("s", scores: [0, 0.5, 0.75, 1]).replacingOccurrences(of: #""type": "scale""#, with: #""type": "scale", "passAt": 1"#), graded("b")])
        let ev = Evaluation(questionnaire: q, answers: ["s": answer(.text("l2")), "b": answer(.text("yes"))])
        XCTAssertEqual(ev.nodes["m"]!.score!, 0.875, accuracy: 1e-9)
        XCTAssertEqual(ev.questions["s"]!.shortfall, "below its pass mark 1")
        XCTAssertFalse(ev.questions["s"]!.criticalFailure, "not critical: it keeps the measure from met, no more")
        XCTAssertEqual(ev.nodes["m"]!.status, .partiallyMet)
        XCTAssertEqual(Evaluation(questionnaire: q, answers: ["s": answer(.text("l3")), "b": answer(.text("yes"))]).nodes["m"]!.status, .met)
    }

    func testAMissedHardDeadlineIsAFailedCriticalQuestion() {
        let deadline = #"{"id": "d", "type": "graded", "text": "Within 15 days?", "critical": true, "passAt": 1, "options": [{"value": "yes", "label": "On time", "score": 1}, {"value": "late", "label": "Late", "score": 0.5}, {"value": "never", "label": "Never", "score": 0}]}"#
        let q = measure([deadline, graded("b"), graded("c"), graded("e")])
        let answers = ["d": answer(.text("late")), "b": answer(.text("yes")), "c": answer(.text("yes")), "e": answer(.text("yes"))]
        let ev = Evaluation(questionnaire: q, answers: answers)
        XCTAssertEqual(ev.nodes["m"]!.score!, 0.875, accuracy: 1e-9)
        XCTAssertTrue(ev.questions["d"]!.criticalFailure, "late (0.5) is below the pass mark 1, not the default 0.5")
        XCTAssertEqual(ev.questions["d"]!.shortfall, "critical, below its pass mark 1")
        XCTAssertEqual(ev.nodes["m"]!.status, .notMet)
        XCTAssertEqual(ev.nodes["m"]!.cappedBy, ["d"])
    }

    func multi(_ id: String, _ extra: String, _ options: String) -> String {
        #"{"id": "\#(id)", "type": "multi", "text": "Which?", "scoring": "fraction"\#(extra), "options": [\#(options)]}"#
    }

    func testRequireAllNeedsEveryMandatoryOption() {
        let four = #"{"value": "a", "label": "A", "score": 1}, {"value": "b", "label": "B", "score": 1}, {"value": "c", "label": "C", "score": 1}, {"value": "d", "label": "D", "score": 1}"#
        let q = measure([multi("r", #", "requireAll": true, "critical": true"#, four)])
        let ev = Evaluation(questionnaire: q, answers: ["r": answer(.choices(["a", "b", "c"]))])
        XCTAssertEqual(ev.questions["r"]!.score!, 0.75, accuracy: 1e-9, "the score stays the share ticked")
        XCTAssertTrue(ev.questions["r"]!.criticalFailure, "0.75 is above the default 0.5, but one mandatory option is missing")
        XCTAssertEqual(ev.questions["r"]!.shortfall, "mandatory option not ticked: d")
        XCTAssertEqual(ev.nodes["m"]!.status, .notMet)
        let all = Evaluation(questionnaire: q, answers: ["r": answer(.choices(["a", "b", "c", "d"]))])
        XCTAssertNil(all.questions["r"]!.shortfall)
        XCTAssertEqual(all.nodes["m"]!.status, .met)
    }

    func testOnlyOptionsMarkedRequiredAreMandatoryAndExamplesAreNotScored() {
        let opts = #"{"value": "a", "label": "A", "score": 1, "required": true}, {"value": "b", "label": "B", "score": 1}, {"value": "ex", "label": "e.g. search engines", "example": true}"#
        let q = measure([multi("r", #", "requireAll": true"#, opts)])
        XCTAssertEqual(q.question("r")!.mandatoryOptions.map(\.value), ["a"])
        let onlyA = Evaluation(questionnaire: q, answers: ["r": answer(.choices(["a"]))])
        XCTAssertEqual(onlyA.questions["r"]!.score!, 0.5, accuracy: 1e-9, "the example is not in the denominator")
        XCTAssertNil(onlyA.questions["r"]!.shortfall, "b is not mandatory and 0.5 is not the lowest option")
        let withExample = Evaluation(questionnaire: q, answers: ["r": answer(.choices(["a", "b", "ex"]))])
        XCTAssertEqual(withExample.questions["r"]!.score!, 1, accuracy: 1e-9)
        let exampleOnly = Evaluation(questionnaire: q, answers: ["r": answer(.choices(["ex", "b"]))])
        XCTAssertEqual(exampleOnly.questions["r"]!.shortfall, "mandatory option not ticked: a")
    }

    func testMultiOptionsShowWhatATickIsWorth() {
        let q = Question(id: "m", type: .multi, text: "M", options: [
            AnswerOption(value: "a", label: "A", score: 1), AnswerOption(value: "b", label: "B", score: 1),
            AnswerOption(value: "e", label: "E", example: true), AnswerOption(value: "none", label: "None", score: 0, exclusive: true),
        ], scoring: .fraction)
        XCTAssertEqual(q.options.map { q.optionWorth($0) }, ["1 of 2", "1 of 2", "example", nil])
        let sum = Question(id: "s", type: .multi, text: "S", options: [AnswerOption(value: "a", label: "A", score: 0.75), AnswerOption(value: "b", label: "B", score: 0.25)])
        XCTAssertEqual(sum.options.map { sum.optionWorth($0) }, ["+75%", "+25%"])
        let graded = Question(id: "g", type: .graded, text: "G", options: [AnswerOption(value: "y", label: "Y", score: 1)])
        XCTAssertNil(graded.optionWorth(graded.options[0]), "single choice shows its own score, not a share")
    }

    func testPartsWaitForScopeUntilTheAnswersDecide() throws {
        let q = try Fixtures.mini()
        let empty = Evaluation(questionnaire: q, answers: [:])
        XCTAssertEqual(empty.nodes["tr"]!.status, .scopePending)
        XCTAssertEqual(empty.nodes["tr"]!.waitingFor, ["scope.gpai"])
        XCTAssertEqual(empty.nodes["tr.m1_1"]!.status, .scopePending, "everything below a waiting part waits too")
        XCTAssertEqual(empty.nodes["ss"]!.waitingFor, ["scope.systemic"], "optional scope questions (params, tokens) are not waited for")
        XCTAssertEqual(empty.overall.status, .scopePending)
        XCTAssertEqual(empty.overall.waitingFor, ["scope.gpai", "scope.systemic"])
        XCTAssertEqual(Status.scopePending.rawValue, "scope_pending")
        XCTAssertEqual(Status.scopePending.label, "waiting for scope")
        // Half scoped: Transparency applies, Safety and Security still waits, and so does the overall verdict.
        let half = Evaluation(questionnaire: q, answers: ["scope.gpai": answer(.text("yes")), "tr.1.1.q1": answer(.text("yes"))])
        XCTAssertEqual(half.nodes["tr"]!.status, .inProgress)
        XCTAssertEqual(half.nodes["ss"]!.status, .scopePending)
        XCTAssertEqual(half.overall.status, .scopePending)
        // Decided: not applicable.
        let no = Evaluation(questionnaire: q, answers: ["scope.gpai": answer(.text("no")), "scope.systemic": answer(.text("no"))])
        XCTAssertEqual(no.nodes["tr"]!.status, .notApplicable)
        XCTAssertEqual(no.nodes["ss"]!.status, .notApplicable)
        XCTAssertTrue(no.nodes["ss"]!.waitingFor.isEmpty)
    }

    func testAConditionAlreadyFalseDoesNotWaitForTheRest() throws {
        let q = try Fixtures.questionnaire("""
        {"formatVersion": 1, "id": "t", "title": "T", "version": "1", "nodes": [
          {"id": "scope", "kind": "scope", "title": "S", "questions": [
            {"id": "role", "type": "choice", "text": "Role", "options": [{"value": "p", "label": "P"}, {"value": "i", "label": "I"}]},
            {"id": "gen", "type": "choice", "text": "General?", "options": [{"value": "y", "label": "Y"}, {"value": "n", "label": "N"}]}]},
          {"id": "ch", "kind": "chapter", "title": "C", "condition": "role == 'p' and gen == 'y'", "questions": [\(graded("a"))]},
          {"id": "alt", "kind": "chapter", "title": "A", "condition": "role == 'i' or gen == 'n'", "questions": [\(graded("b"))]}]}
        """)
        let ev = Evaluation(questionnaire: q, answers: ["role": answer(.text("i"))])
        XCTAssertEqual(ev.nodes["ch"]!.status, .notApplicable, "role = i decides the 'and' whatever gen will be")
        XCTAssertEqual(ev.nodes["alt"]!.status, .notStarted, "role = i decides the 'or'")
        let p = Evaluation(questionnaire: q, answers: ["role": answer(.text("p"))])
        XCTAssertEqual(p.nodes["ch"]!.status, .scopePending)
        XCTAssertEqual(p.nodes["ch"]!.waitingFor, ["gen"])
        XCTAssertEqual(p.nodes["alt"]!.status, .scopePending)
        XCTAssertEqual(p.overall.status, .scopePending)
        // The scope open but every part ruled out: not applicable, as before.
        let integrator = try Fixtures.questionnaire("""
        {"formatVersion": 1, "id": "t", "title": "T", "version": "1", "nodes": [
          {"id": "scope", "kind": "scope", "title": "S", "questions": [
            {"id": "role", "type": "choice", "text": "Role", "options": [{"value": "p", "label": "P"}, {"value": "i", "label": "I"}]},
            {"id": "gen", "type": "choice", "text": "General?", "options": [{"value": "y", "label": "Y"}, {"value": "n", "label": "N"}]}]},
          {"id": "ch", "kind": "chapter", "title": "C", "condition": "role == 'p' and gen == 'y'", "questions": [\(graded("a"))]}]}
        """)
        XCTAssertEqual(Evaluation(questionnaire: integrator, answers: ["role": answer(.text("i"))]).overall.status, .notApplicable)
    }

    func testExplanationNamesTheAnswerThatBlocksMet() throws {
        let q = measure([graded("a"), graded("b"), graded("c"), graded("d"), graded("e"), graded("f"), graded("g")])
        var answers: [String: Answer] = [:]
        for id in ["a", "b", "c", "d", "e", "f"] { answers[id] = answer(.text("yes")) }
        answers["g"] = answer(.text("no"))
        let ev = Evaluation(questionnaire: q, answers: answers)
        let ex = try XCTUnwrap(Explanation(evaluation: ev, nodeID: "m", answers: answers))
        XCTAssertEqual(ex.lines.filter { $0.blocksMet != nil }.map(\.questionID), ["g"])
        XCTAssertEqual(ex.lines.last?.blocksMet, "at its lowest option")
        XCTAssertEqual(ex.node.blockedBy, ["g"])
    }
}
