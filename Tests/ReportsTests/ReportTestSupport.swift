import AssessmentCore
import Foundation
@testable import Reports
import TestSupport
import XCTest

/// Text that tries to break out of every format: markup, table pipes, line breaks (LF, CRLF),
/// terminal escapes, bidi overrides, formula starts, quotes and commas.
let hostileNote = "Line one\n# not a heading\n| a | b |\n<script>alert('x')</script>\u{1b}[31mred\u{1b}[0m \u{202e}evil\u{202c} & \"done\", ok\r\n- not a list\n1. not ordered\n=cmd|' /C calc'!A0"

/// A fixed instant: 2026-02-15T12:00:00Z.
let generatedAt = Date(timeIntervalSince1970: 1_771_156_800)

func at(_ iso: String) -> Date {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime]
    return f.date(from: iso)!
}

enum ReportFixtures {
    static func mini() throws -> Questionnaire {
        var q = try Fixtures.mini()
        // The digest depends on the file's bytes; pin it so golden files do not change with whitespace edits.
        q.digest = "0000000000000000000000000000000000000000000000000000000000000000"
        return q
    }

    /// This quarter's assessment: every answer type, N/A, hostile notes, evidence, a kept orphan answer,
    /// actions (overdue, done, undated), events, a review and a discussion note.
    static func session(_ q: Questionnaire) -> Session {
        var s = Session(id: "acme-q1-2026", title: "Acme model Q1 2026", questionnaire: q, by: "alice", at: at("2026-01-05T09:00:00Z"),
                        organisation: "Acme AI <GmbH> & Co", model: "Acme-7B | v2")
        func put(_ id: String, _ v: AnswerValue?, na: Bool = false, justification: String? = nil, note: String? = nil,
                 evidence: [String] = [], by: String = "alice", _ when: String) {
            s.answers[id] = Answer(value: v, notApplicable: na, justification: justification, note: note, evidence: evidence, by: by, at: at(when))
        }
        put("scope.gpai", .text("yes"), "2026-01-05T09:10:00Z")
        put("scope.params", .number(7e9), "2026-01-05T09:11:00Z")
        put("scope.tokens", .number(2e12), "2026-01-05T09:12:00Z")
        put("scope.systemic", .text("yes"), note: "Designated by the Commission", "2026-01-05T09:13:00Z")
        put("tr.1.1.q1", .text("partly"), note: hostileNote, evidence: ["DOC-112", "=HYPERLINK(\"http://evil.example\")"], "2026-01-06T10:00:00Z")
        put("tr.1.1.q2", nil, na: true, justification: "First release | no earlier versions", by: "bob", "2026-01-06T10:05:00Z")
        put("tr.1.1.q3", .text("2025-12-01"), "2026-01-06T10:06:00Z")
        put("tr.1.2.q1", .text("1"), note: "-2+3 looks like a formula", "2026-01-07T08:00:00Z")
        put("tr.1.2.q2", .choices(["web"]), note: "@SUM(A1:A9)", "2026-01-07T08:01:00Z")
        put("tr.1.2.q3", .text("Legal team\r\nand <b>counsel</b>"), "2026-01-07T08:02:00Z")
        put("ss.1.1.q1", .text("no"), note: "\u{202e}gpj.exe\u{202c} bidi trick", evidence: ["+cmd"], by: "carol", "2026-01-08T11:00:00Z")
        put("old.q", .text("yes"), "2025-10-01T00:00:00Z")
        s.actions = [
            Action(id: "A1", title: "Complete every section of the form.", question: "tr.1.1.q1", measure: "tr.m1_1", owner: "dana",
                   due: "2026-01-31", status: .open, priority: 1, by: "alice", at: at("2026-01-10T00:00:00Z")),
            Action(id: "A2", title: "Adopt a Safety and Security Framework <img src=x onerror=alert(1)>", question: "ss.1.1.q1", measure: "ss.m1_1",
                   owner: "erin", due: "2026-03-15", status: .inProgress, priority: 1, note: "Board\nsign-off | pending", by: "alice", at: at("2026-01-10T00:00:00Z")),
            Action(id: "A3", title: "Define the request process", question: "tr.1.2.q1", due: "2026-01-20", status: .done, priority: 0.75,
                   by: "alice", at: at("2026-01-10T00:00:00Z")),
            Action(id: "A4", title: "=1+1 undated idea", status: .open, by: "alice", at: at("2026-01-10T00:00:00Z")),
        ]
        s.events = ["placing_on_market": "2026-03-01", "incident_death:INC-7": "2026-02-01", "incident_reported:INC-7": "2026-02-08"]
        s.reviews = ["tr.m1_1": Review(by: "bob", at: at("2026-01-09T12:00:00Z"), note: "Checked | ok\n# fine")]
        s.discussion = ["ss.m1_1": "Discuss at the board\n## not a heading <b>"]
        s.updated = at("2026-01-10T00:00:00Z")
        s.updatedBy = "alice"
        return s
    }

    /// Last quarter's assessment of the same model, for comparisons.
    static func baseline(_ q: Questionnaire) -> Session {
        var s = Session(id: "acme-q4-2025", title: "Acme model Q4 2025", questionnaire: q, by: "alice", at: at("2025-10-01T09:00:00Z"),
                        organisation: "Acme AI <GmbH> & Co", model: "Acme-7B | v1")
        func put(_ id: String, _ v: AnswerValue?, note: String? = nil, evidence: [String] = [], _ when: String) {
            s.answers[id] = Answer(value: v, note: note, evidence: evidence, by: "alice", at: at(when))
        }
        put("scope.gpai", .text("yes"), "2025-10-01T09:10:00Z")
        put("scope.params", .number(7e9), "2025-10-01T09:11:00Z")
        put("scope.tokens", .number(2e12), "2025-10-01T09:12:00Z")
        put("scope.systemic", .text("yes"), "2025-10-01T09:13:00Z")
        put("tr.1.1.q1", .text("no"), note: "Nothing yet", "2025-10-02T10:00:00Z")
        put("tr.1.1.q3", .text("2025-06-01"), "2025-10-02T10:06:00Z")
        put("tr.1.2.q1", .text("0"), "2025-10-02T10:07:00Z")
        put("tr.1.2.q2", .choices(["web"]), note: "@SUM(A1:A9)", "2025-10-02T10:08:00Z")
        put("ss.1.1.q1", .text("no"), "2025-10-02T10:09:00Z")
        put("ss.1.1.q2", .number(24), "2025-10-02T10:10:00Z")
        put("old.q", .text("yes"), "2025-10-01T00:00:00Z")
        s.updated = at("2025-10-02T10:10:00Z")
        return s
    }

    /// A small questionnaire with Model Documentation Form items for the three audiences.
    static let mdfQuestionnaireJSON = #"""
    {"formatVersion": 1, "id": "mdf-mini", "title": "MDF test", "version": "2.1.0",
     "nodes": [
      {"id": "scope", "kind": "scope", "title": "Scope", "questions": [
        {"id": "scope.gpai", "type": "choice", "text": "GPAI?", "options": [{"value": "yes", "label": "Yes"}, {"value": "no", "label": "No"}]},
        {"id": "scope.parameters", "type": "number", "text": "Parameters", "required": false}
      ]},
      {"id": "tr", "kind": "chapter", "title": "Transparency", "condition": "scope.gpai == 'yes'", "conditionReason": "Only for general-purpose AI models",
       "children": [{"id": "tr.c1", "kind": "commitment", "number": "1", "title": "Documentation", "children": [
        {"id": "tr.c1.m1_1", "kind": "measure", "number": "1.1", "title": "Model documentation", "children": [
          {"id": "tr.mdf.general", "kind": "group", "title": "General information", "questions": [
            {"id": "tr.mdf.general.identity", "type": "graded", "text": "MDF item: Provider legal name and model name. Is it in the current model documentation?",
             "references": ["MDF audience: AI Office, national authorities, downstream providers", "Code, Transparency chapter, Model Documentation Form"],
             "options": [{"value": "yes", "label": "Documented and current", "score": 1}, {"value": "partly", "label": "Partly documented or out of date", "score": 0.5}, {"value": "no", "label": "Not documented", "score": 0}]},
            {"id": "tr.mdf.general.authenticity", "type": "graded", "text": "MDF item: Model authenticity. Is it in the current model documentation?",
             "references": ["MDF audience: AI Office, national authorities"],
             "options": [{"value": "yes", "label": "Documented and current", "score": 1}, {"value": "partly", "label": "Partly documented or out of date", "score": 0.5}, {"value": "no", "label": "Not documented", "score": 0}]}
          ]},
          {"id": "tr.mdf.properties", "kind": "group", "title": "Model properties", "questions": [
            {"id": "tr.mdf.properties.size", "type": "graded", "text": "MDF item: Model size. Is it in the current model documentation?",
             "references": ["MDF audience: AI Office, national authorities, downstream providers"],
             "options": [{"value": "yes", "label": "Documented and current", "score": 1}, {"value": "partly", "label": "Partly documented or out of date", "score": 0.5}, {"value": "no", "label": "Not documented", "score": 0}]}
          ]},
          {"id": "tr.mdf.use", "kind": "group", "title": "Use", "questions": [
            {"id": "tr.mdf.use.integration_means", "type": "graded", "text": "MDF item: Technical means for integration. Is it in the current model documentation?",
             "references": ["MDF audience: downstream providers"],
             "options": [{"value": "yes", "label": "Documented and current", "score": 1}, {"value": "partly", "label": "Partly documented or out of date", "score": 0.5}, {"value": "no", "label": "Not documented", "score": 0}]}
          ]},
          {"id": "tr.mdf.training", "kind": "group", "title": "Training process", "questions": [
            {"id": "tr.mdf.training.process", "type": "graded", "text": "MDF item: Training process. Is it in the current model documentation?",
             "references": ["MDF audience: AI Office, national authorities"],
             "options": [{"value": "yes", "label": "Documented and current", "score": 1}, {"value": "partly", "label": "Partly documented or out of date", "score": 0.5}, {"value": "no", "label": "Not documented", "score": 0}]}
          ]}
        ]}
       ]}]}
     ]}
    """#

    static func mdfQuestionnaire() throws -> Questionnaire {
        var q = try Fixtures.questionnaire(mdfQuestionnaireJSON)
        q.digest = "1111111111111111111111111111111111111111111111111111111111111111"
        return q
    }

    static func mdfSession(_ q: Questionnaire) -> Session {
        var s = Session(id: "acme-mdf", title: "Acme MDF", questionnaire: q, by: "alice", at: at("2026-01-05T09:00:00Z"),
                        organisation: "Acme AI", model: "Acme-7B v2")
        s.answers["scope.gpai"] = Answer(value: .text("yes"), by: "alice", at: at("2026-01-05T09:00:00Z"))
        s.answers["scope.parameters"] = Answer(value: .number(7e9), by: "alice", at: at("2026-01-05T09:01:00Z"))
        s.answers["tr.mdf.general.identity"] = Answer(value: .text("yes"), note: "Acme AI GmbH; Acme-7B v2\n<script>x</script> | pipe", evidence: ["MDF-v3.pdf §1"], by: "alice", at: at("2026-01-06T10:00:00Z"))
        s.answers["tr.mdf.general.authenticity"] = Answer(value: .text("partly"), note: "SECRET-OFFICE-ONLY weights hash", evidence: ["HASH-DOC"], by: "bob", at: at("2026-01-07T10:00:00Z"))
        s.answers["tr.mdf.properties.size"] = Answer(value: .text("no"), note: "\u{1b}]0;pwned\u{7}", by: "bob", at: at("2026-01-08T10:00:00Z"))
        s.answers["tr.mdf.training.process"] = Answer(value: .text("yes"), note: "SECRET-TRAINING details", by: "bob", at: at("2026-01-09T10:00:00Z"))
        // tr.mdf.use.integration_means is left unanswered.
        return s
    }
}

// MARK: Golden files

enum Golden {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// Compares with `Golden/<name>`. RECORD_GOLDEN=1 rewrites the file and fails the test,
    /// so that a re-record is never silently green.
    static func check(_ actual: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
        let url = folder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            do { try Data(actual.utf8).write(to: url) } catch { XCTFail("cannot write \(url.path): \(error)", file: file, line: line); return }
            XCTFail("re-recorded golden file \(name); review the diff, then run again without RECORD_GOLDEN", file: file, line: line)
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            XCTFail("missing golden file \(url.path); record it with RECORD_GOLDEN=1 swift test --filter ReportsTests", file: file, line: line)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        if expected != actual {
            let a = expected.components(separatedBy: "\n"), b = actual.components(separatedBy: "\n")
            var first = 0
            while first < min(a.count, b.count) && a[first] == b[first] { first += 1 }
            let exp = first < a.count ? a[first] : "<end of file>"
            let got = first < b.count ? b[first] : "<end of file>"
            XCTFail("\(name) differs from the golden file at line \(first + 1):\n  expected: \(exp)\n  actual:   \(got)\nRe-record with RECORD_GOLDEN=1 if the change is intended.", file: file, line: line)
        }
    }
}

// MARK: Python checkers

struct PythonResult { var status: Int32; var stdout: String; var stderr: String }

enum Python {
    /// Runs a python3 script with `input` on standard input.
    static func run(_ script: String, input: String) throws -> PythonResult {
        var env = ProcessInfo.processInfo.environment
        env["PYTHONIOENCODING"] = "utf-8"
        let r = try runProcess("/usr/bin/env", ["python3", "-c", script], environment: env, stdin: input)
        return PythonResult(status: r.status, stdout: r.stdout, stderr: r.stderr)
    }

    /// Skips the test, naming what to install, when python3 or a module is missing (fails under `.ci/run`).
    static func require(_ module: String, install: String, file: StaticString = #filePath, line: UInt = #line) throws {
        try Prerequisite.requirePython(module, install: install, file: file, line: line)
    }

    /// Parses HTML with html5lib in strict mode (any parse error fails) and reports what the tree holds.
    static let html5Check = #"""
    import sys, json, html5lib
    data = sys.stdin.buffer.read()
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        tree = parser.parse(data)
    except Exception as e:
        print(json.dumps({"error": "%s: %s" % (type(e).__name__, e), "errors": [str(x) for x in parser.errors]}))
        sys.exit(0)
    tags, ids, links, external, handlers = [], [], [], [], []
    for el in tree.iter():
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.split("}")[-1]
        tags.append(tag)
        for k, v in el.attrib.items():
            k = k.split("}")[-1] if isinstance(k, str) else k
            if k == "id": ids.append(v)
            if k.lower().startswith("on"): handlers.append(k)
            if k in ("href", "src", "action", "formaction", "xlink:href", "data"):
                if v.startswith("#"): links.append(v[1:])
                else: external.append(v)
    text = "".join(tree.itertext())
    print(json.dumps({"error": None, "tags": sorted(set(tags)), "ids": ids, "links": links, "external": external,
                      "handlers": handlers, "text": text, "doctype": data.lstrip()[:15].decode("ascii", "replace")}))
    """#

    /// Reads CSV with Python's csv module and prints the rows as JSON.
    static let csvCheck = #"""
    import sys, csv, io, json
    data = sys.stdin.buffer.read().decode("utf-8")
    rows = list(csv.reader(io.StringIO(data, newline=""), strict=True))
    print(json.dumps(rows))
    """#
}

/// JSON text → Foundation objects, for reading the checkers' answers.
func jsonObject(_ s: String, file: StaticString = #filePath, line: UInt = #line) -> Any? {
    do { return try JSONSerialization.jsonObject(with: Data(s.utf8), options: [.fragmentsAllowed]) }
    catch { XCTFail("not JSON: \(error)\n\(s.prefix(500))", file: file, line: line); return nil }
}

/// The mini questionnaire and its fixed session, rendered in any report format.
class ReportTestCase: XCTestCase {
    var q: Questionnaire!
    var s: Session!

    override func setUpWithError() throws {
        q = try ReportFixtures.mini()
        s = ReportFixtures.session(q)
    }

    func render(_ f: ReportFormat, baseline: Bool = false) -> String {
        ReportRenderer.render(f, session: s, questionnaire: q, generated: generatedAt,
                              baseline: baseline ? (ReportFixtures.baseline(q), q) : nil)
    }
}
