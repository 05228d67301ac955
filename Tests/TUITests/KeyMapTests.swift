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

    /// What the tree takes is the bindings marked `inTree`, not a second list: every key of the
    /// assessment screen is refused with the tree focused exactly when its binding is not marked.
    func testTheTreeTakesExactlyTheBindingsMarkedForIt() throws {
        var tree = try assessment(at: "tr.q2", node: "tr.m1")
        tree.size = Size(width: 120, height: 30)
        tree.press(.tab)
        XCTAssertEqual(tree.a.focus, .tree)
        var marked = 0, refusedKeys = 0
        for map in KeyMaps.assessmentScreen {
            for b in map.bindings {
                for key in b.keys {
                    if case .ctrl = key { continue }  // Ctrl-C and Ctrl-L work everywhere
                    // The map that binds a key first decides what it does.
                    guard let action = KeyMaps.action(for: key, in: KeyMaps.assessmentScreen), b.action(for: key) == action else { continue }
                    var s = tree
                    s.message = nil
                    _ = update(&s, .key(key))
                    let refused = s.message?.text.hasPrefix("focus is on the tree") ?? false
                    if refused { refusedKeys += 1 }
                    XCTAssertEqual(refused, !KeyMaps.treeFocusActions.contains(action), "\(key) (\(b.label), \(map.title)) in the tree")
                    if b.inTree { marked += 1; XCTAssertFalse(refused, "\(key) is marked for the tree") }
                }
            }
        }
        XCTAssertGreaterThan(marked, 20)
        XCTAssertGreaterThan(refusedKeys, 10, "keys meant for the question (R, e, 1…) are refused")
        // What the tree took before the list was derived from the maps: unchanged.
        XCTAssertEqual(KeyMaps.treeFocusActions, [
            .up, .down, .left, .right, .pageUp, .pageDown, .first, .last, .activate, .toggle, .switchPane, .back, .help, .quit,
            .next, .previous, .nextUnanswered, .search, .toggleTree, .goTo, .dashboard, .guidance, .measurePanel, .showIDs,
            .follow, .facilitate, .timer, .roomView,
        ])
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

    // MARK: Editors, prompts and dialogs

    /// What a key leads to: the frame, the effects and the message.
    func outcome(_ state: AppState, _ key: Key) -> String {
        var s = state
        s.message = nil
        let fx = update(&s, .key(key))
        return frameText(view(s)) + "\(fx)" + (s.message?.text ?? "")
    }

    /// Every key that does something in the mode on screen is bound in that mode's maps (`keyMaps(for:)`).
    /// `typing`: printable characters are text. `otherKeys`: the mode has an "any other key" answer (closing,
    /// saying no), which a key unbound anywhere (Insert) shows; keys that do just that need no binding.
    /// The help opened there (F1) lists every binding of the mode, and closing it goes back to the mode.
    func assertModeListed(_ state: AppState, typing: Bool = false, otherKeys: Bool = false, hasHelp: Bool = true, _ mode: String,
                          file: StaticString = #filePath, line: UInt = #line) {
        let maps = keyMaps(for: state)
        let other = otherKeys ? outcome(state, .insert) : nil
        for key in probeKeys where reacts(state, to: key) {
            if typing, case .char = key { continue }
            if let o = other, outcome(state, key) == o { continue }
            XCTAssertTrue(maps.contains { $0.binds(key) }, "\(mode): \(key) does something but is not in its map", file: file, line: line)
        }
        guard hasHelp else { return }
        var h = state
        h.message = nil
        h.press(.function(1))
        guard case .help? = h.overlay else { return XCTFail("\(mode): F1 does not show the keys", file: file, line: line) }
        var lines: [String] = []
        for n in 0..<12 {
            var p = h
            if n > 0 { for _ in 0..<(n * 10) { p.press(.down) } }
            lines += view(p).plainText().split(separator: "\n").map(String.init)
        }
        let shown = lines.joined(separator: "\n")
        for b in maps.flatMap(\.bindings) {
            XCTAssertTrue(shown.contains(b.label) && shown.contains(String(b.help.prefix(30))),
                          "\(mode): the help does not list '\(b.label)  \(b.help)'", file: file, line: line)
        }
        h.press(.escape)
        XCTAssertEqual(h.overlay, state.overlay, "\(mode): closing the help goes back", file: file, line: line)
        XCTAssertEqual(h.assessment?.editing, state.assessment?.editing, "\(mode): the editor is still open", file: file, line: line)
    }

    /// The list of assessments, with two questionnaires to pick from.
    func home() throws -> AppState {
        let q = try TUIFixtures.sample()
        return AppState(size: Size(width: 80, height: 40), config: TUIFixtures.config, screen: .home(HomeState()),
                        sessions: [SessionSummary(session: TUIFixtures.session(q), questionnaire: q)],
                        questionnaires: [q, q], hasHome: true, now: TUIFixtures.now)
    }

    func testEveryKeyOfTheEditorsIsInTheirMaps() throws {
        var s = try assessment(at: "tr.q1", node: "tr.m1")
        s.size = Size(width: 80, height: 40)
        s.type("e")
        s.type("a note")
        XCTAssertEqual(s.a.editing?.editor.multiline, true)
        assertModeListed(s, typing: true, "note editor")
        s.press(.escape)
        XCTAssertEqual(s.a.editing?.askDiscard, true)
        assertModeListed(s, otherKeys: true, hasHelp: false, "discard changes?")

        var one = try assessment(at: "tr.q3", node: "tr.m1")
        one.size = Size(width: 80, height: 40)
        one.press(.enter)
        one.type("2026-01")
        XCTAssertEqual(one.a.editing?.editor.multiline, false)
        assertModeListed(one, typing: true, "one-line answer")
    }

    /// `KeyMaps.editing`, which the assessment screen's help lists, binds exactly what the open editors do.
    func testTheEditingHelpBindsWhatTheEditorsDo() throws {
        func keys(_ maps: [KeyMap]) -> Set<Key> { Set(maps.filter { $0.title != KeyMaps.always.title }.flatMap { $0.bindings.flatMap(\.keys) }) }
        var s = try assessment(at: "tr.q3", node: "tr.m1")
        s.press(.enter)
        let single = try XCTUnwrap(s.a.editing)
        s.press(.escape)
        s.type("e")
        let multi = try XCTUnwrap(s.a.editing)
        XCTAssertTrue(multi.editor.multiline && !single.editor.multiline)
        XCTAssertEqual(keys([KeyMaps.editing]), keys(KeyMaps.editorScreen(multi)).union(keys(KeyMaps.editorScreen(single))))
    }

    func testEveryKeyOfTheDraftOfferIsInItsMap() throws {
        var s = try assessment(at: "tr.q1", node: "tr.m1")
        s.size = Size(width: 80, height: 40)
        offerDraft(&s, SessionDraft(question: "tr.q3", field: "value", text: "2026-02-01", by: "tester", at: TUIFixtures.now))
        XCTAssertNotNil(s.offeredDraft)
        assertModeListed(s, otherKeys: true, "draft offer")
        assertFooterFromMaps(s, "draft offer")
        XCTAssertEqual(footer(for: s).map { $0.key + " " + $0.label }, ["Enter keep it", "Esc discard it", "q quit"])
    }

    func testEveryKeyOfTheAssessmentDialogsIsInTheirMaps() throws {
        let start = try assessment(at: "tr.q1", node: "tr.m1")
        func opened(_ keys: String, _ more: Key...) -> AppState {
            var s = start
            s.size = Size(width: 80, height: 40)
            s.type(keys)
            for k in more { s.press(k) }
            return s
        }
        assertModeListed(opened("/"), typing: true, "search")
        assertModeListed(opened("/tr"), typing: true, "search with results")
        assertModeListed(opened("g"), typing: true, "go to")
        assertModeListed(opened("w"), otherKeys: true, "why this score")
        assertModeListed(opened("L"), "what's left")
        assertModeListed(opened("O"), typing: true, "organisation and model")
        assertModeListed(opened("E"), "event dates")
        assertModeListed(opened("E", .enter), typing: true, "an event date")
        assertModeListed(opened("R"), "report format")
        assertModeListed(opened("R", .enter), typing: true, "report file")
        assertModeListed(opened("?"), otherKeys: true, hasHelp: false, "help")
        assertModeListed(opened("/", .function(1)), otherKeys: true, hasHelp: false, "help over search")

        var c = opened("")
        let conflict = AnswerConflict(sessionID: c.a.session.id, question: "tr.q1", fields: [.note],
                                      stored: Answer(value: nil, note: "theirs", by: "cli", at: TUIFixtures.now),
                                      mine: Answer(value: nil, note: "mine", by: "tester", at: TUIFixtures.now))
        _ = update(&c, .answerConflict(conflict))
        assertModeListed(c, "conflict")

        var plan = try TUIFixtures.assessment(size: Size(width: 80, height: 40))
        plan.type("1n2n2")   // a partial answer on a critical question: a gap
        plan.type("daP")
        XCTAssertNotNil(plan.a.actionsScreen)
        plan.type("o")
        plan.type("ann")
        XCTAssertNotNil(plan.a.actionsScreen?.editing)
        assertModeListed(plan, typing: true, "action owner")
        assertFooterFromMaps(plan, "action owner")
        plan.press(.escape)
        XCTAssertEqual(plan.a.actionsScreen?.editing?.asking, true)
        assertModeListed(plan, otherKeys: true, hasHelp: false, "action: discard changes?")
        assertFooterFromMaps(plan, "action: discard changes?")
    }

    func testEveryKeyOfTheHomeDialogsIsInTheirMaps() throws {
        let start = try home()
        func opened(_ keys: String, _ more: Key...) -> AppState {
            var s = start
            s.type(keys)
            for k in more { s.press(k) }
            return s
        }
        assertModeListed(opened("n"), "pick a questionnaire")
        assertModeListed(opened("n", .enter), typing: true, "title of a new assessment")
        assertModeListed(opened("r"), typing: true, "rename")
        assertModeListed(opened("D"), otherKeys: true, hasHelp: false, "delete?")
        var locked = start
        _ = update(&locked, .lockedElsewhere(sessionID: "acme-model-abcd", title: "Acme", holder: "held by ann on h (pid 1)", stale: false))
        assertModeListed(locked, "open elsewhere")
        locked.type("t")
        XCTAssertNotNil(locked.askTakeOver)
        assertModeListed(locked, otherKeys: true, hasHelp: false, "take over?")
    }

    /// The footers of editors and prompts are their maps' footer bindings.
    func testEditorFootersComeFromTheirMaps() throws {
        var s = try assessment(at: "tr.q1", node: "tr.m1")
        s.type("e")
        XCTAssertEqual(footer(for: s).map { $0.key + " " + $0.label }, ["Ctrl-S/F2 save", "Esc cancel", "Enter new line", "arrows move"])
        s.type("x")
        s.press(.escape)
        assertFooterFromMaps(s, "discard changes?")
        XCTAssertEqual(footer(for: s).map { $0.key + " " + $0.label }, ["y discard changes", "other keep editing"])
        var one = try assessment(at: "tr.q3", node: "tr.m1")
        one.press(.enter)
        assertFooterFromMaps(one, "one-line answer")
        XCTAssertEqual(footer(for: one).map { $0.key + " " + $0.label }, ["Enter save", "Esc cancel"])
    }
}
