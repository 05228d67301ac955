@testable import AssessmentCore
import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The Foundation-free string and time functions give what full Foundation gives (the tests link
/// full Foundation, the program does not).
final class StringFunctionsTests: XCTestCase {
    /// Scalars that are, or look like, white space, line breaks, or neither.
    let alphabet: [String] = [" ", "\t", "\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{1680}", "\u{2000}",
                              "\u{2007}", "\u{200A}", "\u{200B}", "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}",
                              "\u{FEFF}", "a", "é", "e\u{301}", "_", "-", "/", "//", "x/", "ab", "👍🏽", "中", "e+", "\u{0}"]

    func randomString(_ rng: inout SystemRandomNumberGenerator, max: Int = 8) -> String {
        (0..<Int.random(in: 0...max, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined()
    }

    func testTrimmingMatchesFoundation() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let s = randomString(&rng)
            XCTAssertEqual(s.trimmingWhitespace(), s.trimmingCharacters(in: .whitespaces), s.debugDescription)
            XCTAssertEqual(s.trimmingWhitespaceAndNewlines(), s.trimmingCharacters(in: .whitespacesAndNewlines), s.debugDescription)
            XCTAssertEqual(s.dropFirst().trimmingWhitespace(), s.dropFirst().trimmingCharacters(in: .whitespaces))
        }
    }

    /// Every scalar up to U+3100 (all of Foundation's white space lies below) and a few above.
    func testWhitespaceSetsAreFoundations() {
        for v in Array(0...0x3100) + [0xFEFF, 0xFFFC, 0x1F44D] {
            guard let u = Unicode.Scalar(v) else { continue }
            let s = String(u)
            XCTAssertEqual(s.trimmingWhitespace().isEmpty, CharacterSet.whitespaces.contains(u), "U+\(String(v, radix: 16))")
            XCTAssertEqual(s.trimmingWhitespaceAndNewlines().isEmpty, CharacterSet.whitespacesAndNewlines.contains(u), "U+\(String(v, radix: 16))")
        }
    }

    func testReplacingMatchesFoundation() {
        var rng = SystemRandomNumberGenerator()
        for target in ["\n", "\r\n", " ", "_", "e+", "ab", "today ", "↑↓"] {
            for _ in 0..<500 {
                let s = randomString(&rng, max: 10)
                XCTAssertEqual(s.replacingAll(target, with: "<>"), s.replacingOccurrences(of: target, with: "<>"),
                               "\(s.debugDescription) / \(target.debugDescription)")
            }
        }
    }

    func testPaddingMatchesFoundation() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let s = randomString(&rng).replacingOccurrences(of: "👍🏽", with: "x")  // no surrogate pair cut in half
            let n = Int.random(in: 0...12, using: &rng)
            XCTAssertEqual(s.padded(toLength: n), s.padding(toLength: n, withPad: " ", startingAt: 0), s.debugDescription)
        }
    }

    /// Node kinds are shown as Foundation's `capitalized` showed them before they were a type.
    func testNodeKindLabelsMatchFoundationsCapitalized() {
        for kind in NodeKind.allCases {
            XCTAssertEqual(kind.label, kind.rawValue.capitalized)
        }
    }

    func testControlCharactersAreC0AndDEL() {
        XCTAssertFalse("Acme AI SE – ü".hasControlCharacters)
        for bad in ["a\nb", "a\tb", "\u{1B}[2J", "x\u{7F}"] { XCTAssertTrue(bad.hasControlCharacters, bad) }
    }

    func testPathPartsMatchNSString() {
        for p in ["/a/b/c.json", "/a/b/", "/a", "ab.json", "a/b", "./x.json", "../y", "/a/b/.c.tmp", "/tmp/store/sessions/x.json"] {
            XCTAssertEqual(p.lastPathPart, (p as NSString).lastPathComponent, p)
            XCTAssertEqual(p.droppingLastPathPart, (p as NSString).deletingLastPathComponent, p)
        }
        // Where NSString on Linux traps (a one-letter name without a slash: `"a"`), the documented results.
        XCTAssertEqual("a".lastPathPart, "a")
        XCTAssertEqual("a".droppingLastPathPart, "")
        XCTAssertEqual("/".lastPathPart, "/")
        XCTAssertEqual("/".droppingLastPathPart, "/")
        XCTAssertEqual("".lastPathPart, "")
        XCTAssertEqual("".droppingLastPathPart, "")
        XCTAssertEqual("//a//b//".lastPathPart, "b")
    }

    /// `standardizedPath` replaced URL's `standardizedFileURL` on the start-up path (folders, `--store`).
    func testStandardizedPathMatchesFoundationsURL() {
        let base = "/home/u/work"
        for p in ["/a/b/c", "/a/./b/../c/", "/a//b///c", "rel/x", "./x", "../up/x", "../../../../x", "/..", "/", "a/..", "/a/b/..", "x/./y/./", "/tmp/store/sessions/../sessions/x.json", "dir with space/ü.json"] {
            let expected = URL(fileURLWithPath: p, relativeTo: URL(fileURLWithPath: base, isDirectory: true)).standardizedFileURL.path
            XCTAssertEqual(p.standardizedPath(from: base), expected, p)
        }
    }

    func testLocalTimeFollowsTZWithDaylightSaving() throws {
        let old = getenv("TZ").map { String(cString: $0) }
        defer {
            if let old { setenv("TZ", old, 1) } else { unsetenv("TZ") }
            tzset()
        }
        for zone in ["Europe/Berlin", "America/New_York", "Asia/Kolkata", "UTC"] {
            setenv("TZ", zone, 1)
            tzset()
            let tz = try XCTUnwrap(TimeZone(identifier: zone))
            for t in [1_767_225_599.0, 1_774_746_000, 1_782_900_000, 1_798_761_599, 0, 951_782_400] {
                let d = Date(timeIntervalSince1970: t)
                XCTAssertEqual(LocalTime(d, in: nil), LocalTime(d, in: tz), "\(zone) \(t)")
            }
        }
        XCTAssertEqual(LocalTime(Date(timeIntervalSince1970: 0), in: TimeZone(secondsFromGMT: 0)).dayText, "1970-01-01")
        XCTAssertEqual(LocalTime.pad(7, 4), "0007")
        XCTAssertEqual(LocalTime.pad(-7, 2), "-07")
    }
}
