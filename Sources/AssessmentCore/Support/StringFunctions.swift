/// The few string functions the program took from full Foundation (which links ICU's data and
/// triples the binary), rewritten on Unicode scalars with the same results for our inputs.
extension StringProtocol {
    /// As `trimmingCharacters(in: .whitespacesAndNewlines)`: Foundation's set, which is the
    /// White_Space property plus U+200B.
    public func trimmingWhitespaceAndNewlines() -> String {
        trimmingScalars { $0.properties.isWhitespace || $0 == "\u{200B}" }
    }

    /// As `trimmingCharacters(in: .whitespaces)`: tab, the space separators (Zs) and U+200B, not line breaks.
    public func trimmingWhitespace() -> String {
        trimmingScalars { $0 == "\t" || $0 == "\u{200B}" || $0.properties.generalCategory == .spaceSeparator }
    }

    private func trimmingScalars(_ strip: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !strip($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !strip($0) })!
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[first...last])
        return String(out)
    }

    /// As `replacingOccurrences(of:with:)`: every literal occurrence of `target`, matched scalar by
    /// scalar (so "\n" inside "\r\n" matches, unlike `replacing(_:with:)`, which compares characters).
    public func replacingAll(_ target: String, with replacement: String) -> String {
        let t = Array(target.unicodeScalars)
        guard !t.isEmpty else { return String(self) }
        let s = Array(unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < s.count {
            if s[i] == t[0], i + t.count <= s.count, s[i..<(i + t.count)].elementsEqual(t) {
                out.append(contentsOf: replacement.unicodeScalars)
                i += t.count
            } else {
                out.append(s[i])
                i += 1
            }
        }
        return String(out)
    }

    /// As `padding(toLength:withPad: " ", startingAt: 0)`: cut or filled with spaces to `length`
    /// UTF-16 code units.
    public func padded(toLength length: Int) -> String {
        let units = utf16.count
        if units == length { return String(self) }  // common in tables: the widest cell of a column
        if units > length { return String(decoding: Array(utf16.prefix(length)), as: UTF16.self) }
        return String(self) + String(repeating: " ", count: length - units)
    }

    /// Holds a C0 control character (line breaks included) or DEL.
    public var hasControlCharacters: Bool { unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F } }

    /// The last component of a slash-separated path, as `NSString.lastPathComponent`.
    public var lastPathPart: String {
        var s = Substring(self)
        while s.count > 1, s.hasSuffix("/") { s = s.dropLast() }
        if s == "/" { return "/" }
        if let slash = s.lastIndex(of: "/") { return String(s[s.index(after: slash)...]) }
        return String(s)
    }

    /// An absolute path without ".", ".." or repeated slashes, as Foundation's
    /// `URL(fileURLWithPath:).standardizedFileURL.path` (no symbolic links are followed). A relative
    /// path is taken from `directory`.
    public func standardizedPath(from directory: String) -> String {
        // On bytes: the generic `split`/`joined` cost more at start-up than the whole rest of `Context`.
        var whole = Array(utf8)
        if whole.first != UInt8(ascii: "/") { whole = Array(directory.utf8) + [UInt8(ascii: "/")] + whole }
        var out: [UInt8] = []
        out.reserveCapacity(whole.count + 1)
        var starts: [Int] = []  // where each kept component's slash is in `out`
        var i = 0
        while i < whole.count {
            while i < whole.count && whole[i] == UInt8(ascii: "/") { i += 1 }
            var j = i
            while j < whole.count && whole[j] != UInt8(ascii: "/") { j += 1 }
            let n = j - i
            if n == 1 && whole[i] == UInt8(ascii: ".") {
            } else if n == 2 && whole[i] == UInt8(ascii: ".") && whole[i + 1] == UInt8(ascii: ".") {
                if let s = starts.popLast() { out.removeSubrange(s...) }
            } else if n > 0 {
                starts.append(out.count)
                out.append(UInt8(ascii: "/"))
                out.append(contentsOf: whole[i..<j])
            }
            i = j
        }
        return out.isEmpty ? "/" : String(decoding: out, as: UTF8.self)
    }

    /// The path without its last component, as `NSString.deletingLastPathComponent`.
    public var droppingLastPathPart: String {
        var s = Substring(self)
        while s.count > 1, s.hasSuffix("/") { s = s.dropLast() }
        guard let slash = s.lastIndex(of: "/") else { return "" }
        if slash == s.startIndex { return "/" }
        var parent = s[..<slash]
        while parent.count > 1, parent.hasSuffix("/") { parent = parent.dropLast() }
        return String(parent)
    }
}
