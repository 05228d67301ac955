import AssessmentCore
import TUI
import TestSupport
import XCTest

/// Never a crash or garbage: every screen at every size, and long random key sequences.
final class RobustnessTests: XCTestCase {
    typealias SplitMix = SeededRandom

    func screens() throws -> [AppState] {
        var out: [AppState] = []
        var s = try TUIFixtures.assessment()
        s.type("1n1n2")
        out.append(s)
        var d = s; d.type("d"); out.append(d)
        var h = s; h.type("?"); out.append(h)
        var f = s; f.type("/doc"); out.append(f)
        var e = s; e.type("e"); _ = update(&e, .paste(String(repeating: "日本語 é note ", count: 40))); out.append(e)
        var g = s; g.type("g1"); out.append(g)
        let q = try TUIFixtures.sample()
        var home = AppState(size: Size(width: 80, height: 24), config: TUIFixtures.config, screen: .home(HomeState()),
                            sessions: (0..<30).map { i in
                                var x = TUIFixtures.session(q); x.id = "s-\(i)"; x.title = "Session \(i) 日本"
                                return SessionSummary(session: x, questionnaire: q)
                            }, questionnaires: [q], hasHome: true, now: TUIFixtures.now)
        out.append(home)
        home.type("n"); out.append(home)
        return out
    }

    func testEveryScreenDrawsAtEverySize() throws {
        for base in try screens() {
            for w in stride(from: 0, through: 130, by: 13) {
                for h in stride(from: 0, through: 45, by: 5) {
                    var s = base
                    _ = update(&s, .resize(Size(width: w, height: h)))
                    let c = view(s)
                    XCTAssertEqual(c.size, Size(width: w, height: h))
                    if let p = c.cursor { XCTAssertTrue(p.x >= 0 && p.y >= 0 && p.x < w && p.y < h, "cursor \(p) outside \(w)x\(h)") }
                    for y in 0..<h where w > 0 {
                        var cols = 0
                        for x in 0..<w { cols += c[x, y].width == 0 ? 1 : Int(c[x, y].width) == 2 ? 1 : 1 }
                        XCTAssertEqual(cols, w)
                    }
                }
            }
        }
    }

    func testRandomKeysNeverBreakTheState() throws {
        let keys: [Key] = [.up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .tab, .backTab, .enter, .escape,
                           .backspace, .delete, .ctrl("u"), .ctrl("w"), .ctrl("s"), .ctrl("l"), .function(1)]
            + "0123456789nNpjkhlgdeEvaAxit/? D.-".map { Key.char($0) }
        var rng = SplitMix(state: 42)
        var s = try TUIFixtures.assessment(hasHome: true)
        var quits = 0
        for step in 0..<4_000 {
            let r = Int.random(in: 0..<100, using: &rng)
            var effects: [Effect]
            if r < 2 {
                effects = update(&s, .resize(Size(width: Int.random(in: 20...140, using: &rng), height: Int.random(in: 5...50, using: &rng))))
            } else if r < 4 {
                effects = update(&s, .paste("pasted\n日本 é\u{1B}[31m"))
            } else {
                effects = update(&s, .key(keys.randomElement(using: &rng)!))
            }
            if effects.contains(.quit) { quits += 1; s = try TUIFixtures.assessment(hasHome: true) }
            if case .home = s.screen { s = try TUIFixtures.assessment(hasHome: true) }
            if let a = s.assessment {
                XCTAssertNotNil(a.index.questions[a.question], "step \(step)")
                if let q = a.currentQuestion, !q.options.isEmpty { XCTAssertTrue((0..<q.options.count).contains(a.optionCursor), "step \(step)") }
                XCTAssertNotNil(a.index.nodes[a.treeCursor], "step \(step)")
                // Whatever the keys did, the engine's view of the answers stays consistent.
                for (qid, ans) in a.session.answers where ans.notApplicable {
                    XCTAssertFalse((ans.justification ?? "").trimmingCharacters(in: .whitespaces).isEmpty, "N/A without reason on \(qid)")
                }
            }
            _ = view(s)
        }
        _ = quits
    }
}
