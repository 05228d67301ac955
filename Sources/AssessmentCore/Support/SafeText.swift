import FoundationEssentials

/// Makes text from files or users safe to print on a terminal: control characters,
/// bidi overrides and similar become visible escapes instead of acting.
public enum SafeText {
    /// Code points that must never reach a terminal, a report or a spreadsheet as themselves:
    /// C0 and C1 controls, DEL, bidi embeddings, overrides, isolates and marks, and noncharacters.
    /// Every escaping routine (terminal, JSON, HTML, Markdown) asks this one function.
    @inline(__always)
    public static func isHazardous(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        if v >= 0x20 && v < 0x7F { return false }
        return v < 0x20 || v == 0x7F || (0x80..<0xA0).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            || v == 0x200E || v == 0x200F || v == 0x061C || (0xFDD0...0xFDEF).contains(v) || (v & 0xFFFE) == 0xFFFE
    }

    /// `\u{1b}`-style visible form of a hazardous code point.
    public static func visible(_ u: Unicode.Scalar) -> String { "\\u{" + String(u.value, radix: 16) + "}" }

    public static func inert(_ s: String, keepNewlines: Bool = true) -> String {
        // Nearly all text has nothing to replace: one scan, and the string itself back.
        if s.unicodeScalars.allSatisfy({ (keepNewlines && ($0 == "\n" || $0 == "\t")) || !isHazardous($0) }) { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            if keepNewlines && (u == "\n" || u == "\t") { out.unicodeScalars.append(u); continue }
            if isHazardous(u) { out += visible(u) } else { out.unicodeScalars.append(u) }
        }
        return out
    }

    /// For whole program output on a terminal: as `inert`, but a CR/LF line end (CSV) is kept; a lone CR,
    /// which would let text overwrite a line, is not.
    public static func terminal(_ s: String) -> String {
        guard s.unicodeScalars.contains("\r") else { return inert(s) }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        let u = Array(s.unicodeScalars)
        for (i, c) in u.enumerated() {
            if c == "\r" && i + 1 < u.count && u[i + 1] == "\n" { out.unicodeScalars.append(c); continue }
            if c == "\n" || c == "\t" { out.unicodeScalars.append(c); continue }
            if isHazardous(c) { out += visible(c) } else { out.unicodeScalars.append(c) }
        }
        return out
    }

    /// The one rule for a person's name given on the command line (`--as`) or recorded with answers:
    /// trimmed, 1–64 characters, nothing hazardous and no line breaks. Nil when it breaks the rule.
    public static func validName(_ s: String) -> String? {
        let t = s.trimmingWhitespace()
        guard !t.isEmpty, t.count <= 64, !t.unicodeScalars.contains(where: isHazardous) else { return nil }
        return t
    }

    /// The longest title or detail (organisation, model, version) a person may give.
    public static let maxLineLength = 200

    /// The one rule for a title or a detail, in the CLI, the full screen and plain mode: trimmed,
    /// 1–`maxLength` characters, and no C0 or C1 control or DEL (so no line break). Nil when it breaks the rule.
    public static func validLine(_ s: String, maxLength: Int = maxLineLength) -> String? {
        let t = s.trimmingWhitespaceAndNewlines()
        guard !t.isEmpty, t.count <= maxLength, !t.unicodeScalars.contains(where: isControl) else { return nil }
        return t
    }

    /// C0 and C1 controls and DEL.
    public static func isControl(_ u: Unicode.Scalar) -> Bool { u.value < 0x20 || u.value == 0x7F || (0x80..<0xA0).contains(u.value) }

    /// "invalid title 'Bad \u{1b} title': use 1–200 printable characters on one line", the input shown inert.
    public static func invalidLine(_ what: String, _ input: String, maxLength: Int = maxLineLength) -> String {
        "invalid \(what) '\(AnswerInput.shown(input))': use 1–\(maxLength) printable characters on one line"
    }
}
