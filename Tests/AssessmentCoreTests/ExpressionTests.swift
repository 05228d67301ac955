import AssessmentCore
import TestSupport
import XCTest

final class ExpressionTests: XCTestCase {
    func eval(_ src: String, _ env: [String: ExpressionValue] = [:]) throws -> ExpressionValue {
        let e = try ExpressionParser.parse(src)
        return ExpressionEvaluator(lookup: { env[$0] ?? .null }).evaluate(e)
    }

    func error(_ src: String) -> ExpressionError? {
        do { _ = try ExpressionParser.parse(src); return nil } catch { return error }
    }

    func testComparisonsAndLiterals() throws {
        XCTAssertEqual(try eval("a == 'yes'", ["a": .string("yes")]), .bool(true))
        XCTAssertEqual(try eval("a != 'yes'", ["a": .string("no")]), .bool(true))
        XCTAssertEqual(try eval("n > 1e25", ["n": .number(2e25)]), .bool(true))
        XCTAssertEqual(try eval("n >= 1e25", ["n": .number(1e25)]), .bool(true))
        XCTAssertEqual(try eval("n < 1e25", ["n": .number(1e25)]), .bool(false))
        XCTAssertEqual(try eval("n <= 3", ["n": .number(3)]), .bool(true))
        XCTAssertEqual(try eval("true and not false"), .bool(true))
        XCTAssertEqual(try eval("1.5 == 1.50"), .bool(true))
    }

    func testPrecedence() throws {
        // not binds tighter than and, and tighter than or; * before +.
        XCTAssertEqual(try eval("true or false and false"), .bool(true))
        XCTAssertEqual(try eval("(true or false) and false"), .bool(false))
        XCTAssertEqual(try eval("not false and false"), .bool(false))
        XCTAssertEqual(try eval("1 + 2 * 3 == 7"), .bool(true))
        XCTAssertEqual(try eval("-2 * -3"), .number(6))
    }

    func testDerivedArithmetic() throws {
        let v = try eval("6 * p * t", ["p": .number(7e10), "t": .number(1.5e13)])
        XCTAssertEqual(v, .number(6 * 7e10 * 1.5e13))
        XCTAssertEqual(try eval("6 * p * t", ["p": .number(7e10)]), .null, "arithmetic with an unanswered value is null")
        XCTAssertEqual(try eval("1 / 0"), .null)
    }

    func testNullSemantics() throws {
        XCTAssertEqual(try eval("a == 'yes'"), .bool(false))
        XCTAssertEqual(try eval("a != 'yes'"), .bool(true))
        XCTAssertEqual(try eval("a > 3"), .bool(false))
        XCTAssertEqual(try eval("a <= 3"), .bool(false))
        XCTAssertEqual(try eval("a == null"), .bool(true))
        XCTAssertEqual(try eval("a in ['x']"), .bool(false))
        XCTAssertEqual(try eval("a not in ['x']"), .bool(false), "an unanswered question is neither in nor out")
    }

    func testInWithListsAndMultiAnswers() throws {
        XCTAssertEqual(try eval("a in ['x', 'y']", ["a": .string("y")]), .bool(true))
        XCTAssertEqual(try eval("a not in ['x', 'y']", ["a": .string("z")]), .bool(true))
        let multi: ExpressionValue = .list([.string("text"), .string("audio")])
        XCTAssertEqual(try eval("'audio' in m", ["m": multi]), .bool(true))
        XCTAssertEqual(try eval("'video' in m", ["m": multi]), .bool(false))
        XCTAssertEqual(try eval("m in ['video', 'text']", ["m": multi]), .bool(true))
    }

    func testFunctions() throws {
        XCTAssertEqual(try eval("answered(a)", ["a": .string("x")]), .bool(true))
        XCTAssertEqual(try eval("answered(a)"), .bool(false))
        XCTAssertEqual(try eval("max(a, 3)", ["a": .number(5)]), .number(5))
        XCTAssertEqual(try eval("min(a, 3)", ["a": .number(5)]), .number(3))
        XCTAssertEqual(try eval("coalesce(a, b) > 1e25", ["b": .number(2e25)]), .bool(true))
        XCTAssertEqual(try eval("coalesce(a, b)", ["a": .number(1), "b": .number(2)]), .number(1))
    }

    func testSyntaxErrorsCarryColumns() {
        XCTAssertEqual(error("a ==")?.column, 5)
        XCTAssertEqual(error("a = 1")?.column, 3)
        XCTAssertEqual(error("a = 1")?.message, "unexpected '=' (use '==' to compare)")
        XCTAssertEqual(error("'open")?.column, 1)
        XCTAssertEqual(error("(a == 1")?.message, "expected ')' at end of expression")
        XCTAssertEqual(error("a == 1 == 2")?.message, "comparisons cannot be chained; use 'and'")
        XCTAssertEqual(error("foo(a)")?.message.hasPrefix("unknown function 'foo'"), true)
        XCTAssertEqual(error("min(,a, 1)")?.message, "unexpected ','")
        XCTAssertEqual(error("answered(1)")?.message, "'answered' takes a question id")
        XCTAssertEqual(error("a == 1 b")?.column, 8)
        XCTAssertEqual(error("")?.message, "empty expression")
        XCTAssertEqual(error("a.")?.message, "identifier 'a.' ends with '.'")
        XCTAssertEqual(error("a $ b")?.message, "unexpected character '$'")
        XCTAssertNotNil(error(String(repeating: "(", count: 100) + "a" + String(repeating: ")", count: 100)))
        XCTAssertNotNil(error(String(repeating: "not ", count: 100) + "a"))
        XCTAssertNotNil(error(String(repeating: "a", count: 5000)))
    }

    func testIdentifiersAreListed() throws {
        let e = try ExpressionParser.parse("scope.a == 'x' or answered(scope.b) and c > 2")
        XCTAssertEqual(e.identifiers.map(\.name), ["scope.a", "scope.b", "c"])
        XCTAssertEqual(e.identifiers.map(\.column), [1, 28, 41])
    }
}
