import AssessmentCore
import Foundation
import TestSupport
import XCTest

/// `report --format pdf` (where a headless browser is installed) and `details` (organisation and model set later).
final class PDFAndDetailsTests: XCTestCase {
    var store = ""

    override func setUp() { store = Fixtures.temporaryDirectory("cli-pdf") }
    override func tearDown() { try? FileManager.default.removeItem(atPath: store) }

    @discardableResult
    func run(_ args: [String], env: [String: String] = [:], expect status: Int32 = 0, file: StaticString = #filePath, line: UInt = #line) throws -> RunResult {
        let r = try runCLI(args, store: store, env: env)
        XCTAssertEqual(r.status, status, "gpai-assess \(args.joined(separator: " "))\nstdout: \(r.stdout)\nstderr: \(r.stderr)", file: file, line: line)
        return r
    }

    func session() throws -> String {
        let id = try run(["new", "-q", "mini", "-t", "Acme PDF", "--no-tui"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try run(["answer", id, "scope.gpai", "yes"])
        try run(["answer", id, "tr.1.1.q1", "partly", "--evidence", "https://docs.example.com/mdf-v3", "--evidence", "javascript:alert(1)"])
        return id
    }

    /// The tool the binary would pick from PATH, or nil.
    static func installedEngine() -> String? {
        let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        for n in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "wkhtmltopdf"] {
            if dirs.contains(where: { FileManager.default.isExecutableFile(atPath: $0 + "/" + n) }) { return n }
        }
        return nil
    }

    func testPDFWithAnInstalledBrowser() throws {
        guard let engine = Self.installedEngine() else {
            throw XCTSkip("PDF output needs a headless Chromium (chromium) or wkhtmltopdf; neither is installed")
        }
        let id = try session()
        let path = store + "/report.pdf"
        let r = try run(["report", id, "--format", "pdf", "-o", path])
        XCTAssertTrue(r.stderr.contains("wrote \(path) with \(engine)"), "says which tool was used: \(r.stderr)")
        let bytes = fileBytes(path)
        XCTAssertTrue(bytes.starts(with: Array("%PDF-".utf8)), "a PDF file")
        XCTAssertGreaterThan(bytes.count, 2000)
        try run(["report", id, "--format", "pdf", "-o", path], expect: 2)
        try run(["report", id, "--format", "pdf", "-o", path, "--force"])
        try run(["report", id, "--format", "pdf"], expect: 2)  // no -o: a PDF never goes to standard output
    }

    func testPDFWithoutABrowserNamesWhatToInstall() throws {
        let id = try session()
        let empty = Fixtures.temporaryDirectory("no-tools")
        defer { try? FileManager.default.removeItem(atPath: empty) }
        let path = store + "/report.pdf"
        let r = try run(["report", id, "--format", "pdf", "-o", path], env: ["PATH": empty], expect: 2)
        XCTAssertTrue(r.stderr.contains("chromium") && r.stderr.contains("wkhtmltopdf") && r.stderr.contains("print it to PDF from any browser"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path), "nothing written")
    }

    func testDetailsAreSetLaterAndShownInReports() throws {
        let id = try run(["new", "-q", "mini", "-t", "Acme", "--model", "Acme-7B", "--model-version", "1.0", "--no-tui"])
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertTrue(try run(["details", id]).stdout.contains("Organisation: –\nModel: Acme-7B\nModel version: 1.0"))
        try run(["details", id, "--organisation", "Acme AI GmbH", "--model-version", "2.1"])
        let shown = try run(["details", id]).stdout
        XCTAssertTrue(shown.contains("Organisation: Acme AI GmbH\nModel: Acme-7B\nModel version: 2.1"), shown)
        let md = try run(["report", id, "--format", "md"]).stdout
        XCTAssertTrue(md.contains("- Organisation: Acme AI GmbH\n- Model: Acme-7B, version 2.1\n"), md)
        // Bad input is refused with the input quoted; the session is unchanged.
        let bad = try run(["details", id, "--organisation", "Acme\nEvil"], expect: 2)
        XCTAssertTrue(bad.stderr.contains("invalid --organisation 'Acme"), bad.stderr)
        XCTAssertTrue(try run(["details", id]).stdout.contains("Organisation: Acme AI GmbH"))
        // An empty value clears a field.
        try run(["details", id, "--model-version", ""])
        XCTAssertTrue(try run(["details", id]).stdout.contains("Model version: –"))
    }
}
