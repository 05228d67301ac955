import AssessmentCore
import Foundation
import TestSupport
import XCTest

final class JSONParserTests: XCTestCase {
    func testParsesAndRecordsPositions() throws {
        let root = try JSONParser.parse("{\n  \"a\": [1, 2.5e3, true, null],\n  \"b\": \"x\\u00e9\\ud83d\\ude00\"\n}")
        XCTAssertEqual(root["a"]?.location, SourceLocation(line: 2, column: 8))
        XCTAssertEqual(root["a"]?.array?[1].number, 2500)
        XCTAssertEqual(root["b"]?.string, "xé😀")
        XCTAssertEqual(root["b"]?.location.line, 3)
    }

    func testRejectsMalformedInputWithLocation() {
        let cases: [(String, String, Int, Int)] = [
            ("{\"a\": 1,}", "expected a quoted member name", 1, 9),
            ("[1, 2", "unexpected end of input in array", 1, 6),
            ("{\"a\" 1}", "expected ':' after member name", 1, 6),
            ("\"abc", "unterminated string", 1, 5),
            ("tru", "invalid literal, expected 'true'", 1, 4),
            ("01", "unexpected content after the JSON value", 1, 2),
            ("[1]\n x", "unexpected content after the JSON value", 2, 2),
            ("\"\\ud800\"", "unpaired surrogate in \\u escape", 1, 8),
            ("\"a\tb\"", "control character in string (escape it)", 1, 3),
            ("", "unexpected end of input", 1, 1),
        ]
        for (text, message, line, column) in cases {
            do {
                _ = try JSONParser.parse(text)
                XCTFail("accepted \(text)")
            } catch {
                XCTAssertEqual(error.message, message, text)
                XCTAssertEqual(error.location, SourceLocation(line: line, column: column), text)
            }
        }
    }

    func testInvalidUTF8AndDepth() {
        XCTAssertThrowsError(try JSONParser.parse([0x22, 0xFF, 0xFE, 0x22]))
        XCTAssertThrowsError(try JSONParser.parse(String(repeating: "[", count: 10_000)))
        XCTAssertNoThrow(try JSONParser.parse(String(repeating: "[", count: 150) + String(repeating: "]", count: 150)))
    }

    /// The parser's own UTF-8 check decides as the standard library's `String(validating:)`.
    func testUTF8CheckAgreesWithTheStandardLibrary() {
        func agree(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) {
            let mine = bytes.withUnsafeBufferPointer { UTF8Check.isValid($0) }
            XCTAssertEqual(mine, String(validating: bytes, as: UTF8.self) != nil, "\(bytes.map { String($0, radix: 16) })", file: file, line: line)
        }
        // Every one- and two-byte sequence, and every lead byte with interesting continuations.
        for a in 0...255 { agree([UInt8(a)]) }
        for a in 0...255 { for b in 0...255 { agree([UInt8(a), UInt8(b)]) } }
        let edges: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF]
        for a in 0xC0...0xFF { for b in edges { for c in edges {
            agree([UInt8(a), b, c])
            for d in edges { agree([UInt8(a), b, c, d]) }
        } } }
        // Random mixes of valid text and stray bytes.
        var rng = SystemRandomNumberGenerator()
        let pieces: [[UInt8]] = [Array("a".utf8), Array("é".utf8), Array("€".utf8), Array("😀".utf8), [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE0, 0x80, 0xAF], [0x80], [0xFF]]
        for _ in 0..<5_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...8, using: &rng) { bytes += pieces.randomElement(using: &rng)! }
            if !bytes.isEmpty, Bool.random(using: &rng) { bytes.removeLast() }
            agree(bytes)
        }
    }

    func testStringsWithInvalidUTF8AreRefusedWithOrWithoutEscapes() {
        for body: [UInt8] in [[0xC3], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xE0, 0x80, 0xAF]] {
            XCTAssertThrowsError(try JSONParser.parse([0x22] + body + [0x22]))
            XCTAssertThrowsError(try JSONParser.parse([0x22, 0x5C, 0x6E] + body + [0x22]))  // after an escape: the slow path
        }
        XCTAssertEqual(try JSONParser.parse(Array("\"caf\u{e9} \\n 😀\"".utf8)).string, "café \n 😀")
    }

    /// The pull reader, skipping a whole document, accepts exactly what the parser accepts: damaged
    /// copies of a document with every kind of value, nesting and escape.
    func testReaderAcceptsExactlyWhatTheParserAccepts() {
        let doc = Array(#"""
        {"a": [1, -2.5e3, 0, true, false, null, {"b": "c\"\u00e9\ud83d\ude00"}], "d": {}, "e": [], "é": "日本",
         "f": {"g": {"h": [[], [{}], "x\ny"]}}, "n": -0.0}
        """#.utf8)
        XCTAssertNoThrow(try JSONParser.parse(doc), "the undamaged document must be valid")
        var rng = SeededRandom(state: 5)
        var agreeingRefusals = 0
        for i in 0..<4000 {
            var bytes = doc
            if i > 0 {
                for _ in 0..<(1 + Int(rng.next() % 2)) {
                    let at = Int(rng.next() % UInt64(bytes.count))
                    switch rng.next() % 3 {
                    case 0: bytes.remove(at: at)
                    case 1: bytes[at] = Array(#"{}[]",:\ 0-eE.tfnu"#.utf8)[Int(rng.next() % 18)]
                    default: bytes.insert(UInt8(truncatingIfNeeded: rng.next()), at: at)
                    }
                }
            }
            var r = JSONReader(bytes)
            let read = r.skipValue() && r.isAtEnd
            let parsed = (try? JSONParser.parse(bytes)) != nil
            XCTAssertEqual(read, parsed, "case \(i): \(String(decoding: bytes, as: UTF8.self))")
            if !parsed && !read { agreeingRefusals += 1 }
        }
        XCTAssertGreaterThan(agreeingRefusals, 1000, "the damage must make most documents invalid")
    }

    /// Members and elements read one by one: names, kinds, and the end of each container.
    func testReaderWalksObjectsAndArrays() {
        var r = JSONReader(Array(#"{"a": [1, "x", null], "b": {"c": true}}"#.utf8))
        XCTAssertTrue(r.beginObject())
        XCTAssertEqual(r.nextMember(), "a")
        XCTAssertTrue(r.beginArray())
        XCTAssertTrue(r.nextElement()); XCTAssertEqual(r.number(), 1)
        XCTAssertTrue(r.nextElement()); XCTAssertEqual(r.next, .string); XCTAssertEqual(r.string(), "x")
        XCTAssertTrue(r.nextElement()); XCTAssertTrue(r.skipNull())
        XCTAssertFalse(r.nextElement())
        XCTAssertEqual(r.nextMember(), "b")
        XCTAssertTrue(r.beginObject())
        XCTAssertEqual(r.nextMember(), "c"); XCTAssertEqual(r.bool(), true)
        XCTAssertNil(r.nextMember())
        XCTAssertNil(r.nextMember())
        XCTAssertFalse(r.failed)
        XCTAssertTrue(r.isAtEnd)
        // Asking for the wrong kind fails, and stays failed.
        var w = JSONReader(Array(#"{"a": 1}"#.utf8))
        XCTAssertTrue(w.beginObject())
        XCTAssertEqual(w.nextMember(), "a")
        XCTAssertNil(w.string())
        XCTAssertTrue(w.failed)
        XCTAssertNil(w.number())
        XCTAssertFalse(w.isAtEnd)
    }

    /// Known names are matched on the bytes; written with escapes they are still the same name, and a
    /// name twice is refused whether it is known or not.
    func testReaderKnownNames() {
        let known = JSONNames(["a", "bc"])
        func names(_ text: String) -> [String]? {
            var r = JSONReader(Array(text.utf8))
            guard r.beginObject() else { return nil }
            var out: [String] = []
            while let k = r.nextMember(known) {
                out.append(k)
                guard r.skipValue() else { return nil }
            }
            return r.isAtEnd ? out : nil
        }
        XCTAssertEqual(names(#"{"bc": 1, "a": [2], "zz": {}, "é": null}"#), ["bc", "a", "zz", "é"])
        XCTAssertEqual(names(#"{"\u0061": 1}"#), ["a"])
        XCTAssertNil(names(#"{"a": 1, "\u0061": 2}"#))
        XCTAssertNil(names(#"{"zz": 1, "zz": 2}"#))
        XCTAssertNil(names(#"{"bc": 1, "bc": 2}"#))
        XCTAssertNil(names(#"{"a\": 1}"#))
        for text in [#"{"a": 1, "\u0061": 2}"#, #"{"zz": 1, "zz": 2}"#] { XCTAssertThrowsError(try JSONParser.parse(text), text) }
    }

    func testWriterIsSortedAndEscaped() {
        let j: JSON = ["b": 1, "a": ["x\u{1b}[31m", .null, 0.25], "c": true]
        XCTAssertEqual(j.serialized(pretty: false), "{\"a\":[\"x\\u001b[31m\",null,0.25],\"b\":1,\"c\":true}")
        XCTAssertEqual(try JSONParser.parse(j.serialized())["a"]?.array?[0].string, "x\u{1b}[31m")
    }

    func testSHA256() {
        XCTAssertEqual(SHA256.hex(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex([]), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex(Array(String(repeating: "a", count: 1000).utf8)), "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    /// Lengths around the 64-byte blocks and the padding's 56-byte mark, and a shipped questionnaire,
    /// against Python's hashlib.
    func testSHA256MatchesHashlibAtBlockBoundaries() throws {
        try Prerequisite.requirePython("hashlib", install: "apt-get install python3")
        let lengths = [1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 4_097]
        let bytes = (0..<4_097).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let script = "import hashlib\nb = bytes((i * 31 + 7) & 255 for i in range(4097))\n"
            + "print(' '.join(hashlib.sha256(b[:n]).hexdigest() for n in \(lengths)))"
        let expected = try runProcess("/usr/bin/env", ["python3", "-c", script]).stdout.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        XCTAssertEqual(lengths.map { SHA256.hex(Array(bytes.prefix($0))) }, expected)
        let file = Fixtures.questionnairesFolder + "/gpai-cop-2025.json"
        let sum = try runProcess("/usr/bin/env", ["python3", "-c", "import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],'rb').read()).hexdigest())", file])
        XCTAssertEqual(SHA256.hex([UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))), sum.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
