import AssessmentCore
import Foundation
import TestSupport
import XCTest

/// The command line changes sessions through the core's `Session` API, with the full screen's rule:
/// `updated` moves only when something changed.
final class SessionEditsCLITests: XCTestCase {
    var store = ""

    override func setUp() { store = Fixtures.temporaryDirectory("cli-edits") }
    override func tearDown() { try? FileManager.default.removeItem(atPath: store) }

    func cli(_ args: String...) throws -> RunResult {
        let r = try runCLI(args, store: store)
        XCTAssertEqual(r.status, 0, "gpai-assess \(args.joined(separator: " "))\n\(r.stderr)")
        return r
    }

    func updated(_ id: String) throws -> String? {
        try JSONParser.parse(fileBytes("\(store)/sessions/\(id).json"))["updated"]?.string
    }

    func testRenameToTheSameTitleLeavesUpdatedAlone() throws {
        let id = try cli("new", "--questionnaire", "mini", "--title", "Acme Q3", "--no-tui").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let before = try XCTUnwrap(try updated(id))
        usleep(20_000)
        _ = try cli("rename", id, "Acme Q3")
        XCTAssertEqual(try updated(id), before, "nothing changed")
        _ = try cli("rename", id, "Acme Q4")
        XCTAssertNotEqual(try updated(id), before)
    }
}
