import AssessmentCore
import Foundation
import Reports
import TestSupport
import XCTest

/// docs/gpai-cop-2025.md is the reviewer's copy of `gpai-assess outline gpai-cop-2025 --format md`;
/// it must be regenerated whenever the questionnaire or the outline renderer changes.
final class OutlineDocTests: XCTestCase {
    /// What the CLI prints: the Markdown with a final newline.
    func expected(_ q: Questionnaire) -> String {
        let md = QuestionnaireOutline.markdown(q)
        return md.hasSuffix("\n") ? md : md + "\n"
    }

    func firstDifference(_ a: String, _ b: String) -> String {
        let la = a.components(separatedBy: "\n"), lb = b.components(separatedBy: "\n")
        for i in 0..<max(la.count, lb.count) where (i < la.count ? la[i] : nil) != (i < lb.count ? lb[i] : nil) {
            return "first difference at line \(i + 1):\n  doc:       \(i < la.count ? la[i] : "<end of file>")\n  generated: \(i < lb.count ? lb[i] : "<end of output>")"
        }
        return ""
    }

    func testOutlineDocIsCurrent() throws {
        let q = try Shipped.final()
        let path = Shipped.outlineDocPath
        guard let doc = try? String(contentsOfFile: path, encoding: .utf8) else {
            return XCTFail("\(path) is missing; generate it with: \(Shipped.regenerateOutlineCommand)")
        }
        let want = expected(q)
        if doc != want {
            XCTFail("docs/gpai-cop-2025.md is stale; regenerate it with: \(Shipped.regenerateOutlineCommand)\n\(firstDifference(doc, want))")
        }
    }

    func testOutlineDocCoversEveryMeasureAndQuestion() throws {
        let q = try Shipped.final()
        let doc = (try? String(contentsOfFile: Shipped.outlineDocPath, encoding: .utf8)) ?? ""
        for e in MeasuresTests.measures {
            XCTAssertTrue(doc.contains("Measure \(e.number) \(Markdown.escape(e.title))"), "\(e.chapter) Measure \(e.number) not in the doc")
        }
        for id in q.index.questionOrder { XCTAssertTrue(doc.contains("`\(id)`"), "\(id) not in the doc") }
    }

    /// The documented command itself prints the same text.
    func testCommandPrintsTheDoc() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: Fixtures.binary), "gpai-assess is not built")
        let store = Fixtures.temporaryDirectory("qtests")
        defer { try? FileManager.default.removeItem(atPath: store) }
        let r = try runCLI(["outline", Shipped.finalID, "--format", "md"], store: store,
                           env: ["GPAI_ASSESS_QUESTIONNAIRES": Fixtures.questionnairesFolder])
        XCTAssertEqual(r.status, 0, r.stderr)
        let q = try Shipped.final()
        XCTAssertEqual(r.stdout, expected(q), firstDifference(r.stdout, expected(q)))
    }
}
