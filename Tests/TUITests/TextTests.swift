@testable import TUI
import XCTest

final class DisplayWidthTests: XCTestCase {
    let w = DisplayWidth.fallback

    func testWidthsMatchGlibcForCommonText() {
        XCTAssertEqual(w.width("abc"), 3)
        XCTAssertEqual(w.width("日本"), 4)
        XCTAssertEqual(w.width("e\u{301}"), 1)        // combining acute
        XCTAssertEqual(w.width("é"), 1)
        XCTAssertEqual(w.width("😀"), 2)
        XCTAssertEqual(w.width("🇯🇵"), 2)             // flag: two regional indicators of width 1 (glibc)
        XCTAssertEqual(w.width("❤️"), 1)              // VS16 is zero-width in glibc
        XCTAssertEqual(w.width("👨‍👩‍👧"), 6)             // ZWJ family: three wide scalars
        XCTAssertEqual(w.width("한국어"), 6)
    }

    func testControlCharactersAreEscapedNotSent() {
        let cells = w.cells("\u{1B}")
        XCTAssertEqual(cells.map(\.text).joined(), "^[")
        XCTAssertEqual(w.width("a\u{1B}[31mb"), 1 + 2 + 4 + 1)
        XCTAssertEqual(w.cells("\u{9B}").map(\.text).joined(), "<U+009B>")
        XCTAssertEqual(w.cells("\u{202E}").map(\.text).joined(), "<U+202E>")
    }

    func testCombiningMarksAttachToTheirBase() {
        let cells = w.cells("e\u{301}")
        XCTAssertEqual(cells.count, 1)
        XCTAssertEqual(cells[0].width, 1)
        XCTAssertEqual(cells[0].text.unicodeScalars.count, 2)
    }

    func testCanvasNeverLetsEscapeThrough() {
        var c = Canvas(size: Size(width: 20, height: 1))
        c.text("x\u{1B}[2Jy\u{7}", x: 0, y: 0)
        let t = c.plainText()
        XCTAssertFalse(t.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        XCTAssertTrue(t.hasPrefix("x^[[2Jy^G"))
    }

    func testCanvasClipsWideCharacterAtEdge() {
        var c = Canvas(size: Size(width: 5, height: 1))
        let used = c.text("ab日本", x: 0, y: 0)
        XCTAssertEqual(used, 4)
        XCTAssertEqual(c[4, 0].text, " ")
        var d = Canvas(size: Size(width: 6, height: 1))
        d.text("日本語", x: 0, y: 0, ellipsis: "…")
        XCTAssertEqual(d.plainText(), "日本語\n")
        var e = Canvas(size: Size(width: 5, height: 1))
        e.text("日本語", x: 0, y: 0, ellipsis: "…")
        XCTAssertEqual(e.plainText(), "日本…\n")
    }

    func testOverwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var c = Canvas(size: Size(width: 4, height: 1))
        c.text("日本", x: 0, y: 0)
        c.text("x", x: 1, y: 0)
        XCTAssertEqual(c.plainText(), " x本\n")
    }
}

final class WrapTests: XCTestCase {
    let w = DisplayWidth.fallback

    func testWrapsAtSpaces() {
        XCTAssertEqual(Wrap.text("the quick brown fox", width: 10, widths: w), ["the quick", "brown fox"])
    }

    func testBreaksLongWords() {
        XCTAssertEqual(Wrap.text("abcdefghij", width: 4, widths: w), ["abcd", "efgh", "ij"])
    }

    func testWideCharactersCountTwice() {
        XCTAssertEqual(Wrap.text("日本語日本語", width: 5, widths: w), ["日本", "語日", "本語"])
    }

    /// Simple texts (ASCII, Latin-1, punctuation) are wrapped without `Character`s: the same lines as
    /// the character path (`Wrap.lines` on characters, tabs read as spaces, trailing spaces trimmed),
    /// and texts with wide or combining characters still take that path.
    func testSimpleWrapMatchesTheCharacterPath() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 { state ^= state << 13; state ^= state >> 7; state ^= state << 17; return state }
        let pieces = ["a", "word", "longerwordthatmustbreak", " ", "  ", "\t", "\n", "\n\n", ".", "x y", "tab\tin",
                      " · ", "→", "—", "é", "«quoted»", "\u{A0}", "日本", "e\u{301}", "\u{AD}", "\u{2028}", "\r\n", "😀"]
        for i in 0..<3000 {
            let s = (0..<Int(next() % 12)).map { _ in pieces[Int(next() % UInt64(pieces.count))] }.joined()
            let width = Int(next() % 14)
            let chars: [Character] = s.map { c in c == "\r\n" || c == "\r" ? "\n" : (c == "\t" ? " " : c) }
            let expected = Wrap.lines(chars, width: width, widths: w).map { l -> String in
                var t = String(chars[l.start..<l.end])
                while t.last == " " { t.removeLast() }
                return t
            }
            XCTAssertEqual(Wrap.text(s, width: width, widths: w), expected, "case \(i): \(s.debugDescription) at \(width)")
        }
    }

    /// Simple strings are drawn a cell a scalar: the same cells as the general path.
    func testSimpleCanvasTextMatchesTheGeneralPath() {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next() -> UInt64 { state ^= state << 13; state ^= state >> 7; state ^= state << 17; return state }
        let pieces = ["a", "Word", " ", ".", " · ", "→", "—", "é", "«q»", "\u{A0}", "ÿ", "‰", "‹›"]
        var simple = 0
        for i in 0..<2000 {
            let s = (0..<Int(next() % 10)).map { _ in pieces[Int(next() % UInt64(pieces.count))] }.joined()
            let limit = 1 + Int(next() % 30)
            var a = Canvas(size: Size(width: 40, height: 1)), b = a
            if let n = a.simpleText(s, x: 2, y: 0, limit: limit, style: .bold) {
                simple += 1
                XCTAssertEqual(n, b.generalText(s, x: 2, y: 0, limit: limit, style: .bold, ellipsis: nil), "case \(i): \(s.debugDescription)")
                for x in 0..<40 { XCTAssertEqual(a[x, 0], b[x, 0], "case \(i) at \(x): \(s.debugDescription)") }
            }
        }
        XCTAssertGreaterThan(simple, 500, "most cases must take the simple path, or this tests nothing")
        // Every scalar the simple path may take, alone and between words.
        for v: UInt32 in Array(0xA0...0xFF) + Array(0x2010...0x205E) + Array(0x2190...0x21FF) {
            let u = Unicode.Scalar(v)!
            for s in [String(u), "a" + String(u) + " b"] {
                var a = Canvas(size: Size(width: 12, height: 1)), b = a
                guard let n = a.simpleText(s, x: 1, y: 0, limit: 10, style: .plain) else { continue }
                XCTAssertEqual(n, b.generalText(s, x: 1, y: 0, limit: 10, style: .plain, ellipsis: nil), "U+\(String(v, radix: 16))")
                for x in 0..<12 { XCTAssertEqual(a[x, 0], b[x, 0], "U+\(String(v, radix: 16)) at \(x)") }
            }
            let text = "word " + String(u) + " and more words " + String(u) + String(u) + " end"
            let chars = Array(text)
            let expected = Wrap.lines(chars, width: 7, widths: w).map { l -> String in
                var t = String(chars[l.start..<l.end])
                while t.last == " " { t.removeLast() }
                return t
            }
            XCTAssertEqual(Wrap.text(text, width: 7, widths: w), expected, "U+\(String(v, radix: 16))")
        }
        var c = Canvas(size: Size(width: 10, height: 1))
        XCTAssertNil(c.simpleText("a\u{202E}b", x: 0, y: 0, limit: 10, style: .plain), "a bidi override is escaped by the general path")
        XCTAssertNil(c.simpleText("e\u{301}", x: 0, y: 0, limit: 10, style: .plain))
        XCTAssertNil(c.simpleText("日本", x: 0, y: 0, limit: 10, style: .plain))
    }

    func testHardNewlines() {
        XCTAssertEqual(Wrap.text("a\n\nb\n", width: 10, widths: w), ["a", "", "b", ""])
    }
}

final class TextEditorTests: XCTestCase {
    let w = DisplayWidth.fallback

    func testMovesByGrapheme() {
        var e = TextEditor("ae\u{301}日", multiline: false)
        XCTAssertEqual(e.chars.count, 3)
        e.left()
        e.backspace()
        XCTAssertEqual(e.text, "a日")
    }

    func testTypedCombiningMarkJoinsPreviousCharacter() {
        var e = TextEditor()
        e.insert("e")
        e.insert("\u{301}")
        XCTAssertEqual(e.chars.count, 1)
        XCTAssertEqual(e.cursor, 1)
        e.insert("x")
        XCTAssertEqual(e.text, "e\u{301}x")
    }

    func testPasteIsOneEditAndKeepsNewlines() {
        var e = TextEditor("", multiline: true)
        XCTAssertTrue(e.insert("line one é\r\nline two 日本\n"))
        XCTAssertEqual(e.text, "line one é\nline two 日本\n")
        XCTAssertEqual(e.cursor, e.chars.count)
    }

    func testSingleLinePasteFoldsNewlinesAndDropsControls() {
        var e = TextEditor("", multiline: false)
        e.insert("a\nb\u{1B}[31mc\td")
        XCTAssertEqual(e.text, "a b[31mc d")
    }

    func testCursorColumnCountsWideCharacters() {
        let e = TextEditor("日本x", multiline: true)
        let lay = e.layout(width: 40, widths: w)
        XCTAssertEqual(lay.cursorRow, 0)
        XCTAssertEqual(lay.cursorColumn, 5)
    }

    func testUpDownKeepColumnAcrossWrappedLines() {
        var e = TextEditor("abcdef ghijkl mnopqr", multiline: true)
        // width 8 → "abcdef ", "ghijkl ", "mnopqr"
        e.up(width: 9, widths: w)
        let lay = e.layout(width: 9, widths: w)
        XCTAssertEqual(lay.cursorRow, 1)
        XCTAssertEqual(lay.cursorColumn, 6)
        e.up(width: 9, widths: w)
        e.up(width: 9, widths: w)
        XCTAssertEqual(e.cursor, 0)
        e.down(width: 9, widths: w)
        XCTAssertEqual(e.layout(width: 9, widths: w).cursorRow, 1)
    }

    func testWordDeletion() {
        var e = TextEditor("hello big world")
        e.deleteWordBackward()
        XCTAssertEqual(e.text, "hello big ")
        e.deleteToLineStart()
        XCTAssertEqual(e.text, "")
    }
}
