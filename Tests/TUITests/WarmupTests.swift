import AssessmentCore
import Foundation
@testable import TUI
import XCTest

/// The warm-up runs the real opening and drawing on its own sample, and stops when told to.
final class WarmupTests: XCTestCase {
    func testTheSampleOpensAndDrawsAsASessionDoes() {
        let (q, session) = Warmup.sample()
        var s = AppState(size: Size(width: 80, height: 24), config: TUIFixtures.config, screen: .home(HomeState()), hasHome: false,
                         now: TUIFixtures.now)
        _ = step(&s, .opened(session, q, readOnly: false))
        XCTAssertEqual(s.assessment?.question, "w.c.m.q1", "opened at the sample's position")
        let text = view(s).plainText()
        XCTAssertTrue(text.contains("Is it done?"), text)
        XCTAssertTrue(text.contains("Measure"), text)
    }

    func testItAsksBeforeDrawingAndStopsWhenTheWaitIsOver() {
        let shown = AppState(size: Size(width: 80, height: 24), config: TUIFixtures.config, screen: .home(HomeState()), hasHome: true,
                             now: TUIFixtures.now)
        var asked = 0
        Warmup.frame(like: shown) { asked += 1; return false }
        XCTAssertEqual(asked, 1)
        asked = 0
        Warmup.frame(like: shown) { asked += 1; return true }
        XCTAssertEqual(asked, 1, "two steps: one question between them")
    }
}
