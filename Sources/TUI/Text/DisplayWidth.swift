import AssessmentCore
/// How many terminal columns a Unicode scalar takes.
///
/// The backend injects the C library's `wcwidth` (the function ncursesw itself uses), so that layout
/// and the terminal agree; tests and the pure renderer use `fallback`, a small table that matches
/// glibc for ASCII, Latin, CJK, combining marks and common emoji.
public struct DisplayWidth: Sendable {
    /// Columns for one scalar: 0 (combines with the previous cell), 1, 2, or -1 (unprintable).
    public var scalarWidth: @Sendable (Unicode.Scalar) -> Int

    public init(scalarWidth: @escaping @Sendable (Unicode.Scalar) -> Int) {
        self.scalarWidth = scalarWidth
    }

    /// A pure Swift approximation of glibc `wcwidth` under a UTF-8 locale.
    public static let fallback = DisplayWidth(scalarWidth: fallbackWidth)

    /// Width of a string as ncurses lays it out: the sum over its scalars, where an
    /// unprintable scalar counts as its escaped form.
    public func width(_ s: String) -> Int {
        var w = 0
        for c in s { w += width(c) }
        return w
    }

    /// A scalar that is a character and one column whatever surrounds it, and needs no escape: printable
    /// ASCII, and Latin-1, general punctuation and arrows of one column (no combining marks, joiners,
    /// bidi controls or line separators). The text paths that skip `Character`s take only these.
    public func isSimpleColumn(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x20..<0x7F: return true
        case 0xA0...0xFF where u.value != 0xAD, 0x2010...0x2027, 0x2030...0x205E, 0x2190...0x21FF:
            return scalarWidth(u) == 1
        default: return false
        }
    }

    public func width(_ c: Character) -> Int {
        if let a = c.asciiValue, a >= 0x20, a < 0x7F { return 1 }  // printable ASCII, in every locale
        var w = 0
        for cell in cells(c) { w += cell.width }
        return w
    }

    /// Splits a character into terminal cells: each spacing scalar starts a cell, zero-width
    /// scalars attach to the cell before (at most four per cell, as in a `cchar_t`), and
    /// control characters become visible escapes such as `^[`.
    public func cells(_ c: Character) -> [(text: String, width: Int)] {
        var out: [(text: String, width: Int)] = []
        var combining = 0
        for s in c.unicodeScalars {
            if let esc = Sanitizer.escape(s) {
                for e in esc.unicodeScalars { out.append((String(e), 1)) }
                combining = 0
                continue
            }
            let w = scalarWidth(s)
            if w < 0 {
                for e in Sanitizer.hexEscape(s).unicodeScalars { out.append((String(e), 1)) }
                combining = 0
            } else if w == 0 {
                if out.isEmpty {
                    // A lone combining mark: show it on a space, as terminals do.
                    out.append((" " + String(s), 1))
                    combining = 1
                } else if combining < 4 {
                    out[out.count - 1].text.unicodeScalars.append(s)
                    combining += 1
                }
            } else {
                out.append((String(s), w))
                combining = 0
            }
        }
        return out
    }
}

/// Rules for text that comes from outside (questionnaires, titles, notes): nothing may reach the
/// terminal as a control sequence.
public enum Sanitizer {
    /// Visible replacement for a control or bidi-override scalar, or nil if it is printable.
    public static func escape(_ s: Unicode.Scalar) -> String? {
        // What is hazardous is decided in one place for every output (SafeText); only the look is the screen's.
        guard SafeText.isHazardous(s) else { return nil }
        let v = s.value
        if v < 0x20 { return "^" + String(UnicodeScalar(UInt8(v + 0x40))) }
        if v == 0x7F { return "^?" }
        return hexEscape(s)
    }

    public static func hexEscape(_ s: Unicode.Scalar) -> String {
        let hex = String(s.value, radix: 16, uppercase: true)
        return "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
    }

    /// Single-line form: newlines and tabs become spaces, other controls stay escaped (later, per cell).
    public static func oneLine(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s {
            if c == "\n" || c == "\r\n" || c == "\r" || c == "\t" { out.append(" ") } else { out.append(c) }
        }
        return out
    }
}

@Sendable func fallbackWidth(_ s: Unicode.Scalar) -> Int {
    let v = s.value
    if v == 0 { return 0 }
    if v < 0x20 || (0x7F...0x9F).contains(v) { return -1 }
    if v < 0x300 { return 1 }
    switch s.properties.generalCategory {
    case .nonspacingMark, .enclosingMark: return 0
    case .format: return v == 0xAD ? 1 : 0
    case .unassigned, .surrogate: return -1
    default: break
    }
    if (0x1160...0x11FF).contains(v) || (0xD7B0...0xD7FF).contains(v) { return 0 }
    for r in wideRanges where r.contains(v) { return 2 }
    return 1
}

private let wideRanges: [ClosedRange<UInt32>] = [
    0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0, 0x23F3...0x23F3,
    0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F, 0x2693...0x2693, 0x26A1...0x26A1,
    0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA,
    0x26F2...0x26F3, 0x26F5...0x26F5, 0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B,
    0x2728...0x2728, 0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
    0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55,
    0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F,
    0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
    0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF, 0x1F004...0x1F004, 0x1F0CF...0x1F0CF,
    0x1F18E...0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251, 0x1F300...0x1F320, 0x1F32D...0x1F335,
    0x1F337...0x1F37C, 0x1F37E...0x1F393, 0x1F3A0...0x1F3CA, 0x1F3CF...0x1F3D3, 0x1F3E0...0x1F3F0,
    0x1F3F4...0x1F3F4, 0x1F3F8...0x1F43E, 0x1F440...0x1F440, 0x1F442...0x1F4FC, 0x1F4FF...0x1F53D,
    0x1F54B...0x1F54E, 0x1F550...0x1F567, 0x1F57A...0x1F57A, 0x1F595...0x1F596, 0x1F5A4...0x1F5A4,
    0x1F5FB...0x1F64F, 0x1F680...0x1F6C5, 0x1F6CC...0x1F6CC, 0x1F6D0...0x1F6D2, 0x1F6D5...0x1F6D7,
    0x1F6EB...0x1F6EC, 0x1F6F4...0x1F6FC, 0x1F7E0...0x1F7EB, 0x1F90C...0x1F93A, 0x1F93C...0x1F945,
    0x1F947...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
]
