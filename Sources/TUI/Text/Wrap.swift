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
        breaks(chars.count, width: width, isNewline: { chars[$0] == "\n" || chars[$0] == "\r\n" }, isSpace: { chars[$0] == " " },
               columns: { chars[$0] == "\t" ? 1 : widths.width(chars[$0]) }, recount: { widths.width(chars[$0]) })
    }

    /// The rule of `lines`, over `count` units: `columns` is a unit's width as the line grows, `recount`
    /// its width when a broken line's carried-over part is measured again.
    static func breaks(_ count: Int, width: Int, isNewline: (Int) -> Bool, isSpace: (Int) -> Bool,
                       columns: (Int) -> Int, recount: (Int) -> Int) -> [Line] {
        let width = max(1, width)
        var out: [Line] = []
        var start = 0
        var col = 0
        var lastBreak: Int? = nil  // index just after the last space on this line
        var i = 0
        while i < count {
            if isNewline(i) {
                out.append(Line(start: start, end: i))
                i += 1; start = i; col = 0; lastBreak = nil
                continue
            }
            let w = columns(i)
            if isSpace(i) {
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
                for k in start..<i { col += recount(k) }
                lastBreak = nil
                continue
            }
            col += w; i += 1
        }
        out.append(Line(start: start, end: count))
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

    /// `text` for texts of characters that are one scalar and one column each (tabs, newlines and
    /// `DisplayWidth.isSimpleColumn`): the same lines, without breaking the text into `Character`s
    /// (a question's texts are wrapped on every frame). Nil for any other text.
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
            for u in scalars where u.value >= 0x80 && !widths.isSimpleColumn(u) { return nil }
            return wrapUnits(scalars.count, width: width, at: { scalars[$0].value }) { from, to in
                var v = String.UnicodeScalarView()
                v.append(contentsOf: scalars[from..<to])
                return clean(String(v))
            }
        }
    }

    /// `breaks` for units of one column (`at` gives a unit's value: 0x0A breaks a line, 0x20 and 0x09
    /// are spaces), each line made by `line` with its trailing spaces dropped.
    static func wrapUnits<V: BinaryInteger>(_ count: Int, width: Int, at: (Int) -> V, line: (Int, Int) -> String) -> [String] {
        breaks(count, width: width, isNewline: { at($0) == 0x0A }, isSpace: { at($0) == 0x20 || at($0) == 0x09 },
               columns: { _ in 1 }, recount: { _ in 1 }).map { l in
            var end = l.end
            while end > l.start, at(end - 1) == 0x20 || at(end - 1) == 0x09 { end -= 1 }
            return line(l.start, end)
        }
    }
}
