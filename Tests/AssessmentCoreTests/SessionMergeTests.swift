@testable import AssessmentCore
import Foundation
import TestSupport
import XCTest

/// The three-way merge of one session's data (no files, no git).
final class SessionMergeTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    func at(_ s: Double) -> Date { t0.addingTimeInterval(s) }

    func base() throws -> Session {
        var s = Session(id: "acme", title: "Acme", questionnaire: try Fixtures.mini(), by: "alice", at: t0)
        s.set("scope.gpai", to: Answer(value: .text("yes"), by: "alice", at: at(1)), by: "alice", at: at(1))
        return s
    }

    func answer(_ s: inout Session, _ q: String, _ v: String, by: String, _ t: Double) {
        s.set(q, to: Answer(value: .text(v), by: by, at: at(t)), by: by, at: at(t))
    }

    func testAnswersChangedOnOneSideEachAreBothTaken() throws {
        let b = try base()
        var o = b, t = b
        answer(&o, "tr.1.1.q2", "yes", by: "alice", 10)
        answer(&t, "tr.1.2.q3", "text", by: "bob", 11)
        answer(&t, "tr.1.1.q1", "partly", by: "bob", 12)
        let m = SessionMerge.merge(base: b, ours: o, theirs: t)
        XCTAssertTrue(m.newConflicts.isEmpty)
        XCTAssertEqual(m.session.answers["tr.1.1.q2"]?.value, .text("yes"))
        XCTAssertEqual(m.session.answers["tr.1.2.q3"]?.value, .text("text"))
        XCTAssertEqual(m.session.answers["tr.1.1.q1"]?.value, .text("partly"))
        XCTAssertEqual(m.session.history.count, 4, "the union of both histories, each entry once")
        XCTAssertEqual(m.session.history.map(\.at), m.session.history.map(\.at).sorted())
        XCTAssertEqual(m.session.updatedBy, "bob", "the later side's stamp")
        // Either order gives the same session.
        XCTAssertEqual(SessionMerge.merge(base: b, ours: t, theirs: o).session, m.session)
    }

    func testSameChangeOnBothSidesIsNoConflict() throws {
        let b = try base()
        var o = b, t = b
        answer(&o, "tr.1.1.q1", "yes", by: "alice", 10)
        answer(&t, "tr.1.1.q1", "yes", by: "bob", 11)
        let m = SessionMerge.merge(base: b, ours: o, theirs: t)
        XCTAssertTrue(m.session.conflicts.isEmpty)
        XCTAssertEqual(m.session.answers["tr.1.1.q1"]?.by, "bob")
    }

    func testDifferentAnswersBecomeAConflictCountedAsUnansweredUntilResolved() throws {
        let q = try Fixtures.mini()
        let b = try base()
        var o = b, t = b
        answer(&o, "tr.1.1.q1", "yes", by: "alice", 10)
        answer(&t, "tr.1.1.q1", "partly", by: "bob", 11)
        let m = SessionMerge.merge(base: b, ours: o, theirs: t)
        XCTAssertEqual(m.newConflicts.count, 1)
        let c = try XCTUnwrap(m.session.conflict(onQuestion: "tr.1.1.q1"))
        XCTAssertEqual(c.sides.map { $0.answer?.value }, [.text("yes"), .text("partly")])
        XCTAssertEqual(c.sides.map(\.by), ["alice", "bob"])
        XCTAssertEqual(c.sides.map(\.at), [at(10), at(11)])
        XCTAssertNil(m.session.answers["tr.1.1.q1"])
        XCTAssertEqual(SessionMerge.merge(base: b, ours: t, theirs: o).session, m.session, "the same bytes whichever machine merges")
        let before = Evaluation(questionnaire: q, session: o).overall.answeredQuestions
        XCTAssertEqual(Evaluation(questionnaire: q, session: m.session).overall.answeredQuestions, before - 1)

        // Answering resolves it and is recorded in history.
        var r = m.session
        XCTAssertTrue(r.set("tr.1.1.q1", to: Answer(value: .text("partly"), by: "carol", at: at(20)), by: "carol", at: at(20)))
        XCTAssertTrue(r.conflicts.isEmpty)
        XCTAssertEqual(r.history.last?.by, "carol")
        XCTAssertEqual(r.history.last?.question, "tr.1.1.q1")

        // Resolved on one side, unchanged on the other: the resolution wins.
        let after = SessionMerge.merge(base: m.session, ours: m.session, theirs: r).session
        XCTAssertEqual(after, r)
        // Resolved on both sides differently: a new conflict, nothing lost.
        var r2 = m.session
        r2.set("tr.1.1.q1", to: Answer(value: .text("no"), by: "dave", at: at(21)), by: "dave", at: at(21))
        let again = SessionMerge.merge(base: m.session, ours: r, theirs: r2).session
        XCTAssertEqual(again.conflict(onQuestion: "tr.1.1.q1")?.sides.compactMap { $0.answer?.by }, ["carol", "dave"])
    }

    func testAConflictMergedWithAThirdAnswerKeepsEverySide() throws {
        let b = try base()
        var o = b, t = b, u = b
        answer(&o, "tr.1.1.q1", "yes", by: "alice", 10)
        answer(&t, "tr.1.1.q1", "partly", by: "bob", 11)
        answer(&u, "tr.1.1.q1", "no", by: "carol", 12)
        let m = SessionMerge.merge(base: b, ours: o, theirs: t).session
        let m2 = SessionMerge.merge(base: b, ours: u, theirs: m).session
        XCTAssertEqual(m2.conflict(onQuestion: "tr.1.1.q1")?.sides.compactMap { $0.answer?.by }, ["alice", "bob", "carol"])
    }

    func testTitleAndEventsConflictWhenBothChanged() throws {
        let b = try base()
        var o = b, t = b
        o.title = "Acme Q4"; o.updated = at(10); o.events["placing_on_market"] = "2026-01-01"
        t.title = "Acme 2026"; t.updated = at(11); t.events["placing_on_market"] = "2026-02-01"
        let m = SessionMerge.merge(base: b, ours: o, theirs: t).session
        XCTAssertEqual(m.title, "Acme 2026", "the later title is shown meanwhile")
        XCTAssertEqual(Set(m.conflicts.map(\.label)), ["title", "event placing_on_market"])
        XCTAssertEqual(m.conflicts.first { $0.kind == .title }?.sides.compactMap(\.text), ["Acme Q4", "Acme 2026"])
    }

    func testActionsMergeByIdFieldByField() throws {
        var b = try base()
        b.actions = [Action(id: "A1", title: "Write form", by: "alice", at: at(2)), Action(id: "A2", title: "Old", by: "alice", at: at(3))]
        var o = b, t = b
        o.actions[0].owner = "alice"; o.actions[0].updated = at(10)
        t.actions[0].due = "2026-03-01"; t.actions[0].updated = at(11)
        // Same field changed differently: a conflict.
        o.actions[0].status = .done
        t.actions[0].status = .dropped
        // Deleted on one side, changed on the other: kept.
        o.actions.remove(at: 1)
        t.actions[1].note = "still needed"
        // Added on both sides under the same id: both kept, ours renumbered.
        o.actions.append(Action(id: "A3", title: "Ours", by: "alice", at: at(12)))
        t.actions.append(Action(id: "A3", title: "Theirs", by: "bob", at: at(13)))
        let m = SessionMerge.merge(base: b, ours: o, theirs: t)
        let a = m.session.actions
        XCTAssertEqual(a.first { $0.id == "A1" }?.owner, "alice")
        XCTAssertEqual(a.first { $0.id == "A1" }?.due, "2026-03-01")
        XCTAssertEqual(m.session.conflicts.map(\.label), ["action A1.status"])
        XCTAssertEqual(a.first { $0.id == "A2" }?.note, "still needed")
        XCTAssertEqual(a.first { $0.id == "A3" }?.title, "Theirs")
        XCTAssertEqual(a.first { $0.title == "Ours" }?.id, "A4")
        XCTAssertTrue(m.notes.contains { $0.contains("A3") })
    }

    func testConflictsRoundTripThroughCodable() throws {
        let b = try base()
        var o = b, t = b
        answer(&o, "tr.1.1.q1", "yes", by: "alice", 10)
        answer(&t, "tr.1.1.q1", "partly", by: "bob", 11)
        let m = SessionMerge.merge(base: b, ours: o, theirs: t).session
        let d = try JSONDecoder().decode(Session.self, from: JSONEncoder().encode(m))
        XCTAssertEqual(d.conflicts, m.conflicts)
        let plain = String(decoding: try JSONEncoder().encode(b), as: UTF8.self)
        XCTAssertFalse(plain.contains("conflicts"), "a session without conflicts is written as before")
    }
}
