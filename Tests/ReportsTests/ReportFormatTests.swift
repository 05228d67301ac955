import AssessmentCore
import Foundation
@testable import Reports
import TestSupport
import XCTest

/// Golden files per format for a fixed session; the HTML through a real HTML5 parser, the CSV
/// through a real CSV parser; hostile notes in every format.
final class ReportFormatTests: ReportTestCase {

    // MARK: Golden files

    func testGoldenMarkdown() { Golden.check(render(.md), "report.md") }
    func testGoldenHTML() { Golden.check(render(.html), "report.html") }
    func testGoldenJSON() { Golden.check(render(.json), "report.json") }
    func testGoldenCSV() { Golden.check(render(.csv), "report.csv") }
    func testGoldenMarkdownWithComparison() { Golden.check(render(.md, baseline: true), "report-compare.md") }

    /// An open scope never reads as "does not apply" (issue 11).
    func testAPartWaitingForScopeIsNotCalledNotApplicable() throws {
        var half = Session(id: "h", title: "Half scoped", questionnaire: q, by: "t", at: generatedAt)
        half.answers["scope.gpai"] = Answer(value: .text("yes"), by: "t", at: generatedAt)
        let md = ReportRenderer.render(.md, session: half, questionnaire: q, generated: generatedAt, baseline: nil)
        XCTAssertTrue(md.contains("Safety and Security**: waiting for scope (answer scope.systemic) — Only for models with systemic risk"), md)
        XCTAssertFalse(md.contains("Safety and Security**: does not apply"), md)
        let js = ReportRenderer.render(.json, session: half, questionnaire: q, generated: generatedAt, baseline: nil)
        XCTAssertTrue(js.contains("\"status\": \"scope_pending\""), js)
        var no = half
        no.answers["scope.systemic"] = Answer(value: .text("no"), by: "t", at: generatedAt)
        let decided = ReportRenderer.render(.md, session: no, questionnaire: q, generated: generatedAt, baseline: nil)
        XCTAssertTrue(decided.contains("Safety and Security**: does not apply — Only for models with systemic risk"), decided)
    }

    func testRenderingIsDeterministic() {
        for f in ReportFormat.allCases {
            XCTAssertEqual(render(f), render(f), "\(f) differs between two runs")
        }
    }

    // MARK: Content every report has

    func testEveryFormatNamesTheVersionAndSaysProvisional() {
        for f in ReportFormat.allCases {
            let r = render(f)
            XCTAssertTrue(r.contains("1.0.0"), "\(f) names the questionnaire version")
            XCTAssertTrue(r.lowercased().contains("provisional"), "\(f) says the score is provisional")
        }
    }

    func testCompleteSessionIsNotProvisional() throws {
        s.answers["ss.1.1.q2"] = Answer(value: .number(12), by: "alice", at: at("2026-01-08T11:00:00Z"))
        s.answers["tr.1.2.q3"] = Answer(value: .text("Legal"), by: "alice", at: at("2026-01-08T11:00:00Z"))
        let ev = Evaluation(questionnaire: q, session: s)
        XCTAssertEqual(ev.overall.coverage, 1)
        let md = render(.md)
        XCTAssertFalse(md.contains("Provisional"), "no provisional warning at 100% coverage")
        XCTAssertFalse(render(.html).contains("class=\"banner\""))
        XCTAssertEqual(try XCTUnwrap(jsonObject(render(.json)) as? [String: Any])["provisional"] as? Bool, false)
    }

    func testMarkdownSections() {
        let md = render(.md)
        for h in ["## Executive summary", "### Top 4 gaps", "## Status by chapter, commitment and measure", "## Gaps by priority", "## Action plan",
                  "## Deadlines", "## Appendix A: Scope", "## Appendix B: Answers", "## Appendix C: Audit trail",
                  "## Answers to questions no longer in the questionnaire"] {
            XCTAssertTrue(md.contains("\n\(h)\n"), "missing \(h)")
        }
        // Gaps by priority, with remediation hints.
        let gaps = md.components(separatedBy: "## Gaps by priority")[1].components(separatedBy: "## Action plan")[0]
        XCTAssertTrue(gaps.contains("Complete every section of the form."))
        let i1 = gaps.range(of: "tr.1.1.q1")!.lowerBound, i2 = gaps.range(of: "tr.1.2.q1")!.lowerBound
        XCTAssertLessThan(i1, i2, "priority 1 before priority 0.75")
        // Actions by due date, overdue marked, done last.
        let actions = md.components(separatedBy: "## Action plan")[1].components(separatedBy: "## Deadlines")[0]
        let rows = actions.split(separator: "\n").filter { $0.hasPrefix("| A") }.map { String($0) }
        XCTAssertEqual(rows.map { String($0.dropFirst(2).prefix(2)) }, ["A1", "A2", "A4", "A3"])
        XCTAssertTrue(rows[0].contains("**31 Jan 2026 overdue**"), rows[0])
        XCTAssertFalse(rows[1].contains("overdue"))
        // Scope and the reason a part does not apply.
        XCTAssertTrue(md.contains("| Is the model a general-purpose AI model? | Yes |"))
        // Answers with note, evidence, who and when.
        XCTAssertTrue(md.contains("  - By bob, 6 Jan 2026, 10:05 UTC"))
        XCTAssertTrue(md.contains("Not applicable: First release \\| no earlier versions"))
        XCTAssertTrue(md.contains("  - Evidence: DOC-112; =HYPERLINK(\"http://evil.example\")"))
    }

    func testNotApplicablePartsGiveTheirReason() {
        s.answers["scope.systemic"] = Answer(value: .text("no"), by: "alice", at: at("2026-01-05T09:13:00Z"))
        let md = render(.md)
        XCTAssertTrue(md.contains("- **S&amp;S Safety and Security**: does not apply — Only for models with systemic risk"), md)
        XCTAssertTrue(render(.html).contains("does not apply — Only for models with systemic risk"))
        // Out of scope: only questions that still hold an answer are listed, marked as not counted.
        let part = md.components(separatedBy: "### Safety and Security 1.1 Framework")[1].components(separatedBy: "\n## ")[0]
        XCTAssertTrue(part.contains("Status: **not applicable** — Only for models with systemic risk"), part)
        XCTAssertTrue(part.contains("`ss.1.1.q1`") && part.contains("An answer is kept but not counted."), part)
        XCTAssertFalse(part.contains("`ss.1.1.q2`"), part)
        s.answers["ss.1.1.q1"] = nil
        XCTAssertTrue(render(.md).contains("No question of this part applies."))
    }

    // MARK: HTML through a real HTML5 parser

    func testHTMLIsValidHTML5AndSelfContained() throws {
        try Python.require("html5lib", install: "python3 -m pip install html5lib")
        addHandEditedHostility()
        for (name, html) in [("report", render(.html)), ("report with comparison", render(.html, baseline: true))] {
            let r = try Python.run(Python.html5Check, input: html)
            XCTAssertEqual(r.status, 0, r.stderr)
            guard let o = jsonObject(r.stdout) as? [String: Any] else { continue }
            XCTAssertTrue(o["error"] is NSNull, "\(name): html5lib strict parse failed: \(o["error"] ?? "") \(o["errors"] ?? "")")
            guard o["error"] is NSNull else { continue }
            let tags = o["tags"] as? [String] ?? []
            XCTAssertTrue(tags.contains("svg"), "inline SVG chart")
            XCTAssertTrue(tags.contains("nav"), "table of contents")
            XCTAssertTrue(tags.contains("style"))
            for bad in ["script", "iframe", "object", "embed", "link", "img", "base", "form"] {
                XCTAssertFalse(tags.contains(bad), "\(name): no <\(bad)>")
            }
            XCTAssertEqual(o["handlers"] as? [String], [], "no event handler attributes")
            XCTAssertEqual(o["external"] as? [String], [], "no external links or resources (the fixture's evidence holds no http(s) URL)")
            let ids = Set(o["ids"] as? [String] ?? [])
            XCTAssertEqual((o["ids"] as? [String])?.count, ids.count, "ids are unique")
            for l in o["links"] as? [String] ?? [] { XCTAssertTrue(ids.contains(l), "\(name): link #\(l) has a target") }
            XCTAssertEqual(o["doctype"] as? String, "<!DOCTYPE html>")
            // The hostile note arrives as text, whole.
            let text = o["text"] as? String ?? ""
            XCTAssertTrue(text.contains("<script>alert('x')</script>"), "markup in a note is shown as text")
            XCTAssertTrue(text.contains("<img src=x onerror=alert(1)>"), "markup in an action title is shown as text")
            XCTAssertTrue(text.contains("\\u{1b}[31mred"), "escape characters are shown, not sent")
            XCTAssertTrue(text.contains("\\u{202e}evil"), "bidi overrides are shown, not applied")
        }
    }

    func testHTMLHasPrintStylesheetChartAndContents() {
        let html = render(.html)
        XCTAssertTrue(html.contains("@media print"))
        XCTAssertTrue(html.contains("<nav class=\"toc\""))
        for id in ["summary", "status", "gaps", "actions", "deadlines", "scope", "answers", "audit"] {
            XCTAssertTrue(html.contains("<a href=\"#\(id)\">"), "contents link to \(id)")
            XCTAssertTrue(html.contains("<section id=\"\(id)\""), "section \(id)")
        }
        // Page 1 is the executive summary; the appendices start on a page of their own.
        let summary = html.range(of: "<section id=\"summary\">")!.lowerBound
        XCTAssertLessThan(summary, html.range(of: "<nav class=\"toc\"")!.lowerBound, "the summary comes before the contents")
        XCTAssertLessThan(summary, html.range(of: "<section id=\"scope\"")!.lowerBound, "scope answers are an appendix")
        for rule in ["#summary { break-after: page;", "thead { display: table-header-group; }", "h1, h2, h3, h4 { break-after: avoid;",
                     "figure, svg.chart { break-inside: avoid;", "a[href^=\"http\"]:not(.bare)::after { content: \" (\" attr(href) \")\";"] {
            XCTAssertTrue(html.contains(rule), "print rule: \(rule)")
        }
        // One bar per applicable chapter (mini: a commitment per chapter at most, so no commitment bars).
        XCTAssertTrue(html.contains("<title>Transparency: not met, score 44%, coverage 100%</title>"), html)
        XCTAssertTrue(html.contains("<title>Safety and Security: in progress, score 0%, coverage 50%</title>"), html)
    }

    // MARK: CSV through a real CSV parser

    func testCSVReadsBackWithPythonCSV() throws {
        try Python.require("csv", install: "install python3")
        let csvText = render(.csv)
        XCTAssertTrue(csvText.hasSuffix("\r\n"), "CRLF line ends (RFC 4180)")
        let r = try Python.run(Python.csvCheck, input: csvText)
        XCTAssertEqual(r.status, 0, r.stderr)
        guard let rows = jsonObject(r.stdout) as? [[String]] else { return XCTFail("no rows") }
        XCTAssertEqual(rows.count, q.allQuestions.count + 1, "a header and one row per question")
        XCTAssertEqual(rows[0], CSVReport.columns)
        for row in rows { XCTAssertEqual(row.count, CSVReport.columns.count, "every row has every column: \(row)") }
        let col = Dictionary(uniqueKeysWithValues: CSVReport.columns.enumerated().map { ($1, $0) })
        func row(_ id: String) -> [String] { rows.first { $0[col["question_id"]!] == id } ?? [] }
        // Nothing a spreadsheet would run as a formula.
        for r in rows { for cell in r { XCTAssertFalse(["=", "+", "-", "@", "\t", "\r"].contains(cell.prefix(1)), "formula-like cell: \(cell)") } }
        // The hostile note survives as text: line breaks kept (CRLF normalised), controls and bidi made visible.
        let expected = "Line one\n# not a heading\n| a | b |\n<script>alert('x')</script>\\u{1b}[31mred\\u{1b}[0m \\u{202e}evil\\u{202c} & \"done\", ok\n- not a list\n1. not ordered\n=cmd|' /C calc'!A0"
        XCTAssertEqual(row("tr.1.1.q1")[col["note"]!], expected)
        XCTAssertEqual(row("tr.1.1.q1")[col["evidence"]!], "DOC-112\n=HYPERLINK(\"http://evil.example\")")
        XCTAssertEqual(row("tr.1.2.q1")[col["note"]!], "'-2+3 looks like a formula")
        XCTAssertEqual(row("tr.1.2.q2")[col["note"]!], "'@SUM(A1:A9)")
        XCTAssertEqual(row("ss.1.1.q1")[col["evidence"]!], "'+cmd")
        XCTAssertEqual(row("tr.1.1.q2")[col["state"]!], "answered_N/A")
        XCTAssertEqual(row("tr.1.1.q2")[col["answer_value"]!], "na")
        XCTAssertEqual(row("tr.1.1.q2")[col["justification"]!], "First release | no earlier versions")
        XCTAssertEqual(row("tr.1.1.q1")[col["score"]!], "0.5")
        XCTAssertEqual(row("tr.1.1.q1")[col["answered_by"]!], "alice")
        XCTAssertEqual(row("tr.1.1.q1")[col["answered_at"]!], "2026-01-06T10:00:00.000Z")
        XCTAssertEqual(row("tr.1.1.q1")[col["measure_status"]!], "partially_met")
        XCTAssertEqual(row("ss.1.1.q2")[col["state"]!], "unanswered")
        XCTAssertEqual(row("tr.1.2.q3")[col["answer"]!], "Legal team\nand <b>counsel</b>")
        XCTAssertEqual(row("tr.1.1.q1")[col["questionnaire_version"]!], "1.0.0")
        XCTAssertEqual(row("tr.1.1.q1")[col["provisional"]!], "yes")
    }

    func testCSVFieldQuoting() {
        XCTAssertEqual(CSVReport.field("plain"), "plain")
        XCTAssertEqual(CSVReport.field("a,b"), "\"a,b\"")
        XCTAssertEqual(CSVReport.field("say \"hi\""), "\"say \"\"hi\"\"\"")
        XCTAssertEqual(CSVReport.field("two\r\nlines"), "\"two\nlines\"")
        XCTAssertEqual(CSVReport.field("=1+1"), "'=1+1")
        XCTAssertEqual(CSVReport.field("  =1+1"), "'  =1+1")
        XCTAssertEqual(CSVReport.field("\tx"), "'\tx")
        XCTAssertEqual(CSVReport.field("＝1"), "'＝1")
        XCTAssertEqual(CSVReport.field("1-2"), "1-2")
        XCTAssertEqual(CSVReport.field("\"\u{301}"), "\"\"\"\u{301}\"", "a quote with a combining mark is still doubled")
    }

    // MARK: Hostile text in every format

    /// What a hand-edited session file could hold where the CLI checks its input.
    func addHandEditedHostility() {
        s.actions[2].question = "q|`<x>\u{1b}[1m"
        s.actions[2].owner = "eve | <i>\u{202e}"
        s.events["incident_death:<b>|\u{202e}x"] = "2026-02-01"
        s.reviews["tr.m1_2"] = Review(by: "<mallory>", at: generatedAt, note: "|\n---\n===")
    }

    func testHostileTextNeverBreaksMarkdown() {
        addHandEditedHostility()
        let md = render(.md, baseline: true)
        XCTAssertFalse(md.unicodeScalars.contains("\u{1b}"), "no raw escape character")
        XCTAssertFalse(md.unicodeScalars.contains("\u{202e}"), "no raw bidi override")
        XCTAssertFalse(md.unicodeScalars.contains("\r"), "no carriage return")
        // Every "<" is escaped (the renderer writes no HTML of its own).
        var previous: Character = " "
        for ch in md {
            if ch == "<" { XCTAssertEqual(previous, "\\", "unescaped '<' in the Markdown report") }
            previous = ch
        }
        let lines = md.components(separatedBy: "\n")
        // Only our own headings: every heading line is one the renderer writes.
        for l in lines where l.hasPrefix("#") {
            XCTAssertTrue(l.hasPrefix("# Assessment report") || l.hasPrefix("## ") || l.hasPrefix("### "), "unexpected heading: \(l)")
            XCTAssertFalse(l.contains("not a heading"), l)
        }
        // Table rows keep their column count: unescaped pipes only as separators.
        var columns = 0
        for l in lines {
            guard l.hasPrefix("|") else { columns = 0; continue }
            var n = 0, escaped = false
            for ch in l { if ch == "|" && !escaped { n += 1 }; escaped = ch == "\\" && !escaped }
            if columns == 0 { columns = n } else { XCTAssertEqual(n, columns, "row breaks its table: \(l)") }
        }
        // The note's lines stay inside its list item.
        for l in lines where l.contains("not a list") || l.contains("not ordered") {
            XCTAssertTrue(l.hasPrefix("    \\-") || l.hasPrefix("    1\\.") || l.hasPrefix("|"), "note line escapes its list item: \(l)")
        }
    }

    func testHostileTextInJSONRoundTripsAndStaysInert() throws {
        let text = render(.json)
        XCTAssertFalse(text.unicodeScalars.contains("\u{1b}"))
        XCTAssertFalse(text.unicodeScalars.contains("\u{202e}"))
        XCTAssertTrue(text.contains("\\u202e"))
        let root = try JSONParser.parse(text)
        let tr = try XCTUnwrap(root["tree"]?.array?.first { $0["id"]?.string == "tr" })
        let q1 = try XCTUnwrap(tr["children"]?.array?[0]["children"]?.array?[0]["questions"]?.array?[0])
        XCTAssertEqual(q1["answer"]?["note"]?.string, hostileNote, "JSON keeps the data exactly")
        let actions = try XCTUnwrap(root["actions"]?.array)
        XCTAssertEqual(actions.map { $0["id"]?.string }, ["A1", "A2", "A4", "A3"])
        XCTAssertEqual(actions.map { $0["overdue"]?.bool }, [true, false, false, false])
        XCTAssertEqual(root["today"]?.string, "2026-02-15")
        XCTAssertEqual(root["scope"]?["parts"]?.array?.map { $0["applies"]?.bool }, [true, true])
        XCTAssertEqual(root["deadlines"]?.array?.first?["rule"]?.string, "incident_report_death")
        XCTAssertEqual(root["deadlines"]?.array?.first?["state"]?.string, "kept")
        XCTAssertEqual(root["orphanedAnswers"]?.array?.compactMap(\.string), ["old.q"])
        XCTAssertNil(root["comparison"])
        let withDiff = try JSONParser.parse(render(.json, baseline: true))
        XCTAssertEqual(withDiff["comparison"]?["before"]?["id"]?.string, "acme-q4-2025")
    }

    func testHTMLEscaping() {
        XCTAssertEqual(HTML.escape("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        XCTAssertEqual(HTML.escape("a\u{1b}b\u{202e}c\u{0}d\u{fffe}e\u{85}"), "a\\u{1b}b\\u{202e}c\\u{0}d\\u{fffe}e\\u{85}")
        XCTAssertEqual(HTML.escape("x\r\ny\rz"), "x\ny\nz")
        XCTAssertEqual(HTML.anchor("m", "tr.c1_2/<x>"), "m-tr.c1_2_2f__3c_x_3e_")
    }

    func testMarkdownHelpers() {
        XCTAssertEqual(Markdown.cell("a|b\nc"), "a\\|b ↵ c")
        XCTAssertEqual(Markdown.block("one\n- two\n3. three\n\n   =four", indent: "  "), "one\\\n  \\- two\\\n  3\\. three\\\n  \\=four")
        XCTAssertEqual(Markdown.code("tr.1.1.q1"), "`tr.1.1.q1`")
        XCTAssertEqual(Markdown.code("a`b"), "a\\`b")
        XCTAssertEqual(Markdown.code("a|b"), "a\\|b", "a pipe in a code span would still split a table cell")
    }
}
