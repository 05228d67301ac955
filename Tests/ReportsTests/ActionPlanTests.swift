import AssessmentCore
import Foundation
import TestSupport
import XCTest

final class ActionPlanTests: XCTestCase {
    func day(_ s: String) -> CalendarDay { CalendarDay(s)! }

    // MARK: Calendar arithmetic

    func testCalendarDays() {
        XCTAssertEqual(CalendarDay(year: 1970, month: 1, day: 1).ordinal, 0)
        XCTAssertEqual(day("2026-02-15").description, "2026-02-15")
        XCTAssertEqual(day("2024-02-29").adding(days: 1).description, "2024-03-01")
        XCTAssertEqual(day("2025-12-31").adding(days: 1).description, "2026-01-01")
        XCTAssertEqual(day("2026-03-01").adding(days: -14).description, "2026-02-15")
        XCTAssertNil(CalendarDay("2025-02-29"))
        XCTAssertNil(CalendarDay("2025-13-01"))
        XCTAssertNil(CalendarDay("tomorrow"))
        XCTAssertEqual(day("1900-03-01").adding(days: -1).description, "1900-02-28", "1900 is not a leap year")
        XCTAssertEqual(day("2000-03-01").adding(days: -1).description, "2000-02-29", "2000 is")
        // Round trip over four centuries.
        var d = day("1999-12-25")
        for _ in 0..<(400 * 366 / 37) { let next = d.adding(days: 37); XCTAssertEqual(CalendarDay(next.description), next); d = next }
    }

    func testMonthsClampToTheMonthEnd() {
        XCTAssertEqual(day("2026-01-31").adding(months: 1).description, "2026-02-28")
        XCTAssertEqual(day("2024-01-31").adding(months: 1).description, "2024-02-29")
        XCTAssertEqual(day("2025-03-01").adding(months: 12).description, "2026-03-01")
        XCTAssertEqual(day("2025-11-15").adding(months: 3).description, "2026-02-15")
        XCTAssertEqual(day("2026-01-15").adding(months: -2).description, "2025-11-15")
    }

    func testWeekdaysAndBusinessDays() {
        XCTAssertEqual(day("2026-02-13").weekday, 5, "a Friday")
        XCTAssertEqual(day("2026-02-15").weekday, 7, "a Sunday")
        XCTAssertEqual(day("2026-02-13").adding(businessDays: 1).description, "2026-02-16", "Friday + 1 = Monday")
        XCTAssertEqual(day("2026-02-13").adding(businessDays: 5).description, "2026-02-20")
        XCTAssertEqual(day("2026-02-14").adding(businessDays: 5).description, "2026-02-20", "from a Saturday")
        XCTAssertEqual(day("2026-02-11").adding(businessDays: 5).description, "2026-02-18")
    }

    func testDayOfAnInstantUsesTheGivenZone() {
        let late = Date(timeIntervalSince1970: 1_771_199_000) // 2026-02-15T23:43:20Z
        XCTAssertEqual(CalendarDay(late).description, "2026-02-15")
        XCTAssertEqual(CalendarDay(late, timeZone: TimeZone(identifier: "Europe/Berlin")!).description, "2026-02-16")
    }

    // MARK: Deadlines from events

    func deadlines(_ events: [String: String], today: String = "2026-02-15") -> [ActionPlan.Deadline] {
        ActionPlan.deadlines(events: events.mapValues { day($0) }, today: day(today))
    }

    func testFrameworkTwoWeeksBeforePlacingOnTheMarket() {
        let d = deadlines(["placing_on_market": "2026-06-01"])
        let fw = d.first { $0.rule.id == "framework_before_market" }
        XCTAssertEqual(fw?.due.description, "2026-05-18")
        XCTAssertEqual(fw?.state, .open)
        XCTAssertEqual(d.first { $0.rule.id == "model_report_before_market" }?.due.description, "2026-06-01")
        XCTAssertEqual(d.first { $0.rule.id == "framework_assessment" }?.due.description, "2027-06-01", "12 months from placement")
        XCTAssertEqual(d.map(\.due), d.map(\.due).sorted(), "by due date")
    }

    func testFrameworkKeptLateAndOverdue() {
        XCTAssertEqual(deadlines(["placing_on_market": "2026-03-01", "framework_confirmed": "2026-02-15"])
            .first { $0.rule.id == "framework_before_market" }?.state, .kept, "exactly 2 weeks before is in time")
        XCTAssertEqual(deadlines(["placing_on_market": "2026-03-01", "framework_confirmed": "2026-02-16"])
            .first { $0.rule.id == "framework_before_market" }?.state, .late)
        XCTAssertEqual(deadlines(["placing_on_market": "2026-03-01"], today: "2026-02-16")
            .first { $0.rule.id == "framework_before_market" }?.state, .overdue)
        XCTAssertEqual(deadlines(["placing_on_market": "2026-03-01"], today: "2026-02-15")
            .first { $0.rule.id == "framework_before_market" }?.state, .dueToday)
        XCTAssertEqual(deadlines(["notification": "2026-01-10"]).first { $0.rule.id == "framework_after_notification" }?.due.description,
                       "2026-02-07", "4 weeks after the Art. 52(1) notification")
    }

    func testFrameworkAssessmentRunsFromTheLastAssessment() {
        let d = deadlines(["placing_on_market": "2025-03-01", "framework_assessment": "2026-01-20"])
        XCTAssertEqual(d.filter { $0.rule.id == "framework_assessment" }.map(\.due.description), ["2027-01-20"])
    }

    func testSeriousIncidentReportDeadlines() {
        let d = deadlines(["incident_critical_infrastructure:A": "2026-02-01", "incident_cybersecurity:B": "2026-02-01",
                           "incident_death:C": "2026-02-01", "incident_serious_harm:D": "2026-02-01"], today: "2026-02-01")
        func due(_ rule: String) -> String? { d.first { $0.rule.id == rule }?.due.description }
        XCTAssertEqual(due("incident_report_critical_infrastructure"), "2026-02-03", "2 days")
        XCTAssertEqual(due("incident_report_cybersecurity"), "2026-02-06", "5 days")
        XCTAssertEqual(due("incident_report_death"), "2026-02-11", "10 days")
        XCTAssertEqual(due("incident_report_serious_harm"), "2026-02-16", "15 days")
        XCTAssertEqual(d.filter { $0.rule.id == "incident_intermediate" }.count, 4, "one intermediate report per unresolved incident")
        XCTAssertEqual(d.first { $0.rule.id == "incident_intermediate" }?.due.description, "2026-03-01", "4 weeks")
    }

    func testIncidentsAreMatchedByLabel() {
        let d = deadlines(["incident_death:INC-7": "2026-02-01", "incident_reported:INC-7": "2026-02-08",
                           "incident_death:INC-8": "2026-02-01", "incident_reported:INC-9": "2026-02-02"], today: "2026-02-20")
        let reports = d.filter { $0.rule.id == "incident_report_death" }
        XCTAssertEqual(reports.map(\.label), ["INC-7", "INC-8"])
        XCTAssertEqual(reports.map(\.state), [.kept, .overdue])
    }

    func testIntermediateReportsRepeatUntilResolvedThenFinalReport() {
        let open = deadlines(["incident_death:X": "2026-01-01"], today: "2026-03-10")
        XCTAssertEqual(open.first { $0.rule.id == "incident_intermediate" }?.due.description, "2026-03-26", "the next 4-week mark after today")
        let resolved = deadlines(["incident_death:X": "2026-01-01", "incident_resolved:X": "2026-02-10"], today: "2026-03-10")
        XCTAssertNil(resolved.first { $0.rule.id == "incident_intermediate" })
        XCTAssertEqual(resolved.first { $0.rule.id == "incident_final" }?.due.description, "2026-04-11", "60 days after resolution")
    }

    func testModelReportUpdateInBusinessDays() {
        let d = deadlines(["model_report_update_confirmed:v2": "2026-02-13"])
        XCTAssertEqual(d.first { $0.rule.id == "model_report_update" }?.due.description, "2026-02-20")
    }

    func testEventDatesComeFromAnswersUnlessRecorded() throws {
        let q = try Fixtures.questionnaire("""
        {"formatVersion": 1, "id": "t", "title": "T", "version": "1", "nodes": [{"id": "scope", "kind": "scope", "title": "S", "questions": [
          {"id": "scope.placement_date", "type": "date", "text": "Placement"}]}]}
        """)
        var s = Session(id: "t", title: "T", questionnaire: q, by: "t", at: generatedAt)
        s.answers["scope.placement_date"] = Answer(value: .text("2026-05-01"), by: "t", at: generatedAt)
        XCTAssertEqual(ActionPlan.eventDates(s)["placing_on_market"]?.description, "2026-05-01")
        s.events["placing_on_market"] = "2026-07-01"
        XCTAssertEqual(ActionPlan.eventDates(s)["placing_on_market"]?.description, "2026-07-01", "an explicit event wins")
        XCTAssertEqual(try ActionPlan.dueDate(rule: "framework_before_market", session: s, today: day("2026-01-01")).get().description, "2026-06-17")
        guard case let .failure(e) = ActionPlan.dueDate(rule: "incident_report_death", session: s, today: day("2026-01-01")) else { return XCTFail() }
        XCTAssertTrue(e.message.contains("incident_death:LABEL"), e.message)
        guard case .failure = ActionPlan.dueDate(rule: "nope", session: s, today: day("2026-01-01")) else { return XCTFail() }
    }

    func testEventKeyChecks() {
        XCTAssertNil(ActionPlan.problem(eventKey: "placing_on_market", date: "2026-01-01"))
        XCTAssertNil(ActionPlan.problem(eventKey: "incident_death:INC-7", date: "2026-01-01"))
        XCTAssertNotNil(ActionPlan.problem(eventKey: "placing_on_market:x", date: "2026-01-01"))
        XCTAssertNotNil(ActionPlan.problem(eventKey: "launch", date: "2026-01-01"))
        XCTAssertNotNil(ActionPlan.problem(eventKey: "placing_on_market", date: "2026-02-30"))
        XCTAssertNotNil(ActionPlan.problem(eventKey: "incident_death:a b", date: "2026-01-01"))
    }

    // MARK: Actions

    func action(_ id: String, due: String?, status: Action.State = .open, priority: Double? = nil) -> Action {
        Action(id: id, title: id, due: due, status: status, priority: priority, by: "t", at: generatedAt)
    }

    func testOverdue() {
        let today = day("2026-02-15")
        XCTAssertTrue(ActionPlan.isOverdue(action("a", due: "2026-02-14"), today: today))
        XCTAssertFalse(ActionPlan.isOverdue(action("a", due: "2026-02-15"), today: today), "due today is not overdue yet")
        XCTAssertFalse(ActionPlan.isOverdue(action("a", due: nil), today: today))
        XCTAssertFalse(ActionPlan.isOverdue(action("a", due: "2026-01-01", status: .done), today: today))
        XCTAssertFalse(ActionPlan.isOverdue(action("a", due: "2026-01-01", status: .dropped), today: today))
        XCTAssertTrue(ActionPlan.isOverdue(action("a", due: "2026-01-01", status: .inProgress), today: today))
    }

    func testSortingByDueDateThenPriority() {
        let sorted = ActionPlan.sorted([
            action("A1", due: nil, priority: 5), action("A2", due: "2026-03-01", priority: 0.5), action("A3", due: "2026-03-01", priority: 2),
            action("A4", due: "2026-01-01", status: .done), action("A5", due: "2026-02-01"), action("A10", due: nil, priority: 5),
        ])
        XCTAssertEqual(sorted.map(\.id), ["A5", "A3", "A2", "A1", "A10", "A4"])
    }

    func testNextID() {
        XCTAssertEqual(ActionPlan.nextID([]), "A1")
        XCTAssertEqual(ActionPlan.nextID([action("A1", due: nil), action("A9", due: nil), action("X3", due: nil)]), "A10")
        XCTAssertEqual(ActionPlan.index(of: "a9", in: [action("A1", due: nil), action("A9", due: nil)]), 1)
    }

    func testSuggestionsFromGaps() throws {
        let q = try ReportFixtures.mini()
        var s = ReportFixtures.session(q)
        s.actions = []
        let ev = Evaluation(questionnaire: q, session: s)
        let sg = ActionPlan.suggestions(evaluation: ev, session: s, today: day("2026-02-15"))
        XCTAssertEqual(sg.map(\.question), ["tr.1.1.q1", "ss.1.1.q1", "tr.1.2.q1", "tr.1.2.q2"], "question gaps by priority")
        XCTAssertEqual(sg[0].title, "Complete every section of the form.")
        XCTAssertEqual(sg[1].title, "Close the gap: Is there a framework?", "no remediation in the questionnaire")
        XCTAssertEqual(sg.map(\.priority), [1, 1, 0.75, 0.5])
        XCTAssertEqual(sg[0].measure, "tr.m1_1")
        XCTAssertTrue(sg[0].critical)
        // Covered questions are not suggested again; the minimum priority filters.
        s.actions = [Action(id: "A1", title: "x", question: "tr.1.1.q1", status: .dropped, by: "t", at: generatedAt)]
        XCTAssertEqual(ActionPlan.suggestions(evaluation: ev, session: s, today: day("2026-02-15"), minPriority: 0.75).map(\.question),
                       ["ss.1.1.q1", "tr.1.2.q1"])
        let made = ActionPlan.actions(from: sg, existing: s.actions, owner: "dana", defaultDue: day("2026-05-16"), by: "t", at: generatedAt)
        XCTAssertEqual(made.map(\.id), ["A2", "A3", "A4", "A5"])
        XCTAssertTrue(made.allSatisfy { $0.owner == "dana" && $0.due == "2026-05-16" && $0.status == .open })
    }

    func testSuggestionTakesItsDueDateFromADeadlineRule() throws {
        let q = try Fixtures.questionnaire("""
        {"formatVersion": 1, "id": "t", "title": "T", "version": "1", "nodes": [{"id": "ss", "kind": "chapter", "title": "S", "children": [
          {"id": "ss.c1.m1_1", "kind": "measure", "number": "1.1", "title": "F", "questions": [
            {"id": "ss.c1.m1_1.q4", "type": "graded", "text": "Framework 2 weeks before?", "remediation": "Make it a release gate.",
             "options": [{"value": "yes", "label": "Yes", "score": 1}, {"value": "no", "label": "No", "score": 0}]}]}]}]}
        """)
        var s = Session(id: "t", title: "T", questionnaire: q, by: "t", at: generatedAt)
        s.answers["ss.c1.m1_1.q4"] = Answer(value: .text("no"), by: "t", at: generatedAt)
        s.events["placing_on_market"] = "2026-06-01"
        let sg = ActionPlan.suggestions(evaluation: Evaluation(questionnaire: q, session: s), session: s, today: day("2026-02-15"))
        XCTAssertEqual(sg.first?.due?.description, "2026-05-18")
        XCTAssertEqual(sg.first?.dueRule, "framework_before_market")
        // A deadline already past gives no due date (the default applies instead).
        XCTAssertNil(ActionPlan.suggestions(evaluation: Evaluation(questionnaire: q, session: s), session: s, today: day("2026-05-19")).first?.due)
    }
}
