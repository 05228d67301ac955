import AssessmentCore
import AssessmentStore
import Foundation
import TestSupport
import TUI
import Walk
import XCTest

/// One table of typed targets through every place that turns text into a node: the core's
/// `resolve`, the walk's `GoTo`, the full screen's go-to (keys through `update`), plain mode's `g`,
/// `resume --at`, `score --explain` and `review` (the binary). Each must reach the same node, or
/// refuse the same text.
final class NodeResolutionTableTests: XCTestCase {
    var store = ""
    override func setUp() { store = Fixtures.temporaryDirectory("resolve-table") }
    override func tearDown() { try? FileManager.default.removeItem(atPath: store) }

    enum Want: Equatable { case node(String), question(String), ambiguous, notFound }

    let table: [(String, Want)] = [
        ("tr.m1_2", .node("tr.m1_2")), ("TR.M1_2", .node("tr.m1_2")), ("1.2", .node("tr.m1_2")),
        ("Transparency 1.2", .node("tr.m1_2")), ("transparency 1.1", .node("tr.m1_1")), ("T1.2", .node("tr.m1_2")),
        ("t 1.1", .node("tr.m1_1")), ("tr 1.1", .node("tr.m1_1")), ("T 1 1.1", .node("tr.m1_1")),
        ("S1.1", .node("ss.m1_1")), ("safety 1.1", .node("ss.m1_1")), ("S&S 1.1", .node("ss.m1_1")),
        ("  Safety and Security  1.1 ", .node("ss.m1_1")), ("safety", .node("ss")),
        ("tr.1.1.q2", .question("tr.1.1.q2")), ("TR.1.1.Q2", .question("tr.1.1.q2")),
        ("1.1", .ambiguous), ("9.9", .notFound), ("copyright 1.1", .notFound),
    ]

    func cli(_ args: [String], stdin: String? = nil) throws -> RunResult { try runCLI(args, store: store, stdin: stdin) }

    func testEveryCallerResolvesTheSameTextToTheSameNode() throws {
        let id = try cli(["new", "-q", "mini", "-t", "Table", "--no-tui"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        for (qid, v) in [("scope.gpai", "yes"), ("scope.systemic", "yes")] { XCTAssertEqual(try cli(["answer", id, qid, v]).status, 0) }
        let sessions = SessionStore(root: store)
        let q = try Fixtures.mini()
        for (text, want) in table {
            let what = "'\(text)'"
            _ = try sessions.update(id) { $0.position = nil }
            let s = try sessions.load(id)
            let ev = Evaluation(questionnaire: q, session: s)
            let landing: String? = switch want {
            case let .node(n): q.landing(.node(n), in: ev)
            case let .question(x): x
            default: nil
            }

            // The core.
            switch (q.resolve(text), want) {
            case let (.found(.node(n)), .node(w)): XCTAssertEqual(n, w, what)
            case let (.found(.question(n)), .question(w)): XCTAssertEqual(n, w, what)
            case let (.ambiguous(c), .ambiguous): XCTAssertEqual(c, [.node("tr.m1_1"), .node("ss.m1_1")], what)
            case (.notFound, .notFound): break
            case let (got, _): XCTFail("core: \(what) → \(got)")
            }

            // The walk (plain mode's and the full screen's go-to).
            let w = WalkState(session: s, questionnaire: q, readOnly: false, user: "bob", now: Date())
            switch (GoTo.resolve(text, in: w), want) {
            case let (.node(n), .node(x)): XCTAssertEqual(n, x, what)
            case let (.question(n), .question(x)): XCTAssertEqual(n, x, what)
            case let (.ambiguous(c), .ambiguous): XCTAssertEqual(c, [.node("tr.m1_1"), .node("ss.m1_1")], what)
            case (.notFound, .notFound): break
            case let (got, _): XCTFail("walk: \(what) → \(got)")
            }

            // The full screen: g, the text, Enter.
            var app = AppState(size: Size(width: 100, height: 30), config: UIConfig(user: "bob"),
                               screen: .assessment(AssessmentState(session: s, questionnaire: q)), questionnaires: [q], hasHome: false)
            for c in "g" + text { _ = update(&app, .key(.char(c))) }
            _ = update(&app, .key(.enter))
            switch want {
            case .node, .question: XCTAssertEqual(app.assessment?.question, landing, "full screen: \(what)")
            case .ambiguous:
                guard case let .search(list)? = app.overlay else { XCTFail("full screen: \(what) offers no list: \(String(describing: app.overlay))"); break }
                XCTAssertEqual(list.results.map(\.nodeID), ["tr.m1_1", "ss.m1_1"], what)
            case .notFound:
                guard case let .goto(_, error)? = app.overlay else { XCTFail("full screen: \(what)"); break }
                XCTAssertEqual(error, "no measure or question numbered '\(text.trimmingCharacters(in: .whitespaces))'")
            }

            // Plain mode's g.
            _ = try sessions.update(id) { $0.position = nil }
            let plain = try cli(["--plain", "resume", id], stdin: "g \(text)\nq\n")
            XCTAssertEqual(plain.status, 0, plain.stderr)
            switch want {
            case .node, .question: XCTAssertEqual(try sessions.load(id).position?.question, landing, "plain g: \(what)\n\(plain.stdout)")
            case .ambiguous: XCTAssertTrue(plain.stdout.contains("is in several chapters: Transparency, Safety and Security."), plain.stdout)
            case .notFound: XCTAssertTrue(plain.stdout.contains("No measure"), plain.stdout)
            }

            // resume --at.
            _ = try sessions.update(id) { $0.position = nil }
            let resume = try cli(["--plain", "resume", id, "--at", text], stdin: "q\n")
            switch want {
            case let .node(n):
                XCTAssertEqual(resume.status, 0, "resume --at \(what): \(resume.stderr)")
                XCTAssertEqual(try sessions.load(id).position?.node, n, "resume --at \(what)")
                XCTAssertEqual(try sessions.load(id).position?.question, landing, "resume --at \(what)")
            case let .question(x):
                XCTAssertEqual(resume.status, 0, "resume --at \(what): \(resume.stderr)")
                XCTAssertEqual(try sessions.load(id).position?.question, x, "resume --at \(what)")
            case .ambiguous:
                XCTAssertEqual(resume.status, 2)
                XCTAssertTrue(resume.stderr.contains("'1.1' is ambiguous in 'mini': tr.m1_1 (Transparency), ss.m1_1 (Safety and Security)"), resume.stderr)
            case .notFound:
                XCTAssertEqual(resume.status, 2)
                XCTAssertTrue(resume.stderr.contains("no measure or question '\(text)' in mini"), resume.stderr)
            }

            // The same through ResumeFastPath (arguments after `resume`, read without the parser).
            let parsedPosition = try sessions.load(id).position
            _ = try sessions.update(id) { $0.position = nil }
            let fast = try cli(["resume", id, "--plain", "--at", text], stdin: "q\n")
            XCTAssertEqual(fast.status, resume.status, "fast path \(what): \(fast.stderr)")
            XCTAssertEqual(fast.stderr, resume.stderr, "fast path \(what)")
            if resume.status == 0 { XCTAssertEqual(try sessions.load(id).position, parsedPosition, "fast path \(what)") }

            // score --explain and review take nodes only.
            let explain = try cli(["score", id, "--explain", text])
            let review = try cli(["review", id, text, "--withdraw", "--as", "carol"])
            switch want {
            case let .node(n):
                XCTAssertEqual(explain.status, 0, "explain \(what): \(explain.stderr)")
                XCTAssertTrue(explain.stdout.split(separator: "\n").first?.hasSuffix("[\(n)]") == true, "explain \(what): \(explain.stdout)")
                XCTAssertEqual(review.status, 0, "review \(what): \(review.stderr)")
                XCTAssertTrue(review.stderr.contains("Review of \(q.node(n)!.displayName) withdrawn."), "review \(what): \(review.stderr)")
            case .question:
                for r in [explain, review] { XCTAssertTrue(r.status == 2 && r.stderr.contains("no measure '\(text)' in mini"), "\(what): \(r.stderr)") }
            case .ambiguous:
                for r in [explain, review] { XCTAssertTrue(r.status == 2 && r.stderr.contains("'1.1' is ambiguous in 'mini': tr.m1_1 (Transparency), ss.m1_1 (Safety and Security)"), r.stderr) }
            case .notFound:
                for r in [explain, review] { XCTAssertTrue(r.status == 2 && r.stderr.contains("no measure '\(text)' in mini"), "\(what): \(r.stderr)") }
            }
        }
    }

    /// The walk narrows an ambiguous number by what applies and by the current chapter; so does
    /// `resume --at`, from the stored position.
    func testResumeAtNarrowsLikeGoTo() throws {
        let id = try cli(["new", "-q", "mini", "-t", "Narrow", "--no-tui"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        for (qid, v) in [("scope.gpai", "yes"), ("scope.systemic", "yes")] { XCTAssertEqual(try cli(["answer", id, qid, v]).status, 0) }
        let sessions = SessionStore(root: store)
        _ = try sessions.update(id) { $0.position = Session.Position(question: "ss.1.1.q2", node: "ss.m1_1") }
        XCTAssertEqual(try cli(["--plain", "resume", id, "--at", "1.1"], stdin: "q\n").status, 0)
        XCTAssertEqual(try sessions.load(id).position?.node, "ss.m1_1")
        // Only Transparency applies: 1.1 is the Transparency one wherever you are.
        XCTAssertEqual(try cli(["answer", id, "scope.systemic", "no"]).status, 0)
        _ = try sessions.update(id) { $0.position = Session.Position(question: "ss.1.1.q2", node: "ss.m1_1") }
        XCTAssertEqual(try cli(["--plain", "resume", id, "--at", "1.1"], stdin: "q\n").status, 0)
        XCTAssertEqual(try sessions.load(id).position?.node, "tr.m1_1")
    }

    /// `resume --at` resolves and writes under one lock, reading the session once; text that names
    /// nothing leaves the file byte for byte as it was, and the error quotes the input safely.
    func testResumeAtThatNamesNothingLeavesTheFileAsItWas() throws {
        let id = try cli(["new", "-q", "mini", "-t", "Untouched", "--no-tui"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let path = "\(store)/sessions/\(id).json"
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        for text in ["9.9", "1.1", "\u{1B}[2J1.2"] {
            let r = try cli(["--plain", "resume", id, "--at", text], stdin: "q\n")
            XCTAssertEqual(r.status, 2, r.stderr)
            XCTAssertFalse(r.stderr.utf8.contains(0x1B), "the escape is shown, not sent: \(r.stderr)")
            XCTAssertEqual(r.stdout, "", "nothing opened")
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before, text)
        }
        // The parser's path and the fast path (no --at) open the same way.
        let fast = try cli(["--plain", "resume", id], stdin: "q\n")
        let parsed = try cli(["--plain", "resume", id, "--at", "scope.gpai"], stdin: "q\n")
        XCTAssertEqual(fast.status, 0, fast.stderr)
        XCTAssertEqual(parsed.status, 0, parsed.stderr)
        XCTAssertEqual(fast.stdout.split(separator: "\n").first, parsed.stdout.split(separator: "\n").first)
    }
}
