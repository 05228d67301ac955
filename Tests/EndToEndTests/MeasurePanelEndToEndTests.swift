import Foundation
import XCTest

/// Issue 12 at a real terminal: what the measure asks beside the question, provisional scores,
/// and `resume --at`, with the shipped final Code.
final class MeasurePanelEndToEndTests: TmuxTestCase {
    /// A driver whose questionnaire folder also holds the shipped final Code, and a session of it
    /// scoped so that Copyright applies.
    func codeSession(_ label: String) throws -> (TmuxDriver, String) {
        let t = try TmuxDriver(label)
        try FileManager.default.copyItem(atPath: TmuxDriver.packageRoot.appendingPathComponent("Questionnaires/gpai-cop-2025.json").path,
                                         toPath: t.questionnaires + "/gpai-cop-2025.json")
        let id = try t.newSession("Code E2E", questionnaire: "gpai-cop-2025")
        for (q, v) in [("scope.role", "provider"), ("scope.generality", "criterion")] {
            let (c, o) = t.cli(["answer", id, q, v])
            XCTAssertEqual(c, 0, o)
        }
        return (t, id)
    }

    func testMeasurePanelOnTheFirstQuestionOfCopyright13At100x30() throws {
        let (t, id) = try codeSession("panel")
        t.start(["resume", id, "--at", "cr.c1.m1_3"], width: 100, height: 30)
        let s = t.waitFor("Copyright 1.3 · question 1 of")
        XCTAssertTrue(s.contains("Copyright 1.3 Identify and comply with rights reservations"), s)
        XCTAssertTrue(s.contains("What the Code asks (m hides):"), s)
        XCTAssertTrue(s.contains("IETF RFC 9309"), s)
        // The next question hides it; m shows it there.
        t.press("n", until: "Copyright 1.3 · question 2 of")
        XCTAssertFalse(t.screen().contains("What the Code asks"))
        t.press("m", until: "What the Code asks (m hides):")
        t.quit()
    }

    /// The same at the smallest and a large terminal: at 80×24 the tree is hidden and the pane scrolls
    /// ("↓ more", PgDn); at 200×60 the tree shows whole titles beside the panel.
    func testMeasurePanelAt80x24And200x60() throws {
        let (t, id) = try codeSession("sizes")
        t.start(["resume", id, "--at", "C1.3"], width: 80, height: 24)
        var s = t.waitFor("What the Code asks (m hides):")
        XCTAssertTrue(s.contains("Copyright 1.3 Identify and comply"), s)
        XCTAssertTrue(s.contains("↓ more"), s)
        t.keys("NPage")
        s = t.waitFor("Copyright 1.3 · question 1 of")
        t.quit()
        try? FileManager.default.removeItem(atPath: t.exitFile)
        t.tmux("kill-server")
        usleep(200_000)
        t.start(["resume", id, "--at", "C1.3"], width: 200, height: 60)
        s = t.waitFor("What the Code asks (m hides):")
        XCTAssertTrue(s.contains("1.2 Reproduce and extract only lawfully accessible copyright-protected content when crawling the World Wide Web"), s)
        t.quit()
    }

    func testTitleBarSaysTheScoreIsProvisional() throws {
        let (t, id) = try codeSession("provisional")
        t.start(["resume", id, "--at", "C1.3"], width: 120, height: 30)
        t.waitFor("Copyright 1.3 · question 1 of")
        let s = t.press("2", until: "· provisional ·")
        let top = s.split(separator: "\n").first.map(String.init) ?? ""
        XCTAssertTrue(top.contains("score 50% · provisional ·") && top.contains(" answered"), top)
        t.press("d", until: "40 measures:")
        t.quit()
    }

    func testResumeAtOpensAtAMeasureOrQuestionAndRefusesUnknownNames() throws {
        let (t, id) = try codeSession("resume-at")
        t.start(["resume", id, "--at", "Copyright 1.5"], width: 100, height: 30)
        t.waitFor("Copyright 1.5 · question 1 of")
        t.quit()
        XCTAssertEqual(t.position(id), "cr.c1.m1_5.q1")
        // A question id, in a second sitting.
        try? FileManager.default.removeItem(atPath: t.exitFile)
        t.tmux("kill-server")
        usleep(200_000)
        t.start(["resume", id, "--at", "cr.c1.m1_3.q2"], width: 100, height: 30)
        t.waitFor("Copyright 1.3 · question 2 of")
        t.quit()
        // Unknown: a clear error quoting the input, position untouched.
        let (code, out) = t.cli(["resume", id, "--at", "Copyright 9.9"])
        XCTAssertEqual(code, 2, out)
        XCTAssertTrue(out.contains("no measure or question 'Copyright 9.9'"), out)
        XCTAssertEqual(t.position(id), "cr.c1.m1_3.q2")
    }

    func testGuidanceChoiceIsRememberedBetweenSittings() throws {
        let (t, id) = try codeSession("guidance")
        t.start(["resume", id, "--at", "cr.c1.m1_3.q2"], width: 100, height: 30)
        t.waitFor("i: show guidance")
        t.press("i", until: "Guidance (i hides)")
        t.quit()
        try? FileManager.default.removeItem(atPath: t.exitFile)
        t.tmux("kill-server")
        usleep(200_000)
        t.start(["resume", id], width: 100, height: 30)
        t.waitFor("Guidance (i hides)")
        t.quit()
    }
}

/// The action plan at a real terminal: a gap on the dashboard becomes an action, stored at once.
final class ActionsEndToEndTests: TmuxTestCase {
    func testCreatingAnActionFromADashboardGap() throws {
        let t = try TmuxDriver("actions")
        let id = try t.resumeNewSession()
        t.press("1", until: "6 questions now apply")
        t.type("n2")
        t.press("n", until: "Is the model documentation form complete")
        t.press("2", until: "(•) Partly")
        t.press("d", until: "Top gaps")
        t.press("a", until: "added A1: Complete every section of the form.")
        // Stored at once (not only at quit), as `gpai-assess action list` shows it.
        let deadline = Date().addingTimeInterval(3)
        var actions: [[String: Any]] = []
        while Date() < deadline {
            actions = (t.session(id)?["actions"] as? [[String: Any]]) ?? []
            if !actions.isEmpty { break }
            usleep(100_000)
        }
        XCTAssertEqual(actions.first?["id"] as? String, "A1")
        XCTAssertEqual(actions.first?["question"] as? String, "tr.q1")
        t.press("P", until: "Action plan")
        t.press("o", until: "Owner:")
        t.type("Zoë")
        t.keys("Enter")
        t.waitFor("A1 saved")
        t.quit()
        let (code, out) = t.cli(["action", "list", id, "--json"])
        XCTAssertEqual(code, 0, out)
        let json = (try? JSONSerialization.jsonObject(with: Data(out.utf8))) as? [String: Any]
        let listed = (json?["actions"] as? [[String: Any]])?.first
        XCTAssertEqual(listed?["owner"] as? String, "Zoë", out)
        XCTAssertEqual(listed?["title"] as? String, "Complete every section of the form.", out)
    }
}
