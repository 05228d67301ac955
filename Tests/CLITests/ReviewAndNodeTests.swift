import AssessmentCore
import Foundation
import TestSupport
import XCTest

final class ReviewAndNodeTests: XCTestCase {
    var store = ""
    override func setUp() { store = Fixtures.temporaryDirectory("review") }
    override func tearDown() { try? FileManager.default.removeItem(atPath: store) }

    func run(_ args: [String], expect: Int32 = 0, file: StaticString = #filePath, line: UInt = #line) throws -> RunResult {
        let r = try runCLI(args, store: store)
        XCTAssertEqual(r.status, expect, "\(args)\n\(r.stderr)", file: file, line: line)
        return r
    }

    func testFourEyesReview() throws {
        let id = try run(["new", "-q", "mini", "-t", "R", "--no-tui"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try run(["review", id, "tr.m1_1", "--as", "bob"], expect: 2)  // nothing answered yet
        _ = try run(["answer", id, "scope.gpai", "yes", "--as", "alice"])
        _ = try run(["answer", id, "tr.1.1.q1", "yes", "--as", "alice"])
        let own = try run(["review", id, "tr.m1_1", "--as", "alice"], expect: 2)
        XCTAssertTrue(own.stderr.contains("'alice' answered questions of '1.1 Keep documentation' and cannot also review it"), own.stderr)
        _ = try run(["review", id, "tr.m1_1", "--as", "bob", "--note", "checked DOC-1"])
        let report = try JSONParser.parse(try run(["report", id, "--format", "json"]).stdout)
        let m = report["tree"]?.array?[1]["children"]?.array?[0]["children"]?.array?[0]
        XCTAssertEqual(m?["review"]?["by"]?.string, "bob")
        XCTAssertEqual(m?["review"]?["note"]?.string, "checked DOC-1")
        _ = try run(["review", id, "tr.m1_1", "--withdraw", "--as", "bob"])
        let after = try JSONParser.parse(try run(["report", id, "--format", "json"]).stdout)
        XCTAssertNil(after["tree"]?.array?[1]["children"]?.array?[0]["children"]?.array?[0]["review"])
    }

    func testMeasureNumbersAreResolvedOrReportedAmbiguous() throws {
        let id = try run(["new", "-q", "mini", "-t", "N", "--no-tui"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let amb = try run(["score", id, "--explain", "1.1"], expect: 2)
        XCTAssertTrue(amb.stderr.contains("'1.1' is ambiguous in 'mini': tr.m1_1 (Transparency), ss.m1_1 (Safety and Security)"), amb.stderr)
        XCTAssertTrue(try run(["score", id, "--explain", "transparency 1.1"]).stdout.hasPrefix("1.1 Keep documentation [tr.m1_1]"))
        XCTAssertTrue(try run(["score", id, "--explain", "1.2"]).stdout.hasPrefix("1.2 Provide information [tr.m1_2]"))
        _ = try run(["score", id, "--explain", "7.7"], expect: 2)
    }

    func testShellCompletionsNameEveryCommand() throws {
        for shell in ["bash", "zsh", "fish"] {
            let out = try run(["--generate-completion-script", shell]).stdout
            for c in ["answer", "score", "report", "review", "doctor", "restore"] { XCTAssertTrue(out.contains(c), "\(shell): \(c)") }
        }
    }
}
