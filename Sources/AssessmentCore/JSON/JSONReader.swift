import FoundationEssentials

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

    struct Container {
        var isObject: Bool
        /// Members or elements read so far.
        var count = 0
        /// Known names met in this object (bit i: name i of the `JSONNames` asked with).
        var seen: UInt64 = 0
        /// Other names met in this object.
        var names = MemberNames()
    }

    /// Names other than known ones, in one object; small objects are checked by a scan, as the parser does.
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
    }

    public enum Kind: Sendable, Equatable { case null, bool, number, string, array, object }

    public init(_ bytes: [UInt8]) {
        c = JSONParser.Cursor(bytes: bytes)
        c.skipBOM()
        c.skipSpace()
    }

    /// The whole input was one value, read to its end.
    public var isAtEnd: Bool { !failed && open.isEmpty && c.i == c.bytes.count }

    /// What the next value is, without reading it; nil at the end, at something that is no value, or after a failure.
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

    public mutating func string() -> String? { scalar(.string) { c throws(JSONParseError) in try c.string() } }

    public mutating func number() -> Double? { scalar(.number) { c throws(JSONParseError) in try c.number() } }

    public mutating func bool() -> Bool? {
        scalar(.bool) { c throws(JSONParseError) in
            let b = c.bytes[c.i] == UInt8(ascii: "t")
            try c.literal(b ? "true" : "false")
            return b
        }
    }

    /// A value of `kind`, read by the parser's own `read`, and the space after it; nil (and failed)
    /// when something else comes.
    mutating func scalar<T>(_ kind: Kind, _ read: (inout JSONParser.Cursor) throws(JSONParseError) -> T) -> T? {
        guard next == kind else { fail(); return nil }
        do {
            let v = try read(&c)
            c.skipSpace()
            return v
        } catch { fail(); return nil }
    }

    /// A string holding a time as the program writes them (`Timestamp.parse(utf8:)`), read from the
    /// bytes without making a `String` when it has no escapes; nil (and failed) when it is no string,
    /// nil when it is no such time. Not generic over what the bytes become: called from another module,
    /// a generic reader looked its types up at every call (a tenth of reading a session).
    public mutating func timestamp() -> Date? {
        guard next == .string else { fail(); return nil }
        guard let end = plainStringEnd() else {
            guard var s = string() else { return nil }
            return s.withUTF8 { Timestamp.parse(utf8: $0) }
        }
        let start = c.i + 1
        c.i = end + 1
        c.skipSpace()
        return c.bytes.withUnsafeBufferPointer { Timestamp.parse(utf8: UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    /// Where the string at the cursor ends (its closing quote) when it is printable ASCII without
    /// escapes, which needs no decoding or UTF-8 check; nil for any other string.
    func plainStringEnd() -> Int? {
        let from = c.i + 1
        return c.bytes.withUnsafeBufferPointer { b -> Int? in
            var j = from
            while j < b.count {
                let x = b[j]
                if x == UInt8(ascii: "\"") { return j }
                if x < 0x20 || x >= 0x80 || x == UInt8(ascii: "\\") { return nil }
                j += 1
            }
            return nil
        }
    }

    /// Any value, checked as the parser checks it and dropped (a member the decoder does not know).
    public mutating func skipValue() -> Bool {
        guard !failed else { return false }
        do { _ = try c.value(depth: open.count) } catch { fail(); return false }
        c.skipSpace()
        return true
    }

    /// Enters an object; its members then come from `nextMember()`.
    public mutating func beginObject() -> Bool { enter(.object) }

    /// Enters an array; `nextElement()` then says whether another element follows.
    public mutating func beginArray() -> Bool { enter(.array) }

    mutating func enter(_ kind: Kind) -> Bool {
        guard next == kind, open.count < JSONParser.maxDepth else { fail(); return false }
        c.i += 1
        c.skipSpace()
        open.append(Container(isObject: kind == .object))
        return true
    }

    /// True when an element follows (positioned at it); false when the array ends (then it is left)
    /// or on a failure (`failed`).
    public mutating func nextElement() -> Bool { follows(inObject: false) }

    /// The next member's name, positioned at its value; nil when the object ends (then it is left)
    /// or on a failure (`failed`).
    public mutating func nextMember() -> String? {
        guard let name = nextKey() else { return nil }
        return recordOther(name) ? name : nil
    }

    /// The next member's name, positioned at its value, for an object its caller keeps as a dictionary
    /// by name: the caller refuses a name met twice (its dictionary finds it anyway; checked here too,
    /// every name of a session's answers was hashed twice). Nil as `nextMember()`.
    public mutating func nextKey() -> String? {
        guard memberFollows(), let name = string() else { return nil }
        return colon() ? name : nil
    }

    /// The next member's name, positioned at its value, as `nextMember()` gives it; names in `known`
    /// are matched on the bytes and given as `known`'s own strings, which is cheaper than making them.
    public mutating func nextMember(_ known: JSONNames) -> String? {
        guard memberFollows() else { return nil }
        guard next == .string else { fail(); return nil }
        if let end = plainStringEnd() {
            let i = c.bytes.withUnsafeBufferPointer { known.index(of: UnsafeBufferPointer(rebasing: $0[(c.i + 1)..<end])) }
            if let i {
                guard recordKnown(i) else { return nil }
                c.i = end + 1
                c.skipSpace()
                return colon() ? known.names[i] : nil
            }
        }
        guard let name = string() else { return nil }
        if let i = known.names.firstIndex(of: name) {
            // A known name written with escapes.
            guard recordKnown(i) else { return nil }
        } else if !recordOther(name) {
            return nil
        }
        return colon() ? name : nil
    }

    /// Known name `i` met in the innermost object; false (failed) when it was met before.
    mutating func recordKnown(_ i: Int) -> Bool {
        let bit: UInt64 = 1 << UInt64(i)
        guard open[open.count - 1].seen & bit == 0 else { fail(); return false }
        open[open.count - 1].seen |= bit
        return true
    }

    /// Before a member: true when one follows (after its comma); false at the object's end, which is
    /// left, or on a failure.
    mutating func memberFollows() -> Bool { follows(inObject: true) }

    /// Whether another member or element of the innermost container follows (its comma read);
    /// false at the container's end, which is left, or on a failure.
    mutating func follows(inObject: Bool) -> Bool {
        guard !failed, let top = open.last, top.isObject == inObject, c.i < c.bytes.count else { fail(); return false }
        if c.bytes[c.i] == (inObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
            c.i += 1
            c.skipSpace()
            open.removeLast()
            return false
        }
        guard separated(top.count) else { return false }
        open[open.count - 1].count += 1
        return true
    }

    /// After the first member or element, a comma must come.
    mutating func separated(_ count: Int) -> Bool {
        guard count > 0 else { return true }
        guard c.bytes[c.i] == UInt8(ascii: ",") else { fail(); return false }
        c.i += 1
        c.skipSpace()
        return true
    }

    mutating func recordOther(_ name: String) -> Bool {
        // Taken out of the stack while it changes, so that the names are not copied.
        var names = open[open.count - 1].names
        open[open.count - 1].names = MemberNames()
        let fresh = names.insert(name)
        open[open.count - 1].names = names
        if !fresh { fail() }
        return fresh
    }

    mutating func colon() -> Bool {
        guard c.i < c.bytes.count, c.bytes[c.i] == UInt8(ascii: ":") else { fail(); return false }
        c.i += 1
        c.skipSpace()
        return true
    }
}

/// Member names a decoder knows (at most 64), matched by `JSONReader.nextMember(_:)` on the bytes.
public struct JSONNames: Sendable {
    public let names: [String]
    let utf8: [[UInt8]]

    public init(_ names: [String]) {
        precondition(names.count <= 64 && Set(names).count == names.count, "JSONNames: at most 64 distinct names")
        self.names = names
        utf8 = names.map { Array($0.utf8) }
    }

    func index(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        for (i, n) in utf8.enumerated() where n.count == bytes.count {
            var same = true
            for k in 0..<n.count where n[k] != bytes[k] { same = false; break }
            if same { return i }
        }
        return nil
    }
}
