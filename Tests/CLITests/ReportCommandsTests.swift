import AssessmentCore
import Foundation
import TestSupport
import XCTest

/// End-to-end checks of `report`, `action`, `mdf` and `diff` through the real binary.
final class ReportCommandsTests: XCTestCase {
    var store = ""

    override func setUp() { store = Fixtures.temporaryDirectory("cli-reports") }
    override func tearDown() { try? FileManager.default.removeItem(atPath: store) }

    @discardableResult
    func run(_ args: String..., expect status: Int32 = 0, file: StaticString = #filePath, line: UInt = #line) throws -> RunResult {
        let r = try runCLI(args, store: store)
        XCTAssertEqual(r.status, status, "gpai-assess \(args.joined(separator: " "))\nstdout: \(r.stdout)\nstderr: \(r.stderr)", file: file, line: line)
        return r
    }

    func out(_ r: RunResult) -> String { r.stdout.trimmingCharacters(in: .whitespacesAndNewlines) }
    func json(_ r: RunResult) throws -> JSONNode { try JSONParser.parse(r.stdout) }

    /// A mini session with two gaps (one critical) and a hostile note.
    func session(_ title: String = "Acme Q1") throws -> String {
        let id = out(try run("new", "--questionnaire", "mini", "--title", title, "--no-tui"))
        try run("answer", id, "scope.gpai", "yes")
        try run("answer", id, "scope.systemic", "yes")
        try run("answer", id, "tr.1.1.q1", "partly", "--note", "<script>alert(1)</script>\n| x |\u{1b}[31m", "--evidence", "=cmd()")
        try run("answer", id, "tr.1.2.q1", "1")
        return id
    }

    // MARK: action

    func testActionPlanLifecycle() throws {
        let id = try session()
        let suggest = try json(try run("action", "suggest", id, "--json", "--today", "2026-02-15"))
        XCTAssertEqual(suggest["suggestions"]?.array?.compactMap { $0["question"]?.string }, ["tr.1.1.q1", "tr.1.2.q1"])

        XCTAssertEqual(out(try run("action", "add", id, "--from-gaps", "--owner", "dana", "--due-in", "30", "--today", "2026-02-15")), "A1\nA2")
        // Nothing is suggested twice.
        try run("action", "add", id, "--from-gaps", "--today", "2026-02-15")
        XCTAssertEqual(out(try run("action", "add", id, "Write the retention rule", "--question", "tr.1.1.q2", "--due", "2026-02-01", "--priority", "2")), "A3")

        var list = try json(try run("action", "list", id, "--json", "--today", "2026-02-15"))
        XCTAssertEqual(list["actions"]?.array?.compactMap { $0["id"]?.string }, ["A3", "A1", "A2"], "by due date, then priority")
        XCTAssertEqual(list["actions"]?.array?.compactMap { $0["overdue"]?.bool }, [true, false, false])
        XCTAssertEqual(list["actions"]?.array?[1]["due"]?.string, "2026-03-17")
        XCTAssertEqual(list["actions"]?.array?[1]["owner"]?.string, "dana")
        XCTAssertEqual(list["actions"]?.array?[0]["measure"]?.string, "tr.m1_1")

        try run("action", "set", id, "a1", "--status", "in-progress", "--owner", "erin", "--due", "none")
        try run("action", "done", id, "A3", "A2", "--note", "Board minutes 2026-02")
        list = try json(try run("action", "list", id, "--json", "--status", "all", "--today", "2026-02-15"))
        let byID = Dictionary(uniqueKeysWithValues: (list["actions"]?.array ?? []).map { ($0["id"]?.string ?? "", $0) })
        XCTAssertEqual(byID["A1"]?["status"]?.string, "in_progress")
        XCTAssertEqual(byID["A1"]?["owner"]?.string, "erin")
        XCTAssertNil(byID["A1"]?["due"]?.string)
        XCTAssertEqual(byID["A3"]?["status"]?.string, "done")
        XCTAssertEqual(byID["A3"]?["note"]?.string, "Board minutes 2026-02")

        let active = try json(try run("action", "list", id, "--json"))
        XCTAssertEqual(active["actions"]?.array?.compactMap { $0["id"]?.string }, ["A1"])
        let text = out(try run("action", "list", id, "--status", "all", "--today", "2026-02-15"))
        XCTAssertTrue(text.contains("A1") && text.contains("in progress"), text)
        XCTAssertTrue(text.contains("[T1.1 tr.1.1.q2]"), "measures named with their chapter: \(text)")

        // The report lists the plan.
        let md = try run("report", id, "--format", "md").stdout
        XCTAssertTrue(md.contains("## Action plan"))
        XCTAssertTrue(md.contains("Write the retention rule"))
    }

    func testDueDatesFromEvents() throws {
        let id = try session()
        // No event yet: the error names the event to record; nothing is written.
        let r = try run("action", "add", id, "Confirm the Framework", "--due-from", "framework_before_market", expect: 2)
        XCTAssertTrue(r.stderr.contains("placing_on_market"), r.stderr)
        try run("action", "event", id, "placing_on_market", "2026-06-01")
        XCTAssertEqual(out(try run("action", "add", id, "Confirm the Framework", "--due-from", "framework_before_market")), "A1")
        let list = try json(try run("action", "list", id, "--json"))
        XCTAssertEqual(list["actions"]?.array?.first?["due"]?.string, "2026-05-18", "2 weeks before placing on the market")

        try run("action", "event", id, "incident_death:INC-7", "2026-02-01")
        let dl = try json(try run("action", "deadlines", id, "--json", "--today", "2026-02-05"))
        let rules = dl["deadlines"]?.array?.compactMap { $0["rule"]?.string } ?? []
        XCTAssertTrue(rules.contains("incident_report_death"))
        XCTAssertEqual(dl["deadlines"]?.array?.first { $0["rule"]?.string == "incident_report_death" }?["due"]?.string, "2026-02-11")
        XCTAssertEqual(dl["events"]?["placing_on_market"]?.string, "2026-06-01")
        try run("action", "add", id, "Report INC-7", "--due-from", "incident_report_death:INC-7")
        try run("action", "event", id, "incident_death:INC-7", "--clear")
        try run("action", "event", id, "incident_death:INC-7", "--clear", expect: 2)
        XCTAssertTrue(try run("action", "deadlines", "--rules").stdout.contains("incident_report_serious_harm"))
    }

    func testActionInputErrorsWriteNothing() throws {
        let id = try session()
        let before = fileBytes(store + "/sessions/\(id).json")
        try run("action", "add", id, "x", "--due", "2026-02-30", expect: 2)
        try run("action", "add", id, "x", "--question", "no.such.q", expect: 2)
        try run("action", "add", id, "   ", expect: 2)
        try run("action", "add", id, "x", "--due", "2026-01-01", "--due-from", "framework_before_market", expect: 2)
        try run("action", "set", id, "A9", "--owner", "x", expect: 2)
        try run("action", "set", id, "A1", expect: 2)
        try run("action", "done", id, "A1", expect: 2)
        try run("action", "list", id, "--status", "later", expect: 2)
        try run("action", "event", id, "launch_party", "2026-01-01", expect: 2)
        try run("action", "event", id, "placing_on_market", "soon", expect: 2)
        XCTAssertEqual(fileBytes(store + "/sessions/\(id).json"), before, "the session file is untouched")
        // done checks every id before writing.
        XCTAssertEqual(out(try run("action", "add", id, "real")), "A1")
        try run("action", "done", id, "A1", "A7", expect: 2)
        XCTAssertEqual(try json(try run("action", "list", id, "--json"))["actions"]?.array?.first?["status"]?.string, "open")
    }

    // MARK: report

    func testReportFormatsToFiles() throws {
        let id = try session()
        for f in ["md", "html", "json", "csv"] {
            let path = store + "/report.\(f)"
            try run("report", id, "--format", f, "-o", path)
            let text = String(decoding: fileBytes(path), as: UTF8.self)
            XCTAssertTrue(text.contains("1.0.0"), "\(f) names the questionnaire version")
            XCTAssertFalse(text.unicodeScalars.contains("\u{1b}"), "\(f): no raw escape character")
            if f == "md" || f == "html" { XCTAssertFalse(text.contains("<script>alert"), "\(f): the note's markup is escaped") }
            try run("report", id, "--format", f, "-o", path, expect: 2)
            try run("report", id, "--format", f, "-o", path, "--force")
        }
        let html = String(decoding: fileBytes(store + "/report.html"), as: UTF8.self)
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        XCTAssertTrue(html.contains("<svg"))
        XCTAssertFalse(html.contains("<script"))
        let csv = String(decoding: fileBytes(store + "/report.csv"), as: UTF8.self)
        XCTAssertEqual(csv.components(separatedBy: "\r\n").filter { $0.hasPrefix("mini,") }.count, 12, "one row per question")
        XCTAssertTrue(csv.contains(",'=cmd(),"), "formula neutralised")
    }

    func testReportCompare() throws {
        let a = try session("Acme Q4")
        let b = try session("Acme Q1")
        try run("answer", b, "tr.1.1.q1", "yes")
        let md = try run("report", b, "--format", "md", "--compare", a).stdout
        XCTAssertTrue(md.contains("## Changes since Acme Q4"), md)
        XCTAssertTrue(md.contains("| Is the documentation complete? `tr.1.1.q1` | changed (value) | Partly | Yes |"), md)
        let j = try json(try run("report", b, "--format", "json", "--compare", a))
        XCTAssertEqual(j["comparison"]?["before"]?["id"]?.string, a)
        XCTAssertTrue(try run("report", b, "--format", "html", "--compare", a).stdout.contains("<section id=\"changes\">"))
        try run("report", b, "--format", "csv", "--compare", a, expect: 2)
        try run("report", b, "--compare", "no-such-session", expect: 2)
    }

    // MARK: diff

    func testDiff() throws {
        let a = try session("Acme Q4")
        let b = try session("Acme Q1")
        try run("answer", b, "tr.1.1.q1", "yes")
        try run("answer", b, "tr.1.2.q1", "4")
        let d = try json(try run("diff", a, b, "--json"))
        XCTAssertEqual(d["before"]?["id"]?.string, a)
        XCTAssertEqual(d["after"]?["id"]?.string, b)
        let answers = d["answers"]?.array ?? []
        XCTAssertEqual(answers.compactMap { $0["question"]?.string }, ["tr.1.1.q1", "tr.1.2.q1"])
        XCTAssertEqual(answers.first?["before"]?.string, "Partly")
        XCTAssertEqual(answers.first?["after"]?.string, "Yes")
        let measures = (d["nodes"]?.array ?? []).filter { $0["kind"]?.string == "measure" }
        XCTAssertEqual(measures.compactMap { $0["id"]?.string }, ["tr.m1_1", "tr.m1_2"])
        XCTAssertEqual(measures.first?["scoreBefore"]?.number, 0.5)
        XCTAssertEqual(measures.first?["scoreAfter"]?.number, 1)
        let text = try run("diff", a, b).stdout
        XCTAssertTrue(text.contains("changed tr.1.1.q1: Partly → Yes"), text)
        XCTAssertTrue(text.contains("score 50% → 100%"), text)
        XCTAssertTrue(try run("diff", a, a).stdout.contains("Answer changes (0)"))
        try run("diff", a, "nope", expect: 2)
    }

    // MARK: mdf

    func testMDFNeedsItems() throws {
        let id = try session()
        let r = try run("mdf", id, "--audience", "downstream", expect: 2)
        XCTAssertTrue(r.stderr.contains("no Model Documentation Form items"), r.stderr)
        try run("mdf", id, "--audience", "everyone", expect: 2)
    }

    func testMDFFromTheRealQuestionnaire() throws {
        let id = out(try run("new", "--questionnaire", "gpai-cop-2025", "--title", "Real MDF", "--organisation", "Acme AI", "--model", "Acme-7B", "--no-tui"))
        try run("answer", id, "scope.role", "provider")
        try run("answer", id, "scope.generality", "criterion")
        try run("answer", id, "scope.open_source", "no")
        try run("answer", id, "tr.mdf.general.identity", "yes", "--note", "Acme AI GmbH, Acme-7B v2", "--evidence", "MDF-v3")
        try run("answer", id, "tr.mdf.general.authenticity", "yes", "--note", "OFFICE-ONLY-HASH")
        let down = try json(try run("mdf", id, "--audience", "downstream", "--format", "json", "--document-version", "3"))
        XCTAssertEqual(down["audience"]?.string, "downstream")
        XCTAssertEqual(down["documentVersion"]?.string, "3")
        let items = (down["sections"]?.array ?? []).flatMap { $0["items"]?.array ?? [] }
        XCTAssertFalse(items.isEmpty)
        XCTAssertTrue(items.allSatisfy { ($0["audiences"]?.array ?? []).contains { $0.string == "downstream" } })
        XCTAssertFalse(items.contains { $0["id"]?.string == "tr.mdf.general.authenticity" })
        let office = try json(try run("mdf", id, "--audience", "ai-office", "--format", "json"))
        XCTAssertEqual(office["sections"]?.array?.count, 8)
        let md = try run("mdf", id, "--audience", "downstream").stdout
        XCTAssertFalse(md.contains("OFFICE-ONLY-HASH"))
        XCTAssertTrue(md.contains("Acme AI GmbH, Acme-7B v2"))
        XCTAssertTrue(md.contains("**not answered**"), "unanswered items are visibly empty")
        let path = store + "/mdf.html"
        try run("mdf", id, "--audience", "authority", "--format", "html", "-o", path)
        XCTAssertTrue(String(decoding: fileBytes(path), as: UTF8.self).contains("National competent authorities"))
        try run("mdf", id, "--audience", "authority", "--document-date", "2026-02-30", expect: 2)
    }

    // MARK: summary

    func testTrainingSummaryFromTheRealQuestionnaire() throws {
        let id = out(try run("new", "--questionnaire", "gpai-cop-2025", "--title", "Open model", "--organisation", "Acme AI", "--model", "Acme-OSS",
                             "--model-version", "1", "--no-tui"))
        try run("answer", id, "scope.role", "provider")
        try run("answer", id, "scope.generality", "criterion")
        try run("answer", id, "scope.open_source", "yes")
        try run("answer", id, "ts.general.provider", "Acme AI, Berlin")
        try run("answer", id, "ts.sources.crawled", "no")
        let r = try run("summary", id)
        XCTAssertTrue(r.stdout.hasPrefix("# Public summary of training content: Acme-OSS, version 1\n"), r.stdout)
        XCTAssertTrue(r.stdout.contains("| Provider name and contact details | Acme AI, Berlin |"))
        XCTAssertTrue(r.stdout.contains("| Crawlers, their purpose and behaviour, collection period, kind of content, most relevant domain names | *not applicable: none used* |"))
        XCTAssertTrue(r.stderr.contains("required fields are missing"), "a note counts what is missing: \(r.stderr)")
        // Open source without systemic risk: the summary applies even though Transparency does not.
        let j = try json(try run("summary", id, "--format", "json"))
        XCTAssertEqual(j["format"]?.string, "gpai-assess-training-summary")
        XCTAssertEqual(j["complete"]?.bool, false)
        XCTAssertTrue((j["missing"]?.array ?? []).contains { $0.string == "model" })
        let path = store + "/summary.html"
        try run("summary", id, "--format", "html", "-o", path)
        XCTAssertTrue(String(decoding: fileBytes(path), as: UTF8.self).hasPrefix("<!DOCTYPE html>"))
        try run("summary", id, "--format", "html", "-o", path, expect: 2)
        // A questionnaire without the template says so.
        let mini = try session()
        XCTAssertTrue(try run("summary", mini, expect: 2).stderr.contains("has no public summary of training content"))
    }
}
