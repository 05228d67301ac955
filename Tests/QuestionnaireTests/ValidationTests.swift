import AssessmentCore
import AssessmentStore
import Foundation
import TestSupport
import XCTest

/// Both shipped questionnaires load cleanly: no validation errors and no warnings.
final class ValidationTests: XCTestCase {
    func check(_ path: String, id: String) {
        let (q, diags) = QuestionnaireLoader.check(path: path)
        XCTAssertNotNil(q, path)
        XCTAssertEqual(diags, [], "\(path):\n" + diags.map(\.description).joined(separator: "\n"))
        XCTAssertEqual(q?.id, id)
    }

    func testFinalCodeHasNoErrorsOrWarnings() { check(Shipped.finalPath, id: Shipped.finalID) }

    func testDraftHasNoErrorsOrWarnings() { check(Shipped.draftPath, id: Shipped.draftID) }

    func testCatalogFindsBoth() throws {
        let catalog = QuestionnaireCatalog(folders: [Fixtures.questionnairesFolder])
        XCTAssertTrue(catalog.problems.isEmpty, catalog.problems.map { "\($0.file): \($0.diagnostics)" }.joined(separator: "\n"))
        XCTAssertEqual(Set(catalog.questionnaires.map(\.id)), [Shipped.finalID, Shipped.draftID])
        XCTAssertEqual(try catalog.questionnaire(Shipped.finalID).digest, try Shipped.final().digest)
    }

    /// `gpai-assess validate` on both files, as the check and CI run it.
    func testValidateCommand() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: Fixtures.binary), "gpai-assess is not built")
        let store = Fixtures.temporaryDirectory("qtests")
        defer { try? FileManager.default.removeItem(atPath: store) }
        let r = try runCLI(["validate", Shipped.finalPath, Shipped.draftPath], store: store)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertFalse(r.stdout.contains(": warning:") || r.stdout.contains(": error:"), r.stdout)
        XCTAssertTrue(r.stdout.contains("\(Shipped.finalPath): ok: '\(Shipped.finalID)'"), r.stdout)
        XCTAssertTrue(r.stdout.contains("40 measures"), r.stdout)
        XCTAssertTrue(r.stdout.contains("\(Shipped.draftPath): ok: '\(Shipped.draftID)'"), r.stdout)
    }
}
