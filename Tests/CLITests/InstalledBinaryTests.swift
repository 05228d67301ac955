import Foundation
import TestSupport
import XCTest

/// The binary installed as the README says (PREFIX/bin and PREFIX/share/gpai-assess/questionnaires)
/// and started by name from another folder, as a shell does: argv[0] is then the bare name.
final class InstalledBinaryTests: XCTestCase {
    func testStartedFromPATHItFindsTheQuestionnairesInstalledBesideIt() throws {
        let prefix = Fixtures.temporaryDirectory("prefix")
        let elsewhere = Fixtures.temporaryDirectory("elsewhere")
        defer { for d in [prefix, elsewhere] { try? FileManager.default.removeItem(atPath: d) } }
        let share = prefix + "/share/gpai-assess/questionnaires"
        try FileManager.default.createDirectory(atPath: prefix + "/bin", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: share, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixtures.binary, toPath: prefix + "/bin/gpai-assess")
        // Only the fixture questionnaire is installed, so that finding it proves where the binary looked
        // (a debug build also falls back to its own checkout's Questionnaires/, which has no `mini`).
        try FileManager.default.copyItem(atPath: Fixtures.path("mini.json"), toPath: share + "/mini.json")
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "GPAI_ASSESS_QUESTIONNAIRES")
        env["PATH"] = prefix + "/bin:/usr/bin:/bin"
        env["HOME"] = elsewhere
        env["GPAI_ASSESS_NO_CACHE"] = "1"
        let r = try runProcess("/bin/sh", ["-c", "gpai-assess questionnaires"], environment: env, in: elsewhere)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.split(separator: "\n").contains { $0.hasPrefix("mini ") }, r.stdout + r.stderr)
    }
}
