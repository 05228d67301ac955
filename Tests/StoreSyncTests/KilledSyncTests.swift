#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import AssessmentCore
import AssessmentStore
import Foundation
@testable import StoreSync
import TestSupport
import XCTest

/// `gpai-assess sync` killed at random moments: the next sync completes and nothing is lost.
final class KilledSyncTests: XCTestCase {
    func testSyncKilledAtRandomMomentsTwentyTimes() throws {
        let h = try SyncHarness()
        var rng = SeededRandom(seed: 15)
        let ids = try (0..<4).map { try h.create("a", title: "Session \($0)", by: "alice").id }
        try h.sync("a"); try h.sync("b")
        let questions = h.questionnaire.allQuestions.map(\.id)
        var latest: [String: Answer] = [:]   // "<session> <question>" → last acknowledged answer, on either store
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        var killed = 0
        // How long a whole sync takes here (start-up, commit, fetch, merge, write, push), to kill within it.
        let started = Date()
        XCTAssertEqual(try runCLI(["--store", h.store("a").root, "sync"], env: h.gitEnvironment).status, 0)
        let span = max(0.05, Date().timeIntervalSince(started))
        for round in 0..<20 {
            for (k, store) in ["a", "b"].enumerated() {
                for _ in 0..<3 {
                    let id = ids[rng.below(ids.count)], q = questions[rng.below(questions.count)]
                    let t = t0.addingTimeInterval(Double(round * 10 + k * 5 + rng.below(5)))
                    let a = Answer(value: .text("v\(round)-\(store)"), by: store, at: t)
                    if try h.answer(store, id, q, "v\(round)-\(store)", by: store, at: t) { latest["\(id) \(q)"] = a }
                }
            }
            if rng.chance(50) { try h.sync("b") }
            // Kill a real sync at a random moment of its run.
            let p = Process()
            p.executableURL = URL(fileURLWithPath: Fixtures.binary)
            p.arguments = ["--store", h.store("a").root, "sync"]
            p.environment = h.gitEnvironment
            p.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
            p.standardError = FileHandle(forWritingAtPath: "/dev/null")
            try p.run()
            usleep(UInt32(rng.below(Int(span * 1_000_000))))
            if p.isRunning { kill(p.processIdentifier, SIGKILL); killed += 1 }
            p.waitUntilExit()
            // The next sync completes.
            try h.sync("a")
        }
        try h.sync("b"); try h.sync("a")
        XCTAssertEqual(h.files("a"), h.files("b"))
        for (key, a) in latest {
            let parts = key.split(separator: " ").map(String.init)
            let s = try h.load("a", parts[0])
            let kept = s.answers[parts[1]]?.sameContent(as: a) == true
                || (s.conflict(onQuestion: parts[1])?.sides.contains { $0.answer?.sameContent(as: a) == true } ?? false)
            XCTAssertTrue(kept, "\(key): \(a.value?.description ?? "") by \(a.by) is missing")
            XCTAssertTrue(s.history.contains { $0.question == parts[1] && $0.new?.sameContent(as: a) == true && $0.new?.by == a.by })
        }
        print("killed sync: 20 runs, \(killed) killed before finishing (a whole sync took \(Int(span * 1000)) ms)")
    }
}
