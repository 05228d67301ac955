import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The full screen syncs in the background when the store has a git remote.
final class SyncEndToEndTests: TmuxTestCase {
    func testFullScreenSyncsOnOpenWhileOpenAndOnQuit() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/git") else { throw XCTSkip("git is not installed: the sync test needs it") }
        let t = try TmuxDriver("sync")
        let remote = t.dir + "/remote.git", other = t.dir + "/other"
        XCTAssertEqual(TmuxDriver.run("/usr/bin/git", ["init", "-q", "--bare", "-b", "main", remote]).0, 0)
        func elsewhere(_ args: String...) -> (Int32, String) { TmuxDriver.run(TmuxDriver.binary, ["--store", other] + args, env: t.environment) }
        let id = try t.newSession()
        XCTAssertEqual(t.cli(["sync", "--remote", remote]).0, 0)
        XCTAssertEqual(elsewhere("sync", "--remote", remote).0, 0)
        XCTAssertEqual(elsewhere("answer", id, "scope.systemic", "no").0, 0)
        XCTAssertEqual(elsewhere("sync").0, 0)

        // On open: the other machine's answer arrives and the status line says so.
        t.start(["resume", id], extraEnv: ["GPAI_ASSESS_SYNC_INTERVAL": "1"])
        t.waitFor(TmuxDriver.firstQuestion)
        t.waitFor("synced: 1 session updated from the remote", timeout: 20)
        XCTAssertEqual(t.value(id, "scope.systemic"), "no")
        t.type("1")   // yes: answered here, saved at once
        let deadline = Date().addingTimeInterval(5)
        while t.value(id, "scope.gpai") != "yes" && Date() < deadline { usleep(50_000) }

        // The remote goes away: the status line says so; typing goes on.
        XCTAssertEqual(rename(remote, remote + ".away"), 0)
        t.waitFor("not synced: remote unreachable — your answers are safe here", timeout: 20)
        XCTAssertEqual(rename(remote + ".away", remote), 0)

        // On quit: what was answered here reaches the remote.
        t.quit()
        XCTAssertEqual(elsewhere("sync").0, 0)
        let file = FileManager.default.contents(atPath: other + "/sessions/\(id).json") ?? Data()
        let json = (try? JSONSerialization.jsonObject(with: file)) as? [String: Any]
        XCTAssertEqual(((json?["answers"] as? [String: Any])?["scope.gpai"] as? [String: Any])?["value"] as? String, "yes")
    }

    func testNoSyncTurnsItOff() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/git") else { throw XCTSkip("git is not installed: the sync test needs it") }
        let t = try TmuxDriver("nosync")
        let remote = t.dir + "/remote.git"
        XCTAssertEqual(TmuxDriver.run("/usr/bin/git", ["init", "-q", "--bare", "-b", "main", remote]).0, 0)
        let id = try t.newSession()
        XCTAssertEqual(t.cli(["sync", "--remote", remote]).0, 0)
        t.start(["--no-sync", "resume", id], extraEnv: ["GPAI_ASSESS_SYNC_INTERVAL": "1"])
        t.waitFor(TmuxDriver.firstQuestion)
        t.type("1")
        usleep(3_000_000)
        XCTAssertFalse(t.screen().contains("synced"), t.screen())
        t.quit()
        let (_, status) = t.cli(["status"])
        XCTAssertTrue(status.contains("Not yet synced (1): \(id)"), status)
    }
}
