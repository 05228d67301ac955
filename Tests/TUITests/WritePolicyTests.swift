import AssessmentCore
import Foundation
import TUI
import XCTest

/// When changes reach the store (`step`, `PendingWrites`), driven with an injected clock: every time is
/// passed in with the events, nothing waits.
final class WritePolicyTests: XCTestCase {
    let t0 = TUIFixtures.now
    let id = "acme-model-abcd"

    /// One event at `t0 + dt` seconds.
    @discardableResult
    func at(_ s: inout AppState, _ dt: TimeInterval, _ e: Event) -> [Effect] {
        s.now = t0.addingTimeInterval(dt)
        return step(&s, e)
    }

    func writes(_ fx: [Effect]) -> [[SessionChange]] {
        fx.compactMap { if case let .write(_, c) = $0 { return c } else { return nil } }
    }

    func testThreeMovesWithinTheIdleTimeMakeOnePositionWriteAfterIt() throws {
        var s = try TUIFixtures.assessment()
        var fx = at(&s, 0.0, .key(.char("n")))
        fx += at(&s, 0.1, .key(.char("p")))
        fx += at(&s, 0.2, .key(.char("n")))
        XCTAssertEqual(writes(fx), [], "moving writes nothing while keys come")
        XCTAssertEqual(s.wakeAfterMs(now: s.now), 400, "the runtime is asked to wake when the pause is long enough")
        XCTAssertEqual(writes(at(&s, 0.5, .tick(t0.addingTimeInterval(0.5)))), [], "0.3 s after the last move: not yet")
        let due = at(&s, 0.6, .tick(t0.addingTimeInterval(0.6)))
        XCTAssertEqual(writes(due), [[.position(s.a.savedPosition)]], "one write, of where the user is now")
        XCTAssertEqual(writes(at(&s, 1.5, .tick(t0.addingTimeInterval(1.5)))), [], "written once")
        XCTAssertTrue(s.writes.isEmpty)
    }

    func testARefusedSaveIsRetriedOnTheNextTickAndTheMarkClearsWhenItSucceeds() throws {
        var s = try TUIFixtures.assessment()
        let fx = at(&s, 0, .key(.char("1")))
        let answer = try XCTUnwrap(writes(fx).first, "an answer is written at once: \(fx)")
        XCTAssertTrue(answer.contains { if case .answer = $0 { return true } else { return false } })
        XCTAssertEqual(at(&s, 0.01, .writeRefused(sessionID: id, answer, reason: "disk full")), [.bell])
        XCTAssertEqual(s.a.unsavedError, "disk full")
        XCTAssertTrue(view(s).plainText().contains("NOT SAVED"))
        XCTAssertEqual(s.writes.unsaved?.changes, answer.filter { if case .answer = $0 { return true } else { return false } })
        XCTAssertEqual(s.wakeAfterMs(now: s.now), 400, "a refused save brings the next tick closer")
        let retry = at(&s, 0.5, .tick(t0.addingTimeInterval(0.5)))
        XCTAssertEqual(writes(retry).first?.first, answer.first, "retried on the next tick: \(retry)")
        XCTAssertNil(s.writes.unsaved)
        XCTAssertNotNil(s.a.unsavedError, "still marked until the store takes it")
        at(&s, 0.51, .saved(s.a.session))
        XCTAssertNil(s.a.unsavedError)
        XCTAssertFalse(view(s).plainText().contains("NOT SAVED"))
        XCTAssertEqual(s.message?.text, "saved again")
    }

    func testARefusedChangeGoesFirstWithTheNextChange() throws {
        var s = try TUIFixtures.assessment()
        let first = writes(at(&s, 0, .key(.char("1")))).flatMap { $0 }
        at(&s, 0.01, .writeRefused(sessionID: id, first, reason: "disk full"))
        at(&s, 0.1, .key(.char("n")))
        let next = writes(at(&s, 0.2, .key(.char("2")))).flatMap { $0 }
        XCTAssertEqual(Array(next.prefix(first.count)), first, "the refused change first, then the new one: \(next)")
        XCTAssertTrue(next.contains(.position(s.a.savedPosition)), "the pending position goes with it")
        XCTAssertTrue(s.writes.isEmpty)
    }

    func testARefusedPositionIsNotRetried() throws {
        var s = try TUIFixtures.assessment()
        at(&s, 0, .key(.char("n")))
        let fx = at(&s, 0.5, .tick(t0.addingTimeInterval(0.5)))
        let pos = try XCTUnwrap(writes(fx).first)
        at(&s, 0.51, .writeRefused(sessionID: id, pos, reason: "disk full"))
        XCTAssertNil(s.writes.unsaved, "where someone was goes stale; only real changes are retried")
    }

    func testQuittingWritesThePendingPositionAndFinishRetriesWhatWasRefused() throws {
        var s = try TUIFixtures.assessment()
        let first = writes(at(&s, 0, .key(.char("1")))).flatMap { $0 }
        at(&s, 0.01, .writeRefused(sessionID: id, first, reason: "disk full"))
        at(&s, 0.1, .key(.char("n")))
        let fx = at(&s, 0.15, .key(.char("q")))
        XCTAssertEqual(fx.last, .quit)
        XCTAssertTrue(writes(fx).flatMap { $0 }.contains(.position(s.a.savedPosition)), "the position is written before leaving: \(fx)")
        XCTAssertEqual(finish(&s), [.write(sessionID: id, first)], "at exit the refused change is tried once more")
        XCTAssertEqual(finish(&s), [], "nothing is left")
    }

    func testTakenOverDropsWhatIsPendingAndWritesNothingMore() throws {
        var s = try TUIFixtures.assessment()
        let first = writes(at(&s, 0, .key(.char("1")))).flatMap { $0 }
        at(&s, 0.01, .writeRefused(sessionID: id, first, reason: "disk full"))
        at(&s, 0.1, .key(.char("n")))
        at(&s, 0.2, .lockChecked(sessionID: id, stillOurs: false, holder: LockHolder(user: "ann")))
        XCTAssertTrue(s.a.readOnly)
        XCTAssertNil(s.writes.unsaved)
        XCTAssertNil(s.writes.position)
        XCTAssertEqual(writes(at(&s, 1, .tick(t0.addingTimeInterval(1)))), [])
        XCTAssertEqual(writes(at(&s, 1.1, .key(.char("q")))), [], "not even the position when leaving")
        XCTAssertEqual(finish(&s), [])
    }

    func testTheFacilitatorsPositionIsWrittenAtMostEveryInterval() throws {
        var s = try TUIFixtures.assessment()
        at(&s, 0, .key(.char("F")))
        var fx = at(&s, 0.35, .key(.char("n")))
        fx += at(&s, 0.40, .key(.char("p")))
        let published = writes(fx).flatMap { $0 }.filter { if case .facilitator = $0 { return true } else { return false } }
        XCTAssertLessThanOrEqual(published.count, 1, "while moving, at most one publication per interval: \(fx)")
        fx = at(&s, 0.5, .key(.char("n")))
        fx += at(&s, 0.7, .key(.char("p")))
        let later = writes(fx).flatMap { $0 }.filter { if case .facilitator = $0 { return true } else { return false } }
        XCTAssertEqual(later.count, 1, "a move after the interval publishes: \(fx)")
    }
}
