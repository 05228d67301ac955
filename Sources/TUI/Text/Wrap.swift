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
        if let lines = asciiText(s, width: width) { return lines }
        let chars: [Character] = s.map { c in c == "\r\n" || c == "\r" ? "\n" : (c == "\t" ? " " : c) }
        return lines(chars, width: width, widths: widths).map { l in
            var t = String(chars[l.start..<l.end])
            while t.last == " " { t.removeLast() }
            return t
        }
    }

    /// `text` of printable ASCII with tabs and newlines, where every character is one byte and one
    /// column: the same lines, from the bytes (a question's texts are wrapped on every frame).
    /// Nil for any other text.
    static func asciiText(_ s: String, width: Int) -> [String]? {
        var s = s
        return s.withUTF8 { b -> [String]? in
            var tabs = false
            for c in b where c < 0x20 || c > 0x7E {
                if c == 0x09 { tabs = true } else if c != 0x0A { return nil }
            }
            let width = max(1, width)
            var out: [String] = []
            func line(_ from: Int, _ to: Int) {
                var end = to
                while end > from, b[end - 1] == 0x20 || b[end - 1] == 0x09 { end -= 1 }
                let t = String(decoding: UnsafeBufferPointer(rebasing: b[from..<end]), as: UTF8.self)
                out.append(tabs ? String(t.map { $0 == "\t" ? " " : $0 }) : t)  // tabs read as spaces, as in `text`
            }
            var start = 0, col = 0, i = 0
            var lastBreak: Int?  // index just after the last space on this line
            while i < b.count {
                let c = b[i]
                if c == 0x0A {
                    line(start, i)
                    i += 1; start = i; col = 0; lastBreak = nil
                    continue
                }
                if c == 0x20 || c == 0x09 {
                    col += 1; i += 1; lastBreak = i
                    continue
                }
                if col + 1 > width && i > start {
                    if let br = lastBreak, br > start {
                        line(start, br)
                        start = br
                    } else {
                        line(start, i)
                        start = i
                    }
                    col = i - start
                    lastBreak = nil
                    continue
                }
                col += 1; i += 1
            }
            line(start, b.count)
            return out
        }
    }
}
