import Foundation
import TestSupport
import XCTest

/// Every front end records, with each save of a change, the questionnaire the change was made
/// with; before issue 16 the full screen never did, so its "questionnaire changed" note came back
/// on every open while a CLI or plain-mode write silenced it.
final class QuestionnairePinEndToEndTests: TmuxTestCase {
    func testAnAnswerOnTheFullScreenRecordsTheQuestionnaireItWasGivenWith() throws {
        let t = try TmuxDriver("pin")
        let id = try t.newSession()
        // The installed questionnaire changes after the session started.
        let file = t.questionnaires + "/tui-sample.json"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let changed = text.replacingOccurrences(of: #""version": "1.0""#, with: #""version": "2.0""#)
        XCTAssertNotEqual(changed, text, "the fixture's version field")
        try changed.write(toFile: file, atomically: true, encoding: .utf8)

        t.start(["resume", id])
        t.waitFor("questionnaire changed")
        t.press("1", until: "6 questions now apply")
        t.quit()
        XCTAssertEqual((t.session(id)?["questionnaire"] as? [String: Any])?["version"] as? String, "2.0")

        try? FileManager.default.removeItem(atPath: t.exitFile)
        t.tmux("kill-server")
        usleep(200_000)
        t.start(["resume", id])
        let s = t.waitFor(TmuxDriver.firstQuestion)
        XCTAssertFalse(s.contains("questionnaire changed"), s)
        t.quit()
    }
}
