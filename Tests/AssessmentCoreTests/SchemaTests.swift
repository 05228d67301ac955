import Foundation
import TestSupport
import XCTest

/// The JSON Schema in Questionnaires/ accepts every bundled questionnaire (checked with
/// Python's jsonschema, which .ci/run installs) and rejects a broken one.
final class SchemaTests: XCTestCase {
    func runChecker(_ args: [String]) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", Fixtures.packageRoot.appendingPathComponent("Tests/Scripts/check_schema.py").path] + args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, text)
    }

    override func setUpWithError() throws {
        try Prerequisite.requirePython("jsonschema", install: "python3 -m pip install jsonschema")
    }

    func testBundledQuestionnairesMatchTheSchema() throws {
        let (status, text) = try runChecker([])
        XCTAssertNotEqual(status, 2, "python3 jsonschema is missing: pip install jsonschema (.ci/run does)")
        XCTAssertEqual(status, 0, text)
    }

    func testSchemaRejectsABrokenFile() throws {
        let dir = Fixtures.temporaryDirectory("schema")
        let bad = dir + "/bad.json"
        try #"{"formatVersion": 1, "id": "b", "title": "B", "version": "1", "nodes": [{"id": "m", "kind": "measure", "title": "M", "questions": [{"id": "q", "type": "graded", "text": "Q", "options": [{"value": "yes", "label": "Y"}], "wieght": 2}]}]}"#
            .write(toFile: bad, atomically: true, encoding: .utf8)
        let (status, text) = try runChecker([bad])
        XCTAssertEqual(status, 1, text)
    }
}
