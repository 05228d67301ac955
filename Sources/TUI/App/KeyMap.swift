/// A key's entry in a screen's footer: the key as shown there and a word or two.
public struct FooterEntry: Sendable, Equatable {
    public var key: String
    public var label: String
    /// The action it stands for (nil: an editor's or a question's own prompt, not a binding).
    public var action: KeyAction?
    public init(_ key: String, _ label: String, action: KeyAction? = nil) { self.key = key; self.label = label; self.action = action }
}

/// One key binding: the keys and what each does, how the help names them, and (if shown there)
/// its footer entry.
public struct KeyBinding: Sendable {
    public let keys: [Key]
    /// The action of each key, in the order of `keys`.
    public let actions: [KeyAction]
    public let label: String
    public let help: String
    public let footer: FooterEntry?
    /// Works while the tree pane has the focus (`KeyMaps.treeFocusActions`); other keys are refused
    /// there, so that a command meant for the question (`R`, `e`) does not run behind the user's back.
    public private(set) var inTree = false

    /// Every key does the same.
    public init(_ keys: [Key], _ label: String, _ help: String, _ action: KeyAction, footer: FooterEntry? = nil) {
        self.keys = keys; self.actions = Array(repeating: action, count: keys.count)
        self.label = label; self.help = help; self.footer = footer
    }

    /// Each key its own action (e.g. `n` next, `p` previous).
    public init(_ pairs: [(Key, KeyAction)], _ label: String, _ help: String, footer: FooterEntry? = nil) {
        self.keys = pairs.map(\.0); self.actions = pairs.map(\.1)
        self.label = label; self.help = help; self.footer = footer
    }

    public func action(for key: Key) -> KeyAction? { keys.firstIndex(of: key).map { actions[$0] } }

    /// The same binding, marked as working in the tree pane.
    func alsoInTree() -> KeyBinding {
        var b = self
        b.inTree = true
        return b
    }
}

/// The keys of one screen or mode, in the order the help lists them. Reducers find what a key does
/// here, the help overlay and the footers are made from these maps, and `KeyMapTests` drives every
/// key through `update` on each screen to check that whatever a key does there is listed.
public struct KeyMap: Sendable {
    public let title: String
    public let bindings: [KeyBinding]

    public init(title: String, bindings: [KeyBinding]) { self.title = title; self.bindings = bindings }

    public func binds(_ key: Key) -> Bool { bindings.contains { $0.keys.contains(key) } }

    public func action(for key: Key) -> KeyAction? {
        for b in bindings { if let a = b.action(for: key) { return a } }
        return nil
    }

    /// The footer entry of the binding marked for the footer that does `action` (an entry naming its
    /// action stands for that one only, e.g. "Space toggle" on the Enter/Space binding).
    public func footerEntry(for action: KeyAction) -> FooterEntry? {
        guard var e = bindings.first(where: { b in
            guard let f = b.footer else { return false }
            return f.action.map { $0 == action } ?? b.actions.contains(action)
        })?.footer else { return nil }
        e.action = action
        return e
    }
}

public enum KeyMaps {
    public static func chars(_ s: String) -> [Key] { s.map { Key.char($0) } }

    /// Keys that move in a list, the same on every screen.
    static let arrows: [(Key, KeyAction)] = [(.up, .up), (.down, .down), (.pageUp, .pageUp), (.pageDown, .pageDown),
                                              (.home, .first), (.end, .last), (.char("j"), .down), (.char("k"), .up)]

    public static let everywhere = KeyMap(title: "Everywhere", bindings: [
        KeyBinding([.char("?"), .function(1)], "?  F1", "this help", .help, footer: FooterEntry("?", "help")).alsoInTree(),
        KeyBinding([.char("q")], "q", "quit (everything is already saved)", .quit, footer: FooterEntry("q", "quit")).alsoInTree(),
    ] + always.bindings)

    /// The assessment screen, whichever pane has the focus.
    public static let moving = KeyMap(title: "Moving", bindings: [
        KeyBinding([(.char("n"), .next), (.char("p"), .previous)], "n  p", "next / previous question", footer: FooterEntry("n/p", "next/prev", action: .next)).alsoInTree(),
        KeyBinding(chars("N"), "N", "next unanswered question", .nextUnanswered, footer: FooterEntry("N", "unanswered")).alsoInTree(),
        KeyBinding([(.up, .up), (.down, .down), (.char("j"), .down), (.char("k"), .up)], "↑ ↓  j k", "move in a list",
                   footer: FooterEntry("↑↓", "move", action: .up)).alsoInTree(),
        KeyBinding([(.left, .left), (.right, .right), (.char("h"), .left), (.char("l"), .right)], "← →  h l",
                   "tree: fold, unfold, open; pane: to the tree / next", footer: FooterEntry("←→", "fold", action: .left)).alsoInTree(),
        KeyBinding([(.pageUp, .pageUp), (.pageDown, .pageDown)], "PgUp PgDn", "page").alsoInTree(),
        KeyBinding([(.home, .first), (.end, .last)], "Home End", "first / last").alsoInTree(),
        KeyBinding([.tab, .backTab], "Tab", "switch between tree and question", .switchPane, footer: FooterEntry("Tab", "tree")).alsoInTree(),
        KeyBinding([.enter], "Enter", "open the selected part", .activate, footer: FooterEntry("Enter", "open")).alsoInTree(),
        KeyBinding([.char(" ")], "Space", "tree: fold / unfold the selected part", .toggle).alsoInTree(),
        KeyBinding(chars("t"), "t", "show or hide the tree", .toggleTree).alsoInTree(),
        KeyBinding(chars("/"), "/", "search questions and measures", .search, footer: FooterEntry("/", "search")).alsoInTree(),
        KeyBinding(chars("g"), "g", "go to a measure: its number (1.2) or with its chapter (copyright 1.3, C1.3)", .goTo,
                   footer: FooterEntry("g", "go to")).alsoInTree(),
        KeyBinding(chars("d"), "d", "dashboard: scores, share answered, top gaps; a adds an action for the selected gap", .dashboard,
                   footer: FooterEntry("d", "dashboard")).alsoInTree(),
        KeyBinding(chars("E"), "E", "event dates deadlines count from (placing on the market, notification…)", .events),
        KeyBinding(chars("O"), "O", "organisation and model assessed (asked when an assessment is created)", .details),
        KeyBinding(chars("w"), "w", "why this score: how the measure's score is made and what keeps it from met", .explain),
        KeyBinding(chars("L"), "L", "what's left: unanswered questions by measure; Enter goes to one", .whatsLeft),
        KeyBinding(chars("r"), "r r", "mark the measure reviewed by you (not if you answered part of it)", .review),
        KeyBinding(chars("P"), "P", "action plan: Space done/reopen, o owner, u due date, f filter (all, open, overdue, mine)", .actionPlan),
        KeyBinding(chars("R"), "R", "write a report: asks for the format and the file", .report),
        KeyBinding([.escape], "Esc", "back to the list of assessments", .back).alsoInTree(),
    ])

    /// The question pane.
    public static let answering = KeyMap(title: "Answering", bindings: [
        KeyBinding(chars("0123456789"), "1-9", "pick that option; it is saved at once (a number question: start typing it)", .digit,
                   footer: FooterEntry("1-9", "answer")),
        KeyBinding([(.enter, .activate), (.char(" "), .toggle)], "Enter Space", "pick / toggle the option under the cursor",
                   footer: FooterEntry("Space", "toggle", action: .toggle)),
        KeyBinding([.enter], "Enter", "type a text, number or date answer", .activate, footer: FooterEntry("Enter", "edit")),
        KeyBinding(chars("aA"), "a  A", "not applicable, with the reason why", .notApplicable, footer: FooterEntry("a", "N/A")),
        KeyBinding([.char("x"), .delete], "x  Del", "clear the answer", .clear),
        KeyBinding(chars("u"), "u", "undo the last change made in this sitting", .undo),
        KeyBinding(chars("e"), "e", "edit the note", .note, footer: FooterEntry("e", "note")),
        KeyBinding(chars("v"), "v", "edit the evidence (one per line)", .evidence),
        KeyBinding(chars("i"), "i", "show or hide guidance (remembered for the next sitting)", .guidance, footer: FooterEntry("i", "guidance")).alsoInTree(),
        KeyBinding(chars("m"), "m", "show or hide what the measure asks (shown on its first question)", .measurePanel).alsoInTree(),
        KeyBinding(chars("#"), "#", "show the ids of the question and measure, for scripts", .showIDs).alsoInTree(),
        KeyBinding([(.char("<"), .keepFirst), (.char(">"), .keepSecond)], "<  >", "a conflict from syncing: keep the first / second machine's answer",
                   footer: FooterEntry("</>", "keep side", action: .keepFirst)),
    ])

    /// Words the screen uses, explained with the keys.
    public static let reading = KeyMap(title: "Reading", bindings: [
        KeyBinding([], "Copyright 1.3", "a measure named with its chapter; T1.1 C1.3 S7.7 where space is tight", .explanation),
        KeyBinding([], "provisional", "a score before every applicable question is answered, with the share answered", .explanation),
    ])

    public static let workshops = KeyMap(title: "Workshops", bindings: [
        KeyBinding(chars("F"), "F", "facilitator mode on/off: guidance shown, position published for viewers", .facilitate,
                   footer: FooterEntry("F", "facilitator off")).alsoInTree(),
        KeyBinding(chars("D"), "D", "facilitator: discussion note for the measure", .discussion, footer: FooterEntry("D", "discussion")),
        KeyBinding(chars("T"), "T", "facilitator: start / stop the measure's timer", .timer, footer: FooterEntry("T", "timer")).alsoInTree(),
        KeyBinding(chars("f"), "f", "watch: stop / resume following the facilitator", .follow, footer: FooterEntry("f", "follow")).alsoInTree(),
        KeyBinding(chars("V"), "V", "room view for a projector: question and options large, timer, who answered, notes", .roomView).alsoInTree(),
    ])

    public static let dashboard = KeyMap(title: "Dashboard", bindings: [
        KeyBinding(arrows, "↑ ↓  j k", "select a gap", footer: FooterEntry("↑↓", "select gap", action: .up)),
        KeyBinding([.enter], "Enter", "go to the selected gap", .activate, footer: FooterEntry("Enter", "go to it")),
        KeyBinding(chars("a"), "a", "add an action for the selected gap, from its remediation hint", .addAction, footer: FooterEntry("a", "add action")),
        KeyBinding(chars("P"), "P", "the action plan", .actionPlan, footer: FooterEntry("P", "action plan")),
        KeyBinding([.escape, .char("d")], "d  Esc", "back to the question", .back, footer: FooterEntry("d/Esc", "back")),
        KeyBinding([(.char("/"), .search), (.char("g"), .goTo)], "/  g", "search, go to a measure"),
    ])

    public static let actions = KeyMap(title: "Action plan", bindings: [
        KeyBinding(arrows, "↑ ↓  j k", "select an action", footer: FooterEntry("↑↓", "select", action: .up)),
        KeyBinding([.char(" ")], "Space", "mark done / reopen", .toggle, footer: FooterEntry("Space", "done/reopen")),
        KeyBinding(chars("o"), "o", "set the owner", .owner, footer: FooterEntry("o", "owner")),
        KeyBinding(chars("u"), "u", "set the due date (YYYY-MM-DD)", .dueDate, footer: FooterEntry("u", "due date")),
        KeyBinding(chars("f"), "f", "filter: all, open, overdue, mine", .filter, footer: FooterEntry("f", "filter")),
        KeyBinding([.enter], "Enter", "go to the action's question", .activate, footer: FooterEntry("Enter", "go to question")),
        KeyBinding([.escape, .char("P")], "P  Esc", "back", .back, footer: FooterEntry("P/Esc", "back")),
    ])

    public static let home = KeyMap(title: "Assessments list", bindings: [
        KeyBinding([.enter, .right, .char("l"), .char("o")], "Enter o l →", "resume", .activate, footer: FooterEntry("Enter", "resume")),
        KeyBinding(arrows, "↑ ↓  j k", "select an assessment"),
        KeyBinding(chars("na"), "n  a", "new assessment", .new, footer: FooterEntry("n", "new")),
        KeyBinding(chars("r"), "r", "rename", .rename, footer: FooterEntry("r", "rename")),
        KeyBinding([.char("D"), .char("x"), .delete], "D  x  Del", "delete (asks first)", .delete, footer: FooterEntry("D", "delete")),
        KeyBinding(chars("R"), "R", "write a report of the selected assessment", .report, footer: FooterEntry("R", "report")),
    ])

    /// What `key` does on a screen made of `maps` (the first map that binds it decides).
    public static func action(for key: Key, in maps: [KeyMap]) -> KeyAction? {
        for m in maps { if let a = m.action(for: key) { return a } }
        return nil
    }

    /// The maps a screen's keys are looked up in.
    public static let homeScreen = [everywhere, home]
    public static let assessmentScreen = [everywhere, moving, answering, workshops]
    /// What works while the tree pane has the focus: the bindings of the assessment screen marked `inTree`.
    public static let treeFocusActions: Set<KeyAction> = Set(assessmentScreen.flatMap { $0.bindings.filter(\.inTree).flatMap(\.actions) })
    public static let dashboardScreen = [everywhere, dashboard]
    public static let actionsScreen = [everywhere, actions]

    /// Every map of the screens, in the help's order (the dialogs' own maps are listed when they are open).
    public static let all: [KeyMap] = [everywhere, moving, answering, reading, workshops, editing, dashboard, actions, home]
}

/// Every key, grouped (the README's list): made from `KeyMaps.all`.
public let helpSections: [(String, [(String, String)])] = sections(KeyMaps.all)

/// The help overlay's sections for what is on screen: `?` lists only keys that work there. Opened from
/// a dialog, a prompt or an editor, it lists that mode's keys (and how this help scrolls).
func helpSections(for state: AppState) -> [(String, [(String, String)])] {
    var under = state
    if case .help = state.overlay { under.overlay = state.underHelp }
    let inHelp = state.overlay.map { KeyMaps.overlayScreen($0, askTakeOver: false) } ?? []
    if under.overlay != nil || under.offeredDraft != nil || under.assessment?.editing != nil || under.assessment?.actionsScreen?.editing != nil {
        return sections(keyMaps(for: under) + inHelp.filter { $0.title != KeyMaps.always.title })
    }
    switch under.screen {
    case .home: return sections(KeyMaps.homeScreen)
    case let .assessment(a):
        if a.dashboard != nil { return sections(KeyMaps.dashboardScreen) }
        if a.actionsScreen != nil { return sections(KeyMaps.actionsScreen) }
        if a.readOnly || a.watching { return sections([KeyMaps.everywhere, KeyMaps.moving, KeyMaps.reading, KeyMaps.workshops]) }
        return sections([KeyMaps.everywhere, KeyMaps.moving, KeyMaps.answering, KeyMaps.reading, KeyMaps.workshops, KeyMaps.editing])
    }
}

private func sections(_ maps: [KeyMap]) -> [(String, [(String, String)])] {
    maps.map { m in (m.title, m.bindings.map { ($0.label, $0.help) }) }
}
