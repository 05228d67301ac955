import AssessmentCore
import TestSupport
import TUI
import XCTest

/// The full screen refuses the titles and details the CLI and plain mode refuse (`HostileText.titles`):
/// pasted with a control in them, or too long when Enter is pressed; nothing is created or saved.
final class HostileTitleTests: XCTestCase {
    func home() throws -> AppState {
        let q = try TUIFixtures.sample()
        return AppState(size: Size(width: 80, height: 24), config: TUIFixtures.config, screen: .home(HomeState()),
                        sessions: [SessionSummary(session: TUIFixtures.session(q), questionnaire: q)], questionnaires: [q],
                        hasHome: true, now: TUIFixtures.now)
    }

    /// A control is refused when pasted; a title too long when Enter is pressed.
    func refusedAt(_ h: String) -> String { h.count > SafeText.maxLineLength ? "enter" : "paste" }

    func promptText(_ s: AppState) -> String? {
        switch s.overlay {
        case let .newTitle(_, e)?, let .rename(_, e)?: return e.text
        default: return nil
        }
    }

    func testNewAndRenameRefuseHostileTitles() throws {
        for h in HostileText.titles {
            let shown = AnswerInput.shown(h)
            for opening in ["n", "r"] {
                var s = try home()
                s.type(opening)
                s.press(.ctrl("u"))
                let pasted = update(&s, .paste(h))
                if refusedAt(h) == "paste" {
                    XCTAssertEqual(pasted, [.bell], "\(opening) \(shown)")
                    XCTAssertEqual(s.message?.text, SafeText.invalidLine("title", h), "\(opening) \(shown)")
                    XCTAssertEqual(promptText(s), "", "nothing inserted: \(opening) \(shown)")
                }
                let entered = s.press(.enter)
                XCTAssertEqual(entered, [.bell], "nothing created or saved: \(opening) \(shown)")
                if refusedAt(h) == "enter" { XCTAssertEqual(s.message?.text, SafeText.invalidLine("title", h), "\(opening) \(shown)") }
                XCTAssertNotNil(s.overlay, "the prompt stays open")
            }
        }
    }

    func testDetailsRefuseHostileText() throws {
        for h in HostileText.titles {
            let shown = AnswerInput.shown(h)
            var s = try TUIFixtures.assessment()
            s.type("O")
            guard case .details? = s.overlay else { return XCTFail("no details dialog: \(String(describing: s.overlay))") }
            let pasted = update(&s, .paste(h))
            if refusedAt(h) == "paste" {
                XCTAssertEqual(pasted, [.bell], shown)
                XCTAssertEqual(s.message?.text, SafeText.invalidLine("organisation", h), shown)
            }
            _ = s.press(.enter, .enter)
            if refusedAt(h) == "enter" {
                // The field holds at most the rule's 200 characters: the rest of the paste is not taken.
                XCTAssertEqual(s.a.session.organisation, String(h.prefix(SafeText.maxLineLength)), shown)
            } else {
                XCTAssertNil(s.a.session.organisation, shown)
            }
        }
    }
}
