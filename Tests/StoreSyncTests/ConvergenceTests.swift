import AssessmentCore
import AssessmentStore
import Foundation
@testable import StoreSync
import TestSupport
import XCTest

/// Five stores edit thirty sessions at random and sync in random order; afterwards every store
/// syncs twice and all must hold the same bytes, with no acknowledged answer missing.
final class ConvergenceTests: XCTestCase {
    struct Ack { var session: String; var question: String; var answer: Answer }

    func testFiveStoresConverge() throws {
        let h = try SyncHarness()
        var rng = SeededRandom(seed: UInt64(ProcessInfo.processInfo.environment["SYNC_SEED"] ?? "") ?? 20261130)
        let stores = (0..<5).map { "s\($0)" }
        let users = ["alice", "bob", "carol", "dave", "erin"]
        let questions = h.questionnaire.allQuestions.map(\.id)
        let values = ["yes", "no", "partly", "web", "2026-01-01", "42"]
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        var sessionIDs: [String] = []
        for i in 0..<30 { sessionIDs.append(try h.create("s0", title: "Session \(i)", by: "alice", at: t0).id) }
        for s in stores { try h.sync(s) }

        var acks: [Ack] = []
        var deleted = Set<String>()
        var ops = [String: Int]()
        var conflictsCreated = 0, conflictsResolved = 0, syncs = 0
        for step in 1...300 {
            let k = rng.below(stores.count)
            let store = h.store(stores[k]), user = users[k]
            let now = t0.addingTimeInterval(Double(step))
            let present = store.ids()
            guard !present.isEmpty else { continue }
            let id = present[rng.below(present.count)]
            let roll = rng.below(100)
            switch roll {
            case 0..<50, 50..<63:
                let q = questions[rng.below(questions.count)]
                let a = Answer(value: .text(values[rng.below(values.count)]), note: roll >= 50 ? "note \(step)" : nil, by: user, at: now)
                var changed = false
                try store.update(id) { s in changed = s.set(q, to: a, by: user, at: now) }
                if changed { acks.append(Ack(session: id, question: q, answer: a)) }
                ops[roll >= 50 ? "note" : "answer", default: 0] += 1
            case 63..<72:
                try store.update(id) { s in
                    if !s.actions.isEmpty && rng.chance(50) {
                        let i = rng.below(s.actions.count)
                        s.actions[i].owner = user; s.actions[i].updated = now
                    } else {
                        s.actions.append(Action(id: ActionPlan.nextID(s.actions), title: "Close gap \(step)", by: user, at: now))
                    }
                    s.updated = now; s.updatedBy = user
                }
                ops["action", default: 0] += 1
            case 72..<77:
                try store.update(id) { s in s.title = "Renamed \(step)"; s.updated = now; s.updatedBy = user }
                ops["rename", default: 0] += 1
            case 77..<79:
                try store.delete(id)
                deleted.insert(id)
                ops["delete", default: 0] += 1
            case 79..<87:
                // Resolve a conflict here, if there is one, by answering.
                guard let (sid, c) = present.lazy.compactMap({ sid -> (String, Conflict)? in
                    guard let s = try? store.load(sid), let c = s.conflicts.first(where: { $0.kind == .answer }) else { return nil }
                    return (sid, c)
                }).first else { continue }
                let pick = c.sides[rng.below(c.sides.count)].answer
                let a = Answer(value: pick?.value ?? .text("yes"), note: pick?.note, by: user, at: now)
                try store.update(sid) { s in _ = s.set(c.key, to: a, by: user, at: now) }
                acks.append(Ack(session: sid, question: c.key, answer: a))
                conflictsResolved += 1
                ops["resolve", default: 0] += 1
            default:
                conflictsCreated += try h.sync(stores[k]).newConflicts.count
                syncs += 1
            }
        }
        for _ in 0..<2 {
            for s in stores { conflictsCreated += try h.sync(s).newConflicts.count; syncs += 1 }
        }

        // Same bytes everywhere.
        let reference = h.files("s0")
        for s in stores.dropFirst() { XCTAssertEqual(h.files(s), reference, "\(s) differs from s0") }

        // No acknowledged answer missing: every one is in the history, and the latest one per
        // question is the answer or one side of its conflict (sessions nobody deleted).
        var latest: [String: Ack] = [:]
        for a in acks where !deleted.contains(a.session) {
            let s = try h.load("s0", a.session)
            XCTAssertTrue(s.history.contains { $0.question == a.question && $0.new == a.answer }, "history of \(a.session) lacks \(a.question) by \(a.answer.by)")
            latest["\(a.session) \(a.question)"] = a
        }
        for a in latest.values {
            let s = try h.load("s0", a.session)
            let kept = s.answers[a.question] == a.answer || (s.conflict(onQuestion: a.question)?.sides.contains { $0.answer == a.answer } ?? false)
            XCTAssertTrue(kept, "\(a.session) \(a.question): the latest answer (\(a.answer.value?.description ?? "")) by \(a.answer.by) is missing")
        }
        for id in sessionIDs where !deleted.contains(id) { XCTAssertNotNil(reference[id], "\(id) was never deleted but is gone") }
        let remaining = reference.values.compactMap { try? SessionCodec.decode($0) }.reduce(0) { $0 + $1.conflicts.count }
        print("convergence: stores=\(stores.count) sessions=\(sessionIDs.count) operations=\(ops.values.reduce(0, +)) \(ops.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")) syncs=\(syncs) conflicts created=\(conflictsCreated) resolved=\(conflictsResolved) open at the end=\(remaining) acknowledged answers=\(acks.count)")
    }
}
