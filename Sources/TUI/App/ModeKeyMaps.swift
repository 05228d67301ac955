/// The keys of editors, prompts and overlays. A map binds a mode's control keys; a printable
/// character no map of a typing mode binds is text (`editLine`).
extension KeyMaps {
    static let helpKey = KeyBinding([.function(1)], "F1", "these keys (closing them goes back)", .help)
    static let helpKeys = KeyBinding([.char("?"), .function(1)], "?  F1", "these keys (closing them goes back)", .help)

    /// Ctrl keys that work in every mode, typing included (`keyPress` takes them before the mode).
    public static let always = KeyMap(title: "Always", bindings: [
        KeyBinding([.ctrl("c")], "Ctrl-C", "quit", .quit),
        KeyBinding([.ctrl("l")], "Ctrl-L", "redraw the screen", .redraw),
        KeyBinding([.ctrl("z")], "Ctrl-Z", "suspend (fg resumes)", .suspend),
    ])

    /// The cursor and deleting keys of every text field, one line or many.
    public static let lineEditing = KeyMap(title: "Typing", bindings: [
        KeyBinding([(.left, .left), (.right, .right)], "← →", "move the cursor"),
        KeyBinding([(.alt("b"), .wordLeft), (.alt("f"), .wordRight)], "Alt-B Alt-F", "word left / right"),
        KeyBinding([(.home, .lineStart), (.end, .lineEnd), (.ctrl("a"), .lineStart), (.ctrl("e"), .lineEnd)], "Home End",
                   "start / end of line (also Ctrl-A, Ctrl-E)"),
        KeyBinding([(.backspace, .deleteBackward), (.delete, .deleteForward)], "Bksp Del", "delete before / after the cursor"),
        KeyBinding([(.ctrl("w"), .deleteWord), (.ctrl("u"), .deleteToLineStart)], "Ctrl-W Ctrl-U", "delete word / to line start"),
        KeyBinding([], "paste", "inserted as text; a pasted newline never submits", .explanation),
    ])

    /// Everything the question pane's editor binds, one line or many, as the assessment screen's help lists
    /// it (the open editor looks keys up in `editorScreen`; `KeyMapTests` checks both bind the same keys).
    public static let editing = KeyMap(title: "Editing text", bindings: [
        KeyBinding([.enter], "Enter", "saves one-line fields; new line in notes and text answers", .activate),
        KeyBinding([.tab], "Tab", "save and close a one-line field", .save),
        KeyBinding([(.up, .up), (.down, .down)], "↑ ↓", "line up / down in notes and text answers"),
    ] + editorBase.bindings + lineEditing.bindings)

    /// An answer, note, evidence list or discussion note being written in the question pane.
    public static let editorBase = KeyMap(title: "Editing text", bindings: [
        KeyBinding([.ctrl("s"), .function(2), .ctrl("d")], "Ctrl-S  F2", "save and close (notes, text answers, any field)", .save,
                   footer: FooterEntry("Ctrl-S/F2", "save")),
        KeyBinding([.escape], "Esc", "cancel; asks 'discard changes?' when something was typed (y discards)", .cancel,
                   footer: FooterEntry("Esc", "cancel")),
        helpKey,
    ])

    public static let multiLineEditing = KeyMap(title: "In a note or text answer", bindings: [
        KeyBinding([.enter], "Enter", "new line", .newLine, footer: FooterEntry("Enter", "new line")),
        KeyBinding([(.up, .up), (.down, .down)], "↑ ↓", "line up / down", footer: FooterEntry("arrows", "move", action: .up)),
    ])

    public static let oneLineEditing = KeyMap(title: "In a one-line field", bindings: [
        KeyBinding([.enter, .tab], "Enter  Tab", "save and close", .save, footer: FooterEntry("Enter", "save")),
    ])

    /// Esc after typing asked "discard changes?".
    public static let confirmDiscard = KeyMap(title: "Discard changes?", bindings: [
        KeyBinding(chars("yY"), "y", "discard what was typed", .confirm, footer: FooterEntry("y", "discard changes")),
        KeyBinding([.char("n"), .escape], "n  Esc", "keep editing (so does any other key)", .deny, footer: FooterEntry("other", "keep editing")),
    ])

    /// A draft kept when the last sitting ended before it was confirmed, offered on opening.
    public static let draftOffer = KeyMap(title: "A draft from the last sitting", bindings: [
        KeyBinding([.enter], "Enter", "keep it: saved as if confirmed now", .activate, footer: FooterEntry("Enter", "keep it")),
        KeyBinding([.escape], "Esc", "discard it", .cancel, footer: FooterEntry("Esc", "discard it")),
        KeyBinding(chars("q"), "q", "quit; the draft is offered again next time", .quit, footer: FooterEntry("q", "quit")),
        helpKeys,
        KeyBinding([], "other keys", "say the offer again", .explanation),
    ])

    /// A one-line prompt: Enter confirms, Esc cancels.
    static func prompt(_ title: String, enter: String, esc: String) -> KeyMap {
        KeyMap(title: title, bindings: [
            KeyBinding([.enter], "Enter", enter, .save, footer: FooterEntry("Enter", "save")),
            KeyBinding([.escape], "Esc", esc, .cancel, footer: FooterEntry("Esc", "cancel")),
            helpKey,
        ])
    }

    public static let goTo = prompt("Go to", enter: "go to the measure or question with that number (a word: search)", esc: "close")
    public static let titlePrompt = prompt("Title", enter: "save the title (a new assessment: create it)", esc: "cancel")
    public static let reportPath = prompt("Report file", enter: "write the report there (never over an existing file)", esc: "cancel")
    public static let eventDate = prompt("Event date", enter: "save the date (YYYY-MM-DD; empty clears it)", esc: "cancel")
    public static let actionField = prompt("Owner or due date", enter: "save", esc: "cancel; asks first when something was typed")

    public static let search = KeyMap(title: "Search", bindings: [
        KeyBinding([(.up, .up), (.down, .down), (.ctrl("p"), .up), (.ctrl("n"), .down), (.tab, .down)], "↑ ↓  Tab",
                   "previous / next result (also Ctrl-P, Ctrl-N)"),
        KeyBinding([(.pageUp, .pageUp), (.pageDown, .pageDown)], "PgUp PgDn", "ten results up / down"),
        KeyBinding([.enter], "Enter", "go to the selected result", .activate),
        KeyBinding([.escape], "Esc", "close", .cancel),
        helpKey,
        KeyBinding([], "typing", "words from a question or measure, a number (1.2) or an id", .explanation),
    ])

    /// A yes/no question: y does it, any other key does not.
    static func confirmation(_ title: String, yes: String, no: String, quits: Bool = false) -> KeyMap {
        KeyMap(title: title, bindings: [
            KeyBinding(chars("yY"), "y", yes, .confirm),
            KeyBinding([.char("n"), .escape], "n  Esc", no + " (so does any other key)", .deny),
        ] + (quits ? [KeyBinding(chars("q"), "q", "quit", .quit)] : []))
    }

    public static let confirmDelete = confirmation("Delete?", yes: "delete the assessment", no: "keep it", quits: true)
    public static let confirmTakeOver = confirmation("Take over?", yes: "take the session over from the terminal named", no: "leave it")

    public static let openElsewhere = KeyMap(title: "Open elsewhere", bindings: [
        KeyBinding(chars("r"), "r", "open read-only", .readOnly),
        KeyBinding(chars("tT"), "t", "take over (asks first while that terminal's process runs)", .takeOver),
        KeyBinding([.escape, .char("b")], "b  Esc", "back (without a list: quit)", .back),
        KeyBinding(chars("q"), "q", "quit", .quit),
        helpKeys,
    ])

    public static let pickQuestionnaire = KeyMap(title: "Questionnaire", bindings: [
        KeyBinding(arrows.filter { [.up, .down].contains($0.1) }, "↑ ↓  j k", "select a questionnaire"),
        KeyBinding([.enter], "Enter", "use the selected questionnaire", .activate),
        KeyBinding(chars("123456789"), "1-9", "use that questionnaire", .digit),
        KeyBinding([.escape], "Esc", "cancel", .cancel),
        KeyBinding(chars("q"), "q", "quit", .quit),
        helpKeys,
    ])

    public static let reportFormat = KeyMap(title: "Report format", bindings: [
        KeyBinding([(.up, .up), (.char("k"), .up), (.down, .down), (.char("j"), .down), (.tab, .down)], "↑ ↓  j k", "select a format"),
        KeyBinding([(.home, .first), (.end, .last)], "Home End", "first / last format"),
        KeyBinding(chars("0123456789"), "1-4", "choose that format", .digit),
        KeyBinding([.enter], "Enter", "choose the selected format, then the file", .activate),
        KeyBinding([.escape], "Esc", "cancel", .cancel),
        KeyBinding(chars("q"), "q", "quit", .quit),
        helpKeys,
    ])

    public static let conflict = KeyMap(title: "Changed elsewhere", bindings: [
        KeyBinding(chars("mM"), "m", "save my version of the fields changed on both sides", .keepMine),
        KeyBinding([.char("s"), .char("S"), .escape], "s  Esc", "keep the stored answer; mine is not saved", .keepStored),
        helpKeys,
    ])

    public static let details = KeyMap(title: "Organisation and model", bindings: [
        KeyBinding([.tab, .backTab, .up, .down], "Tab ↑ ↓", "the other field", .otherField),
        KeyBinding([.enter], "Enter", "next field; on the last one, save both", .activate),
        KeyBinding([.escape], "Esc", "cancel (a new assessment: skip, O asks later)", .cancel),
        helpKey,
    ])

    public static let events = KeyMap(title: "Event dates", bindings: [
        KeyBinding(arrows.filter { [.up, .down].contains($0.1) }, "↑ ↓  j k", "select an event"),
        KeyBinding([.enter], "Enter", "type its date", .activate),
        KeyBinding([.escape, .char("E")], "E  Esc", "close", .back),
        helpKeys,
    ])

    public static let whatsLeft = KeyMap(title: "What's left", bindings: [
        KeyBinding(arrows.filter { [.up, .down].contains($0.1) } + [(.pageUp, .pageUp), (.pageDown, .pageDown)], "↑ ↓  j k",
                   "select a question (PgUp PgDn: ten)"),
        KeyBinding([.enter], "Enter", "go to the selected question", .activate),
        KeyBinding([.escape, .char("L")], "L  Esc", "close", .back),
        KeyBinding(chars("q"), "q", "quit", .quit),
        helpKeys,
    ])

    /// A panel of text (why this score): reading it, any other key closes.
    public static let infoPanel = KeyMap(title: "Reading a panel", bindings: [
        KeyBinding([(.up, .up), (.char("k"), .up), (.down, .down), (.char("j"), .down)], "↑ ↓  j k", "scroll"),
        KeyBinding([(.pageUp, .pageUp), (.pageDown, .pageDown), (.char(" "), .pageDown)], "PgUp PgDn", "page (Space: down)"),
        helpKeys,
        KeyBinding([.escape, .enter], "Esc", "close (so does any other key)", .back),
    ])

    /// This help: any other key closes it.
    public static let helpOverlay = KeyMap(title: "In this help", bindings: [
        KeyBinding([(.up, .up), (.char("k"), .up), (.down, .down), (.char("j"), .down)], "↑ ↓  j k", "scroll"),
        KeyBinding([(.pageUp, .pageUp), (.pageDown, .pageDown), (.char(" "), .pageDown)], "PgUp PgDn", "page (Space: down)"),
        KeyBinding(chars("q"), "q", "quit", .quit),
        KeyBinding([.escape, .enter], "Esc", "close (so does any other key)", .back),
    ])

    /// A terminal too small to draw in.
    public static let tooSmall = KeyMap(title: "Too small", bindings: [KeyBinding(chars("q"), "q", "quit", .quit)])

    /// The maps of the question pane's editor (`confirmDiscard` once Esc asked).
    public static func editorScreen(_ ed: Editing) -> [KeyMap] {
        if ed.askDiscard { return [confirmDiscard, always] }
        return [ed.editor.multiline ? multiLineEditing : oneLineEditing, editorBase, lineEditing, always]
    }

    /// The maps of an overlay's mode.
    public static func overlayScreen(_ o: Overlay, askTakeOver: Bool) -> [KeyMap] {
        switch o {
        case .help: return [helpOverlay, always]
        case .info: return [infoPanel, always]
        case .left: return [whatsLeft, always]
        case .search: return [search, lineEditing, always]
        case .goto: return [goTo, lineEditing, always]
        case .confirmDelete: return [confirmDelete, always]
        case .rename, .newTitle: return [titlePrompt, lineEditing, always]
        case .pickQuestionnaire: return [pickQuestionnaire, always]
        case .locked: return askTakeOver ? [confirmTakeOver, always] : [openElsewhere, always]
        case let .report(d): return d.step == .format ? [reportFormat, always] : [reportPath, lineEditing, always]
        case .conflict: return [conflict, always]
        case .details: return [details, lineEditing, always]
        case let .events(d): return d.editor == nil ? [events, always] : [eventDate, lineEditing, always]
        }
    }
}
