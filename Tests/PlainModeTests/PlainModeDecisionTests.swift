import Foundation
@testable import PlainMode
import TestSupport
import XCTest

final class PlainModeDecisionTests: XCTestCase {
    let xterm: (String) -> Terminfo.Entry? = { $0 == "xterm" ? Terminfo.Entry(path: "/x/xterm", cursorAddressing: true)
        : $0 == "lpr" ? Terminfo.Entry(path: "/l/lpr", cursorAddressing: false) : nil }

    func reason(flag: Bool = false, env: [String: String] = ["TERM": "xterm"], stdin: Bool = true, stdout: Bool = true) -> PlainModeDecision.Reason? {
        PlainModeDecision.reason(flag: flag, environment: env, stdinIsTerminal: stdin, stdoutIsTerminal: stdout, terminfo: xterm)
    }

    func testWhenPlainModeIsChosen() {
        XCTAssertNil(reason(), "a capable terminal gets the full screen")
        XCTAssertEqual(reason(flag: true), .requested)
        XCTAssertEqual(reason(env: ["TERM": "xterm", "ACCESSIBLE": "1"]), .accessible)
        XCTAssertNil(reason(env: ["TERM": "xterm", "ACCESSIBLE": ""]), "an empty ACCESSIBLE does not count")
        XCTAssertEqual(reason(stdin: false), .stdinNotTerminal)
        XCTAssertEqual(reason(stdout: false), .stdoutNotTerminal)
        XCTAssertEqual(reason(env: [:]), .termUnset)
        XCTAssertEqual(reason(env: ["TERM": ""]), .termUnset)
        XCTAssertEqual(reason(env: ["TERM": "dumb"]), .dumbTerminal)
        XCTAssertEqual(reason(env: ["TERM": "bogus-terminal"]), .unknownTerminal("bogus-terminal"))
        XCTAssertEqual(reason(env: ["TERM": "lpr"]), .noCursorAddressing("lpr"))
        XCTAssertNil(PlainModeDecision.Reason.requested.explanation, "no explanation when asked for")
        XCTAssertEqual(PlainModeDecision.Reason.stdinNotTerminal.explanation, "Plain mode, because standard input is not a terminal.")
    }

    /// A compiled terminfo entry with `count` string capabilities, `cup` present or absent.
    func entry(magic: Int = 0o432, cup: Bool, strings count: Int = 20) -> [UInt8] {
        func le(_ v: Int) -> [UInt8] { let u = UInt16(truncatingIfNeeded: v); return [UInt8(u & 0xFF), UInt8(u >> 8)] }
        let names = Array("test|test terminal\0".utf8)
        let bools: [UInt8] = [1, 0, 1]  // odd: a pad byte follows
        let nums = 2
        var b = le(magic) + le(names.count) + le(bools.count) + le(nums) + le(count) + le(8)
        b += names + bools
        if b.count % 2 == 1 { b.append(0) }
        for _ in 0..<nums { b += magic == 0o1036 ? [80, 0, 0, 0] : le(80) }
        for i in 0..<count { b += le(i == 10 ? (cup ? 0 : -1) : -1) }
        b += Array("\u{1B}[%i\0".utf8) + [0, 0]
        return b
    }

    func testReadsCompiledTerminfo() {
        XCTAssertEqual(Terminfo.hasCursorAddressing(entry(cup: true)), true)
        XCTAssertEqual(Terminfo.hasCursorAddressing(entry(cup: false)), false)
        XCTAssertEqual(Terminfo.hasCursorAddressing(entry(magic: 0o1036, cup: true)), true)
        XCTAssertEqual(Terminfo.hasCursorAddressing(entry(magic: 0o1036, cup: false)), false)
        XCTAssertEqual(Terminfo.hasCursorAddressing(entry(cup: false, strings: 5)), false, "too few strings: no cup")
        XCTAssertNil(Terminfo.hasCursorAddressing(Array("not terminfo".utf8)))
        XCTAssertNil(Terminfo.hasCursorAddressing([]))
    }

    func testFindsEntriesInTerminfoFolders() throws {
        let dir = Fixtures.temporaryDirectory("terminfo")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/f", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir + "/70", withIntermediateDirectories: true)
        try Data(entry(cup: true)).write(to: URL(fileURLWithPath: dir + "/f/fancy"))
        try Data(entry(cup: false)).write(to: URL(fileURLWithPath: dir + "/70/plainprinter"))  // hashed-letter layout ('p' = 0x70)
        XCTAssertEqual(Terminfo.lookup("fancy", directories: [dir])?.cursorAddressing, true)
        XCTAssertEqual(Terminfo.lookup("plainprinter", directories: [dir])?.cursorAddressing, false)
        XCTAssertNil(Terminfo.lookup("missing", directories: [dir]))
        XCTAssertNil(Terminfo.lookup("../f/fancy", directories: [dir + "/f"]), "no paths in TERM")
        XCTAssertNil(Terminfo.lookup("", directories: [dir]))
        let dirs = Terminfo.searchDirectories(environment: ["TERMINFO": "/a", "HOME": "/h", "TERMINFO_DIRS": "/b::/c"])
        XCTAssertEqual(Array(dirs.prefix(4)), ["/a", "/h/.terminfo", "/b", "/etc/terminfo"])
        XCTAssertTrue(dirs.contains("/c"))
        XCTAssertEqual(Set(dirs).count, dirs.count)
    }

    func testSystemTerminfoWhenInstalled() throws {
        guard let xterm = Terminfo.lookup("xterm") else { throw XCTSkip("no terminfo for xterm on this system") }
        XCTAssertTrue(xterm.cursorAddressing)
        if let dumb = Terminfo.lookup("dumb") { XCTAssertFalse(dumb.cursorAddressing) }
        XCTAssertNil(Terminfo.lookup("bogus-terminal"))
    }
}
