/// Text attributes a cell can carry. Focus is always shown by `reverse` or `bold`, so the
/// interface stays usable without colour.
public struct Attributes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = Attributes(rawValue: 1)
    public static let reverse = Attributes(rawValue: 2)
    public static let underline = Attributes(rawValue: 4)
    public static let dim = Attributes(rawValue: 8)
}

/// A few colours by meaning; the backend maps them to terminal colours, or ignores them
/// under `NO_COLOR` and on monochrome terminals.
public enum SemanticColor: UInt8, Sendable, CaseIterable {
    case accent = 1, good, warning, bad, muted
}

public struct Style: Sendable, Hashable {
    public var attributes: Attributes
    public var color: SemanticColor?
    public init(_ attributes: Attributes = [], color: SemanticColor? = nil) {
        self.attributes = attributes; self.color = color
    }
    public static let plain = Style()
    public static let bold = Style(.bold)
    public static let reverse = Style(.reverse)
    public static let dim = Style(.dim)
    public static let underline = Style(.underline)
    public static func color(_ c: SemanticColor, _ a: Attributes = []) -> Style { Style(a, color: c) }
    public func with(_ a: Attributes) -> Style { Style(attributes.union(a), color: color) }
}

/// One terminal cell: the text of a spacing character plus any combining ones, and its width.
/// The cell to the right of a double-width cell is a continuation (`width == 0`).
public struct Cell: Sendable, Hashable {
    public var text: String
    public var width: UInt8
    public var style: Style
    public init(_ text: String = " ", width: UInt8 = 1, style: Style = .plain) {
        self.text = text; self.width = width; self.style = style
    }
    public static let blank = Cell()
    static let continuation = Cell("", width: 0)
}

public struct Size: Sendable, Hashable, CustomStringConvertible {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) { self.width = width; self.height = height }
    public var description: String { "\(width)x\(height)" }
}

public struct Point: Sendable, Hashable {
    public var x: Int
    public var y: Int
    public init(x: Int, y: Int) { self.x = x; self.y = y }
}

public struct Rect: Sendable, Hashable {
    public var x: Int, y: Int, width: Int, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = max(0, width); self.height = max(0, height)
    }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width <= 0 || height <= 0 }
    public func inset(_ d: Int) -> Rect { Rect(x: x + d, y: y + d, width: width - 2 * d, height: height - 2 * d) }
    public func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
        Rect(x: x + left, y: y + top, width: width - left - right, height: height - top - bottom)
    }
    /// Splits off `n` columns on the left.
    public func splitLeft(_ n: Int) -> (Rect, Rect) {
        let k = min(max(0, n), width)
        return (Rect(x: x, y: y, width: k, height: height), Rect(x: x + k, y: y, width: width - k, height: height))
    }
    public func splitTop(_ n: Int) -> (Rect, Rect) {
        let k = min(max(0, n), height)
        return (Rect(x: x, y: y, width: width, height: k), Rect(x: x, y: y + k, width: width, height: height - k))
    }
    public func splitBottom(_ n: Int) -> (Rect, Rect) {
        let k = min(max(0, n), height)
        return (Rect(x: x, y: y, width: width, height: height - k), Rect(x: x, y: y + height - k, width: width, height: k))
    }
    public func centered(width w: Int, height h: Int) -> Rect {
        let ww = min(w, width), hh = min(h, height)
        return Rect(x: x + (width - ww) / 2, y: y + (height - hh) / 2, width: ww, height: hh)
    }
}

/// Characters for frames and marks: Unicode under a UTF-8 locale, ASCII otherwise.
public struct Glyphs: Sendable, Equatable {
    public var horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight, teeLeft, teeRight: String
    public var barFull, barEmpty: String
    public var expanded, collapsed, leaf, bullet, check, cross, ellipsis, arrowRight: String
    public var radioOn, radioOff, boxOn, boxOff: String

    public static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        teeLeft: "├", teeRight: "┤", barFull: "█", barEmpty: "░",
        expanded: "▾", collapsed: "▸", leaf: " ", bullet: "•", check: "✓", cross: "✗", ellipsis: "…", arrowRight: "›",
        radioOn: "(•)", radioOff: "( )", boxOn: "[x]", boxOff: "[ ]")
    public static let ascii = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        teeLeft: "+", teeRight: "+", barFull: "#", barEmpty: ".",
        expanded: "v", collapsed: ">", leaf: " ", bullet: "*", check: "+", cross: "x", ellipsis: "~", arrowRight: ">",
        radioOn: "(*)", radioOff: "( )", boxOn: "[x]", boxOff: "[ ]")
}

/// A frame: a grid of cells plus where the text cursor should be (if anywhere).
/// Views draw into it; the backend writes it to the terminal.
public struct Canvas: Sendable, Equatable {
    public private(set) var size: Size
    public private(set) var cells: [Cell]
    public var cursor: Point?
    public let widths: DisplayWidth

    public init(size: Size, widths: DisplayWidth = .fallback) {
        self.size = Size(width: max(0, size.width), height: max(0, size.height))
        self.cells = Array(repeating: .blank, count: self.size.width * self.size.height)
        self.widths = widths
    }

    public static func == (a: Canvas, b: Canvas) -> Bool { a.size == b.size && a.cells == b.cells && a.cursor == b.cursor }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * size.width + x] }
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: size.width, height: size.height) }

    private mutating func set(_ x: Int, _ y: Int, _ c: Cell) {
        let i = y * size.width + x
        // Overwriting half of a wide character blanks the other half.
        if cells[i].width == 2, x + 1 < size.width { cells[i + 1] = Cell(" ", style: cells[i].style) }
        if cells[i].width == 0, x > 0, cells[i - 1].width == 2 { cells[i - 1] = Cell(" ", style: cells[i - 1].style) }
        cells[i] = c
    }

    /// Fills a rectangle with spaces in a style.
    public mutating func fill(_ r: Rect, style: Style = .plain, char: String = " ") {
        let x0 = max(0, r.x), y0 = max(0, r.y), x1 = min(size.width, r.maxX), y1 = min(size.height, r.maxY)
        guard x0 < x1, y0 < y1 else { return }
        for y in y0..<y1 { for x in x0..<x1 { set(x, y, Cell(char, style: style)) } }
    }

    /// Applies a style to existing cells (keeps their text), e.g. to highlight a row.
    public mutating func restyle(_ r: Rect, _ f: (Style) -> Style) {
        let x0 = max(0, r.x), y0 = max(0, r.y), x1 = min(size.width, r.maxX), y1 = min(size.height, r.maxY)
        guard x0 < x1, y0 < y1 else { return }
        for y in y0..<y1 { for x in x0..<x1 { cells[y * size.width + x].style = f(cells[y * size.width + x].style) } }
    }

    /// Writes text on one row from `x`, clipped to `maxWidth` columns (and to the canvas).
    /// Newlines and tabs become spaces; control characters are shown escaped. When the text
    /// does not fit, the last column shows `ellipsis` (if given). Returns the columns used.
    @discardableResult
    public mutating func text(_ s: String, x: Int, y: Int, maxWidth: Int? = nil, style: Style = .plain, ellipsis: String? = nil) -> Int {
        guard y >= 0, y < size.height, x < size.width else { return 0 }
        let limit = min(maxWidth ?? Int.max, size.width - max(0, x))
        guard limit > 0 else { return 0 }
        if let n = simpleText(s, x: x, y: y, limit: limit, style: style) { return n }
        return generalText(s, x: x, y: y, limit: limit, style: style, ellipsis: ellipsis)
    }

    /// `text` of a string that fits and whose characters are each one scalar, one column and need no
    /// escaping (`DisplayWidth.isSimpleColumn`): a cell a scalar, without breaking
    /// it into `Character`s. Nil for any other string.
    mutating func simpleText(_ s: String, x: Int, y: Int, limit: Int, style: Style) -> Int? {
        // Printable ASCII is one column a byte in every locale: most of a frame's text.
        if s.utf8.count <= limit, s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            var cx = x
            for b in s.utf8 {
                if cx >= 0 { set(cx, y, Cell(String(UnicodeScalar(b)), width: 1, style: style)) }
                cx += 1
            }
            return s.utf8.count
        }
        var n = 0
        for u in s.unicodeScalars {
            n += 1
            guard n <= limit, widths.isSimpleColumn(u) else { return nil }
        }
        var cx = x
        for u in s.unicodeScalars {
            if cx >= 0 { set(cx, y, Cell(String(u), width: 1, style: style)) }
            cx += 1
        }
        return n
    }

    /// `text` for any string: sanitised, cut into display cells, truncated with `ellipsis`.
    mutating func generalText(_ s: String, x: Int, y: Int, limit: Int, style: Style, ellipsis: String?) -> Int {
        var col = 0
        var cells: [(String, Int)] = []
        var truncated = false
        outer: for ch in Sanitizer.oneLine(s) {
            for cell in widths.cells(ch) {
                if col + cell.width > limit { truncated = true; break outer }
                cells.append((cell.text, cell.width))
                col += cell.width
            }
        }
        if truncated, let e = ellipsis, limit > 0 {
            let ew = widths.width(e)
            while col + ew > limit, let last = cells.popLast() { col -= last.1 }
            if col + ew <= limit { cells.append((e, ew)); col += ew }
        }
        var cx = x
        for (t, w) in cells {
            if cx >= 0 {
                set(cx, y, Cell(t, width: UInt8(w), style: style))
                if w == 2 { set(cx + 1, y, Cell("", width: 0, style: style)) }
            }
            cx += w
        }
        return col
    }

    /// Writes text and pads the rest of `width` columns with spaces in the same style.
    public mutating func line(_ s: String, x: Int, y: Int, width: Int, style: Style = .plain, ellipsis: String? = "…") {
        let used = text(s, x: x, y: y, maxWidth: width, style: style, ellipsis: ellipsis)
        if used < width { fill(Rect(x: x + used, y: y, width: width - used, height: 1), style: style) }
    }

    public mutating func hline(x: Int, y: Int, width: Int, glyph: String, style: Style = .plain) {
        guard width > 0 else { return }
        for i in 0..<width { text(glyph, x: x + i, y: y, maxWidth: 1, style: style) }
    }

    public mutating func vline(x: Int, y: Int, height: Int, glyph: String, style: Style = .plain) {
        guard height > 0 else { return }
        for i in 0..<height { text(glyph, x: x, y: y + i, maxWidth: 1, style: style) }
    }

    /// A frame around `r` with an optional title in the top edge.
    public mutating func box(_ r: Rect, glyphs g: Glyphs, title: String? = nil, style: Style = .plain, titleStyle: Style = .bold) {
        guard r.width >= 2, r.height >= 2 else { return }
        text(g.topLeft, x: r.x, y: r.y, style: style)
        hline(x: r.x + 1, y: r.y, width: r.width - 2, glyph: g.horizontal, style: style)
        text(g.topRight, x: r.maxX - 1, y: r.y, style: style)
        vline(x: r.x, y: r.y + 1, height: r.height - 2, glyph: g.vertical, style: style)
        vline(x: r.maxX - 1, y: r.y + 1, height: r.height - 2, glyph: g.vertical, style: style)
        text(g.bottomLeft, x: r.x, y: r.maxY - 1, style: style)
        hline(x: r.x + 1, y: r.maxY - 1, width: r.width - 2, glyph: g.horizontal, style: style)
        text(g.bottomRight, x: r.maxX - 1, y: r.maxY - 1, style: style)
        if let t = title, r.width > 6 {
            text(" " + t + " ", x: r.x + 2, y: r.y, maxWidth: r.width - 4, style: titleStyle, ellipsis: g.ellipsis)
        }
    }

    /// The frame as plain text, one line per row, trailing spaces kept (for snapshots).
    public func plainText() -> String {
        var out = ""
        for y in 0..<size.height {
            for x in 0..<size.width { out += self[x, y].text }
            out += "\n"
        }
        return out
    }

    /// One line per row marking styled cells: ' ' plain, 'R' reverse, 'B' bold, 'U' underline, 'D' dim,
    /// or the first letter of the colour in lower case when only coloured.
    public func styleMap() -> String {
        var out = ""
        for y in 0..<size.height {
            for x in 0..<size.width {
                let c = self[x, y]
                if c.width == 0 { out += c.style.attributes.contains(.reverse) ? "R" : " "; continue }
                let a = c.style.attributes
                if a.contains(.reverse) { out += "R" } else if a.contains(.bold) { out += "B" } else if a.contains(.underline) { out += "U" } else if a.contains(.dim) { out += "D" } else if let col = c.style.color { out += String("\(col)".prefix(1)) } else { out += " " }
            }
            out += "\n"
        }
        return out
    }
}
