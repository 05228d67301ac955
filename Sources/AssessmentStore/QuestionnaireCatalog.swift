import AssessmentCore
import Foundation

/// Finds questionnaire files: `GPAI_ASSESS_QUESTIONNAIRES` (colon-separated folders),
/// then the installed share folder next to the binary, then the checkout's `Questionnaires/`.
public struct QuestionnaireCatalog: Sendable {
    public var folders: [String]
    public private(set) var questionnaires: [Questionnaire] = []
    /// Files that failed to load, with their diagnostics.
    public private(set) var problems: [(file: String, diagnostics: [Diagnostic])] = []

    public init(folders: [String]) {
        self.folders = folders
        load()
    }

    public static func defaultFolders(environment: [String: String] = ProcessInfo.processInfo.environment,
                                      executable: String = CommandLine.arguments.first ?? "") -> [String] {
        var out: [String] = []
        if let extra = environment["GPAI_ASSESS_QUESTIONNAIRES"] {
            out += extra.split(separator: ":").map(String.init).filter { !$0.isEmpty }
        }
        let exe = URL(fileURLWithPath: executable).resolvingSymlinksInPath()
        let bin = exe.deletingLastPathComponent()
        // Installed: PREFIX/bin/gpai-assess + PREFIX/share/gpai-assess/questionnaires
        out.append(bin.deletingLastPathComponent().appendingPathComponent("share/gpai-assess/questionnaires").path)
        // Next to the binary (a copied folder).
        out.append(bin.appendingPathComponent("Questionnaires").path)
        // `swift run` from a checkout: .build/<config>/gpai-assess → ../../Questionnaires
        var dir = bin
        for _ in 0..<4 {
            dir = dir.deletingLastPathComponent()
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
                out.append(dir.appendingPathComponent("Questionnaires").path)
                break
            }
        }
        // The source checkout this binary was built from.
        let src = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        out.append(src.appendingPathComponent("Questionnaires").path)
        var seen = Set<String>()
        return out.filter { seen.insert(URL(fileURLWithPath: $0).standardizedFileURL.path).inserted }
    }

    mutating func load() {
        var byID: [String: Questionnaire] = [:]
        var order: [String] = []
        for folder in folders {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
            for name in names.sorted() where name.hasSuffix(".json") && !name.hasSuffix(".schema.json") {
                let path = folder + "/" + name
                let (q, diags) = QuestionnaireLoader.check(path: path)
                if let q, !diags.contains(where: { $0.severity == .error }) {
                    // The first folder wins, so GPAI_ASSESS_QUESTIONNAIRES can override a bundled one.
                    if byID[q.id] == nil { byID[q.id] = q; order.append(q.id) }
                } else {
                    problems.append((path, diags))
                }
            }
        }
        questionnaires = order.map { byID[$0]! }
    }

    public func questionnaire(_ id: String) throws(StoreError) -> Questionnaire {
        if let q = questionnaires.first(where: { $0.id == id }) { return q }
        // A path to a file works too.
        if id.hasSuffix(".json"), FileManager.default.fileExists(atPath: id) {
            do { return try QuestionnaireLoader.load(path: id) } catch { throw .questionnaireProblem(error.description) }
        }
        if let p = problems.first(where: { $0.file.hasSuffix("/\(id).json") }) {
            throw .questionnaireProblem("questionnaire '\(id)' has errors:\n" + p.diagnostics.map(\.description).joined(separator: "\n"))
        }
        throw .noSuchQuestionnaire(id, known: questionnaires.map(\.id))
    }
}
