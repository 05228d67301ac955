import AssessmentStore
import FoundationEssentials

/// Prints the HTML report to PDF with an installed tool: a headless Chromium (or Chrome) first, else wkhtmltopdf.
/// The HTML is the same file `report --format html` writes; the PDF is written atomically.
enum PDFPrinter {
    struct Engine {
        var name: String
        var path: String
        var isChromium: Bool
    }

    static let chromiumNames = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]
    static let installHint = "install a headless Chromium (e.g. 'apt-get install chromium') or wkhtmltopdf, or write --format html and print it to PDF from any browser"

    /// The first engine found on PATH.
    static func find(_ env: [String: String] = ProcessEnvironment.all) -> Engine? {
        func which(_ name: String) -> String? { Subprocess.find(name, environment: env) }
        for n in chromiumNames { if let p = which(n) { return Engine(name: "\(n) (headless)", path: p, isChromium: true) } }
        if let p = which("wkhtmltopdf") { return Engine(name: "wkhtmltopdf", path: p, isChromium: false) }
        return nil
    }

    /// Renders `html` to a PDF at `output`; returns the engine used.
    static func write(html: String, to output: String, force: Bool) throws -> Engine {
        if !force && FileManager.default.fileExists(atPath: output) {
            throw CLIError("'\(output)' already exists; use --force to overwrite")
        }
        guard let engine = find() else { throw CLIError("cannot write a PDF: no headless browser found; \(installHint)") }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("gpai-assess-pdf-\(UUID().uuidString)")
        do { try FileManager.default.createDirectory(at: work, withIntermediateDirectories: false) }
        catch { throw CLIError("cannot create a temporary folder: \(error)", code: Exit.ioError) }
        defer { try? FileManager.default.removeItem(at: work) }
        let page = work.appendingPathComponent("report.html"), pdf = work.appendingPathComponent("report.pdf")
        do { try FileIO.atomicWrite(Array(html.utf8), to: page.path) } catch { throw CLIError("\(error)", code: Exit.ioError) }
        let args = engine.isChromium
            ? ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--user-data-dir=" + work.appendingPathComponent("profile").path,
               "--print-to-pdf=" + pdf.path, page.absoluteString]
            : ["--quiet", "--print-media-type", "--enable-local-file-access", page.path, pdf.path]
        let status: Int32
        do { status = try Subprocess.run(engine.path, args).status } catch { throw CLIError("cannot run \(engine.path): \(error)") }
        let bytes = (try? FileIO.read(pdf.path, limit: 512 * 1024 * 1024)) ?? []
        guard bytes.starts(with: Array("%PDF-".utf8)) else {
            throw CLIError("\(engine.name) did not produce a PDF (exit status \(status)); \(installHint)")
        }
        do { try FileIO.atomicWrite(bytes, to: output) } catch { throw CLIError("\(error)", code: Exit.ioError) }
        return engine
    }
}
