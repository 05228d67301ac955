import AssessmentCore
import Foundation
@testable import Reports
import TestSupport
import XCTest

final class ModelDocumentationFormTests: XCTestCase {
    func form(_ audience: MDFAudience, session: Session? = nil, version: String? = "3.1", date: String? = "2026-01-31") throws -> ModelDocumentationForm {
        let q = try ReportFixtures.mdfQuestionnaire()
        let s = session ?? ReportFixtures.mdfSession(q)
        return try ModelDocumentationForm(session: s, questionnaire: q, evaluation: Evaluation(questionnaire: q, session: s), audience: audience,
                                          generated: generatedAt, documentVersion: version, documentDate: date)
    }

    func testAudienceMarkers() {
        XCTAssertEqual(MDFAudience.parse(reference: "MDF audience: AI Office, national authorities, downstream providers"), [.aiOffice, .authority, .downstream])
        XCTAssertEqual(MDFAudience.parse(reference: "MDF audience: downstream providers"), [.downstream])
        XCTAssertEqual(MDFAudience.parse(reference: "mdf audience: National competent authorities; AI Office"), [.authority, .aiOffice])
        XCTAssertNil(MDFAudience.parse(reference: "Code, Transparency chapter, Model Documentation Form"))
    }

    func testItemLabels() {
        XCTAssertEqual(ModelDocumentationForm.label("MDF item: Model size. Is it in the current model documentation?"), "Model size")
        XCTAssertEqual(ModelDocumentationForm.label("MDF item: Release date and EU market release date. Is it in the current model documentation?"),
                       "Release date and EU market release date")
        XCTAssertEqual(ModelDocumentationForm.label("Something else"), "Something else")
    }

    func testDownstreamGetsExactlyItsItems() throws {
        let f = try form(.downstream)
        XCTAssertEqual(f.items.map(\.id), ["tr.mdf.general.identity", "tr.mdf.properties.size", "tr.mdf.use.integration_means"])
        XCTAssertEqual(f.sections.map(\.title), ["General information", "Model properties", "Use"])
        XCTAssertEqual(f.totalSections, 4)
        for format in ModelDocumentationForm.Format.allCases {
            let out = f.render(format)
            XCTAssertFalse(out.contains("SECRET"), "\(format): nothing meant only for the AI Office or authorities")
            XCTAssertFalse(out.contains("authenticity"), "\(format)")
            XCTAssertFalse(out.contains("Training process"), "\(format)")
        }
    }

    func testAIOfficeAndAuthorityItems() throws {
        XCTAssertEqual(try form(.aiOffice).items.map(\.id),
                       ["tr.mdf.general.identity", "tr.mdf.general.authenticity", "tr.mdf.properties.size", "tr.mdf.training.process"])
        XCTAssertEqual(try form(.authority).items.map(\.id), try form(.aiOffice).items.map(\.id))
    }

    func testStatesFactsAndEmptyItems() throws {
        let f = try form(.downstream)
        let byID = Dictionary(uniqueKeysWithValues: f.items.map { ($0.id, $0) })
        XCTAssertEqual(byID["tr.mdf.general.identity"]?.state, .documented)
        XCTAssertEqual(byID["tr.mdf.properties.size"]?.state, .missing)
        XCTAssertEqual(byID["tr.mdf.use.integration_means"]?.state, .unanswered)
        XCTAssertEqual(f.unanswered, 1)
        XCTAssertEqual(byID["tr.mdf.general.identity"]?.facts.map(\.label), ["Provider", "Model"])
        XCTAssertEqual(byID["tr.mdf.properties.size"]?.facts.map(\.value), ["7000000000"])
        let md = f.markdown()
        XCTAssertTrue(md.contains("| Technical means for integration `tr.mdf.use.integration_means` | **not answered** | *(empty)* | *(none)* | – |"), md)
        XCTAssertTrue(md.contains("| Document version number | 3.1 |"), md)
        XCTAssertTrue(md.contains("| Date the document was last updated | 31 Jan 2026 |"), md)
        XCTAssertTrue(md.contains("version 2.1.0"))
    }

    func testDateDefaultsToLatestAnswerAndVersionVisiblyMissing() throws {
        let f = try form(.downstream, version: nil, date: nil)
        XCTAssertEqual(f.documentDate, "2026-01-08", "latest answer among the downstream items")
        XCTAssertTrue(f.markdown().contains("| Document version number | *(not given)* |"))
        XCTAssertTrue(f.markdown().contains("8 Jan 2026 (latest answer to an item)"))
    }

    func testTransparencyNotApplicable() throws {
        let q = try ReportFixtures.mdfQuestionnaire()
        var s = ReportFixtures.mdfSession(q)
        s.answers["scope.gpai"] = Answer(value: .text("no"), by: "alice", at: generatedAt)
        let f = try form(.downstream, session: s)
        XCTAssertEqual(f.transparencyReason, "Only for general-purpose AI models")
        XCTAssertTrue(f.items.allSatisfy { $0.state == .notApplicable && $0.note == nil })
        XCTAssertTrue(f.markdown().contains("The Transparency chapter does not apply"))
    }

    func testNoItemsIsAnError() throws {
        let q = try ReportFixtures.mini()
        let s = ReportFixtures.session(q)
        XCTAssertThrowsError(try ModelDocumentationForm(session: s, questionnaire: q, evaluation: Evaluation(questionnaire: q, session: s),
                                                        audience: .downstream, generated: generatedAt))
    }

    func testGoldenFiles() throws {
        Golden.check(try form(.downstream).render(.md), "mdf-downstream.md")
        Golden.check(try form(.downstream).render(.html), "mdf-downstream.html")
        Golden.check(try form(.downstream).render(.json), "mdf-downstream.json")
        Golden.check(try form(.aiOffice).render(.md), "mdf-ai-office.md")
    }

    func testHostileNotesInEveryMDFFormat() throws {
        let f = try form(.aiOffice)
        for format in ModelDocumentationForm.Format.allCases {
            let out = f.render(format)
            XCTAssertFalse(out.unicodeScalars.contains("\u{1b}"), "\(format): no raw escape")
            XCTAssertFalse(out.unicodeScalars.contains("\u{7}"), "\(format): no raw bell")
            if format != .json { XCTAssertFalse(out.contains("<script>"), "\(format): no raw markup") }
        }
        try Python.require("html5lib", install: "python3 -m pip install html5lib")
        let r = try Python.run(Python.html5Check, input: f.html())
        let o = jsonObject(r.stdout) as? [String: Any]
        XCTAssertTrue(o?["error"] is NSNull, "html5lib: \(o?["error"] ?? r.stderr)")
        XCTAssertFalse((o?["tags"] as? [String] ?? []).contains("script"))
        XCTAssertTrue((o?["text"] as? String ?? "").contains("<script>x</script> | pipe"))
    }

    /// The real Code: eight sections for the AI Office; the downstream part is a strict subset.
    func testRealQuestionnaireSections() throws {
        let path = Fixtures.questionnairesFolder + "/gpai-cop-2025.json"
        guard FileManager.default.fileExists(atPath: path) else { return XCTFail("missing \(path)") }
        let q = try QuestionnaireLoader.load(path: path)
        let s = Session(id: "real", title: "Real", questionnaire: q, by: "t", at: generatedAt)
        let ev = Evaluation(questionnaire: q, session: s)
        let office = try ModelDocumentationForm(session: s, questionnaire: q, evaluation: ev, audience: .aiOffice, generated: generatedAt)
        let downstream = try ModelDocumentationForm(session: s, questionnaire: q, evaluation: ev, audience: .downstream, generated: generatedAt)
        XCTAssertEqual(office.totalSections, 8, "the form's eight sections")
        XCTAssertEqual(office.sections.count, 8)
        XCTAssertLessThan(downstream.items.count, office.items.count + 1)
        XCTAssertFalse(downstream.items.isEmpty)
        for it in downstream.items { XCTAssertTrue(it.audiences.contains(.downstream), it.id) }
        let officeIDs = Set(office.items.map(\.id))
        let downstreamOnly = downstream.items.filter { !officeIDs.contains($0.id) }
        for it in downstreamOnly { XCTAssertEqual(it.audiences, [.downstream], it.id) }
        for it in office.items + downstream.items {
            XCTAssertTrue(it.id.hasPrefix("tr.mdf."), it.id)
            XCTAssertFalse(it.label.contains("Is it in the current"), "label cut from the question: \(it.label)")
        }
    }

    /// "Documented" with no note: the form has nothing to show, so the item says "content missing" and is listed as a gap.
    func testDocumentedWithoutNoteIsContentMissing() throws {
        let q = try ReportFixtures.mdfQuestionnaire()
        var s = ReportFixtures.mdfSession(q)
        s.answers["tr.mdf.training.process"]!.note = nil
        s.answers["tr.mdf.general.authenticity"]!.note = "  \n "
        let f = try form(.aiOffice, session: s)
        XCTAssertEqual(f.contentMissing.map(\.id), ["tr.mdf.general.authenticity", "tr.mdf.training.process"])
        XCTAssertFalse(f.items.first { $0.id == "tr.mdf.properties.size" }!.contentMissing, "'not documented' is a gap of its own, not missing content")
        let formMD = f.markdown()
        XCTAssertTrue(formMD.contains("> **Content missing:** 2 items are answered as documented but have no note"), formMD)
        XCTAssertTrue(formMD.contains("| Training process `tr.mdf.training.process` | Documented and current | **content missing** |"), formMD)
        let html = f.html()
        XCTAssertTrue(html.contains("<div class=\"empty\">content missing</div>"))
        let json = try XCTUnwrap(jsonObject(f.render(.json)) as? [String: Any])
        XCTAssertEqual(json["contentMissing"] as? [String], ["tr.mdf.general.authenticity", "tr.mdf.training.process"])
        // The report's executive summary lists them as a gap of the form.
        let md = ReportRenderer.render(.md, session: s, questionnaire: q, generated: generatedAt)
        XCTAssertTrue(md.contains("Model Documentation Form: 2 items are answered as documented but have no content (an empty note): Model authenticity; Training process."), md)
        XCTAssertFalse(ReportRenderer.render(.md, session: ReportFixtures.mdfSession(q), questionnaire: q, generated: generatedAt).contains("have no content"))
        // With every note present nothing is flagged.
        XCTAssertTrue(try form(.aiOffice).contentMissing.isEmpty)
    }

    /// The header is a grid of label/value pairs (HTML) or a two-column table (Markdown), so values line up at any width.
    func testHeaderIsAGrid() throws {
        let f = try form(.downstream)
        let html = f.html()
        XCTAssertTrue(html.contains(".meta { color: var(--muted); margin: 0 0 .8rem; display: grid; grid-template-columns: max-content 1fr;"))
        XCTAssertTrue(html.contains("<dl class=\"meta\">\n<dt>Provider</dt><dd>Acme AI</dd>\n<dt>Model</dt><dd>Acme-7B v2</dd>"), html)
        XCTAssertTrue(f.markdown().contains("| Field | Value |\n|---|---|\n| Provider | Acme AI |\n| Model | Acme-7B v2 |\n"))
    }
}
