import AssessmentStore
import FoundationEssentials

/// The git command line on the store folder: hooks disabled, never prompting, messages in English.
struct Git {
    let executable: String
    let root: String
    var environment: [String: String]

    init(root: String, user: String) throws(SyncError) {
        let env = ProcessEnvironment.all
        guard let git = Subprocess.find("git", environment: env) else { throw .gitMissing }
        executable = git
        self.root = root
        var e = env.filter { !$0.key.hasPrefix("GIT_") || $0.key == "GIT_SSH_COMMAND" || $0.key == "GIT_SSH" }
        e["GIT_TERMINAL_PROMPT"] = "0"
        e["LC_ALL"] = "C"
        e["GIT_AUTHOR_NAME"] = user
        e["GIT_COMMITTER_NAME"] = user
        if e["EMAIL"] == nil { e["EMAIL"] = "\(CurrentUser.name)@\(ProcessInfo.processInfo.hostName)" }
        environment = e
    }

    static let safety = ["-c", "core.hooksPath=/dev/null", "-c", "core.fsmonitor=false", "-c", "core.autocrlf=false",
                         "-c", "gc.autoDetach=false", "-c", "advice.detachedHead=false"]

    @discardableResult
    func run(_ args: [String], input: [UInt8]? = nil, allowFailure: Bool = false) throws(SyncError) -> Subprocess.Result {
        let r: Subprocess.Result
        do { r = try Subprocess.run(executable, Git.safety + ["-C", root] + args, environment: environment, input: input) } catch {
            throw .gitFailed(command: args.first ?? "", message: error.description)
        }
        if !r.ok && !allowFailure { throw .gitFailed(command: args.prefix(2).joined(separator: " "), message: Git.firstLine(r.stderr)) }
        return r
    }

    func line(_ args: [String]) throws(SyncError) -> String {
        try run(args).text.trimmingWhitespaceAndNewlines()
    }

    /// The commit a ref names, or nil when it does not exist.
    func commit(_ ref: String) -> String? {
        guard let r = try? run(["rev-parse", "-q", "--verify", ref + "^{commit}"], allowFailure: true), r.ok else { return nil }
        let s = r.text.trimmingWhitespaceAndNewlines()
        return s.isEmpty ? nil : s
    }

    static func firstLine(_ s: String) -> String {
        let lines = s.split(separator: "\n").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        return lines.first { $0.hasPrefix("fatal:") || $0.hasPrefix("error:") } ?? lines.first ?? "no message"
    }

    /// NUL-separated fields.
    static func fields(_ bytes: [UInt8]) -> [String] {
        bytes.split(separator: 0, omittingEmptySubsequences: true).map { String(decoding: $0, as: UTF8.self) }
    }

    struct TreeChange {
        var path: String
        var mode: String
        var blob: String
        var deleted: Bool
    }

    static let emptyTree = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"

    /// Files that differ between two commits (nil `from`: everything in `to`).
    func changes(from: String?, to: String) throws(SyncError) -> [TreeChange] {
        let out = try run(["diff-tree", "-r", "-z", "--no-renames", "--no-commit-id", from ?? Git.emptyTree, to]).stdout
        let f = Git.fields(out)
        var result: [TreeChange] = []
        var i = 0
        while i + 1 < f.count {
            // ":oldmode newmode oldsha newsha status" then the path.
            let meta = f[i].split(separator: " ")
            let path = f[i + 1]
            i += 2
            guard meta.count >= 5 else { continue }
            let status = meta[4]
            result.append(TreeChange(path: path, mode: String(meta[1]), blob: String(meta[3]), deleted: status.hasPrefix("D")))
        }
        return result
    }

    /// Sizes of objects by id (missing objects are absent).
    func sizes(_ ids: [String]) throws(SyncError) -> [String: Int] {
        if ids.isEmpty { return [:] }
        let out = try run(["cat-file", "--batch-check"], input: Array(ids.joined(separator: "\n").utf8) + [0x0A]).text
        var d: [String: Int] = [:]
        for line in out.split(separator: "\n") {
            let p = line.split(separator: " ")
            if p.count == 3, let n = Int(p[2]) { d[String(p[0])] = n }
        }
        return d
    }

    /// Contents of objects named by id or `<commit>:<path>`, keyed by the name asked for; read in one process.
    func blobs(_ names: [String]) throws(SyncError) -> [String: [UInt8]] {
        if names.isEmpty { return [:] }
        let out = try run(["cat-file", "--batch"], input: Array(names.joined(separator: "\n").utf8) + [0x0A]).stdout
        var d: [String: [UInt8]] = [:]
        var i = 0
        // Answers come in the order asked: "<id> <type> <size>\n<content>\n", or "<name> missing\n".
        for name in names {
            guard i < out.count, let nl = out[i...].firstIndex(of: 0x0A) else { break }
            let header = String(decoding: out[i..<nl], as: UTF8.self).split(separator: " ")
            i = nl + 1
            guard header.count == 3, let n = Int(header[2]) else { continue }
            d[name] = Array(out[i..<min(out.count, i + n)])
            i += n + 1
        }
        return d
    }
}
