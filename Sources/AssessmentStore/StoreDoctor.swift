#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AssessmentCore
import FoundationEssentials

/// Finds everything wrong in a store, and moves broken session files aside on request.
public struct StoreDoctor: Sendable {
    public struct Problem: Sendable, Equatable {
        public enum Kind: String, Sendable {
            case unreadable, leftoverTemp = "leftover-temp", staleLock = "stale-lock", permissions
            case unknownQuestionnaire = "unknown-questionnaire", orphanedAnswers = "orphaned-answers", strayFile = "stray-file"
        }
        public var kind: Kind
        public var path: String
        public var message: String
        /// Whether `--quarantine` moves this file aside.
        public var quarantinable: Bool
    }

    public let store: SessionStore
    public init(store: SessionStore) { self.store = store }

    public var quarantineDirectory: String { store.root + "/quarantine" }

    public func examine(catalog: QuestionnaireCatalog) -> [Problem] {
        var out: [Problem] = []
        let dir = store.sessionsDirectory
        func mode(_ p: String) -> mode_t? {
            var st = stat()
            return lstat(p, &st) == 0 ? st.st_mode & 0o7777 : nil
        }
        // A team store (set-group-id, group-writable root) may share with its group, never with others.
        let forbidden: mode_t = store.isShared ? 0o007 : 0o077
        for (p, want) in [(store.root, store.directoryMode), (dir, store.directoryMode)] {
            if let m = mode(p), m & forbidden != 0 {
                out.append(Problem(kind: .permissions, path: p, message: "folder mode \(String(m, radix: 8)) lets others in; expected \(String(want, radix: 8)) (chmod \(String(want, radix: 8)) '\(p)')", quarantinable: false))
            }
        }
        var questionnaires: [String: Questionnaire] = [:]
        for entry in store.list() {
            switch entry {
            case let .unreadable(_, path, reason):
                out.append(Problem(kind: .unreadable, path: path, message: reason, quarantinable: true))
            case let .session(s, path):
                guard let q = questionnaires[s.questionnaire.id] ?? (try? catalog.questionnaire(s.questionnaire.id)) else {
                    out.append(Problem(kind: .unknownQuestionnaire, path: path,
                                       message: "questionnaire '\(s.questionnaire.id)' version \(s.questionnaire.version) is not installed", quarantinable: false))
                    continue
                }
                questionnaires[q.id] = q
                let orphans = s.answers.keys.filter { q.question($0) == nil }.sorted()
                if !orphans.isEmpty {
                    out.append(Problem(kind: .orphanedAnswers, path: path,
                                       message: "\(orphans.count) answer(s) to questions no longer in '\(q.id)' \(q.version) are kept: \(orphans.prefix(5).joined(separator: ", "))", quarantinable: false))
                }
            }
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        // Every file the program makes here (sessions, .bak, locks, .open, index, drafts, temp files) must have
        // the store's mode: not open to others, and in a team store open to the group, or the next member is locked out.
        let need: mode_t = store.isShared ? 0o660 : 0o600
        for n in names.sorted() {
            let p = dir + "/" + n
            guard let m = mode(p), !isLink(p) else { continue }
            if m & forbidden != 0 || m & need != need {
                let why = m & forbidden != 0 ? "lets others read it" : (store.isShared ? "keeps the group out" : "is not writable by its owner")
                out.append(Problem(kind: .permissions, path: p, message: "file mode \(String(m, radix: 8)) \(why); expected \(String(store.fileMode, radix: 8)) (chmod \(String(store.fileMode, radix: 8)) '\(p)')", quarantinable: false))
            }
        }
        for n in names.sorted() {
            let p = dir + "/" + n
            if n.hasSuffix(".tmp") && (n.hasPrefix(".") || n.contains(".json.bak.")) {
                out.append(Problem(kind: .leftoverTemp, path: p, message: "temporary file left by an interrupted save (the session file itself is intact)", quarantinable: true))
            } else if n.hasPrefix(".") && n.hasSuffix(".open") {
                let id = String(n.dropFirst().dropLast(5))
                if let h = SessionLock.holder(of: id, in: store), h.isStale {
                    out.append(Problem(kind: .staleLock, path: p, message: "session '\(id)' lock \(h.description), but that process no longer exists", quarantinable: true))
                }
            } else if !n.hasPrefix("."), !n.hasSuffix(".json"), !n.hasSuffix(".json.bak") {
                out.append(Problem(kind: .strayFile, path: p, message: "not a session file", quarantinable: false))
            }
        }
        return out
    }

    func isLink(_ p: String) -> Bool {
        var st = stat()
        return lstat(p, &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK
    }

    /// Moves a problem file into `<root>/quarantine/` (never deletes). Returns the new path.
    public func quarantine(_ problem: Problem) throws(StoreError) -> String {
        try FileIO.ensureDirectory(quarantineDirectory, mode: store.directoryMode)
        let name = problem.path.lastPathPart
        var dest = "\(quarantineDirectory)/\(name)"
        var n = 1
        while FileManager.default.fileExists(atPath: dest) || (try? FileManager.default.destinationOfSymbolicLink(atPath: dest)) != nil {
            n += 1
            dest = "\(quarantineDirectory)/\(name).\(n)"
        }
        if rename(problem.path, dest) != 0 { throw .writeFailed(path: problem.path, reason: FileIO.errnoText()) }
        FileIO.fsyncDirectory(store.sessionsDirectory)
        FileIO.fsyncDirectory(quarantineDirectory)
        return dest
    }
}

extension SessionStore {
    /// Puts the previous saved version back; the current one becomes the backup, so a restore can itself be undone.
    public func restore(_ id: String) throws(StoreError) -> (restored: Session, replaced: Session?) {
        let p = try path(for: id)
        let b = try backupPath(for: id)
        let old = try FileIO.read(b)
        guard case let .success(previous) = SessionCodec.check(old) else { throw .unreadable(path: b, reason: "the backup is not a readable session") }
        let current = try? load(id)
        try FileIO.atomicWrite(old, to: p, backup: b, mode: fileMode)
        return (previous, current)
    }
}
