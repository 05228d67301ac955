import AssessmentCore
import Foundation
import TestSupport
import XCTest

/// The questions split in gpai-cop-2025 1.1.0, carried over from a session saved with 1.0.0.
final class SplitMigrationTests: XCTestCase {
    func testSessionFrom100GetsTheMappedAnswers() throws {
        let q = try Shipped.final()
        var old = q
        old.version = "1.0.0"
        var s = Session(id: "old", title: "Old", questionnaire: old, by: "alice", at: answeredAt)
        let pre: [String: String] = ["ss.c6.m6_2.app4.q2": "yes", "ss.c3.m3_2.q1": "partly", "ss.c1.m1_2.q3": "yes"]
        for (k, v) in pre { s.set(k, to: Answer(value: .text(v), by: "alice", at: answeredAt), by: "alice", at: answeredAt) }
        s.pin(to: q, by: "bob", at: answeredAt.addingTimeInterval(60))
        XCTAssertEqual(s.questionnaire.version, q.version)
        for suffix in ["", "_alerts", "_encryption", "_keys", "_memory", "_physical"] {
            XCTAssertEqual(s.answers["ss.c6.m6_2.app4.q2" + suffix]?.value, .text("yes"), "yes to all six controls is yes to each: \(suffix)")
        }
        XCTAssertEqual(s.answers["ss.c1.m1_2.q4"]?.value, .text("yes"))
        for id in ["ss.c3.m3_2.q1", "ss.c3.m3_2.q4"] {
            XCTAssertNil(s.answers[id]?.value, "\(id): 'partly' to evaluations and red-teaming together is asked again")
            XCTAssertTrue(s.answers[id]?.note?.contains("split") ?? false)
        }
        XCTAssertEqual(s.history.first { $0.question == "ss.c3.m3_2.q1" && $0.new?.value == nil }?.old?.value, .text("partly"))
    }

    func testEveryMigrationOfTheShippedQuestionnaireNamesSplitQuestions() throws {
        let q = try Shipped.final()
        XCTAssertEqual(q.migrations.flatMap(\.answers).map(\.question).sorted(),
                       ["ss.c1.m1_2.q3", "ss.c3.m3_2.q1", "ss.c6.m6_2.app4.q1", "ss.c6.m6_2.app4.q2",
                        "ss.c6.m6_2.app4.q3", "ss.c6.m6_2.app4.q4", "ss.c6.m6_2.app4.q5"])
        XCTAssertTrue(q.migrations.allSatisfy { $0.from.matches("1.0.0") && !$0.from.matches(q.version) })
    }

    func testSessionFrom120GetsTheAppendix4Splits() throws {
        let q = try Shipped.final()
        var old = q
        old.version = "1.2.0"
        var s = Session(id: "old", title: "Old", questionnaire: old, by: "alice", at: answeredAt)
        for (k, v) in ["ss.c6.m6_2.app4.q5": "yes", "ss.c6.m6_2.app4.q3": "partly", "ss.c6.m6_2.app4.q2": "partly"] {
            s.set(k, to: Answer(value: .text(v), by: "alice", at: answeredAt), by: "alice", at: answeredAt)
        }
        s.pin(to: q, by: "bob", at: answeredAt.addingTimeInterval(60))
        for suffix in ["", "_redteam", "_bounty", "_reporting", "_detection", "_response"] {
            XCTAssertEqual(s.answers["ss.c6.m6_2.app4.q5" + suffix]?.value, .text("yes"), suffix)
        }
        XCTAssertNil(s.answers["ss.c6.m6_2.app4.q5_integrity"], "personnel integrity testing was not in the old question: asked fresh, not copied")
        XCTAssertNil(s.answers["ss.c6.m6_2.app4.q3_review"]?.value)
        XCTAssertTrue(s.answers["ss.c6.m6_2.app4.q3_review"]?.note?.contains("Asked again") ?? false)
        XCTAssertEqual(s.answers["ss.c6.m6_2.app4.q2"]?.value, .text("partly"), "a 1.2.0 session was already past the 1.1.0 split")
    }
}
