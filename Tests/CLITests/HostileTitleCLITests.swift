import AssessmentCore
import AssessmentStore
import Foundation
import TestSupport
import XCTest

/// `new`, `rename` and `details` refuse the titles and details the full screen and plain mode refuse
/// (`HostileText.titles`), quoting the input inert, and change nothing.
final class HostileTitleCLITests: XCTestCase {
    var store = ""
    override func setUp() { store = Fixtures.temporaryDirectory("hostile-title") }
    override func tearDown() { try? FileManager.default.removeItem(atPath: store) }

    func testNewRenameAndDetailsRefuseHostileText() throws {
        let id = try runCLI(["new", "-q", "mini", "-t", "Kept", "--no-tui"], store: store).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let path = "\(store)/sessions/\(id).json"
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        for h in HostileText.titles {
            let shown = AnswerInput.shown(h)
            let runs: [([String], String)] = [
                (["new", "-q", "mini", "-t", h, "--no-tui"], SafeText.invalidLine("title", h)),
                (["new", "-q", "mini", "-t", "Fine", "--model", h, "--no-tui"], SafeText.invalidLine("--model", h)),
                (["rename", id, h], SafeText.invalidLine("title", h)),
                (["details", id, "--organisation", h], SafeText.invalidLine("--organisation", h)),
            ]
            for (args, message) in runs {
                let r = try runCLI(args, store: store)
                XCTAssertEqual(r.status, 2, "\(args.map(AnswerInput.shown)): \(r.stderr)")
                XCTAssertTrue(r.stderr.contains(message), "\(shown): \(r.stderr)")
                XCTAssertFalse(r.stderr.unicodeScalars.contains { SafeText.isControl($0) && $0 != "\n" }, "a control reached stderr: \(shown)")
            }
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before, shown)
            XCTAssertEqual(try SessionStore(root: store).ids(), [id], "nothing created: \(shown)")
        }
    }
}
