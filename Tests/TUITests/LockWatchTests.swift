import AssessmentCore
import Foundation
import TUI
import XCTest

/// The session lock's life as state (`LockWatch`, `step`): when the runtime is asked to check the lock,
/// and what a loss does, with every time passed in the events.
final class LockWatchTests: XCTestCase {
    let t0 = TUIFixtures.now
    let id = "acme-model-abcd"

    /// The sample assessment, opened for editing (holding its lock) at `t0`.
    func opened(readOnly: Bool = false) throws -> AppState {
        var s = try TUIFixtures.assessment()
        let a = s.a
        s.now = t0
        _ = step(&s, .opened(a.session, a.questionnaire, readOnly: readOnly))
        return s
    }

    @discardableResult
    func at(_ s: inout AppState, _ dt: TimeInterval, _ e: Event) -> [Effect] {
        s.now = t0.addingTimeInterval(dt)
        return step(&s, e)
    }

    func tick(_ s: inout AppState, _ dt: TimeInterval) -> [Effect] { at(&s, dt, .tick(t0.addingTimeInterval(dt))) }

    func checks(_ fx: [Effect]) -> Int { fx.filter { $0 == .checkLock(sessionID: id) }.count }

    func writes(_ fx: [Effect]) -> [[SessionChange]] {
        fx.compactMap { if case let .write(_, c) = $0 { return c } else { return nil } }
    }

    func testAnIdleScreenChecksTheLockNoMoreOftenThanTheInterval() throws {
        var s = try opened()
        XCTAssertEqual(s.lock.sessionID, id)
        var fx: [Effect] = []
        // Ticks every 0.1 s for 10 s (as a running timer or a refused save would make them).
        for i in 1...100 { fx += tick(&s, Double(i) / 10) }
        XCTAssertEqual(checks(fx), Int(10 / LockWatch.checkInterval), "one check per interval: \(checks(fx))")
        var t = try opened()
        XCTAssertEqual(checks(tick(&t, LockWatch.checkInterval - 0.1)), 0, "not before the interval")
        XCTAssertEqual(checks(tick(&t, LockWatch.checkInterval)), 1, "due at the interval")
        XCTAssertEqual(checks(tick(&t, LockWatch.checkInterval + 0.5)), 0, "and then not again at once")
    }

    func testTheRuntimeIsWokenWhenTheNextCheckIsDue() throws {
        var s = try opened()
        s.now = t0.addingTimeInterval(1.5)
        XCTAssertEqual(s.wakeAfterMs(now: s.now), 500, "an idle screen wakes for the lock check")
        var r = try opened(readOnly: true)
        r.now = t0.addingTimeInterval(1.5)
        XCTAssertEqual(r.wakeAfterMs(now: r.now), 2000, "no lock, no check")
    }

    func testWakingFromASuspendChecksAtOnce() throws {
        var s = try opened()
        XCTAssertEqual(tick(&s, 2).filter { $0 == .checkLock(sessionID: id) }.count, 1)
        XCTAssertEqual(at(&s, 2.1, .resumed(t0.addingTimeInterval(2.1))), [.checkLock(sessionID: id)], "woken: checked now")
        XCTAssertEqual(checks(tick(&s, 3)), 0, "the interval counts from that check")
        XCTAssertEqual(checks(tick(&s, 4.1)), 1)
    }

    func testALockStillOursChangesNothing() throws {
        var s = try opened()
        _ = tick(&s, 2)
        let before = view(s).plainText()
        XCTAssertEqual(at(&s, 2.01, .lockChecked(sessionID: id, stillOurs: true, holder: nil)), [])
        XCTAssertFalse(s.a.readOnly)
        XCTAssertEqual(view(s).plainText(), before)
    }

    func testALostLockTurnsTheScreenReadOnlyNamingTheHolderAndDropsPendingWrites() throws {
        var s = try opened()
        let first = writes(at(&s, 0.1, .key(.char("1")))).flatMap { $0 }
        at(&s, 0.11, .writeRefused(sessionID: id, first, reason: "disk full"))
        at(&s, 0.2, .key(.char("n")))
        XCTAssertNotNil(s.writes.unsaved)
        XCTAssertNotNil(s.writes.position)
        let holder = LockHolder(user: "ann", host: "build-box", since: t0.addingTimeInterval(60))
        let fx = at(&s, 2, .lockChecked(sessionID: id, stillOurs: false, holder: holder))
        XCTAssertEqual(fx, [.lockLost(sessionID: id), .reload(sessionID: id)], "stop writing, show what is stored")
        XCTAssertTrue(s.a.readOnly)
        XCTAssertTrue(s.writes.isEmpty, "nothing pending is written over the new holder's")
        XCTAssertEqual(s.message?.text, "taken over by ann on build-box at 09:31 — read-only now")
        XCTAssertTrue(view(s).plainText().contains("[read-only]"))
        XCTAssertNil(s.lock.sessionID)
        // From now on: no checks, no writes, not even when leaving.
        XCTAssertEqual(tick(&s, 4), [])
        XCTAssertEqual(at(&s, 4.1, .resumed(t0.addingTimeInterval(4.1))), [])
        XCTAssertEqual(writes(at(&s, 4.2, .key(.char("2")))), [])
        XCTAssertEqual(s.message?.kind, .error)
        XCTAssertEqual(writes(at(&s, 4.3, .key(.char("q")))), [])
        XCTAssertEqual(finish(&s), [])
    }

    func testALostLockSaysWhatWasBeingTypedWasNotSaved() throws {
        var s = try opened()
        at(&s, 0.1, .key(.char("e")))
        for c in "half a note" { at(&s, 0.2, .key(.char(c))) }
        at(&s, 2, .lockChecked(sessionID: id, stillOurs: false, holder: LockHolder(user: "ann")))
        XCTAssertNil(s.a.editing)
        XCTAssertEqual(s.message?.text, "taken over by ann at a moment ago — read-only now (what you were typing was not saved)")
        XCTAssertEqual(tick(&s, 3), [], "the editor's autosave is gone with it")
    }

    func testTheAnswerForAnotherSessionOrAfterClosingIsIgnored() throws {
        var s = try opened()
        XCTAssertEqual(at(&s, 2, .lockChecked(sessionID: "other-session", stillOurs: false, holder: nil)), [])
        XCTAssertFalse(s.a.readOnly)
        var h = try opened()
        h.hasHome = true
        let fx = at(&h, 0.5, .key(.escape))
        XCTAssertTrue(fx.contains(.close(sessionID: id)))
        XCTAssertNil(h.lock.sessionID, "closed: the lock is released, nothing to check")
        XCTAssertEqual(checks(tick(&h, 5)), 0)
    }

    func testReadOnlyAndWatchingHoldNoLock() throws {
        var r = try opened(readOnly: true)
        XCTAssertEqual(checks(tick(&r, 5)), 0)
        XCTAssertEqual(at(&r, 5.1, .resumed(t0.addingTimeInterval(5.1))), [])
        var w = try opened()
        let a = w.a
        at(&w, 0.5, .watch(a.session, a.questionnaire))
        XCTAssertEqual(checks(tick(&w, 5)), 0)
    }

    func testAWriteThatFindsTheLockGoneIsALossToo() throws {
        // The runtime's write found the lock taken (`LockLost` under the file lock): it reports the same answer.
        var s = try opened()
        _ = at(&s, 0.1, .key(.char("1")))
        XCTAssertEqual(at(&s, 0.12, .lockChecked(sessionID: id, stillOurs: false, holder: nil)),
                       [.lockLost(sessionID: id), .reload(sessionID: id)])
        XCTAssertEqual(s.message?.text, "taken over by someone else at a moment ago — read-only now")
    }
}
