#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AssessmentCore
import AssessmentStore
import FoundationEssentials

/// Carries a store between machines through git. The session files in the folder stay the
/// source of truth: local changes are committed first, the remote's are fetched, and every
/// session changed on both sides is merged with `SessionMerge` and written back atomically
/// under its session lock. Git never checks anything out into the store, so whatever the
/// remote holds reaches the disk only after it has been read and checked here.
public struct StoreSyncer: Sendable {
    public struct Options: Sendable {
        public var remote: String?
        public var push = true
        public var dryRun = false
        public var attempts = 5
        /// Behind the full screen: nothing may prompt (SSH in batch mode, with a connect timeout).
        public var background = false
        public init(remote: String? = nil, push: Bool = true, dryRun: Bool = false, background: Bool = false) {
            self.remote = remote; self.push = push; self.dryRun = dryRun; self.background = background
        }
    }

    public let store: SessionStore
    public let user: String
    /// The program git runs as the merge driver (`<it> merge-driver %O %A %B`).
    public let driver: String?
    /// Names the measures a set of question ids belongs to, for commit messages ("Transparency 1.1–1.3").
    public var measures: (@Sendable (Session, [String]) -> String?)?
    /// Remote files above this size are refused.
    public static let sizeLimit = 32 * 1024 * 1024
    public static let branch = "main"
    static let remoteRef = "refs/remotes/origin/main"
    /// How git names sessions: `sessions/<id>.json`.
    static func path(_ id: String) -> String { "sessions/\(id).json" }

    public init(store: SessionStore, user: String, driver: String? = nil) {
        self.store = store; self.user = user; self.driver = driver
    }

    public static func isRepository(_ store: SessionStore) -> Bool {
        var st = stat()
        return lstat(store.root + "/.git", &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// The recorded remote URL, read from the repository's config without running git.
    public static func remoteURL(_ store: SessionStore) -> String? {
        guard let text = gitConfig(store.root + "/.git") else { return nil }
        return remoteURL(inConfig: text)
    }

    /// The text of a repository's config file, nil when there is none. Read with `FileIO`: the full
    /// screen asks at start-up, where Foundation's file reading (a URL parsed per path) cost a tenth of
    /// a millisecond.
    static func gitConfig(_ dotGit: String) -> String? {
        guard let bytes = try? FileIO.read(dotGit + "/config", limit: 1 << 20, followLinks: true) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The `origin` URL in the text of a git config file.
    static func remoteURL(inConfig text: String) -> String? {
        var inOrigin = false
        for raw in text.split(separator: "\n") {
            let line = raw.trimmingWhitespace()
            if line.hasPrefix("[") { inOrigin = line == "[remote \"origin\"]"; continue }
            if inOrigin, line.hasPrefix("url") {
                return line.split(separator: "=", maxSplits: 1).last.map { $0.trimmingWhitespace() }
            }
        }
        return nil
    }

    // MARK: - Sync

    public func sync(_ o: Options = Options()) throws(SyncError) -> SyncReport {
        if let url = o.remote { try Self.checkRemote(url) }
        do { try FileIO.ensureDirectory(store.sessionsDirectory, mode: store.directoryMode) } catch {
            throw .storeNotWritable(path: store.sessionsDirectory, reason: "\(error)")
        }
        let result: Result<SyncReport, SyncError>
        do {
            result = try FileIO.withExclusiveLock(store.root + "/.gpai-sync.lock", mode: store.fileMode) {
                do { return .success(try locked(o)) } catch let e as SyncError { return .failure(e) }
            }
        } catch let e as StoreError {
            throw .storeNotWritable(path: store.root, reason: e.description)
        } catch { throw .storeNotWritable(path: store.root, reason: "\(error)") }
        return try result.get()
    }

    func locked(_ o: Options) throws(SyncError) -> SyncReport {
        var git = try Git(root: store.root, user: user)
        if o.background && git.environment["GIT_SSH_COMMAND"] == nil && git.environment["GIT_SSH"] == nil {
            git.environment["GIT_SSH_COMMAND"] = "ssh -o BatchMode=yes -o ConnectTimeout=10"
        }
        if o.dryRun && !Self.isRepository(store) {
            var r = SyncReport()
            r.dryRun = true
            r.pendingLocal = store.ids()
            return r
        }
        let settingsChanged = try prepare(git, remote: o.remote)
        var report = SyncReport()
        report.dryRun = o.dryRun
        var staged = Staged()
        if o.dryRun {
            report.pendingLocal = try localChanges(git).map(\.id)
        } else {
            staged = try stageLocal(git, report: &report, settingsChanged: settingsChanged)
        }
        for attempt in 1...max(1, o.attempts) {
            report.attempts = attempt
            try fetch(git)
            // Local changes go into the same commit as the merge: one commit per sync.
            try mergeRemote(git, report: &report, dryRun: o.dryRun, staged: staged)
            staged = Staged()
            if o.dryRun || !o.push { return report }
            switch try push(git) {
            case .nothing: return report
            case .pushed: report.pushed = true; return report
            case .rejected: continue
            }
        }
        throw .pushRejected(attempts: o.attempts)
    }

    static func checkRemote(_ url: String) throws(SyncError) {
        let shown = AnswerInput.shown(url)
        if url.isEmpty || url.hasPrefix("-") || url.hasControlCharacters { throw .badRemote(shown, reason: "give a path, an SSH address or an https URL") }
        if url.lowercased().hasPrefix("ext::") || url.lowercased().hasPrefix("fd::") { throw .badRemote(shown, reason: "this transport is not allowed") }
        if let scheme = url.firstRange(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@") {
            let userinfo = url[scheme.upperBound..<at]
            if userinfo.contains(":") {
                throw .badRemote("(not shown: it holds a password)", reason: "the URL carries a password; use an SSH key or a git credential helper instead")
            }
        }
    }

    /// A repository in the store, our ignore rules and merge driver, and the remote.
    /// True when `.gitattributes` was (re)written and so needs committing.
    @discardableResult
    func prepare(_ git: Git, remote: String?) throws(SyncError) -> Bool {
        let dotGit = store.root + "/.git"
        // Read once: `git init` and the settings below never add or change the remote.
        let config = Self.gitConfig(dotGit) ?? ""
        let recorded = Self.remoteURL(inConfig: config)
        if remote == nil && recorded == nil { throw .noRemote }
        if !Self.isRepository(store) {
            try git.run(["init", "-q", "-b", Self.branch] + (store.isShared ? ["--shared=group"] : []))
        }
        for lock in ["index.lock", "HEAD.lock", "packed-refs.lock", "config.lock", "refs/heads/main.lock", "refs/remotes/origin/main.lock"] {
            // We hold the sync lock: a lock file left here is from a sync that was killed.
            unlink(dotGit + "/" + lock)
        }
        try writeIfChanged(dotGit + "/info/exclude", Self.exclude)
        let settingsChanged = try writeIfChanged(store.root + "/.gitattributes", Self.attributes)
        if let driver {
            let command = "\(Self.shellQuote(driver)) merge-driver %O %A %B"
            if !config.contains("driver = " + command.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"")) {
                try git.run(["config", "merge.gpai-assess.name", "gpai-assess: merge sessions answer by answer"])
                try git.run(["config", "merge.gpai-assess.driver", command])
            }
        }
        if !config.contains("hooksPath") { try git.run(["config", "core.hooksPath", "/dev/null"]) }
        if let remote {
            if recorded == nil { try git.run(["remote", "add", "origin", remote]) }
            else if recorded != remote { try git.run(["remote", "set-url", "origin", remote]) }
        }
        return settingsChanged
    }

    static let exclude = """
        # Written by gpai-assess: only session files and .gitattributes are synced.
        /*
        !/sessions/
        !/.gitattributes
        /sessions/*
        !/sessions/*.json
        /sessions/.*

        """
    static let attributes = "sessions/*.json merge=gpai-assess\n"

    @discardableResult
    func writeIfChanged(_ path: String, _ text: String) throws(SyncError) -> Bool {
        if (try? FileIO.read(path)) == Array(text.utf8) { return false }
        do {
            try FileIO.ensureDirectory(path.droppingLastPathPart, mode: store.directoryMode)
            try FileIO.atomicWrite(Array(text.utf8), to: path, mode: store.fileMode)
        } catch { throw .storeNotWritable(path: path, reason: error.description) }
        return true
    }

    static func shellQuote(_ s: String) -> String { "'" + s.replacingAll("'", with: "'\\''") + "'" }

    // MARK: Local changes

    struct LocalChange { var id: String; var path: String; var exists: Bool }

    /// Session files that differ from the last commit (git's view of the folder).
    func localChanges(_ git: Git) throws(SyncError) -> [LocalChange] {
        let out = try git.run(["status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames", "--", "sessions"]).stdout
        var result: [LocalChange] = []
        for entry in Git.fields(out) where entry.count > 3 {
            let path = String(entry.dropFirst(3))
            guard let id = Self.sessionID(path) else { continue }
            var st = stat()
            result.append(LocalChange(id: id, path: path, exists: lstat(store.root + "/" + path, &st) == 0))
        }
        return result
    }

    /// `sessions/<valid id>.json` → id.
    static func sessionID(_ path: String) -> String? {
        guard path.hasPrefix("sessions/"), path.hasSuffix(".json") else { return nil }
        let id = String(path.dropFirst(9).dropLast(5))
        return SessionStore.isValidID(id) ? id : nil
    }

    /// Commits the session files changed here; unreadable ones are left out with a warning.
    /// Local changes in the index, not yet committed: their commit message and session ids.
    struct Staged {
        var message: String?
        var ids: Set<String> = []
        /// The session files read for the message, so that the merge need not decode them again.
        var read: [String: Local] = [:]
    }

    /// Commits the session files changed here (used where no merge follows).
    func commitLocal(_ git: Git, report: inout SyncReport, settingsChanged: Bool = true) throws(SyncError) -> String? {
        let staged = try stageLocal(git, report: &report, settingsChanged: settingsChanged)
        guard let message = staged.message else { return nil }
        let head = git.commit("HEAD")
        try commit(git, tree: try git.line(["write-tree"]), parents: head.map { [$0] } ?? [], message: message, expected: head)
        return message
    }

    /// Puts the session files changed here in the index (unreadable ones are left out with a
    /// warning) and writes the message describing them; nil message when nothing changed.
    func stageLocal(_ git: Git, report: inout SyncReport, settingsChanged: Bool = true) throws(SyncError) -> Staged {
        var paths: [String] = [".gitattributes"]
        var changes: [CommitMessage.Change] = []
        var newSessions: [String: Session] = [:]
        var read: [String: Local] = [:]
        let local = try localChanges(git)
        // Nothing changed here since the last commit: no need to ask git to build a tree.
        if local.isEmpty && !settingsChanged && git.commit("HEAD") != nil { return Staged() }
        for c in local {
            if c.exists {
                let l = readLocal(c.id)
                if case let .session(_, s) = l, s.id == c.id {
                    newSessions[c.id] = s; paths.append(c.path); read[c.id] = l
                    continue
                }
                // Why it cannot be synced, in the words of a listing.
                switch store.entry(for: c.id) {
                case let .session(s, _): newSessions[c.id] = s; paths.append(c.path)
                case let .unreadable(_, _, reason): report.warnings.append("\(c.path) not synced: \(reason)")
                }
            } else {
                paths.append(c.path)
                changes.append(CommitMessage.Change(id: c.id, old: nil, new: nil))
            }
        }
        try git.run(["update-index", "--add", "--remove", "-z", "--stdin"], input: Array(paths.joined(separator: "\0").utf8) + [0])
        let tree = try git.line(["write-tree"])
        let head = git.commit("HEAD")
        if let head, (try? git.line(["rev-parse", head + "^{tree}"])) == tree { return Staged() }
        // An empty store joining a remote: nothing of ours to commit yet.
        if head == nil && newSessions.isEmpty && changes.isEmpty { return Staged() }
        // The old versions, for the message.
        let ids = changes.map(\.id) + newSessions.keys.sorted()
        let olds = head == nil ? [:] : (try? git.blobs(ids.map { "\(head!):\(Self.path($0))" })) ?? [:]
        var list: [CommitMessage.Change] = []
        for id in ids {
            let old = olds["\(head ?? ""):\(Self.path(id))"].flatMap { try? SessionCodec.decode($0) }
            list.append(CommitMessage.Change(id: id, old: old, new: newSessions[id]))
        }
        let describe = measures
        let message = list.isEmpty ? "\(user): store settings\n"
            : CommitMessage.make(user: user, changes: list, measures: { s, qs in describe?(s, qs) })
        return Staged(message: message, ids: Set(ids), read: read)
    }

    func commit(_ git: Git, tree: String, parents: [String], message: String, expected: String?) throws(SyncError) {
        let c = try git.run(["commit-tree", tree] + parents.flatMap { ["-p", $0] }, input: Array(message.utf8)).text
            .trimmingWhitespaceAndNewlines()
        try git.run(["update-ref", "-m", "gpai-assess sync", "HEAD", c] + (expected.map { [$0] } ?? []))
    }

    // MARK: Remote

    func fetch(_ git: Git) throws(SyncError) {
        let r = try git.run(["fetch", "-q", "--no-tags", "--no-recurse-submodules", "origin",
                             "+refs/heads/\(Self.branch):\(Self.remoteRef)"], allowFailure: true)
        if r.ok { return }
        if r.stderr.contains("couldn't find remote ref") { return }  // an empty remote
        throw Self.classify(r.stderr, writing: store.root)
    }

    enum Pushed { case nothing, pushed, rejected }

    /// `.rejected` when the remote moved first (fetch and merge again).
    func push(_ git: Git) throws(SyncError) -> Pushed {
        guard let head = git.commit("HEAD") else { return .nothing }
        if git.commit(Self.remoteRef) == head { return .nothing }
        let r = try git.run(["push", "-q", "--no-verify", "origin", "HEAD:refs/heads/\(Self.branch)"], allowFailure: true)
        if r.ok {
            _ = try? git.run(["update-ref", Self.remoteRef, head])
            return .pushed
        }
        let e = r.stderr
        if e.contains("[rejected]") || e.contains("non-fast-forward") || e.contains("fetch first") || e.contains("cannot lock ref") { return .rejected }
        throw Self.classify(e, writing: "the remote")
    }

    /// What a failed fetch or push means; `writing` is where a write error happened (the store for a fetch).
    static func classify(_ stderr: String, writing: String) -> SyncError {
        let msg = Git.firstLine(stderr)
        // HTTP codes only as git prints them: a bare "401" also matches paths such as /tmp/sync-4011-….
        let authHints = ["Permission denied", "Authentication failed", "could not read Username",
                         "returned error: 401", "returned error: 403", "HTTP 401", "HTTP 403",
                         "Host key verification failed", "access denied", "Access denied", "not authorized"]
        if authHints.contains(where: stderr.contains) { return .authRefused(msg) }
        if stderr.contains("unable to write") || stderr.contains("insufficient permission") || stderr.contains("No space left")
            || stderr.contains("File too large") || stderr.contains("write error") || stderr.contains("index-pack failed")
            || stderr.contains("Read-only file system") || stderr.contains("unpack failed") {
            return .storeNotWritable(path: writing, reason: msg)
        }
        return .unreachable(msg)
    }

    // MARK: Merge

    /// What happens to one session. A write carries the session its bytes encode and what it was
    /// planned against (our bytes and session, the common ancestor), decoded once, for `apply`.
    enum Decision {
        case write(id: String, bytes: [UInt8], session: Session, expected: [UInt8]?, ours: Session?, base: Session?)
        case remove(id: String, expected: [UInt8]?)
    }

    func mergeRemote(_ git: Git, report: inout SyncReport, dryRun: Bool, staged: Staged = Staged()) throws(SyncError) {
        let ours = git.commit("HEAD")
        func commitStagedAlone() throws(SyncError) {
            guard !dryRun, let m = staged.message else { return }
            try commit(git, tree: try git.line(["write-tree"]), parents: ours.map { [$0] } ?? [], message: m, expected: ours)
            report.localCommit = m
        }
        guard let theirs = git.commit(Self.remoteRef) else { return try commitStagedAlone() }
        var base: String?
        if let ours {
            let r = try git.run(["merge-base", ours, theirs], allowFailure: true)
            base = r.ok ? r.text.trimmingWhitespaceAndNewlines() : nil
            if base == theirs { return try commitStagedAlone() }  // nothing new there
        }
        let theirChanges = try git.changes(from: base, to: theirs)
        let ourChangedIDs: Set<String>
        if let ours { ourChangedIDs = Set(try git.changes(from: base, to: ours).compactMap { Self.sessionID($0.path) }).union(staged.ids) }
        else { ourChangedIDs = staged.ids }
        let pendingLocal = dryRun ? Set(try localChanges(git).map(\.id)) : []

        // What arrived: only regular session files with valid names and a sane size.
        var accepted: [(id: String, change: Git.TreeChange)] = []
        for c in theirChanges {
            guard c.path.hasPrefix("sessions/") else {
                if c.path != ".gitattributes" { report.warnings.append("ignored '\(AnswerInput.shown(c.path))' from the remote: only sessions/ is synced") }
                continue
            }
            guard let id = Self.sessionID(c.path), !c.path.dropFirst(9).contains("/") else {
                report.warnings.append("ignored '\(AnswerInput.shown(c.path))' from the remote: not a session file name"); continue
            }
            if !c.deleted && c.mode != "100644" && c.mode != "100755" {
                report.warnings.append("ignored '\(c.path)' from the remote: \(c.mode == "120000" ? "a symbolic link" : "not a regular file")"); continue
            }
            accepted.append((id, c))
        }
        let sizes = try git.sizes(accepted.filter { !$0.change.deleted }.map(\.change.blob))
        accepted = accepted.filter { a in
            guard !a.change.deleted, let n = sizes[a.change.blob] else { return true }
            if n > Self.sizeLimit {
                report.warnings.append("refused '\(a.change.path)' from the remote: \(n / 1_048_576) MB, above the \(Self.sizeLimit / 1_048_576) MB limit")
                return false
            }
            return true
        }
        var wanted = accepted.filter { !$0.change.deleted }.map(\.change.blob)
        if let base { wanted += accepted.map { "\(base):\($0.change.path)" } }
        let blobs = try git.blobs(wanted)

        var decisions: [Decision] = []
        for (id, c) in accepted.sorted(by: { $0.id < $1.id }) {
            // Read for the commit message already and unchanged since: not decoded again.
            let local = staged.read[id].flatMap { l in l.bytes != nil && readLocalBytes(id) == l.bytes ? l : nil } ?? readLocal(id)
            if case .unreadable = local {
                report.warnings.append("'\(Self.path(id))' here is unreadable; the remote's version is not written over it (see 'gpai-assess doctor')")
                continue
            }
            let ourBytes = local.bytes
            let baseBytes = base.flatMap { blobs["\($0):\(c.path)"] }
            let oursChanged = ourChangedIDs.contains(id) || pendingLocal.contains(id)
            if c.deleted {
                if ourBytes == nil { continue }
                if oursChanged && ourBytes != baseBytes {
                    report.notes.append("\(id): deleted on another machine but changed here; kept")
                    continue
                }
                decisions.append(.remove(id: id, expected: ourBytes))
                report.removed.append(id)
                continue
            }
            guard let theirBytes = blobs[c.blob] else { report.warnings.append("'\(c.path)' missing from the fetched data"); continue }
            let theirSession: Session
            switch SessionCodec.check(theirBytes) {
            case let .success(s): theirSession = s
            case let .failure(u): report.warnings.append("refused '\(c.path)' from the remote: \(u.reason)"); continue
            }
            guard theirSession.id == id else {
                report.warnings.append("refused '\(c.path)' from the remote: it holds session '\(AnswerInput.shown(theirSession.id))'"); continue
            }
            let ourSession = local.session
            let baseSession = baseBytes.flatMap { try? SessionCodec.decode($0) }
            if let known = ourSession ?? baseSession, known.questionnaire.id != theirSession.questionnaire.id {
                report.warnings.append("refused '\(c.path)' from the remote: it answers questionnaire '\(AnswerInput.shown(theirSession.questionnaire.id))', this session '\(known.questionnaire.id)'")
                continue
            }
            guard let ourSession, oursChanged || ourBytes != baseBytes else {
                if ourBytes == theirBytes { continue }
                if ourBytes == nil && baseBytes != nil && oursChanged {
                    report.notes.append("\(id): deleted here but changed on another machine; kept")
                }
                decisions.append(.write(id: id, bytes: theirBytes, session: theirSession, expected: ourBytes, ours: ourSession, base: baseSession))
                report.received.append(id)
                continue
            }
            if ourBytes == theirBytes { continue }
            if baseSession == nil && (ourSession.created != theirSession.created || ourSession.createdBy != theirSession.createdBy) {
                // Created on two machines under one id: the shared one keeps it, ours moves.
                var moved = ourSession
                let existing = Set(store.ids()).union(accepted.map(\.id))
                repeat { moved.id = Self.renamedID(id) } while existing.contains(moved.id)
                guard let bytes = try? SessionCodec.encode(moved) else { continue }
                decisions.append(.write(id: moved.id, bytes: bytes, session: moved, expected: nil, ours: nil, base: nil))
                decisions.append(.write(id: id, bytes: theirBytes, session: theirSession, expected: ourBytes, ours: ourSession, base: nil))
                report.notes.append("\(id): a different session with this id came from another machine; yours is now \(moved.id)")
                report.received.append(id)
                continue
            }
            let outcome = SessionMerge.merge(base: baseSession, ours: ourSession, theirs: theirSession)
            guard let bytes = try? SessionCodec.encode(outcome.session) else { continue }
            report.newConflicts += outcome.newConflicts.map { SyncReport.ConflictNote(session: id, label: $0.label) }
            report.notes += outcome.notes.map { "\(id): \($0)" }
            report.merged.append(id)
            if bytes != ourBytes { decisions.append(.write(id: id, bytes: bytes, session: outcome.session, expected: ourBytes, ours: ourSession, base: baseSession)) }
        }
        if dryRun { return }
        let written = try apply(decisions, git: git, report: &report)
        // Sessions listed before keep their place while they still hold conflicts; those written
        // now are judged by what was written, without reading them again.
        var hint = Set(conflicted(except: Set(written.keys)).keys)
        for (id, s) in written where s?.conflicts.isEmpty == false { hint.insert(id) }
        ConflictHint.write(hint, in: store)
        try git.run(["update-index", "--add", "--remove", "-z", "--stdin"],
                    input: Array(decisions.map { d -> String in
                        switch d { case let .write(id, _, _, _, _, _), let .remove(id, _): return Self.path(id) }
                    }.joined(separator: "\0").utf8) + [0])
        let tree = try git.line(["write-tree"])
        let theirTree = try git.line(["rev-parse", theirs + "^{tree}"])
        let oursIsAncestor = ours == nil || base == ours
        if oursIsAncestor && tree == theirTree {
            try git.run(["update-ref", "-m", "gpai-assess sync", "HEAD", theirs] + (ours.map { [$0] } ?? []))
            return
        }
        var merge = "merged from the remote"
        let touched = report.merged + report.received
        if !touched.isEmpty { merge += " — " + touched.prefix(6).joined(separator: ", ") + (touched.count > 6 ? ", …" : "") }
        if !report.newConflicts.isEmpty { merge += "; \(report.newConflicts.count) conflict(s)" }
        let message: String
        if let m = staged.message {
            let lines = m.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
            let body: String = lines.count > 1 ? String(lines[1]).trimmingWhitespaceAndNewlines() + "\n" : ""
            message = String(lines[0]) + "\n\n" + body + "(" + merge + ")\n"
            report.localCommit = m
        } else {
            message = "\(user): \(merge)\n"
        }
        // Ours already in theirs (only local changes on top): a linear history.
        let parents = oursIsAncestor ? [theirs] : [ours!, theirs]
        try commit(git, tree: tree, parents: parents, message: message, expected: ours)
    }

    /// A session file here: its bytes and the session they hold, decoded once.
    enum Local {
        case missing, unreadable, session([UInt8], Session)
        var bytes: [UInt8]? { if case let .session(b, _) = self { return b }; return nil }
        var session: Session? { if case let .session(_, s) = self { return s }; return nil }
    }

    func readLocal(_ id: String) -> Local {
        guard let p = try? store.path(for: id) else { return .unreadable }
        var st = stat()
        if lstat(p, &st) != 0 { return .missing }
        guard let b = try? FileIO.read(p), case let .success(s) = SessionCodec.check(b) else { return .unreadable }
        return .session(b, s)
    }

    static func renamedID(_ id: String) -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        let stem = String(id.prefix(58))
        return stem + "-" + String((0..<4).map { _ in alphabet.randomElement()! })
    }

    /// Writes each decision under its session lock. A session saved here since the plan was made is
    /// merged again, never overwritten. Returns each session written (nil: removed), as written.
    func apply(_ decisions: [Decision], git: Git, report: inout SyncReport) throws(SyncError) -> [String: Session?] {
        var written: [String: Session?] = [:]
        for d in decisions {
            do {
                switch d {
                case let .write(id, bytes, incoming, expected, ours, base):
                    let p = try store.path(for: id)
                    try FileIO.withExclusiveLock(try store.lockPath(for: id), mode: store.fileMode) {
                        var out = bytes, result = incoming
                        // Decoded only when it changed since the plan (what it was then is decoded already).
                        let now = readLocalBytes(id)
                        if now != expected, let now, case let .success(mine) = SessionCodec.check(now) {
                            result = SessionMerge.merge(base: expected == nil ? base : ours, ours: mine, theirs: incoming).session
                            out = try SessionCodec.encode(result)
                        }
                        try FileIO.atomicWrite(out, to: p, backup: try store.backupPath(for: id), mode: store.fileMode)
                        written[id] = result
                    }
                case let .remove(id, expected):
                    let p = try store.path(for: id)
                    try FileIO.withExclusiveLock(try store.lockPath(for: id), mode: store.fileMode) {
                        guard readLocalBytes(id) == expected else {
                            report.notes.append("\(id): deleted on another machine but changed here meanwhile; kept")
                            return
                        }
                        if let h = SessionLock.holder(of: id, in: store), !h.isStale {
                            // Someone is answering it right now: keep it (it goes back to the remote).
                            report.notes.append("\(id): deleted on another machine but open here; kept")
                            return
                        }
                        // The last version stays as <id>.json.bak ('gpai-assess restore' brings it back).
                        let bak = try store.backupPath(for: id)
                        unlink(bak)
                        if link(p, bak) != 0 || unlink(p) != 0 { throw StoreError.writeFailed(path: p, reason: FileIO.errnoText()) }
                        FileIO.fsyncDirectory(store.sessionsDirectory)
                        written[id] = .some(nil)
                    }
                }
            } catch let e as StoreError {
                throw .storeNotWritable(path: store.sessionsDirectory, reason: e.description)
            } catch {
                throw .storeNotWritable(path: store.sessionsDirectory, reason: "\(error)")
            }
        }
        return written
    }

    /// The bytes of a session file here, unchecked; nil when missing or unreadable.
    func readLocalBytes(_ id: String) -> [UInt8]? {
        guard let p = try? store.path(for: id) else { return nil }
        var st = stat()
        guard lstat(p, &st) == 0 else { return nil }
        return try? FileIO.read(p)
    }

    // MARK: Status

    /// Sessions holding conflicts, with how many, from the list a sync keeps of sessions that received any.
    public func conflicted() -> [String: Int] { conflicted(except: []) }

    func conflicted(except skipped: Set<String>) -> [String: Int] {
        var out: [String: Int] = [:]
        for id in ConflictHint.read(store) where !skipped.contains(id) {
            if let s = try? store.load(id), !s.conflicts.isEmpty { out[id] = s.conflicts.count }
        }
        return out
    }

    /// Sessions with changes not yet on the remote (local edits, or commits not pushed); nil when the store does not sync.
    public func unsynced() -> Set<String>? {
        guard Self.isRepository(store), let git = try? Git(root: store.root, user: user) else { return nil }
        var ids = Set<String>()
        if let r = try? git.run(["--no-optional-locks", "status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames", "--", "sessions"], allowFailure: true), r.ok {
            for e in Git.fields(r.stdout) where e.count > 3 { if let id = Self.sessionID(String(e.dropFirst(3))) { ids.insert(id) } }
        }
        if let head = git.commit("HEAD") {
            let remote = git.commit(Self.remoteRef)
            if remote != head, let changes = try? git.changes(from: remote.flatMap { r in (try? git.line(["merge-base", head, r])) }, to: head) {
                for c in changes { if let id = Self.sessionID(c.path) { ids.insert(id) } }
            }
        }
        return ids
    }
}
