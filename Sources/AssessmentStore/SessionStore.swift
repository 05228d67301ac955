#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AssessmentCore
import FoundationEssentials

/// Sessions as JSON files under `<root>/sessions/<id>.json`.
public struct SessionStore: Sendable {
    public let root: String
    public var sessionsDirectory: String { root + "/sessions" }

    /// The largest session file a save writes: what `load` can read back (smaller in tests).
    public var maxFileSize = FileIO.readLimit

    public init(root: String) { self.root = root }

    /// A team store: the root folder is group-writable with the set-group-id bit (e.g.
    /// `install -d -m 2770 -g assessors DIR`). Sessions are then created 0660 in 2770 folders so
    /// the group can share them; otherwise everything is private (0600 / 0700).
    public var isShared: Bool {
        var st = stat()
        guard stat(root, &st) == 0 else { return false }
        return st.st_mode & mode_t(S_ISGID) != 0 && st.st_mode & 0o070 == 0o070
    }
    public var fileMode: mode_t { isShared ? 0o660 : 0o600 }
    public var directoryMode: mode_t { isShared ? 0o2770 : 0o700 }

    /// `$GPAI_ASSESS_HOME`, else `$XDG_DATA_HOME/gpai-assess`, else `~/.local/share/gpai-assess`.
    public static func defaultRoot(environment env: [String: String]) -> String {
        defaultRoot(variable: { env[$0] })
    }

    public static func defaultRoot(variable: (String) -> String? = ProcessEnvironment.value) -> String {
        if let h = variable("GPAI_ASSESS_HOME"), !h.isEmpty { return h }
        if let x = variable("XDG_DATA_HOME"), !x.isEmpty, x.hasPrefix("/") { return x + "/gpai-assess" }
        return FileIO.homeFolder(variable) + "/.local/share/gpai-assess"
    }

    /// Why the sessions folder cannot be used (a symbolic link is refused, as a linked session file is:
    /// following it would read, write and quarantine files outside the store), or nil.
    public var sessionsFolderProblem: String? {
        var st = stat()
        guard lstat(sessionsDirectory, &st) == 0 else { return nil }
        switch st.st_mode & S_IFMT {
        case S_IFDIR: return nil
        case S_IFLNK: return "'\(sessionsDirectory)' is a symbolic link (refused)"
        default: return "'\(sessionsDirectory)' is not a folder"
        }
    }

    /// Creates the sessions folder if needed; refuses one that is a link or not a folder.
    public func ensureSessionsDirectory() throws(StoreError) {
        if let p = sessionsFolderProblem { throw .writeFailed(path: sessionsDirectory, reason: p) }
        try FileIO.ensureDirectory(sessionsDirectory, mode: directoryMode)
    }

    public static func isValidID(_ id: String) -> Bool {
        guard (1...64).contains(id.utf8.count), let f = id.utf8.first, f != UInt8(ascii: "-") else { return false }
        return id.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "-") }
    }

    public func path(for id: String) throws(StoreError) -> String {
        guard Self.isValidID(id) else { throw .invalidSessionID(AnswerInput.shown(id)) }
        return "\(sessionsDirectory)/\(id).json"
    }

    public func backupPath(for id: String) throws(StoreError) -> String { try path(for: id) + ".bak" }
    public func lockPath(for id: String) throws(StoreError) -> String { "\(sessionsDirectory)/.\(id).lock" }

    public enum Entry: Sendable {
        case session(Session, path: String)
        case unreadable(id: String, path: String, reason: String)

        public var id: String {
            switch self { case let .session(s, _): return s.id; case let .unreadable(id, _, _): return id }
        }
        public var path: String {
            switch self { case let .session(_, p): return p; case let .unreadable(_, p, _): return p }
        }
    }

    /// Ids of every `*.json` in the sessions folder, sorted.
    public func ids() -> [String] {
        guard sessionsFolderProblem == nil, let names = try? FileManager.default.contentsOfDirectory(atPath: sessionsDirectory) else { return [] }
        return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// One session file as a listing shows it: the session, or why it cannot be used.
    public func entry(for id: String) -> Entry {
        let p = "\(sessionsDirectory)/\(id).json"
        guard Self.isValidID(id) else { return .unreadable(id: id, path: p, reason: "file name is not a valid session id") }
        do {
            switch SessionCodec.check(try FileIO.read(p)) {
            case let .success(s) where s.id == id: return .session(s, path: p)
            case let .success(s): return .unreadable(id: id, path: p, reason: "file holds session '\(AnswerInput.shown(s.id))', not '\(id)'")
            case let .failure(u): return .unreadable(id: id, path: p, reason: u.reason)
            }
        } catch {
            if case let .unreadable(_, reason) = error { return .unreadable(id: id, path: p, reason: reason) }
            return .unreadable(id: id, path: p, reason: error.description)
        }
    }

    /// Every session file, readable or not, newest first. Unreadable files are reported, never touched.
    public func list() -> [Entry] {
        Self.newestFirst(ids().map(entry(for:)), updated: { if case let .session(s, _) = $0 { return s.updated }; return nil }, id: \.id)
    }

    /// Readable sessions newest first (ties by id), then unreadable ones by id. Sorts small keys
    /// and then places the entries, which is much faster than sorting the entries themselves.
    static func newestFirst<T>(_ items: [T], updated: (T) -> Date?, id: (T) -> String) -> [T] {
        let keys = items.map { (updated: updated($0), id: id($0)) }
        let order = keys.indices.sorted { i, j in
            let a = keys[i], b = keys[j]
            switch (a.updated, b.updated) {
            case let (x?, y?): return x != y ? x > y : a.id < b.id
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return a.id < b.id
            }
        }
        return order.map { items[$0] }
    }

    /// An exact id, else a unique id prefix.
    public func resolve(_ arg: String) throws(StoreError) -> String {
        // An exact id whose file is there (of any type, as a listing would show it) needs no listing
        // of the folder, which takes milliseconds with thousands of sessions.
        if Self.isValidID(arg) {
            var st = stat()
            if lstat("\(sessionsDirectory)/\(arg).json", &st) == 0 { return arg }
        }
        let all = ids()
        if all.contains(arg) { return arg }
        guard !arg.isEmpty, !arg.contains("/"), !arg.contains("\0") else { throw .invalidSessionID(AnswerInput.shown(arg)) }
        let matches = all.filter { $0.hasPrefix(arg) }
        if matches.count == 1 { return matches[0] }
        if matches.count > 1 { throw .ambiguousSession(arg, matches: matches) }
        if !Self.isValidID(arg) { throw .invalidSessionID(AnswerInput.shown(arg)) }
        throw .noSuchSession(arg)
    }

    public func load(_ id: String) throws(StoreError) -> Session {
        let p = try path(for: id)
        var st = stat()
        if lstat(p, &st) != 0 { throw .noSuchSession(id) }  // a link is there, and refused by the read
        let bytes = try FileIO.read(p)
        switch SessionCodec.check(bytes) {
        case let .success(s): return s
        case let .failure(u): throw .unreadable(path: p, reason: u.reason)
        }
    }

    func isSymlink(_ p: String) -> Bool {
        var st = stat()
        return lstat(p, &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK
    }

    /// Atomic save; the previous version is kept as `<id>.json.bak`. Refuses to replace
    /// a file that is not a readable session (it may be someone's only copy).
    public func save(_ s: Session) throws(StoreError) {
        try ensureSessionsDirectory()
        let p = try path(for: s.id)
        if isSymlink(p) { throw .writeFailed(path: p, reason: "is a symbolic link (refused)") }
        let bytes: [UInt8]
        do { bytes = try SessionCodec.encode(s) } catch { throw .writeFailed(path: p, reason: "encoding: \(error)") }
        // Never write what could not be read back.
        if bytes.count > maxFileSize { throw .tooLarge(path: p, bytes: bytes.count, limit: maxFileSize) }
        try FileIO.atomicWrite(bytes, to: p, backup: try backupPath(for: s.id), mode: fileMode)
    }

    /// Locked read-modify-write, so concurrent writers never lose each other's updates.
    @discardableResult
    public func update(_ id: String, _ body: (inout Session) throws -> Void) throws -> Session {
        try ensureSessionsDirectory()
        return try FileIO.withExclusiveLock(try lockPath(for: id), mode: fileMode) {
            var s = try load(id)
            let before = s
            try body(&s)
            if s != before { try save(s) }
            return s
        }
    }

    /// A new session with a short, typeable id derived from the title.
    public func create(title: String, questionnaire: Questionnaire, by user: String, organisation: String? = nil,
                       model: String? = nil, modelVersion: String? = nil, at now: Date = Timestamp.now()) throws(StoreError) -> Session {
        try ensureSessionsDirectory()
        let existing = Set(ids())
        var id = Self.makeID(title: title)
        while existing.contains(id) { id = Self.makeID(title: title) }
        let s = Session(id: id, title: title, questionnaire: questionnaire, by: user, at: now, organisation: organisation, model: model,
                        modelVersion: modelVersion)
        try save(s)
        return s
    }

    public static func makeID(title: String) -> String {
        var slug = ""
        for ch in title.lowercased().unicodeScalars {
            if (ch >= "a" && ch <= "z") || (ch >= "0" && ch <= "9") { slug.unicodeScalars.append(ch) }
            else if !slug.isEmpty && !slug.hasSuffix("-") { slug += "-" }
            if slug.count >= 24 { break }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        let suffix = String((0..<4).map { _ in alphabet.randomElement()! })
        return slug.isEmpty ? suffix : "\(slug)-\(suffix)"
    }

    /// Deletes a session; refuses while it is open elsewhere (its "open" lock held by a live process) unless `force`.
    public func delete(_ id: String, force: Bool = false) throws(StoreError) {
        let p = try path(for: id)
        if !force, let h = SessionLock.holder(of: id, in: self), !h.isStale, !(h.host == SessionLock.hostName && h.pid == getpid()) {
            throw .locked(id, holder: h.description)
        }
        if let p = sessionsFolderProblem { throw .writeFailed(path: sessionsDirectory, reason: p) }
        if unlink(p) != 0 { throw .writeFailed(path: p, reason: FileIO.errnoText()) }
        unlink(try backupPath(for: id))
        unlink(try lockPath(for: id))
        unlink(try draftPath(for: id))
        unlink("\(sessionsDirectory)/.\(id).open")
        FileIO.fsyncDirectory(sessionsDirectory)
    }
}
