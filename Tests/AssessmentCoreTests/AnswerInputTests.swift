import AssessmentCore
import TestSupport
import XCTest

final class AnswerInputTests: XCTestCase {
    func question(_ id: String) throws -> Question { try XCTUnwrap(try Fixtures.mini().question(id)) }

    func message(_ text: String, _ id: String) throws -> String? {
        do { _ = try AnswerInput.parseValue(text, for: try question(id)); return nil } catch let e as AnswerInput.Error { return e.message }
    }

    func testChoices() throws {
        XCTAssertEqual(try AnswerInput.parseValue("partly", for: try question("tr.1.1.q1")), .text("partly"))
        XCTAssertEqual(try AnswerInput.parseValue(" YES ", for: try question("tr.1.1.q1")), .text("yes"))
        XCTAssertEqual(try message("maybe", "tr.1.1.q1"), "unknown value 'maybe' for question 'tr.1.1.q1'; allowed: yes, partly, no")
        XCTAssertEqual(try message("maybe", "tr.1.1.q2"), "unknown value 'maybe' for question 'tr.1.1.q2'; allowed: yes, partly, no, na")
    }

    func testNotApplicable() throws {
        XCTAssertNil(try AnswerInput.parseValue("na", for: try question("tr.1.1.q2")))
        XCTAssertEqual(try message("na", "tr.1.1.q1"), "question 'tr.1.1.q1' does not allow N/A; allowed: yes, partly, no")
    }

    func testMulti() throws {
        XCTAssertEqual(try AnswerInput.parseValue("web, email", for: try question("tr.1.2.q2")), .choices(["web", "email"]))
        XCTAssertEqual(try message("web,fax", "tr.1.2.q2"), "unknown value 'fax' for question 'tr.1.2.q2'; allowed: web, email, none")
        XCTAssertEqual(try message("web,none", "tr.1.2.q2"), "option 'none' of question 'tr.1.2.q2' cannot be combined with others")
    }

    /// A stored value of the wrong shape for its question (the questionnaire changed the type) names both.
    func testAValueOfTheWrongShapeNamesItAndTheQuestionType() {
        let wrong: [(QuestionType, AnswerValue, String)] = [
            (.graded, .number(1), "a number does not fit a graded question"),
            (.choice, .choices(["a"]), "a list does not fit a choice question"),
            (.scale, .number(2), "a number does not fit a scale question"),
            (.multi, .text("a"), "a text does not fit a multi question"),
            (.text, .number(3), "a number does not fit a text question"),
            (.number, .text("3"), "a text does not fit a number question"),
            (.date, .number(20260115), "a number does not fit a date question"),
        ]
        XCTAssertEqual(Set(wrong.map(\.0.rawValue)), Set(QuestionType.allCases.map(\.rawValue)), "every question type")
        for (type, value, expected) in wrong {
            XCTAssertEqual(AnswerInput.problem(with: value, for: Question(id: "q", type: type, text: "Q")), expected)
        }
    }

    func testNumbersAndDates() throws {
        XCTAssertEqual(try AnswerInput.parseValue("1e12", for: try question("scope.params")), .number(1e12))
        XCTAssertEqual(try AnswerInput.parseValue("70_000_000_000", for: try question("scope.params")), .number(7e10))
        XCTAssertEqual(try message("-1", "scope.params"), "value -1 for question 'scope.params' is below the minimum 0")
        XCTAssertEqual(try message("121", "ss.1.1.q2"), "value 121 for question 'ss.1.1.q2' is above the maximum 120")
        XCTAssertEqual(try message("lots", "ss.1.1.q2"), "unknown value 'lots' for question 'ss.1.1.q2'; allowed: a number from 0 to 120 (months)")
        XCTAssertEqual(try AnswerInput.parseValue("2024-02-29", for: try question("tr.1.1.q3")), .text("2024-02-29"))
        XCTAssertNotNil(try message("2025-02-29", "tr.1.1.q3"))
        XCTAssertNotNil(try message("2025-13-01", "tr.1.1.q3"))
        XCTAssertNotNil(try message("31/01/2025", "tr.1.1.q3"))
    }

    func testTextAndQuotingOfHostileInput() throws {
        XCTAssertEqual(try message("   ", "tr.1.2.q3"), "empty answer for question 'tr.1.2.q3'; allowed: any non-empty text")
        XCTAssertEqual(try message("\u{1b}[2J", "tr.1.1.q1"), "unknown value '\\u{1b}[2J' for question 'tr.1.1.q1'; allowed: yes, partly, no")
    }

    func testSessionRecordsHistory() throws {
        let q = try Fixtures.mini()
        var s = Session(id: "s", title: "S", questionnaire: q, by: "alice")
        XCTAssertTrue(s.set("tr.1.1.q1", to: Answer(value: .text("no"), by: "alice"), by: "alice"))
        XCTAssertFalse(s.set("tr.1.1.q1", to: Answer(value: .text("no"), by: "bob"), by: "bob"), "same content is not a change")
        XCTAssertTrue(s.set("tr.1.1.q1", to: Answer(value: .text("yes"), by: "bob"), by: "bob"))
        XCTAssertEqual(s.history.count, 2)
        XCTAssertEqual(s.history[1].old?.value, .text("no"))
        XCTAssertEqual(s.history[1].new?.value, .text("yes"))
        XCTAssertEqual(s.updatedBy, "bob")
    }
}
