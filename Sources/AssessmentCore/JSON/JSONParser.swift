/// A strict RFC 8259 parser over UTF-8 bytes that records positions and never
/// traps: every malformed input becomes a `JSONParseError`.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var location: SourceLocation
    public var description: String { "\(location): \(message)" }
}

public enum JSONParser {
    public static let maxDepth = 200

    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONNode {
        var p = Cursor(bytes: bytes)
        p.skipBOM()
        p.skipSpace()
        let v = try p.value(depth: 0)
        p.skipSpace()
        if p.i < bytes.count { throw p.error("unexpected content after the JSON value") }
        return v
    }

    public static func parse(_ text: String) throws(JSONParseError) -> JSONNode {
        try parse(Array(text.utf8))
    }

    struct Cursor {
        let bytes: [UInt8]
        var i = 0
        var line = 1
        var lineStart = 0

        var location: SourceLocation { SourceLocation(line: line, column: i - lineStart + 1) }
        func error(_ m: String) -> JSONParseError { JSONParseError(message: m, location: location) }

        mutating func skipBOM() {
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3; lineStart = 3 }
        }

        @inline(__always) mutating func skipSpace() {
            // Called after every token, mostly with nothing to skip: the test stays inline.
            if i < bytes.count, bytes[i] <= 0x20 { skipSpaceRun() }
        }

        mutating func skipSpaceRun() {
            // Over the buffer: indentation is a third of a pretty-printed file.
            let (j, newLines, lastLineStart) = bytes.withUnsafeBufferPointer { b -> (Int, Int, Int?) in
                var j = i, newLines = 0
                var lastLineStart: Int?
                while j < b.count {
                    let c = b[j]
                    if c == 0x20 || c == 0x09 || c == 0x0D { j += 1 } else if c == 0x0A { j += 1; newLines += 1; lastLineStart = j } else { break }
                }
                return (j, newLines, lastLineStart)
            }
            i = j
            line += newLines
            if let lastLineStart { lineStart = lastLineStart }
        }

        mutating func value(depth: Int) throws(JSONParseError) -> JSONNode {
            guard depth < JSONParser.maxDepth else { throw error("nesting deeper than \(JSONParser.maxDepth) levels") }
            guard i < bytes.count else { throw error("unexpected end of input") }
            let at = location
            switch bytes[i] {
            case UInt8(ascii: "{"):
                i += 1
                var members: [(key: String, value: JSONNode)] = []
                // Duplicate names are refused: readers disagree on which one wins (first, last), so a file
                // could mean one thing here and another in jq. Small objects are checked by a scan.
                var names = Set<String>()
                skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return JSONNode(.object(members), at: at) }
                while true {
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw error("expected a quoted member name") }
                    let keyAt = (i, line, lineStart)
                    let key = try string()
                    let duplicate: Bool
                    if members.count < 12 { duplicate = members.contains { $0.key == key } } else {
                        if names.isEmpty { names = Set(members.map(\.key)) }
                        duplicate = !names.insert(key).inserted
                    }
                    if duplicate {
                        (i, line, lineStart) = keyAt
                        throw error("duplicate member name '\(SafeText.inert(String(key.prefix(60)), keepNewlines: false))'")
                    }
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw error("expected ':' after member name") }
                    i += 1
                    skipSpace()
                    let v = try value(depth: depth + 1)
                    members.append((key, v))
                    skipSpace()
                    guard i < bytes.count else { throw error("unexpected end of input in object") }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    if bytes[i] == UInt8(ascii: "}") { i += 1; return JSONNode(.object(members), at: at) }
                    throw error("expected ',' or '}' in object")
                }
            case UInt8(ascii: "["):
                i += 1
                var items: [JSONNode] = []
                skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return JSONNode(.array(items), at: at) }
                while true {
                    skipSpace()
                    items.append(try value(depth: depth + 1))
                    skipSpace()
                    guard i < bytes.count else { throw error("unexpected end of input in array") }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    if bytes[i] == UInt8(ascii: "]") { i += 1; return JSONNode(.array(items), at: at) }
                    throw error("expected ',' or ']' in array")
                }
            case UInt8(ascii: "\""):
                return JSONNode(.string(try string()), at: at)
            case UInt8(ascii: "t"): try literal("true"); return JSONNode(.bool(true), at: at)
            case UInt8(ascii: "f"): try literal("false"); return JSONNode(.bool(false), at: at)
            case UInt8(ascii: "n"): try literal("null"); return JSONNode(.null, at: at)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return JSONNode(.number(try number()), at: at)
            default:
                throw error("unexpected character \(describe(bytes[i]))")
            }
        }

        func describe(_ b: UInt8) -> String {
            if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
            return "byte 0x" + String(b, radix: 16, uppercase: true)
        }

        mutating func literal(_ word: String) throws(JSONParseError) {
            for b in word.utf8 {
                guard i < bytes.count, bytes[i] == b else { throw error("invalid literal, expected '\(word)'") }
                i += 1
            }
        }

        mutating func number() throws(JSONParseError) -> Double {
            let start = i
            if bytes[i] == UInt8(ascii: "-") { i += 1 }
            func digits(_ c: inout Cursor) -> Int {
                let s = c.i
                while c.i < c.bytes.count, c.bytes[c.i] >= 0x30, c.bytes[c.i] <= 0x39 { c.i += 1 }
                return c.i - s
            }
            guard i < bytes.count else { throw error("incomplete number") }
            if bytes[i] == UInt8(ascii: "0") { i += 1 } else if digits(&self) == 0 { throw error("invalid number") }
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                i += 1
                if digits(&self) == 0 { throw error("expected digits after '.'") }
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
                i += 1
                if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
                if digits(&self) == 0 { throw error("expected digits in exponent") }
            }
            let text = String(decoding: bytes[start..<i], as: UTF8.self)
            guard let d = Double(text), d.isFinite else { throw error("number out of range: \(text)") }
            return d
        }

        mutating func hex4() throws(JSONParseError) -> UInt32 {
            guard i + 4 <= bytes.count else { throw error("incomplete \\u escape") }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let b = bytes[i]
                let d: UInt32
                switch b {
                case 0x30...0x39: d = UInt32(b - 0x30)
                case 0x41...0x46: d = UInt32(b - 0x41 + 10)
                case 0x61...0x66: d = UInt32(b - 0x61 + 10)
                default: throw error("invalid hex digit in \\u escape")
                }
                v = v * 16 + d
                i += 1
            }
            return v
        }

        mutating func string() throws(JSONParseError) -> String {
            i += 1  // opening quote
            // Most strings have no escape: validate the bytes in place, without copying them one by one.
            let start = i
            // Over the buffer, to the closing quote or the first byte that needs a closer look.
            let (stop, ascii) = bytes.withUnsafeBufferPointer { b -> (Int, Bool) in
                var j = start, ascii = true
                while j < b.count {
                    let c = b[j]
                    if c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") || c < 0x20 { break }
                    if c >= 0x80 { ascii = false }
                    j += 1
                }
                return (j, ascii)
            }
            i = stop
            if i < bytes.count, bytes[i] == UInt8(ascii: "\"") {
                let end = i
                i += 1
                // `String(validating:)` over a slice is generic and looks up type metadata on every call.
                let s: String? = bytes.withUnsafeBufferPointer { all in
                    let part = UnsafeBufferPointer(rebasing: all[start..<end])
                    return ascii || UTF8Check.isValid(part) ? String(decoding: part, as: UTF8.self) : nil
                }
                guard let s else { throw error("invalid UTF-8 in string") }
                return s
            }
            if i < bytes.count, bytes[i] < 0x20 { throw error("control character in string (escape it)") }
            // An escape at `i`: the bytes before it need no second look.
            var out = Array(bytes[start..<i])
            while true {
                guard i < bytes.count else { throw error("unterminated string") }
                let b = bytes[i]
                if b == UInt8(ascii: "\"") { i += 1; break }
                if b < 0x20 { throw error("control character in string (escape it)") }
                if b == UInt8(ascii: "\\") {
                    i += 1
                    guard i < bytes.count else { throw error("unterminated escape") }
                    let e = bytes[i]
                    i += 1
                    switch e {
                    case UInt8(ascii: "\""): out.append(0x22)
                    case UInt8(ascii: "\\"): out.append(0x5C)
                    case UInt8(ascii: "/"): out.append(0x2F)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "u"):
                        var code = try hex4()
                        if code >= 0xD800 && code < 0xDC00 {
                            guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                                throw error("unpaired surrogate in \\u escape")
                            }
                            i += 2
                            let low = try hex4()
                            guard low >= 0xDC00 && low < 0xE000 else { throw error("invalid low surrogate in \\u escape") }
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        } else if code >= 0xDC00 && code < 0xE000 {
                            throw error("unpaired surrogate in \\u escape")
                        }
                        guard let scalar = Unicode.Scalar(code) else { throw error("invalid \\u escape") }
                        out.append(contentsOf: Array(String(Character(scalar)).utf8))
                    default:
                        throw error("invalid escape '\\\(Character(Unicode.Scalar(e)))'")
                    }
                    continue
                }
                out.append(b)
                i += 1
            }
            guard let s = out.withUnsafeBufferPointer({ UTF8Check.isValid($0) ? String(decoding: $0, as: UTF8.self) : nil }) else {
                throw error("invalid UTF-8 in string")
            }
            return s
        }
    }
}
