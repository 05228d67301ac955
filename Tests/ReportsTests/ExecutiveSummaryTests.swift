import AssessmentCore
import Foundation
@testable import Reports
import TestSupport
import XCTest

/// The report's first page (executive summary), its single source of counts, human times and evidence links.
final class ExecutiveSummaryTests: ReportTestCase {

    /// Text and table rows of the summary section after a strict HTML5 parse.
    static let sectionText = #"""
    import sys, json, html5lib
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    tree = parser.parse(sys.stdin.buffer.read())
    el = [e for e in tree.iter() if e.attrib.get("id") == "summary"]
    rows = []
    for tr in el[0].iter("tr"):
        rows.append([" ".join("".join(td.itertext()).split()) for td in tr if td.tag in ("td", "th")])
    print(json.dumps({"text": " ".join(" ".join(el[0].itertext()).split()), "rows": rows}))
    """#

    func testHTMLExecutiveSummaryNamesTopGapsWithOwners() throws {
        try Python.require("html5lib", install: "python3 -m pip install html5lib")
        let r = try Python.run(Self.sectionText, input: render(.html))
        XCTAssertEqual(r.status, 0, r.stderr)
        let o = try XCTUnwrap(jsonObject(r.stdout) as? [String: Any])
        let text = o["text"] as? String ?? ""
        let rows = (o["rows"] as? [[String]] ?? []).filter { $0.count == 5 }
        XCTAssertEqual(rows.first, ["#", "Measure", "Question", "Owner", "Due"])
        // Highest priority first, each measure named with its chapter, with the owner and due date of its action.
        XCTAssertEqual(rows.dropFirst().first, ["1", "Transparency 1.1 Keep documentation", "Is the documentation complete? ⚠", "dana", "31 Jan 2026 overdue"])
        XCTAssertEqual(rows.dropFirst(2).first, ["2", "Safety and Security 1.1 Framework", "Is there a framework? ⚠", "erin", "15 Mar 2026"])
        XCTAssertEqual(rows.dropFirst(3).first?[3], "no action yet", "a gap without an action says so")
        // Figures, provisional mark, the paragraph, the chart and the deadlines that matter.
        XCTAssertTrue(text.contains("Overall status in progress provisional"), text)
        XCTAssertTrue(text.contains("0 of 3 measures met, 1 partially met and 2 not met."), text)
        XCTAssertTrue(text.contains("The largest gaps are in Transparency, then Safety and Security"), text)
        XCTAssertTrue(text.contains("3 actions are open, 1 overdue."), text)
        XCTAssertTrue(text.contains("15 Feb 2026 Confirm the Safety and Security Framework before placing on the market due today"), text)
        XCTAssertFalse(text.contains("Complete the next Framework assessment"), "only the next three upcoming deadlines")
        XCTAssertFalse(text.contains("Change:"), "no comparison without an earlier assessment")
    }

    func testSummaryShowsTheChangeSinceTheEarlierAssessment() {
        let md = render(.md, baseline: true)
        let summary = md.components(separatedBy: "## Executive summary")[1].components(separatedBy: "\n## ")[0]
        XCTAssertTrue(summary.contains("**Change:** Since Acme model Q4 2025 (2 Oct 2025): score "), summary)
        XCTAssertTrue(render(.html, baseline: true).contains("<p><strong>Change:</strong> Since Acme model Q4 2025 (2 Oct 2025)"))
    }

    /// Banner, cards and paragraph quote one count; "required" is said every time.
    func testOneSourceForEveryCount() throws {
        for f in [ReportFormat.md, .html] {
            let out = render(f)
            let re = try NSRegularExpression(pattern: #"(\d+) of (\d+) (\w+ )?(questions )?answered"#)
            let found = re.matches(in: out, range: NSRange(out.startIndex..., in: out)).map { String(out[Range($0.range, in: out)!]) }
            XCTAssertGreaterThanOrEqual(found.count, 3, "\(f): banner, card and paragraph")
            XCTAssertEqual(Set(found), ["8 of 9 required questions answered"], "\(f): \(found)")
        }
        // Without required questions the count says "applicable", consistently.
        let c = ReportContent(session: s, questionnaire: q, evaluation: Evaluation(questionnaire: q, session: s), generated: generatedAt)
        XCTAssertEqual(c.counts.kind, "required")
        XCTAssertEqual(c.provisionalText, "Provisional: coverage is 89% (8 of 9 required questions answered). Scores and statuses may change until every applicable question is answered.")
    }

    func testHumanTimes() {
        XCTAssertEqual(ReportContent.human(at("2026-11-30T11:48:59Z")), "30 Nov 2026, 11:48 UTC")
        XCTAssertEqual(ReportContent.human(at("1969-12-31T23:59:00Z")), "31 Dec 1969, 23:59 UTC")
        XCTAssertEqual(ReportContent.humanDay("2026-01-05"), "5 Jan 2026")
        XCTAssertEqual(ReportContent.humanDay("soon"), "soon", "text that is not a date is left alone")
        let md = render(.md), html = render(.html)
        XCTAssertTrue(md.contains("- Generated: 15 Feb 2026, 12:00 UTC"), md)
        XCTAssertTrue(html.contains("<dt>Generated</dt><dd>15 Feb 2026, 12:00 UTC</dd>"))
        XCTAssertFalse(html.contains("T10:00:00.000Z"), "no ISO times in HTML")
        XCTAssertTrue(render(.json).contains("2026-01-06T10:00:00.000Z"), "JSON keeps ISO 8601")
    }

    func testOnlyHTTPEvidenceBecomesALink() throws {
        s.answers["tr.1.1.q3"]!.evidence = ["javascript:alert(1)", "https://docs.example.com/a?b=1&c=2", "JaVaScRiPt:alert(2)",
                                            "http://spaced.example/a b", "data:text/html,<b>x</b>", "https://q.example/\"onmouseover=x"]
        let html = render(.html)
        XCTAssertTrue(html.contains("<a class=\"bare\" href=\"https://docs.example.com/a?b=1&amp;c=2\" rel=\"noopener noreferrer\">https://docs.example.com/a?b=1&amp;c=2</a>"), html)
        XCTAssertFalse(html.lowercased().contains("href=\"javascript:"), "a javascript: reference is not a link")
        XCTAssertTrue(html.contains("<span class=\"text\">javascript:alert(1)</span>"), "it stays as plain text")
        if Prerequisite.pythonHas("html5lib") {
            let r = try Python.run(Python.html5Check, input: html)
            let o = try XCTUnwrap(jsonObject(r.stdout) as? [String: Any])
            XCTAssertTrue(o["error"] is NSNull, "\(o["error"] ?? "")")
            XCTAssertEqual(o["external"] as? [String], ["https://docs.example.com/a?b=1&c=2"], "the only link leaving the page")
        }
        let md = render(.md)
        XCTAssertTrue(md.contains("<https://docs.example.com/a?b=1&c=2>"), md)
        XCTAssertTrue(md.contains("javascript:alert(1)") && !md.contains("<javascript:"), "no autolink for javascript:")
        XCTAssertFalse(md.contains("<http://spaced.example"), "a URL with a space is not linked")
    }

    func testCommitmentBarsOnlyWhereAChapterHasSeveral() throws {
        let real = try QuestionnaireLoader.load(path: Fixtures.packageRoot.appendingPathComponent("Questionnaires/gpai-cop-2025.json").path)
        let session = Session(id: "x", title: "X", questionnaire: real, by: "a", at: generatedAt)
        let c = ReportContent(session: session, questionnaire: real, evaluation: Evaluation(questionnaire: real, session: session), generated: generatedAt)
        let bars = ExecutiveSummary(c).bars
        // Nothing answered: the chapters still apply by default or are hidden by scope; commitments only under a chapter that has several.
        for b in bars where b.indented {
            XCTAssertNotNil(real.chapter(containing: b.id).map { ExecutiveSummary.commitments($0).count > 1 }, b.label)
        }
        XCTAssertTrue(bars.allSatisfy { !$0.indented || $0.label.first?.isLetter == true }, "commitment bars read like 'S1 Safety and Security Framework'")
    }
}
