/// Word wrapping measured in terminal columns.
public enum Wrap {
    /// A wrapped line as a range of character indexes into the source. `end` excludes a
    /// consumed newline; `next` is where the following line starts.
    public struct Line: Sendable, Equatable {
        public var start: Int
        public var end: Int
    }

    /// Wraps characters to `width` columns: breaks after spaces when it can, inside a word when it
    /// must, and always at "\n". Trailing spaces stay on the line they end (they may overhang).
    /// There is always at least one line; a text ending in "\n" ends with an empty line.
    public static func lines(_ chars: [Character], width: Int, widths: DisplayWidth) -> [Line] {
        let width = max(1, width)
        var out: [Line] = []
        var start = 0
        var col = 0
        var lastBreak: Int? = nil  // index just after the last space on this line
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\n" || c == "\r\n" {
                out.append(Line(start: start, end: i))
                i += 1; start = i; col = 0; lastBreak = nil
                continue
            }
            let w = c == "\t" ? 1 : widths.width(c)
            if c == " " {
                col += w; i += 1; lastBreak = i
                continue
            }
            if col + w > width && i > start {
                if let b = lastBreak, b > start {
                    out.append(Line(start: start, end: b))
                    start = b
                } else {
                    out.append(Line(start: start, end: i))
                    start = i
                }
                col = 0
                for k in start..<i { col += widths.width(chars[k]) }
                lastBreak = nil
                continue
            }
            col += w; i += 1
        }
        out.append(Line(start: start, end: chars.count))
        return out
    }

    /// Wraps a string into display lines (trailing spaces trimmed).
    public static func text(_ s: String, width: Int, widths: DisplayWidth) -> [String] {
        if let lines = simpleText(s, width: width, widths: widths) { return lines }
        let chars: [Character] = s.map { c in c == "\r\n" || c == "\r" ? "\n" : (c == "\t" ? " " : c) }
        return lines(chars, width: width, widths: widths).map { l in
            var t = String(chars[l.start..<l.end])
            while t.last == " " { t.removeLast() }
            return t
        }
    }

    /// `text` for texts of characters that are one scalar and one column each (printable ASCII, tabs
    /// and newlines, and the punctuation of `isSimple`): the same lines, without breaking the text
    /// into `Character`s (a question's texts are wrapped on every frame). Nil for any other text.
    static func simpleText(_ text: String, width: Int, widths: DisplayWidth) -> [String]? {
        var s = text
        return s.withUTF8 { b -> [String]? in
            var tabs = false, ascii = true
            for c in b where c < 0x20 || c >= 0x7F {
                if c == 0x09 { tabs = true } else if c >= 0x80 { ascii = false } else if c != 0x0A { return nil }
            }
            func clean(_ t: String) -> String { tabs ? String(t.map { $0 == "\t" ? " " : $0 }) : t }  // tabs read as spaces, as in `text`
            if ascii {
                return wrapUnits(b.count, width: width, at: { b[$0] }) { from, to in
                    clean(String(decoding: UnsafeBufferPointer(rebasing: b[from..<to]), as: UTF8.self))
                }
            }
            let scalars = Array(text.unicodeScalars)
            for u in scalars where u.value >= 0x80 && !(isSimple(u) && widths.width(String(u)) == 1) { return nil }
            return wrapUnits(scalars.count, width: width, at: { scalars[$0].value }) { from, to in
                var v = String.UnicodeScalarView()
                v.append(contentsOf: scalars[from..<to])
                return clean(String(v))
            }
        }
    }

    /// Scalars that are a character of their own whatever surrounds them (no combining marks,
    /// joiners, variation selectors or line separators): Latin-1 and general punctuation, arrows.
    static func isSimple(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0xA0...0xFF: return u.value != 0xAD
        case 0x202A...0x202E: return false  // bidi embeddings and overrides
        case 0x2010...0x2027, 0x2030...0x205E, 0x2190...0x21FF: return true
        default: return false
        }
    }

    /// The wrapping of `lines`, for `count` units of one column each (`at` gives a unit's value, where
    /// 0x0A breaks a line and 0x20 or 0x09 is a space); `line` makes a line of units, its trailing
    /// spaces already dropped.
    static func wrapUnits<V: BinaryInteger>(_ count: Int, width: Int, at: (Int) -> V, line: (Int, Int) -> String) -> [String] {
        let width = max(1, width)
        var out: [String] = []
        func add(_ from: Int, _ to: Int) {
            var end = to
            while end > from, at(end - 1) == 0x20 || at(end - 1) == 0x09 { end -= 1 }
            out.append(line(from, end))
        }
        var start = 0, col = 0, i = 0
        var lastBreak: Int?  // index just after the last space on this line
        while i < count {
            let c = at(i)
            if c == 0x0A {
                add(start, i)
                i += 1; start = i; col = 0; lastBreak = nil
                continue
            }
            if c == 0x20 || c == 0x09 {
                col += 1; i += 1; lastBreak = i
                continue
            }
            if col + 1 > width && i > start {
                if let br = lastBreak, br > start {
                    add(start, br)
                    start = br
                } else {
                    add(start, i)
                    start = i
                }
                col = i - start
                lastBreak = nil
                continue
            }
            col += 1; i += 1
        }
        add(start, count)
        return out
    }
}
