import AssessmentCore
import Foundation
import TUI
import XCTest

enum TUIFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func path(_ name: String) -> String { root.appendingPathComponent("Tests/Fixtures/" + name).path }

    static func sample() throws -> Questionnaire { try QuestionnaireLoader.load(path: path("tui-sample.json")) }

    /// 2026-01-15 09:30 UTC, the fixed "now" of every test.
    static let now = Date(timeIntervalSince1970: 1_768_469_400)

    static func session(_ q: Questionnaire) -> Session {
        Session(id: "acme-model-abcd", title: "Acme Model 2", questionnaire: q, by: "tester", at: now)
    }

    static let config = UIConfig(widths: .fallback, glyphs: .unicode, timeZone: TimeZone(identifier: "UTC")!, user: "tester")

    static func assessment(size: Size = Size(width: 80, height: 24), hasHome: Bool = false, session: Session? = nil) throws -> AppState {
        let q = try sample()
        let s = session ?? Self.session(q)
        return AppState(size: size, config: config, screen: .assessment(AssessmentState(session: s, questionnaire: q)),
                        questionnaires: [q], hasHome: hasHome, now: now)
    }
}

extension AppState {
    /// Sends keys typed as text (each character one key press) and collects the effects.
    @discardableResult
    mutating func type(_ text: String) -> [Effect] {
        var out: [Effect] = []
        for c in text { out += update(&self, .key(.char(c))) }
        return out
    }

    @discardableResult
    mutating func press(_ keys: Key...) -> [Effect] {
        var out: [Effect] = []
        for k in keys { out += update(&self, .key(k)) }
        return out
    }

    var a: AssessmentState { assessment! }
}

/// Compares text with a golden file under `__Snapshots__`. `RECORD_SNAPSHOTS=1` rewrites the file
/// and fails, so that a new baseline is always looked at before it is committed.
func assertSnapshot(_ text: String, named name: String, file: StaticString = #filePath, line: UInt = #line) {
    let dir = URL(fileURLWithPath: "\(file)").deletingLastPathComponent().appendingPathComponent("__Snapshots__")
    let url = dir.appendingPathComponent(name + ".txt")
    let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"].map { !$0.isEmpty && $0 != "0" } ?? false
    let existing = try? String(contentsOf: url, encoding: .utf8)
    if record || existing == nil {
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try? text.write(to: url, atomically: true, encoding: .utf8)
        XCTFail("recorded snapshot \(name).txt; check it and run again without RECORD_SNAPSHOTS", file: file, line: line)
        return
    }
    if existing != text {
        let a = existing!.split(separator: "\n", omittingEmptySubsequences: false)
        let b = text.split(separator: "\n", omittingEmptySubsequences: false)
        var diff = ""
        for i in 0..<max(a.count, b.count) {
            let x = i < a.count ? String(a[i]) : "<none>", y = i < b.count ? String(b[i]) : "<none>"
            if x != y { diff += "line \(i + 1):\n  expected |\(x)|\n  actual   |\(y)|\n" }
        }
        XCTFail("snapshot \(name).txt differs:\n" + diff, file: file, line: line)
    }
}

/// The frame as text with a border so trailing spaces are visible, and the cursor marked below.
func frameText(_ c: Canvas) -> String {
    var out = ""
    for l in c.plainText().split(separator: "\n", omittingEmptySubsequences: false).dropLast() { out += "|" + l + "|\n" }
    if let p = c.cursor { out += "cursor: \(p.x),\(p.y)\n" }
    return out
}
