import Foundation
import TestSupport
import XCTest

/// The real binary and the user's questionnaire cache: where it writes, and `GPAI_ASSESS_NO_CACHE=1`.
final class QuestionnaireCacheCLITests: XCTestCase {
    func entries(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".bin") }
    }

    func testTheBinaryFillsTheCacheInHomeAndUsesIt() throws {
        let home = Fixtures.temporaryDirectory("home")
        defer { try? FileManager.default.removeItem(atPath: home) }
        let env = ["HOME": home, "XDG_CACHE_HOME": "", "GPAI_ASSESS_NO_CACHE": ""]
        let first = try runCLI(["outline", "mini"], env: env)
        XCTAssertEqual(first.status, 0, first.stderr)
        let folder = home + "/.cache/gpai-assess/questionnaires"
        XCTAssertEqual(entries(folder).count, 1, "one entry for mini.json")
        let second = try runCLI(["outline", "mini"], env: env)
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertEqual(second.stdout, first.stdout, "the cached questionnaire reads the same")
        XCTAssertEqual(entries(folder).count, 1)

        let xdg = home + "/xdg"
        XCTAssertEqual(try runCLI(["outline", "mini"], env: ["HOME": home, "XDG_CACHE_HOME": xdg]).status, 0)
        XCTAssertEqual(entries(xdg + "/gpai-assess/questionnaires").count, 1, "XDG_CACHE_HOME wins over HOME")
    }

    func testNoCacheWritesNothing() throws {
        let home = Fixtures.temporaryDirectory("home")
        defer { try? FileManager.default.removeItem(atPath: home) }
        let r = try runCLI(["outline", "mini"], env: ["HOME": home, "XDG_CACHE_HOME": "", "GPAI_ASSESS_NO_CACHE": "1"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("Mini"), r.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: home + "/.cache"), "nothing written under HOME")
    }
}
