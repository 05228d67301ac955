/// What a key does, as the key maps name it. Reducers switch over these (`KeyMaps.action(for:in:)`),
/// never over raw keys, so the maps are the one place a key is bound.
public enum KeyAction: Sendable, Hashable {
    // Everywhere
    case help, quit, redraw, suspend
    // Moving in a list or a pane (what they move depends on the pane)
    case up, down, left, right, pageUp, pageDown, first, last
    /// Enter: open, pick, edit.
    case activate
    /// Space: fold, toggle, mark done.
    case toggle
    case back
    // The assessment screen
    case next, previous, nextUnanswered, switchPane, toggleTree, search, goTo, dashboard, events, details
    case explain, whatsLeft, review, actionPlan, report
    // The question pane
    case digit, notApplicable, clear, undo, note, evidence, guidance, measurePanel, showIDs, keepFirst, keepSecond
    // Workshops
    case facilitate, discussion, timer, follow, roomView
    // Dashboard and action plan
    case addAction, owner, dueDate, filter
    // The list of assessments
    case new, rename, delete
    // Editing text: save, cancel, a new line in a note, and the editor's own keys (cursor, deleting)
    case save, cancel, newLine
    case lineStart, lineEnd, wordLeft, wordRight, deleteBackward, deleteForward, deleteWord, deleteToLineStart
    /// A typed character: inserted as text (a map names it only to explain it).
    case editText
    // Prompts and dialogs
    /// y: yes to the question asked (discard, delete, take over); `deny`: no.
    case confirm, deny
    /// "Open elsewhere": open read-only, or take the session over.
    case readOnly, takeOver
    /// A conflict from saving: keep my version, or the stored one.
    case keepMine, keepStored
    /// A dialog with two fields: the other field.
    case otherField
    /// A word on screen explained in the help; no key.
    case explanation
}
