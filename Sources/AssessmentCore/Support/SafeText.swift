/// Makes text from files or users safe to print on a terminal: control characters,
/// bidi overrides and similar become visible escapes instead of acting.
public enum SafeText {
    public static func inert(_ s: String, keepNewlines: Bool = true) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            let v = u.value
            if (keepNewlines && (u == "\n" || u == "\t")) { out.unicodeScalars.append(u); continue }
            if v < 0x20 || v == 0x7F || (0x80..<0xA0).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
                || v == 0x200E || v == 0x200F || v == 0x061C {
                out += "\\u{" + String(v, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
