import AssessmentCore
import Foundation
import TUI
import XCTest

/// The guidance pane shows the variant that fits the scope (`guidanceVariants`): a downstream
/// modifier above one third is told to answer for the modification only; a provider is not.
final class GuidanceVariantScreenTests: XCTestCase {
    func state(role: String) throws -> AppState {
        let q = try MeasurePanelTests.final()
        var s = TUIFixtures.session(q)
        for (id, v) in [("scope.role", role), ("scope.generality", "criterion")] {
            s.answers[id] = Answer(value: .text(v), by: "tester", at: TUIFixtures.now)
        }
        s.position = Session.Position(question: "cr.c1.m1_3.q1", node: nil, guidance: true)
        return AppState(size: Size(width: 140, height: 50), config: TUIFixtures.config,
                        screen: .assessment(AssessmentState(session: s, questionnaire: q)),
                        questionnaires: [q], hasHome: false, now: TUIFixtures.now)
    }

    func testModifierSeesTheModificationGuidanceAndProviderDoesNot() throws {
        let modifier = view(try state(role: "modifier_major")).plainText()
        XCTAssertTrue(modifier.contains("Guidance (i hides)"), modifier)
        XCTAssertTrue(modifier.contains("modification only"), modifier)
        let provider = view(try state(role: "provider")).plainText()
        XCTAssertTrue(provider.contains("Guidance (i hides)"), provider)
        XCTAssertFalse(provider.contains("modification"), provider)
    }
}
