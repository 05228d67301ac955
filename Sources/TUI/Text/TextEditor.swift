/// An editable text value for notes, justifications and typed answers.
///
/// The cursor moves by grapheme cluster (`Character`), so "é" written as e + U+0301, a CJK
/// ideograph or a flag is one step; columns are measured with the injected `DisplayWidth`.
/// A paste is one edit: it is inserted whole, with newlines kept in multi-line editors (never
/// treated as Enter) and folded to spaces in single-line ones.
public struct TextEditor: Sendable, Equatable {
    public private(set) var chars: [Character]
    /// Insertion point, 0...chars.count.
    public private(set) var cursor: Int
    public var multiline: Bool
    /// Column the cursor tries to keep on vertical moves.
    var goalColumn: Int?
    public var maxLength: Int

    public init(_ text: String = "", multiline: Bool = false, maxLength: Int = 20_000) {
        self.chars = Array(TextEditor.clean(text, multiline: multiline))
        self.cursor = chars.count
        self.multiline = multiline
        self.maxLength = maxLength
    }

    public var text: String { String(chars) }

    /// Removes what must not be stored: controls other than newline (tabs become spaces),
    /// CR/LF pairs become LF, and single-line text loses its line breaks.
    public static func clean(_ s: String, multiline: Bool) -> String {
        var out = ""
        for c in s {
            if c == "\r\n" || c == "\n" || c == "\r" || c == "\u{2028}" || c == "\u{2029}" {
                out.append(multiline ? "\n" : " ")
            } else if c == "\t" {
                out.append(" ")
            } else if c.unicodeScalars.allSatisfy({ Sanitizer.escape($0) == nil }) {
                out.append(c)
            } else {
                // Drop control scalars but keep the printable rest of the cluster.
                var kept = String.UnicodeScalarView()
                for s in c.unicodeScalars where Sanitizer.escape(s) == nil { kept.append(s) }
                out += String(kept)
            }
        }
        return out
    }

    public mutating func setText(_ s: String) {
        chars = Array(TextEditor.clean(s, multiline: multiline))
        cursor = chars.count
        goalColumn = nil
    }

    /// Inserts typed or pasted text at the cursor as one edit. Returns false when nothing changed.
    @discardableResult
    public mutating func insert(_ s: String) -> Bool {
        let cleaned = Array(TextEditor.clean(s, multiline: multiline))
        guard !cleaned.isEmpty else { return false }
        let room = maxLength - chars.count
        guard room > 0 else { return false }
        let piece = cleaned.prefix(room)
        // Re-cluster around the seam: a combining mark typed after "e" joins it.
        let before = String(chars[..<cursor]) + String(piece)
        let after = String(chars[cursor...])
        let newBefore = Array(before)
        chars = Array(before + after)
        cursor = min(newBefore.count, chars.count)
        if String(chars[..<cursor]) != before { cursor = chars.count - Array(after).count }
        goalColumn = nil
        return true
    }

    @discardableResult
    public mutating func backspace() -> Bool {
        guard cursor > 0 else { return false }
        chars.remove(at: cursor - 1)
        cursor -= 1
        goalColumn = nil
        return true
    }

    @discardableResult
    public mutating func deleteForward() -> Bool {
        guard cursor < chars.count else { return false }
        chars.remove(at: cursor)
        goalColumn = nil
        return true
    }

    /// Deletes the word before the cursor (Ctrl-W).
    @discardableResult
    public mutating func deleteWordBackward() -> Bool {
        guard cursor > 0 else { return false }
        let start = wordStart(before: cursor)
        chars.removeSubrange(start..<cursor)
        cursor = start
        goalColumn = nil
        return true
    }

    /// Deletes from the cursor to the start of its line (Ctrl-U).
    @discardableResult
    public mutating func deleteToLineStart() -> Bool {
        var s = cursor
        while s > 0 && chars[s - 1] != "\n" { s -= 1 }
        guard s < cursor else { return false }
        chars.removeSubrange(s..<cursor)
        cursor = s
        return true
    }

    public mutating func left() { if cursor > 0 { cursor -= 1 }; goalColumn = nil }
    public mutating func right() { if cursor < chars.count { cursor += 1 }; goalColumn = nil }
    public mutating func wordLeft() { cursor = wordStart(before: cursor); goalColumn = nil }
    public mutating func wordRight() {
        var i = cursor
        while i < chars.count && !chars[i].isLetter && !chars[i].isNumber { i += 1 }
        while i < chars.count && (chars[i].isLetter || chars[i].isNumber) { i += 1 }
        cursor = i; goalColumn = nil
    }

    func wordStart(before p: Int) -> Int {
        var i = p
        while i > 0 && !(chars[i - 1].isLetter || chars[i - 1].isNumber) { i -= 1 }
        while i > 0 && (chars[i - 1].isLetter || chars[i - 1].isNumber) { i -= 1 }
        return i
    }

    // MARK: Layout

    public struct Layout: Sendable, Equatable {
        public var lines: [Wrap.Line]
        /// Row and column of the cursor.
        public var cursorRow: Int
        public var cursorColumn: Int
    }

    public func layout(width: Int, widths: DisplayWidth) -> Layout {
        let lines = Wrap.lines(chars, width: max(1, width - 1), widths: widths)
        var row = lines.count - 1
        for (k, l) in lines.enumerated() {
            let next = k + 1 < lines.count ? lines[k + 1].start : Int.max
            if cursor >= l.start && cursor < next { row = k; break }
        }
        let l = lines[row]
        var col = 0
        for i in l.start..<min(cursor, l.end) { col += widths.width(chars[i]) }
        if cursor > l.end { col = 0 }
        return Layout(lines: lines, cursorRow: row, cursorColumn: col)
    }

    func index(inLine l: Wrap.Line, column: Int, widths: DisplayWidth) -> Int {
        var col = 0
        var i = l.start
        while i < l.end {
            let w = widths.width(chars[i])
            if col + w > column { break }
            col += w; i += 1
        }
        return i
    }

    public mutating func up(width: Int, widths: DisplayWidth) {
        let lay = layout(width: width, widths: widths)
        let goal = goalColumn ?? lay.cursorColumn
        if lay.cursorRow == 0 { cursor = 0 } else {
            cursor = index(inLine: lay.lines[lay.cursorRow - 1], column: goal, widths: widths)
        }
        goalColumn = goal
    }

    public mutating func down(width: Int, widths: DisplayWidth) {
        let lay = layout(width: width, widths: widths)
        let goal = goalColumn ?? lay.cursorColumn
        if lay.cursorRow == lay.lines.count - 1 { cursor = chars.count } else {
            cursor = index(inLine: lay.lines[lay.cursorRow + 1], column: goal, widths: widths)
        }
        goalColumn = goal
    }

    public mutating func lineStart(width: Int, widths: DisplayWidth) {
        let lay = layout(width: width, widths: widths)
        cursor = lay.lines[lay.cursorRow].start
        goalColumn = nil
    }

    public mutating func lineEnd(width: Int, widths: DisplayWidth) {
        let lay = layout(width: width, widths: widths)
        var e = lay.lines[lay.cursorRow].end
        // A soft-wrapped line ends before its trailing space, so End stays on the row.
        if lay.cursorRow + 1 < lay.lines.count, e == lay.lines[lay.cursorRow + 1].start, e > lay.lines[lay.cursorRow].start, chars[e - 1] == " " { e -= 1 }
        cursor = e
        goalColumn = nil
    }
}
