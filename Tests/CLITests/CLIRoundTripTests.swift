import AssessmentCore
import Foundation
import TestSupport
import XCTest

/// Drives the real `gpai-assess` binary the way scripts do.
final class CLIRoundTripTests: XCTestCase {
    var store = ""

    override func setUp() { store = Fixtures.temporaryDirectory("cli") }
    override func tearDown() { try? FileManager.default.removeItem(atPath: store) }

    @discardableResult
    func run(_ args: String..., stdin: String? = nil, expect status: Int32 = 0, file: StaticString = #filePath, line: UInt = #line) throws -> RunResult {
        let r = try runCLI(args, store: store, stdin: stdin)
        XCTAssertEqual(r.status, status, "gpai-assess \(args.joined(separator: " "))\nstdout: \(r.stdout)\nstderr: \(r.stderr)", file: file, line: line)
        return r
    }

    func newSession() throws -> String {
        let id = try run("new", "--questionnaire", "mini", "--title", "Acme Q3", "--no-tui").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertTrue(id.hasPrefix("acme-q3-"), id)
        return id
    }

    func json(_ r: RunResult) throws -> JSONNode { try JSONParser.parse(r.stdout) }

    func testRoundTripNewAnswerScoreReport() throws {
        let id = try newSession()
        try run("answer", id, "scope.gpai", "yes")
        try run("answer", id, "tr.1.1.q1", "partly", "--note", "Sections 5–8 missing", "--evidence", "DOC-112", "--evidence", "https://intranet/doc")
        try run("answer", id, "tr.1.1.q2", "na", "--justification", "First release")
        try run("answer", id, "tr.1.2.q2", "web,email")
        let score = try json(try run("score", id, "--json"))
        XCTAssertEqual(score["overall"]?["score"]?.number, 0.6667, "(0.5 × 2 + 1 × 1) / 3; the N/A answer is left out")
        XCTAssertEqual(score["overall"]?["status"]?.string, "scope_pending", "scope.systemic is not answered yet")
        let nodes = try XCTUnwrap(score["nodes"]?.array)
        let m = try XCTUnwrap(nodes.first { $0["id"]?.string == "tr.m1_1" })
        XCTAssertEqual(m["kind"]?.string, "measure")
        XCTAssertEqual(m["number"]?.string, "1.1")
        XCTAssertEqual(m["status"]?.string, "in_progress")
        XCTAssertEqual(m["score"]?.number, 0.5)
        XCTAssertEqual(nodes.first { $0["id"]?.string == "ss" }?["status"]?.string, "scope_pending")

        let report = try json(try run("report", id, "--format", "json"))
        XCTAssertEqual(report["questionnaire"]?["id"]?.string, "mini")
        XCTAssertEqual(report["questionnaire"]?["version"]?.string, "1.0.0")
        XCTAssertEqual(report["provisional"]?.bool, true)
        let tr = try XCTUnwrap(report["tree"]?.array?.first { $0["id"]?.string == "tr" })
        let q1 = try XCTUnwrap(tr["children"]?.array?[0]["children"]?.array?[0]["questions"]?.array?[0])
        XCTAssertEqual(q1["answer"]?["value"]?.string, "partly")
        XCTAssertEqual(q1["answer"]?["note"]?.string, "Sections 5–8 missing")
        XCTAssertEqual(q1["answer"]?["evidence"]?.array?.compactMap(\.string), ["DOC-112", "https://intranet/doc"])
        XCTAssertEqual(q1["answer"]?["by"]?.string, CurrentUserName())

        let list = try json(try run("list", "--json"))
        XCTAssertEqual(list.array?.count, 1)
        XCTAssertEqual(list.array?[0]["id"]?.string, id)
        XCTAssertEqual(list.array?[0]["progress"]?.number, 0.4)
        XCTAssertEqual(list.array?[0]["score"]?.number, 0.6667)
        XCTAssertEqual(list.array?[0]["questionnaire"]?.string, "mini")
    }

    func testWrongInputQuotesItExitsTwoAndWritesNothing() throws {
        let id = try newSession()
        try run("answer", id, "scope.gpai", "yes")
        let path = "\(store)/sessions/\(id).json"
        let before = fileBytes(path)
        let r = try run("answer", id, "tr.1.1.q1", "maybe", expect: 2)
        XCTAssertEqual(r.stderr, "gpai-assess: error: unknown value 'maybe' for question 'tr.1.1.q1'; allowed: yes, partly, no\n")
        XCTAssertEqual(r.stdout, "")
        try run("answer", id, "nope.q", "yes", expect: 2)
        try run("answer", id, "tr.1.1.q2", "na", expect: 2)
        try run("answer", "no-such-session", "tr.1.1.q1", "yes", expect: 2)
        try run("new", "--questionnaire", "nope", "--title", "x", "--no-tui", expect: 2)
        try run("score", id, "--fail-under", "80", expect: 2)
        try run("frobnicate", expect: 2)
        XCTAssertEqual(fileBytes(path), before, "nothing written")
    }

    func testAnswersFromAFileAreAllOrNothing() throws {
        let id = try newSession()
        let path = "\(store)/sessions/\(id).json"
        let good = "\(store)/good.json", bad = "\(store)/bad.json"
        try #"{"scope.gpai": "yes", "tr.1.1.q1": {"value": "yes", "note": "ok", "evidence": ["A-1"]}, "tr.1.1.q2": {"value": "na", "justification": "n/a here"}, "scope.params": 7e10}"#
            .write(toFile: good, atomically: true, encoding: .utf8)
        try #"{"scope.gpai": "yes", "tr.1.1.q1": "maybe"}"#.write(toFile: bad, atomically: true, encoding: .utf8)
        let before = fileBytes(path)
        let r = try run("answer", id, "--file", bad, expect: 2)
        XCTAssertTrue(r.stderr.contains("unknown value 'maybe'"))
        XCTAssertEqual(fileBytes(path), before)
        try run("answer", id, "--file", good)
        let s = try json(try run("export", id, "-o", "-"))
        XCTAssertEqual(s["answers"]?["tr.1.1.q1"]?["note"]?.string, "ok")
        XCTAssertEqual(s["answers"]?["tr.1.1.q2"]?["notApplicable"]?.bool, true)
        XCTAssertEqual(s["answers"]?["scope.params"]?["value"]?.number, 7e10)
        XCTAssertEqual(s["history"]?.array?.count, 4)
    }

    func testFailUnderExitsThree() throws {
        let id = try newSession()
        try run("answer", id, "scope.gpai", "yes")
        try run("answer", id, "tr.1.1.q1", "partly")
        // Provisional (coverage below 100 %, scope open): the gate fails whatever the score, and says why.
        var r = try run("score", id, "--fail-under", "0.4", expect: 3)
        XCTAssertTrue(r.stderr.contains("coverage is 29% (2 of 7 required questions answered); the scope is not complete"), r.stderr)
        XCTAssertFalse(r.stderr.contains("overall score"), r.stderr)
        try run("score", id, "--fail-under", "0.4", "--allow-provisional")
        r = try run("score", id, "--fail-under", "0.6", "--allow-provisional", expect: 3)
        XCTAssertTrue(r.stderr.contains("overall score 50% is below --fail-under 0.6"), r.stderr)
        XCTAssertFalse(r.stderr.contains("coverage"), r.stderr)
        // Complete: only the score decides. (2 × 0.5 + 1 + 1 + 1) / 5 = 80 %.
        for (q, v) in [("scope.systemic", "no"), ("tr.1.1.q2", "yes"), ("tr.1.1.q3", "2025-06-30"), ("tr.1.2.q1", "4"), ("tr.1.2.q2", "web,email")] {
            try run("answer", id, q, v)
        }
        try run("score", id, "--fail-under", "0.8")
        r = try run("score", id, "--fail-under", "0.9", expect: 3)
        XCTAssertTrue(r.stderr.contains("overall score 80% is below --fail-under 0.9"), r.stderr)
        XCTAssertFalse(r.stderr.contains("coverage"), r.stderr)
    }

    func testExplainNamesTheAnswerThatKeepsAMeasureFromMet() throws {
        let id = try newSession()
        try run("answer", id, "scope.gpai", "yes")
        try run("answer", id, "tr.1.2.q1", "4")
        try run("answer", id, "tr.1.2.q2", "none")
        try run("answer", id, "tr.1.2.q3", "The desk")
        let out = try run("score", id, "--explain", "tr.m1_2").stdout
        XCTAssertTrue(out.contains("kept from met by: tr.1.2.q2 (at its lowest option)"), out)
        let js = try json(try run("score", id, "--json"))
        let node = js["nodes"]?.array?.first { $0["id"]?.string == "tr.m1_2" }
        XCTAssertEqual(node?["blockedBy"]?.array?.compactMap(\.string), ["tr.1.2.q2"])
        XCTAssertEqual(js["overall"]?["status"]?.string, "scope_pending")
        XCTAssertEqual(js["overall"]?["waitingFor"]?.array?.compactMap(\.string), ["scope.systemic"])
        let ss = js["nodes"]?.array?.first { $0["id"]?.string == "ss" }
        XCTAssertEqual(ss?["status"]?.string, "scope_pending")
        let tree = try run("score", id).stdout
        XCTAssertTrue(tree.contains("waiting for scope Only for models with systemic risk (answer scope.systemic)"), tree)
        XCTAssertTrue(tree.contains("Overall: waiting for scope"), tree)
    }

    func testExplain() throws {
        let id = try newSession()
        try run("answer", id, "scope.gpai", "yes")
        try run("answer", id, "tr.1.1.q1", "no")
        let out = try run("score", id, "--explain", "tr.m1_1").stdout
        XCTAssertTrue(out.contains("tr.1.1.q1 [critical]  answer: no (No)  score 0 × weight 2"), out)
        XCTAssertTrue(out.contains("caps the measure at not met"), out)
        XCTAssertTrue(out.contains("tr.1.1.q3  answer: —  → excluded: unanswered (not scored as 0)"), out)
        try run("score", id, "--explain", "9.9", expect: 2)
    }

    func testValidateReportsLocationsAndExitsOne() throws {
        let bad = "\(store)/bad.json"
        try """
        {"formatVersion": 1, "id": "b", "title": "B", "version": "1",
         "nodes": [{"id": "m", "kind": "measure", "title": "M", "questions": [
           {"id": "a", "type": "graded", "text": "A", "options": [{"value": "yes", "label": "Y", "score": 1}, {"value": "no", "label": "N", "score": 0}]},
           {"id": "a", "type": "text", "text": "dup", "condition": "x == 1"}
         ]}]}
        """.write(toFile: bad, atomically: true, encoding: .utf8)
        let r = try run("validate", bad, Fixtures.path("mini.json"), expect: 1)
        XCTAssertTrue(r.stdout.contains("\(bad):4:11: error: duplicate id 'a'"), r.stdout)
        XCTAssertTrue(r.stdout.contains("refers to unknown question or value 'x'"), r.stdout)
        XCTAssertTrue(r.stdout.contains("mini.json: ok: 'mini' version 1.0.0, 3 measures, 12 questions"), r.stdout)
        try run("validate", Fixtures.path("mini.json"))
    }

    func testQuestionnairesAndOutline() throws {
        let qs = try json(try run("questionnaires", "--json"))
        let mini = try XCTUnwrap(qs.array?.first { $0["id"]?.string == "mini" })
        XCTAssertEqual(mini["measures"]?.number, 3)
        XCTAssertEqual(mini["questions"]?.number, 12)
        let outline = try json(try run("outline", "mini", "--json"))
        let tr = try XCTUnwrap(outline["nodes"]?.array?[1])
        XCTAssertEqual(tr["kind"]?.string, "chapter")
        XCTAssertEqual(tr["condition"]?.string, "scope.gpai == 'yes'")
        let q = try XCTUnwrap(tr["children"]?.array?[0]["children"]?.array?[0]["questions"]?.array?[1])
        XCTAssertEqual(q["id"]?.string, "tr.1.1.q2")
        XCTAssertEqual(q["type"]?.string, "graded")
        XCTAssertEqual(q["allowNA"]?.bool, true)
        XCTAssertEqual(q["options"]?.array?.map { $0["value"]?.string ?? "" }, ["yes", "partly", "no"])
        XCTAssertEqual(q["options"]?.array?.map { $0["score"]?.number ?? -1 }, [1, 0.5, 0])
    }

    func testOutputToABareFileNameIsWrittenInTheCurrentFolder() throws {
        let id = try newSession()
        let r = try runCLI(["report", id, "--format", "md", "-o", "report.md"], store: store, in: store)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(String(decoding: fileBytes("\(store)/report.md"), as: UTF8.self).hasPrefix("# "))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: store).filter { $0.hasSuffix(".tmp") }
        XCTAssertEqual(leftovers, [])
    }

    func testRenameDeleteExportImport() throws {
        let id = try newSession()
        try run("rename", id, "Acme Q4")
        XCTAssertEqual(try json(try run("list", "--json")).array?[0]["title"]?.string, "Acme Q4")
        let out = "\(store)/export.json"
        try run("export", id, "-o", out)
        try run("export", id, "-o", out, expect: 2)
        try run("delete", id, expect: 2)
        try run("delete", id, "--yes")
        XCTAssertEqual(try json(try run("list", "--json")).array?.count, 0)
        XCTAssertEqual(try run("import", out).stdout, "\(id)\n")
        try run("import", out, expect: 2)
        try run("import", out, "--force")
        try "{}".write(toFile: "\(store)/junk.json", atomically: true, encoding: .utf8)
        try run("import", "\(store)/junk.json", expect: 2)
    }

    func testUnreadableSessionIsListedNotFatal() throws {
        let id = try newSession()
        try "{ truncated".write(toFile: "\(store)/sessions/broken.json", atomically: true, encoding: .utf8)
        let list = try json(try run("list", "--json"))
        XCTAssertEqual(list.array?.count, 2)
        let broken = try XCTUnwrap(list.array?.first { $0["id"]?.string == "broken" })
        XCTAssertEqual(broken["status"]?.string, "unreadable")
        XCTAssertTrue(broken["error"]?.string?.hasPrefix("not valid JSON") ?? false)
        XCTAssertTrue(try run("list").stdout.contains("UNREADABLE: not valid JSON"))
        try run("score", "broken", expect: 1)
        try run("score", id)
        XCTAssertEqual(fileBytes("\(store)/sessions/broken.json"), Array("{ truncated".utf8))
    }

    /// A copy of the fixture questionnaire in a folder of its own (to be edited as a next version),
    /// and a new session on it.
    func sessionOnACopyOfMini(title: String) throws -> (qdir: String, original: String, env: [String: String], id: String) {
        let qdir = Fixtures.temporaryDirectory("qs")
        let original = String(decoding: fileBytes(Fixtures.path("mini.json")), as: UTF8.self)
        try original.write(toFile: qdir + "/mini.json", atomically: true, encoding: .utf8)
        let env = ["GPAI_ASSESS_QUESTIONNAIRES": qdir]
        let id = try runCLI(["new", "-q", "mini", "-t", title, "--no-tui"], store: store, env: env).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return (qdir, original, env, id)
    }

    func testSplitQuestionIsMigratedOnTheNextSave() throws {
        let (qdir, original, env, id) = try sessionOnACopyOfMini(title: "Split")
        XCTAssertEqual(try runCLI(["answer", id, "tr.1.1.q1", "partly"], store: store, env: env).status, 0)
        // Version 1.1.0 says tr.1.1.q1 was split into itself and tr.1.1.q2.
        let migration = #""migrations": [{"from": "<1.1.0", "reason": "this question was split", "answers": [{"question": "tr.1.1.q1", "to": ["tr.1.1.q1", "tr.1.1.q2"], "how": "copy", "values": ["yes"]}]}],"#
        let changed = original.replacingOccurrences(of: "\"version\": \"1.0.0\"", with: "\"version\": \"1.1.0\"")
            .replacingOccurrences(of: "\"nodes\":", with: migration + "\n  \"nodes\":")
        XCTAssertNotEqual(changed, original)
        try changed.write(toFile: qdir + "/mini.json", atomically: true, encoding: .utf8)
        let before = try runCLI(["score", id], store: store, env: env)
        XCTAssertTrue(before.stderr.contains("asks again: tr.1.1.q1, tr.1.1.q2"), before.stderr)
        XCTAssertEqual(try runCLI(["answer", id, "tr.1.1.q3", "2026-01-01"], store: store, env: env).status, 0)
        let exported = try JSONParser.parse(try runCLI(["export", id, "-o", "-"], store: store, env: env).stdout)
        XCTAssertNil(exported["answers"]?["tr.1.1.q1"]?["value"], "'partly' to a split question is asked again")
        XCTAssertTrue(exported["answers"]?["tr.1.1.q2"]?["note"]?.string?.contains("Asked again") ?? false)
        XCTAssertEqual(exported["questionnaire"]?["version"]?.string, "1.1.0")
        let kept = exported["history"]?.array?.contains { $0["question"]?.string == "tr.1.1.q1" && $0["old"]?["value"]?.string == "partly" }
        XCTAssertEqual(kept, true, "the old answer stays in the history")
    }

    func testQuestionnaireChangeIsReportedAndAnswersKept() throws {
        let (qdir, original, env, id) = try sessionOnACopyOfMini(title: "Drift")
        XCTAssertEqual(try runCLI(["answer", id, "tr.1.2.q3", "Legal team"], store: store, env: env).status, 0)
        // The next version drops question tr.1.2.q3.
        let changed = original.replacingOccurrences(of: "\"version\": \"1.0.0\"", with: "\"version\": \"1.1.0\"")
            .replacingOccurrences(of: #",\#n              {"id": "tr.1.2.q3", "type": "text", "text": "Who answers requests?", "required": false}"#, with: "")
        XCTAssertNotEqual(changed, original)
        try changed.write(toFile: qdir + "/mini.json", atomically: true, encoding: .utf8)
        let r = try runCLI(["score", id], store: store, env: env)
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("changed since session '\(id)' was saved (version 1.0.0 → 1.1.0)"), r.stderr)
        XCTAssertTrue(r.stderr.contains("1 answer(s) to questions that no longer exist are kept: tr.1.2.q3"), r.stderr)
        let exported = try JSONParser.parse(try runCLI(["export", id, "-o", "-"], store: store, env: env).stdout)
        XCTAssertEqual(exported["answers"]?["tr.1.2.q3"]?["value"]?.string, "Legal team")
    }

    func testHelpListsEveryCommand() throws {
        let help = try run("--help").stdout
        for c in ["questionnaires", "outline", "validate", "new", "resume", "list", "answer", "score", "report", "rename", "delete", "export", "import"] {
            XCTAssertTrue(help.contains("  \(c)"), c)
        }
        XCTAssertTrue(help.contains("Examples:"))
    }
}

func CurrentUserName() -> String {
    if let pw = getpwuid(geteuid()), let n = pw.pointee.pw_name { return String(cString: n) }
    return ProcessInfo.processInfo.environment["USER"] ?? "unknown"
}
