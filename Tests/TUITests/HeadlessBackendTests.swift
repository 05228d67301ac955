@testable import CursesBackend
import Foundation
import TUI
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Draws frames through the real ncurses backend into a virtual screen on /dev/null and reads the
/// cells back: no terminal needed.
final class HeadlessBackendTests: XCTestCase {
    private var savedLCALL: String?

    override func setUp() {
        savedLCALL = ProcessInfo.processInfo.environment["LC_ALL"]
        setenv("LC_ALL", "C.UTF-8", 1)
    }

    override func tearDown() {
        if let v = savedLCALL { setenv("LC_ALL", v, 1) } else { unsetenv("LC_ALL") }
    }

    /// XCTest on Linux runs tests on the main thread but cannot discover @MainActor test methods.
    func onMain(_ body: @MainActor () throws -> Void) throws {
        try MainActor.assumeIsolated { try body() }
    }

    @MainActor
    static func openScreen(_ size: Size) throws -> CursesScreen {
        try CursesScreen(headless: size, environment: ["TERM": "xterm-256color"])
    }

    func testFrameRoundTripsThroughCurses() throws {
        try onMain {
            let screen = try Self.openScreen(Size(width: 30, height: 4))
            defer { screen.close() }
            XCTAssertTrue(screen.capabilities.unicode)
            var c = Canvas(size: Size(width: 30, height: 4), widths: screen.widths)
            c.box(Rect(x: 0, y: 0, width: 30, height: 4), glyphs: .unicode, title: "Q1")
            c.text("日本 é e\u{301} ok", x: 2, y: 1)
            c.text("x\u{1B}[2Jy", x: 2, y: 2, style: .reverse)
            screen.present(c)
            XCTAssertEqual(screen.screenText(), c.plainText())
            XCTAssertTrue(screen.screenText().contains("x^[[2Jy"))
        }
    }

    func testOnlyChangedCellsAreRewrittenAndTheResultIsRight() throws {
        try onMain {
            let screen = try Self.openScreen(Size(width: 20, height: 3))
            defer { screen.close() }
            var a = Canvas(size: Size(width: 20, height: 3), widths: screen.widths)
            a.text("first 日本語", x: 0, y: 0)
            screen.present(a)
            var b = a
            b.text("x", x: 7, y: 0)  // overwrites half of 本? no: 日 at 6-7; overwriting 7 blanks 6
            b.text("second", x: 0, y: 2)
            screen.present(b)
            XCTAssertEqual(screen.screenText(), b.plainText())
        }
    }

    func testResizedScreenDrawsTheNewSize() throws {
        try onMain {
            let screen = try Self.openScreen(Size(width: 20, height: 5))
            defer { screen.close() }
            XCTAssertEqual(screen.size, Size(width: 20, height: 5))
            var c = Canvas(size: screen.size, widths: screen.widths)
            c.text("hello", x: 0, y: 0)
            screen.present(c)
            XCTAssertEqual(screen.screenText(), c.plainText())
        }
    }

    func testCursesWidthsAgreeWithTheFallbackTable() throws {
        try onMain {
            let screen = try Self.openScreen(Size(width: 10, height: 2))
            defer { screen.close() }
            let samples = ["abc", "日本", "e\u{301}", "é", "😀", "❤️", "👨‍👩‍👧", "🇯🇵", "👍🏽", "±…", "한국어", "─│┌"]
            for s in samples {
                XCTAssertEqual(CursesScreen.cursesWidths.width(s), DisplayWidth.fallback.width(s), "width of \(s)")
            }
        }
    }

    func testAFullAssessmentFrameMatches() throws {
        try onMain {
            let screen = try Self.openScreen(Size(width: 80, height: 24))
            defer { screen.close() }
            var s = try TUIFixtures.assessment()
            s.config.widths = screen.widths
            s.type("1n2n2e")
            _ = update(&s, .paste("note 日本語 é\nsecond line"))
            let frame = view(s)
            screen.present(frame)
            XCTAssertEqual(screen.screenText(), frame.plainText())
        }
    }
}
