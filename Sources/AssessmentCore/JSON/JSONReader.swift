/// A pull reader over JSON bytes, for decoders that build their values straight from the bytes
/// instead of from a `JSONNode` tree (a session's tree cost five times its decoding).
///
/// It accepts exactly what `JSONParser` accepts: it reads with the parser's own cursor (strings,
/// numbers, literals, depth) and refuses duplicate member names as the parser does. It gives no
/// messages: any failure sets `failed` and every later call answers nil or false, so a decoder
/// that gets nil falls back to `JSONParser` for the message.
public struct JSONReader {
    var c: JSONParser.Cursor
    var open: [Container] = []
    /// Something was not as asked, or not valid JSON.
    public private(set) var failed = false

    enum Container {
        case object(MemberNames)
        case array(count: Int)
    }

    /// The member names of one object so far; small objects are checked by a scan, as the parser does.
    struct MemberNames {
        var list: [String] = []
        var set: Set<String> = []

        mutating func insert(_ name: String) -> Bool {
            if list.count < 12 {
                if list.contains(name) { return false }
                list.append(name)
                return true
            }
            if set.isEmpty { set = Set(list) }
            return set.insert(name).inserted
        }

        var isEmpty: Bool { list.isEmpty }
    }

    public enum Kind: Sendable, Equatable { case null, bool, number, string, array, object }

    public init(_ bytes: [UInt8]) {
        c = JSONParser.Cursor(bytes: bytes)
        c.skipBOM()
        c.skipSpace()
    }

    /// The whole input was one value, read to its end.
    public var isAtEnd: Bool { !failed && open.isEmpty && c.i == c.bytes.count }

    /// What the next value is, without reading it; nil at the end, inside nothing readable or after a failure.
    public var next: Kind? {
        guard !failed, c.i < c.bytes.count else { return nil }
        switch c.bytes[c.i] {
        case UInt8(ascii: "n"): return .null
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        default: return nil
        }
    }

    mutating func fail() { failed = true }

    /// Reads `null` if it comes next.
    public mutating func skipNull() -> Bool {
        guard next == .null else { return false }
        do { try c.literal("null") } catch { fail(); return false }
        c.skipSpace()
        return true
    }

    public mutating func string() -> String? {
        guard next == .string else { fail(); return nil }
        do {
            let s = try c.string()
            c.skipSpace()
            return s
        } catch { fail(); return nil }
    }

    public mutating func number() -> Double? {
        guard next == .number else { fail(); return nil }
        do {
            let d = try c.number()
            c.skipSpace()
            return d
        } catch { fail(); return nil }
    }

    public mutating func bool() -> Bool? {
        guard next == .bool else { fail(); return nil }
        let b = c.bytes[c.i] == UInt8(ascii: "t")
        do { try c.literal(b ? "true" : "false") } catch { fail(); return nil }
        c.skipSpace()
        return b
    }

    /// Any value, checked as the parser checks it and dropped (a member the decoder does not know).
    public mutating func skipValue() -> Bool {
        guard !failed else { return false }
        do { _ = try c.value(depth: open.count) } catch { fail(); return false }
        c.skipSpace()
        return true
    }

    /// Enters an object; its members then come from `nextMember()`.
    public mutating func beginObject() -> Bool {
        guard next == .object, open.count < JSONParser.maxDepth else { fail(); return false }
        c.i += 1
        c.skipSpace()
        open.append(.object(MemberNames()))
        return true
    }

    /// The next member's name, positioned at its value; nil when the object ends (then it is left)
    /// or on a failure (`failed`).
    public mutating func nextMember() -> String? {
        guard !failed, case var .object(names)? = open.last, c.i < c.bytes.count else { fail(); return nil }
        let b = c.bytes[c.i]
        if b == UInt8(ascii: "}") {
            c.i += 1
            c.skipSpace()
            open.removeLast()
            return nil
        }
        if !names.isEmpty {
            guard b == UInt8(ascii: ",") else { fail(); return nil }
            c.i += 1
            c.skipSpace()
        }
        guard let name = string(), c.i < c.bytes.count, c.bytes[c.i] == UInt8(ascii: ":") else { fail(); return nil }
        // Out of the stack while it changes, so that the names are not copied.
        open[open.count - 1] = .array(count: 0)
        let fresh = names.insert(name)
        open[open.count - 1] = .object(names)
        guard fresh else { fail(); return nil }
        c.i += 1
        c.skipSpace()
        return name
    }

    /// Enters an array; `nextElement()` then says whether another element follows.
    public mutating func beginArray() -> Bool {
        guard next == .array, open.count < JSONParser.maxDepth else { fail(); return false }
        c.i += 1
        c.skipSpace()
        open.append(.array(count: 0))
        return true
    }

    /// True when an element follows (positioned at it); false when the array ends (then it is left)
    /// or on a failure (`failed`).
    public mutating func nextElement() -> Bool {
        guard !failed, case let .array(count)? = open.last, c.i < c.bytes.count else { fail(); return false }
        let b = c.bytes[c.i]
        if b == UInt8(ascii: "]") {
            c.i += 1
            c.skipSpace()
            open.removeLast()
            return false
        }
        if count > 0 {
            guard b == UInt8(ascii: ",") else { fail(); return false }
            c.i += 1
            c.skipSpace()
        }
        open[open.count - 1] = .array(count: count + 1)
        return true
    }
}
