import AssessmentCore
import AssessmentStore
import Foundation
import PlainMode
import TestSupport
import XCTest

/// Plain mode prints what the measure asks, as the full screen's measure panel shows it (issue 12).
final class PlainRequirementsTests: XCTestCase {
    func testEnteringAMeasurePrintsItsRequirementsAndIOnlyRepeatsThem() throws {
        let dir = Fixtures.temporaryDirectory("plain-req")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = SessionStore(root: dir)
        let q = try QuestionnaireLoader.load(path: Fixtures.questionnairesFolder + "/gpai-cop-2025.json")
        let id = try store.create(title: "Code", questionnaire: q, by: "alice").id
        try store.update(id) { s in
            for (k, v) in [("scope.role", "provider"), ("scope.generality", "criterion")] {
                s.answers[k] = Answer(value: .text(v), by: "alice", at: Date())
            }
            s.position = Session.Position(question: "cr.c1.m1_3.q1")
        }
        let core = PlainSession(store: store, questionnaires: [q], user: "alice", start: .session(id))
        let first = core.begin().text
        let reqs = try XCTUnwrap(q.node("cr.c1.m1_3")?.requirements)
        XCTAssertTrue(first.contains("What Copyright 1.3 asks:\n- " + reqs[0] + "\n- " + reqs[1]), first)
        XCTAssertTrue(first.contains("References: Code, Copyright chapter, Measure 1.3; IETF RFC 9309"), first)
        // The next question of the same measure does not repeat them; i does.
        let next = core.receive("1").text
        XCTAssertFalse(next.contains("What Copyright 1.3 asks:"), next)
        XCTAssertTrue(core.receive("i").text.contains("What Copyright 1.3 asks:"))
    }
}
