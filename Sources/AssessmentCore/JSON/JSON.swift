/// A plain JSON value for output: built in code, written deterministically
/// (sorted keys, two-space indent) so reports and `--json` output diff well.
public enum JSON: Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSON])
    case object([String: JSON])

    public init(stringLiteral v: String) { self = .string(v) }
    public init(floatLiteral v: Double) { self = .number(v) }
    public init(integerLiteral v: Int) { self = .number(Double(v)) }
    public init(booleanLiteral v: Bool) { self = .bool(v) }
    public init(arrayLiteral v: JSON...) { self = .array(v) }
    public init(dictionaryLiteral v: (String, JSON)...) { self = .object(Dictionary(v, uniquingKeysWith: { _, b in b })) }
    public init(nilLiteral: ()) { self = .null }

    public init(_ s: String?) { self = s.map { .string($0) } ?? .null }
    public init(_ d: Double?) { self = d.map { .number($0) } ?? .null }
    public init(_ i: Int) { self = .number(Double(i)) }
    public init(_ strings: [String]) { self = .array(strings.map { .string($0) }) }

    public subscript(key: String) -> JSON? {
        if case let .object(o) = self { return o[key] }
        return nil
    }

    /// Pretty, sorted, with a trailing newline when `pretty`.
    public func serialized(pretty: Bool = true) -> String {
        var out = ""
        write(&out, indent: pretty ? 0 : -1)
        if pretty { out += "\n" }
        return out
    }

    func write(_ out: inout String, indent: Int) {
        let pretty = indent >= 0
        let pad = pretty ? String(repeating: "  ", count: indent + 1) : ""
        let closePad = pretty ? String(repeating: "  ", count: indent) : ""
        switch self {
        case .null: out += "null"
        case let .bool(b): out += b ? "true" : "false"
        case let .number(n): out += JSON.format(n)
        case let .string(s): JSON.quote(s, into: &out)
        case let .array(a):
            if a.isEmpty { out += "[]"; return }
            out += pretty ? "[\n" : "["
            for (i, v) in a.enumerated() {
                out += pad
                v.write(&out, indent: pretty ? indent + 1 : -1)
                if i < a.count - 1 { out += "," }
                if pretty { out += "\n" }
            }
            out += closePad + "]"
        case let .object(o):
            if o.isEmpty { out += "{}"; return }
            out += pretty ? "{\n" : "{"
            let keys = o.keys.sorted()
            for (i, k) in keys.enumerated() {
                out += pad
                JSON.quote(k, into: &out)
                out += pretty ? ": " : ":"
                o[k]!.write(&out, indent: pretty ? indent + 1 : -1)
                if i < keys.count - 1 { out += "," }
                if pretty { out += "\n" }
            }
            out += closePad + "}"
        }
    }

    static func format(_ n: Double) -> String {
        guard n.isFinite else { return "null" }
        if n == n.rounded(), abs(n) < 1e15 { return String(Int64(n)) }
        return "\(n)"
    }

    static func quote(_ s: String, into out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                // C0, DEL, C1, line/paragraph separators, bidi controls and noncharacters are escaped
                // so output stays inert wherever it is shown; the escape means the same character.
                if SafeText.isHazardous(u) || u.value == 0x2028 || u.value == 0x2029 {
                    let h = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}

/// Rounds a score for display and output (4 decimals), keeping nil.
public func rounded(_ x: Double?, places: Int = 4) -> Double? {
    guard let x else { return nil }
    let f = pow10(places)
    return (x * f).rounded() / f
}

func pow10(_ n: Int) -> Double { var r = 1.0; for _ in 0..<n { r *= 10 }; return r }
