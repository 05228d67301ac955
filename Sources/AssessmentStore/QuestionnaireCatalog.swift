import AssessmentCore
import FoundationEssentials
import Synchronization

/// Finds questionnaire files: `GPAI_ASSESS_QUESTIONNAIRES` (colon-separated folders),
/// then the installed share folder next to the binary, then the checkout's `Questionnaires/`.
///
/// Loading is lazy: opening a session reads only `<id>.json` of its questionnaire (the file
/// name is the id by convention), and the whole folder set is read only when something asks for
/// the full list. The first folder that holds an id wins, so GPAI_ASSESS_QUESTIONNAIRES can
/// override a bundled questionnaire.
public final class QuestionnaireCatalog: @unchecked Sendable {
    public let folders: [String]
    private let lock = Mutex<Void>(())
    private var all: (questionnaires: [Questionnaire], problems: [(file: String, diagnostics: [Diagnostic])])?
    private var byID: [String: Questionnaire] = [:]

    /// Decoded questionnaires from earlier runs; nil: every load parses the file.
    public let cache: QuestionnaireCache?

    public init(folders: [String], cache: QuestionnaireCache? = nil) {
        self.folders = folders
        self.cache = cache
    }

    /// Every valid questionnaire, in folder order.
    public var questionnaires: [Questionnaire] { loadAll().questionnaires }
    /// Files that failed to load, with their diagnostics.
    public var problems: [(file: String, diagnostics: [Diagnostic])] { loadAll().problems }

    public static func defaultFolders(environment: [String: String], executable: String) -> [String] {
        defaultFolders(variable: { environment[$0] }, executable: executable)
    }

    /// Read with plain string paths and libc: URL's path functions took about half a millisecond of
    /// every start.
    public static func defaultFolders(variable: (String) -> String? = ProcessEnvironment.value,
                                      executable: String? = nil) -> [String] {
        var out: [String] = []
        if let extra = variable("GPAI_ASSESS_QUESTIONNAIRES") {
            out += extra.split(separator: ":").map(String.init).filter { !$0.isEmpty }
        }
        let cwd = ProcessEnvironment.currentDirectory
        // The running program (already resolved), or the file a test names.
        let exe = executable.map(ProcessEnvironment.resolvedPath) ?? ProcessEnvironment.executablePath(fallback: CommandLine.arguments.first ?? "")
        let bin = exe.droppingLastPathPart
        // Installed: PREFIX/bin/gpai-assess + PREFIX/share/gpai-assess/questionnaires
        out.append(bin.droppingLastPathPart + "/share/gpai-assess/questionnaires")
        // Next to the binary (a copied folder).
        out.append(bin + "/Questionnaires")
        // `swift run` from a checkout: .build/<config>/gpai-assess → ../../Questionnaires
        var dir = bin
        for _ in 0..<4 {
            dir = dir.droppingLastPathPart
            if ProcessEnvironment.exists(dir + "/Package.swift") {
                out.append(dir + "/Questionnaires")
                break
            }
        }
        #if DEBUG
        // `swift run` / `swift test` only: the source checkout this binary was built from. An installed
        // (release) binary never looks into the build machine's checkout.
        out.append("\(#filePath)".droppingLastPathPart.droppingLastPathPart.droppingLastPathPart + "/Questionnaires")
        #endif
        var seen: [String] = []  // a handful: an array is cheaper to start than a Set
        return out.filter {
            let p = $0.standardizedPath(from: cwd)
            if seen.contains(p) { return false }
            seen.append(p)
            return true
        }
    }

    private func loadAll() -> (questionnaires: [Questionnaire], problems: [(file: String, diagnostics: [Diagnostic])]) {
        lock.withLock { _ in loadAllLocked() }
    }

    private func loadAllLocked() -> (questionnaires: [Questionnaire], problems: [(file: String, diagnostics: [Diagnostic])]) {
        if let all { return all }
        var found: [String: Questionnaire] = [:]
        var order: [String] = []
        var problems: [(file: String, diagnostics: [Diagnostic])] = []
        for folder in folders {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
            for name in names.sorted() where name.hasSuffix(".json") && !name.hasSuffix(".schema.json") {
                let path = folder + "/" + name
                let (q, diags) = check(path, key: cache?.key(forSource: path))
                if let q, !diags.contains(where: { $0.severity == .error }) {
                    if found[q.id] == nil { found[q.id] = q; order.append(q.id) }
                } else {
                    problems.append((path, diags))
                }
            }
        }
        let result = (order.map { found[$0]! }, problems)
        all = result
        for q in result.0 { byID[q.id] = q }
        return result
    }

    /// The loader's result for a file, from the cache when it holds this version of the file (a hit
    /// carries no diagnostics: only files that loaded without errors are stored).
    /// `key`: the cache's key for `path` (its stat), nil without a cache.
    private func check(_ path: String, key: QuestionnaireCache.SourceKey?) -> (Questionnaire?, [Diagnostic]) {
        if let cache, let key, key.stamp.size <= Int64(QuestionnaireLoader.maxFileSize), var q = cache.load(key) {
            q.path = path
            return (q, [])
        }
        let (q, diags) = QuestionnaireLoader.check(path: path)
        if let cache, let key, let q, !diags.contains(where: { $0.severity == .error }) { cache.store(q, for: key) }
        return (q, diags)
    }

    /// The questionnaire `<id>.json` in the first folder that has that file, if it is valid and holds that id.
    private func quickLoad(_ id: String) -> Questionnaire? {
        lock.withLock { _ in quickLoadLocked(id) }
    }

    private func quickLoadLocked(_ id: String) -> Questionnaire? {
        if let q = byID[id] { return q }
        guard all == nil, !id.isEmpty, !id.contains("/"), !id.hasPrefix(".") else { return nil }
        for folder in folders {
            let path = folder + "/" + id + ".json"
            // The cache's key is the file's stat: one look at the file answers both questions.
            let key = cache?.key(forSource: path)
            guard key != nil || ProcessEnvironment.exists(path) else { continue }
            let (q, diags) = check(path, key: key)
            if let q, q.id == id, !diags.contains(where: { $0.severity == .error }) {
                byID[id] = q
                return q
            }
            return nil  // the file is there but unusable: the full scan reports why
        }
        return nil
    }

    /// The installed questionnaire with this id. An id is only ever an id (never read as a path):
    /// a session's questionnaire id comes from a file that may not be ours.
    public func questionnaire(_ id: String) throws(StoreError) -> Questionnaire {
        guard QuestionnaireLoader.isValidID(id) else { throw .noSuchQuestionnaire(AnswerInput.shown(id), known: questionnaires.map(\.id)) }
        if let q = quickLoad(id) { return q }
        if let q = questionnaires.first(where: { $0.id == id }) { return q }
        if let p = problems.first(where: { $0.file.hasSuffix("/\(id).json") }) {
            throw .questionnaireProblem("questionnaire '\(id)' has errors:\n" + p.diagnostics.map(\.description).joined(separator: "\n"))
        }
        throw .noSuchQuestionnaire(id, known: questionnaires.map(\.id))
    }

    /// What a person typed for a questionnaire (`new --questionnaire`, `outline`): an id, or a path to a `.json` file.
    public func questionnaire(argument: String) throws(StoreError) -> Questionnaire {
        if argument.hasSuffix(".json"), FileManager.default.fileExists(atPath: argument) {
            do { return try QuestionnaireLoader.load(path: argument) } catch { throw .questionnaireProblem(error.description) }
        }
        return try questionnaire(argument)
    }
}

/// Where a front end gets questionnaires: one by id when a session opens, all of them only when a
/// list is shown (the home screen, the new-assessment picker). Backed by the lazy catalog, so opening
/// a session reads only its own questionnaire file.
public struct QuestionnaireSource: @unchecked Sendable {
    public var all: () -> [Questionnaire]
    public var find: (String) -> Questionnaire?

    public init(all: @escaping () -> [Questionnaire], find: @escaping (String) -> Questionnaire?) {
        self.all = all
        self.find = find
    }

    public init(_ list: [Questionnaire]) {
        self.init(all: { list }, find: { id in list.first { $0.id == id } })
    }

    public init(_ catalog: QuestionnaireCatalog) {
        self.init(all: { catalog.questionnaires }, find: { try? catalog.questionnaire($0) })
    }
}
