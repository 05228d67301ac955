import AssessmentCore
import Foundation
import TUI
import XCTest

/// The help is made from `KeyMaps`; these tests drive every key through `update` on each screen
/// and check that whatever a key does there is listed in that screen's maps, so that a binding
/// added to a reducer without a help line fails here.
final class KeyMapTests: XCTestCase {
    /// Printable ASCII, the named keys, F1–F12 and Ctrl plus a letter.
    let probeKeys: [Key] = (0x20...0x7E).map { Key.char(Character(Unicode.Scalar($0)!)) }
        + [.up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .tab, .backTab, .enter, .escape, .backspace, .delete, .insert]
        + (1...12).map { Key.function($0) }
        + "abcdefghijklmnopqrstuvwxyz".map { Key.ctrl($0) }

    func session(at question: String, node: String) throws -> Session {
        var s = TUIFixtures.session(try TUIFixtures.sample())
        s.set("scope.gpai", to: Answer(value: .text("yes"), by: "tester"), by: "tester")
        s.set("scope.systemic", to: Answer(value: .text("yes"), by: "tester"), by: "tester")
        s.position = Session.Position(question: question, node: node)
        return s
    }

    func assessment(at question: String, node: String, hasHome: Bool = true) throws -> AppState {
        let s = try TUIFixtures.assessment(hasHome: hasHome, session: try session(at: question, node: node))
        XCTAssertEqual(s.a.question, question)
        return s
    }

    /// Whether `key` does something on this screen: an effect other than a bell, or a changed frame
    /// that is not an error message (a refusal such as "no option 0" is not a binding).
    func reacts(_ state: AppState, to key: Key) -> Bool {
        var s = state
        s.message = nil  // any key clears a message: that alone is no binding
        let before = frameText(view(s))
        let effects = update(&s, .key(key))
        if s.message?.kind == .error { return false }
        if effects.contains(where: { if case .bell = $0 { return false } else { return true } }) { return true }
        return frameText(view(s)) != before
    }

    func assertListed(_ state: AppState, in maps: [KeyMap], except hints: [Key] = [], _ screen: String,
                      file: StaticString = #filePath, line: UInt = #line) {
        for key in probeKeys where !hints.contains(key) && reacts(state, to: key) {
            XCTAssertTrue(maps.contains { $0.binds(key) }, "\(screen): \(key) does something but is not in the help",
                          file: file, line: line)
        }
    }

    var assessmentMaps: [KeyMap] { [KeyMaps.everywhere, KeyMaps.moving, KeyMaps.answering, KeyMaps.workshops] }

    func testEveryKeyOfTheHomeScreenIsInTheHelp() throws {
        let q = try TUIFixtures.sample()
        let a = TUIFixtures.session(q), b = try session(at: "tr.q1", node: "tr.m1")
        let home = AppState(size: Size(width: 80, height: 24), config: TUIFixtures.config, screen: .home(HomeState()),
                            sessions: [SessionSummary(session: a, questionnaire: q), SessionSummary(session: b, questionnaire: q)],
                            questionnaires: [q], hasHome: true, now: TUIFixtures.now)
        // Keys of the assessment screen only say "open an assessment first".
        assertListed(home, in: [KeyMaps.everywhere, KeyMaps.home], except: KeyMaps.chars("g/dNp"), "home")
    }

    func testEveryKeyOfTheQuestionPaneIsInTheHelp() throws {
        for (question, node) in [("tr.q1", "tr.m1"), ("tr.q2", "tr.m1"), ("tr.q3", "tr.m1"), ("tr.q5", "tr.m2"),
                                 ("tr.q6", "tr.m2"), ("ss.q2", "ss.m1")] {
            assertListed(try assessment(at: question, node: node), in: assessmentMaps, "question \(question)")
        }
        assertListed(try assessment(at: "tr.q1", node: "tr.m1", hasHome: false), in: assessmentMaps, "question without home")
    }

    func testEveryKeyOfTheTreeIsInTheHelp() throws {
        var s = try assessment(at: "tr.q2", node: "tr.m1")
        s.press(.tab)
        XCTAssertEqual(s.a.focus, .tree)
        assertListed(s, in: assessmentMaps, "tree")
    }

    func testEveryKeyOfTheDashboardIsInTheHelp() throws {
        var s = try assessment(at: "tr.q1", node: "tr.m1")
        s.type("d")
        XCTAssertNotNil(s.a.dashboard)
        s.press(.down)
        assertListed(s, in: [KeyMaps.everywhere, KeyMaps.dashboard], "dashboard")
    }

    func testEveryKeyOfFacilitatorModeIsInTheHelp() throws {
        var s = try assessment(at: "tr.q1", node: "tr.m1")
        s.type("F")
        XCTAssertTrue(s.a.facilitating)
        assertListed(s, in: assessmentMaps, "facilitating")
    }

    func testEveryKeyWhileEditingIsInTheHelp() throws {
        var s = try assessment(at: "tr.q1", node: "tr.m1")
        s.type("e")
        XCTAssertNotNil(s.a.editing)
        s.type("a note")
        // Typing inserts text: every printable key does something, as the help's "Editing text" says.
        let typing = probeKeys.filter { if case .char = $0 { return true } else { return false } }
        assertListed(s, in: [KeyMaps.everywhere, KeyMaps.editing, KeyMap(title: "", bindings: [KeyBinding(typing, "", "", .editText)])],
                     "editing")
    }

    /// The keys the issue found bound but missing from the help.
    func testTheDriftedBindingsAreInTheHelp() {
        let help = helpSections.flatMap { $0.1.map(\.0) }.joined(separator: " ")
        for label in ["a", "o", "l", "x", "Del", "E", "A"] {
            XCTAssertTrue(help.split(separator: " ").contains(Substring(label)), "\(label) is missing from the help")
        }
        XCTAssertTrue(KeyMaps.home.binds(.char("a")) && KeyMaps.home.binds(.char("o")) && KeyMaps.home.binds(.char("l"))
                      && KeyMaps.home.binds(.char("x")) && KeyMaps.home.binds(.delete))
        XCTAssertTrue(KeyMaps.moving.binds(.char("E")) && KeyMaps.answering.binds(.char("A")))
    }

    /// Footers are made from the maps: every entry stands for an action a binding of that screen does,
    /// is marked for the footer there, and shows that binding's key (a question's "1-N" names its digits).
    func assertFooterFromMaps(_ state: AppState, _ screen: String, file: StaticString = #filePath, line: UInt = #line) {
        let entries = footer(for: state)
        XCTAssertFalse(entries.isEmpty, "\(screen): no footer", file: file, line: line)
        for e in entries {
            guard let act = e.action else {
                XCTAssertTrue(state.a.editing != nil || state.offeredDraft != nil || state.a.actionsScreen?.editing != nil,
                              "\(screen): '\(e.key) \(e.label)' is not a binding", file: file, line: line)
                continue
            }
            let marked = keyMaps(for: state).flatMap(\.bindings).filter { b in
                b.footer != nil && b.actions.contains(act) && (b.footer?.action == nil || b.footer?.action == act)
            }
            XCTAssertFalse(marked.isEmpty, "\(screen): '\(e.key)' (\(act)) is not a footer binding of this screen", file: file, line: line)
            XCTAssertTrue(marked.contains { $0.footer?.key == e.key } || (act == .digit && e.key.hasPrefix("1-")),
                          "\(screen): '\(e.key)' is not the key its binding shows", file: file, line: line)
        }
    }

    func testEveryFooterEntryIsABindingOfItsScreen() throws {
        let q = try TUIFixtures.sample()
        var home = AppState(size: Size(width: 80, height: 24), config: TUIFixtures.config, screen: .home(HomeState()),
                            sessions: [SessionSummary(session: TUIFixtures.session(q), questionnaire: q)],
                            questionnaires: [q], hasHome: true, now: TUIFixtures.now)
        assertFooterFromMaps(home, "home")
        XCTAssertEqual(footer(for: home).map(\.key), ["Enter", "n", "r", "D", "R", "?", "q"])
        home.hasHome = false
        assertFooterFromMaps(home, "home without a list")
        for (question, node) in [("tr.q1", "tr.m1"), ("tr.q2", "tr.m1"), ("tr.q3", "tr.m1"), ("tr.q5", "tr.m2"), ("ss.q2", "ss.m1")] {
            assertFooterFromMaps(try assessment(at: question, node: node), "question \(question)")
        }
        // How a question is answered follows its type.
        XCTAssertEqual(footer(for: try assessment(at: "tr.q6", node: "tr.m2")).first.map { $0.key + " " + $0.label }, "Enter edit")
        XCTAssertEqual(footer(for: try assessment(at: "tr.q1", node: "tr.m1")).first?.key.hasPrefix("1-"), true)
        var s = try assessment(at: "tr.q2", node: "tr.m1")
        s.press(.tab)
        assertFooterFromMaps(s, "tree")
        XCTAssertEqual(footer(for: s).first(where: { $0.action == .switchPane })?.label, "pane")
        s = try assessment(at: "tr.q1", node: "tr.m1")
        s.type("F")
        XCTAssertTrue(s.a.facilitating)
        assertFooterFromMaps(s, "facilitating")
        XCTAssertTrue(footer(for: s).contains { $0.action == .timer })
        s = try assessment(at: "tr.q1", node: "tr.m1")
        s.type("d")
        assertFooterFromMaps(s, "dashboard")
        s.type("P")
        XCTAssertNotNil(s.a.actionsScreen)
        assertFooterFromMaps(s, "action plan")
        s = try assessment(at: "tr.q1", node: "tr.m1")
        if case var .assessment(a) = s.screen { a.readOnly = true; s.screen = .assessment(a) }
        assertFooterFromMaps(s, "read-only")
        _ = update(&s, .watch(s.a.session, q))
        XCTAssertTrue(s.a.watching)
        assertFooterFromMaps(s, "watching")
        XCTAssertEqual(footer(for: s).first?.label, "stop following")
        s = try assessment(at: "tr.q1", node: "tr.m1")
        s.type("e")
        assertFooterFromMaps(s, "editing")
    }
}
