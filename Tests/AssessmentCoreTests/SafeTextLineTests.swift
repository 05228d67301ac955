import AssessmentCore
import TestSupport
import XCTest

/// The one rule for titles and details (`SafeText.validLine`), used by the CLI, the full screen and plain mode.
final class SafeTextLineTests: XCTestCase {
    func testHostileLinesAreRefused() {
        for t in HostileText.titles { XCTAssertNil(SafeText.validLine(t), AnswerInput.shown(t)) }
        for t in ["", "   ", "a\tb", "one\ntwo", "\u{0}"] { XCTAssertNil(SafeText.validLine(t), AnswerInput.shown(t)) }
    }

    func testOrdinaryLinesAreTrimmedAndKept() {
        XCTAssertEqual(SafeText.validLine("  Acme model, Q3 2026 \n"), "Acme model, Q3 2026")
        XCTAssertEqual(SafeText.validLine(String(repeating: "é", count: 200)), String(repeating: "é", count: 200))
        XCTAssertEqual(SafeText.validLine("日本語 \u{00A0}é"), "日本語 \u{00A0}é", "no-break space and CJK are printable")
        XCTAssertEqual(SafeText.validLine("abc", maxLength: 2), nil)
    }

    func testTheMessageQuotesTheInputInert() {
        let m = SafeText.invalidLine("title", "Bad \u{1B}[2J title")
        XCTAssertEqual(m, "invalid title 'Bad \\u{1b}[2J title': use 1–200 printable characters on one line")
    }
}
