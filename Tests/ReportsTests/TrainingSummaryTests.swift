import AssessmentCore
import Foundation
@testable import Reports
import TestSupport
import XCTest

/// The public summary of training content: the template's structure and order, missing fields marked, stable JSON.
final class TrainingSummaryTests: XCTestCase {
    var q: Questionnaire!

    override func setUpWithError() throws {
        q = try QuestionnaireLoader.load(path: Fixtures.questionnairesFolder + "/gpai-cop-2025.json")
    }

    /// A provider established outside the EU, part-way through its summary.
    func session() -> Session {
        var s = Session(id: "acme-ts", title: "Acme training summary", questionnaire: q, by: "alice", at: at("2026-01-05T09:00:00Z"),
                        organisation: "Acme AI", model: "Acme-7B", modelVersion: "2.1")
        func put(_ id: String, _ v: AnswerValue, note: String? = nil, _ when: String = "2026-01-06T10:00:00Z") {
            s.answers[id] = Answer(value: v, note: note, by: "alice", at: at(when))
        }
        for (k, v) in ["scope.role": "provider", "scope.compute_known": "yes", "scope.generality": "criterion", "scope.established": "outside_eu",
                       "scope.market_status": "after", "scope.designated": "no", "scope.open_source": "yes"] { put(k, .text(v)) }
        put("scope.compute", .number(3e23))
        put("scope.modality", .choices(["text", "image"]))
        put("scope.placement_date", .text("2026-03-01"))
        put("ts.general.provider", .text("Acme AI GmbH, Berlin <script>alert(1)</script> | summary@acme.example"))
        put("ts.general.model", .text("Acme-7B 2.1"))
        put("ts.general.size", .text("Text: 1 to 10 trillion tokens; images: under 1 billion"))
        put("ts.general.content", .text("Web pages, code, licensed news"))
        put("ts.general.cutoff", .text("2025-12-31"), note: "Not trained further since.")
        put("ts.general.languages", .text("24 official EU languages; English is half the text"))
        put("ts.sources.public", .text("yes"))
        put("ts.sources.public_detail", .text("Common Pile (https://example.org/pile); smaller code sets"))
        put("ts.sources.licensed", .text("no"))
        put("ts.sources.private", .text("no"))
        put("ts.sources.crawled", .text("yes"))  // its description is still to be written
        put("ts.sources.user", .text("no"))
        put("ts.sources.synthetic", .text("yes"))
        put("ts.sources.synthetic_detail", .text("Acme-70B 1.0 (our own model), text only"))
        put("ts.sources.other", .text("no"))
        put("ts.processing.rights", .text("robots.txt and TDMRep honoured at collection time; signatory of the Copyright chapter"))
        return s
    }

    func summary(_ s: Session? = nil) throws -> TrainingSummary {
        let s = s ?? session()
        return try TrainingSummary(session: s, questionnaire: q, evaluation: Evaluation(questionnaire: q, session: s), generated: generatedAt)
    }

    func testGoldenFiles() throws {
        let t = try summary()
        Golden.check(t.render(.md), "training-summary.md")
        Golden.check(t.render(.html), "training-summary.html")
        Golden.check(t.render(.json), "training-summary.json")
    }

    func testTemplateStructureAndOrder() throws {
        let t = try summary()
        XCTAssertEqual(t.sections.map(\.title), ["General information", "List of data sources", "Relevant aspects of data processing"])
        XCTAssertEqual(t.sections.flatMap(\.parts).map(\.number), ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "3.1", "3.2", "3.3"])
        // Every ts question of the questionnaire has its place in the template, once.
        let used = t.fields.map(\.question).filter { $0.hasPrefix("ts.") }
        XCTAssertEqual(Set(used).count, used.count)
        let tsQuestions = q.index.questionOrder.filter { $0.hasPrefix("ts.") && !$0.hasPrefix("ts.publication.") }
        XCTAssertEqual(Set(used), Set(tsQuestions))
        let md = t.markdown()
        var last = md.startIndex
        for heading in ["## 1. General information", "### 1.1 Provider identification", "### 1.2 Model identification", "### 1.3 Modalities",
                        "## 2. List of data sources", "### 2.1 Publicly available datasets", "### 2.2 Private datasets", "### 2.3 Data crawled and scraped",
                        "### 2.4 User data", "### 2.5 Synthetic data", "### 2.6 Other sources", "## 3. Relevant aspects of data processing",
                        "### 3.1 Respect of reservations of rights", "### 3.2 Removal of illegal content", "### 3.3 Other information"] {
            guard let r = md.range(of: heading, range: last..<md.endIndex) else { return XCTFail("\(heading) missing or out of order") }
            last = r.upperBound
        }
    }

    func testMissingFieldsAreMarked() throws {
        let t = try summary()
        XCTAssertEqual(t.missing.map(\.id), ["authorised_representative", "crawling", "illegal_content"])
        XCTAssertEqual(t.fields.first { $0.id == "licensed_description" }?.state, .notApplicable, "no licensed data: nothing to describe")
        XCTAssertEqual(t.fields.first { $0.id == "placement_date" }?.value, "2026-03-01", "taken from the scope answers")
        XCTAssertTrue(t.markdown().contains("| Date of placement on the EU market | 1 Mar 2026 |"), "written as people write dates")
        XCTAssertEqual(t.fields.first { $0.id == "modalities" }?.value, "Text (including code); Images")
        let md = t.markdown()
        XCTAssertTrue(md.contains("> **Not ready to publish:** 3 required fields are missing: Authorised representative"), md)
        XCTAssertTrue(md.contains("| Crawlers, their purpose and behaviour, collection period, kind of content, most relevant domain names | **missing** |"), md)
        XCTAssertTrue(t.completenessLine.hasPrefix("Public summary of training content: 18 of 21 required fields given; missing: "), t.completenessLine)
        // In the EU, the authorised representative does not apply.
        var s = session()
        s.answers["scope.established"] = Answer(value: .text("in_eu"), by: "alice", at: at("2026-01-07T00:00:00Z"))
        XCTAssertEqual(try summary(s).fields.first { $0.id == "authorised_representative" }?.state, .notApplicable)
    }

    func testHTMLParsesStrictlyAndKeepsHostileTextAsText() throws {
        try Python.require("html5lib", install: "python3 -m pip install html5lib")
        let r = try Python.run(Python.html5Check, input: try summary().html())
        let o = try XCTUnwrap(jsonObject(r.stdout) as? [String: Any])
        XCTAssertTrue(o["error"] is NSNull, "\(o["error"] ?? "") \(o["errors"] ?? "")")
        XCTAssertFalse((o["tags"] as? [String] ?? []).contains("script"))
        XCTAssertEqual(o["external"] as? [String], [])
        XCTAssertTrue((o["text"] as? String ?? "").contains("<script>alert(1)</script> | summary@acme.example"))
    }

    func testJSONIsStable() throws {
        let t = try summary()
        let a = t.render(.json), b = try summary().render(.json)
        XCTAssertEqual(a, b, "same inputs, same bytes")
        let o = try XCTUnwrap(jsonObject(a) as? [String: Any])
        XCTAssertEqual(o["format"] as? String, "gpai-assess-training-summary")
        XCTAssertEqual(o["formatVersion"] as? Int, 1)
        XCTAssertEqual(o["missing"] as? [String], ["authorised_representative", "crawling", "illegal_content"])
        XCTAssertEqual(o["complete"] as? Bool, false)
    }

    func testReportListsItsCompletenessInOneLine() throws {
        let s = session()
        let md = ReportRenderer.render(.md, session: s, questionnaire: q, generated: generatedAt)
        let lines = md.split(separator: "\n").filter { $0.hasPrefix("Public summary of training content:") }
        XCTAssertEqual(lines.count, 1, md)
        XCTAssertTrue(ReportRenderer.render(.html, session: s, questionnaire: q, generated: generatedAt)
            .contains("<p>Public summary of training content: 18 of 21 required fields given; missing: "))
    }

    func testAQuestionnaireWithoutTheTemplateIsAnError() throws {
        let mini = try ReportFixtures.mini()
        let s = ReportFixtures.session(mini)
        XCTAssertThrowsError(try TrainingSummary(session: s, questionnaire: mini, evaluation: Evaluation(questionnaire: mini, session: s), generated: generatedAt))
        XCTAssertFalse(ReportRenderer.render(.md, session: s, questionnaire: mini, generated: generatedAt).contains("Public summary of training content"))
    }
}
