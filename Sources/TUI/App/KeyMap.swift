/// One key binding: the keys, how the help names them, and what they do.
public struct KeyBinding: Sendable {
    public let keys: [Key]
    public let label: String
    public let help: String

    public init(_ keys: [Key], _ label: String, _ help: String) {
        self.keys = keys; self.label = label; self.help = help
    }
}

/// The keys of one screen or mode, in the order the help lists them. The help overlay is made
/// from these maps, and `KeyMapTests` drives every key through `update` on each screen to check
/// that whatever a key does there is listed in that screen's maps.
public struct KeyMap: Sendable {
    public let title: String
    public let bindings: [KeyBinding]

    public init(title: String, bindings: [KeyBinding]) { self.title = title; self.bindings = bindings }

    public func binds(_ key: Key) -> Bool { bindings.contains { $0.keys.contains(key) } }
}

public enum KeyMaps {
    public static func chars(_ s: String) -> [Key] { s.map { Key.char($0) } }

    public static let everywhere = KeyMap(title: "Everywhere", bindings: [
        KeyBinding([.char("?"), .function(1)], "?  F1", "this help"),
        KeyBinding([.char("q")], "q", "quit (everything is already saved)"),
        KeyBinding([.ctrl("c")], "Ctrl-C", "quit"),
        KeyBinding([.ctrl("l")], "Ctrl-L", "redraw the screen"),
        KeyBinding([.ctrl("z")], "Ctrl-Z", "suspend (fg resumes)"),
    ])

    /// The assessment screen, whichever pane has the focus.
    public static let moving = KeyMap(title: "Moving", bindings: [
        KeyBinding(chars("np"), "n  p", "next / previous question"),
        KeyBinding(chars("N"), "N", "next unanswered question"),
        KeyBinding([.up, .down] + chars("jk"), "↑ ↓  j k", "move in a list"),
        KeyBinding([.left, .right] + chars("hl"), "← →  h l", "tree: fold, unfold, open; pane: to the tree / next"),
        KeyBinding([.pageUp, .pageDown], "PgUp PgDn", "page"),
        KeyBinding([.home, .end], "Home End", "first / last"),
        KeyBinding([.tab, .backTab], "Tab", "switch between tree and question"),
        KeyBinding([.enter], "Enter", "open the selected part"),
        KeyBinding([.char(" ")], "Space", "tree: fold / unfold the selected part"),
        KeyBinding(chars("t"), "t", "show or hide the tree"),
        KeyBinding(chars("/"), "/", "search questions and measures"),
        KeyBinding(chars("g"), "g", "go to a measure: its number (1.2) or with its chapter (copyright 1.3, C1.3)"),
        KeyBinding(chars("d"), "d", "dashboard: scores, share answered, top gaps; a adds an action for the selected gap"),
        KeyBinding(chars("E"), "E", "event dates deadlines count from (placing on the market, notification…)"),
        KeyBinding(chars("O"), "O", "organisation and model assessed (asked when an assessment is created)"),
        KeyBinding(chars("w"), "w", "why this score: how the measure's score is made and what keeps it from met"),
        KeyBinding(chars("L"), "L", "what's left: unanswered questions by measure; Enter goes to one"),
        KeyBinding(chars("r"), "r r", "mark the measure reviewed by you (not if you answered part of it)"),
        KeyBinding(chars("P"), "P", "action plan: Space done/reopen, o owner, u due date, f filter (all, open, overdue, mine)"),
        KeyBinding(chars("R"), "R", "write a report: asks for the format and the file"),
        KeyBinding([.escape], "Esc", "back to the list of assessments"),
    ])

    /// The question pane.
    public static let answering = KeyMap(title: "Answering", bindings: [
        KeyBinding(chars("0123456789"), "1-9", "pick that option; it is saved at once (a number question: start typing it)"),
        KeyBinding([.enter, .char(" ")], "Enter Space", "pick / toggle the option under the cursor"),
        KeyBinding([.enter], "Enter", "type a text, number or date answer"),
        KeyBinding(chars("aA"), "a  A", "not applicable, with the reason why"),
        KeyBinding([.char("x"), .delete], "x  Del", "clear the answer"),
        KeyBinding(chars("u"), "u", "undo the last change made in this sitting"),
        KeyBinding(chars("e"), "e", "edit the note"),
        KeyBinding(chars("v"), "v", "edit the evidence (one per line)"),
        KeyBinding(chars("i"), "i", "show or hide guidance (remembered for the next sitting)"),
        KeyBinding(chars("m"), "m", "show or hide what the measure asks (shown on its first question)"),
        KeyBinding(chars("#"), "#", "show the ids of the question and measure, for scripts"),
        KeyBinding(chars("<>"), "<  >", "a conflict from syncing: keep the first / second machine's answer"),
    ])

    /// Words the screen uses, explained with the keys.
    public static let reading = KeyMap(title: "Reading", bindings: [
        KeyBinding([], "Copyright 1.3", "a measure named with its chapter; T1.1 C1.3 S7.7 where space is tight"),
        KeyBinding([], "provisional", "a score before every applicable question is answered, with the share answered"),
    ])

    public static let workshops = KeyMap(title: "Workshops", bindings: [
        KeyBinding(chars("F"), "F", "facilitator mode on/off: guidance shown, position published for viewers"),
        KeyBinding(chars("D"), "D", "facilitator: discussion note for the measure"),
        KeyBinding(chars("T"), "T", "facilitator: start / stop the measure's timer"),
        KeyBinding(chars("f"), "f", "watch: stop / resume following the facilitator"),
        KeyBinding(chars("V"), "V", "room view for a projector: question and options large, timer, who answered, notes"),
    ])

    public static let editing = KeyMap(title: "Editing text", bindings: [
        KeyBinding([.enter], "Enter", "saves one-line fields; new line in notes and text answers"),
        KeyBinding([.ctrl("s"), .function(2), .ctrl("d")], "Ctrl-S  F2", "save and close (notes, text answers, any field)"),
        KeyBinding([.tab], "Tab", "save and close a one-line field"),
        KeyBinding([.escape], "Esc", "cancel; asks 'discard changes?' when something was typed (y discards)"),
        KeyBinding([.left, .right, .up, .down], "arrows", "move the cursor"),
        KeyBinding([.alt("b"), .alt("f")], "Alt-B Alt-F", "word left / right"),
        KeyBinding([.backspace, .delete], "Bksp Del", "delete before / after the cursor"),
        KeyBinding([.ctrl("w"), .ctrl("u")], "Ctrl-W Ctrl-U", "delete word / to line start"),
        KeyBinding([.home, .end, .ctrl("a"), .ctrl("e")], "Home End", "start / end of line"),
        KeyBinding([], "paste", "inserted as text; a pasted newline never submits"),
    ])

    public static let dashboard = KeyMap(title: "Dashboard", bindings: [
        KeyBinding([.up, .down, .pageUp, .pageDown, .home, .end] + chars("jk"), "↑ ↓  j k", "select a gap"),
        KeyBinding([.enter], "Enter", "go to the selected gap"),
        KeyBinding([.escape, .char("d")], "d  Esc", "back to the question"),
        KeyBinding(chars("/g"), "/  g", "search, go to a measure"),
        KeyBinding(chars("a"), "a", "add an action for the selected gap, from its remediation hint"),
        KeyBinding(chars("P"), "P", "the action plan"),
    ])

    public static let actions = KeyMap(title: "Action plan", bindings: [
        KeyBinding([.up, .down, .pageUp, .pageDown, .home, .end] + chars("jk"), "↑ ↓  j k", "select an action"),
        KeyBinding([.char(" ")], "Space", "mark done / reopen"),
        KeyBinding(chars("o"), "o", "set the owner"),
        KeyBinding(chars("u"), "u", "set the due date (YYYY-MM-DD)"),
        KeyBinding(chars("f"), "f", "filter: all, open, overdue, mine"),
        KeyBinding([.enter], "Enter", "go to the action's question"),
        KeyBinding([.escape, .char("P")], "P  Esc", "back"),
    ])

    public static let home = KeyMap(title: "Assessments list", bindings: [
        KeyBinding([.enter, .right, .char("l"), .char("o")], "Enter o l →", "resume"),
        KeyBinding([.up, .down, .pageUp, .pageDown, .home, .end] + chars("jk"), "↑ ↓  j k", "select an assessment"),
        KeyBinding(chars("na"), "n  a", "new assessment"),
        KeyBinding(chars("r"), "r", "rename"),
        KeyBinding([.char("D"), .char("x"), .delete], "D  x  Del", "delete (asks first)"),
        KeyBinding(chars("R"), "R", "write a report of the selected assessment"),
    ])

    /// Every map, in the help's order.
    public static let all: [KeyMap] = [everywhere, moving, answering, reading, workshops, editing, dashboard, actions, home]
}

/// Every key, grouped (the README's list): made from `KeyMaps.all`.
public let helpSections: [(String, [(String, String)])] = sections(KeyMaps.all)

/// The help overlay's sections for what is on screen: `?` lists only keys that work there.
func helpSections(for state: AppState) -> [(String, [(String, String)])] {
    switch state.screen {
    case .home: return sections([KeyMaps.everywhere, KeyMaps.home])
    case let .assessment(a):
        if a.dashboard != nil { return sections([KeyMaps.everywhere, KeyMaps.dashboard]) }
        if a.actionsScreen != nil { return sections([KeyMaps.everywhere, KeyMaps.actions]) }
        if a.readOnly || a.watching { return sections([KeyMaps.everywhere, KeyMaps.moving, KeyMaps.reading, KeyMaps.workshops]) }
        return sections([KeyMaps.everywhere, KeyMaps.moving, KeyMaps.answering, KeyMaps.reading, KeyMaps.workshops, KeyMaps.editing])
    }
}

private func sections(_ maps: [KeyMap]) -> [(String, [(String, String)])] {
    maps.map { m in (m.title, m.bindings.map { ($0.label, $0.help) }) }
}
