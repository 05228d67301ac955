#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AssessmentCore
import Foundation

extension SessionIndex {
/// What a list of sessions shows, without decoding every session file each time.
public struct Summary: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    public var questionnaireID: String
    public var questionnaireVersion: String
    /// Digest of the questionnaire the figures were computed with ("" when it was not installed).
    public var computedWith: String
    public var created: Date
    public var updated: Date
    public var updatedBy: String
    public var answered: Int
    public var applicable: Int
    public var progress: Double?
    public var score: Double?
    /// A `Status` raw value, or "questionnaire_missing".
    public var status: String

    public init(session s: Session, questionnaire q: Questionnaire?) {
        id = s.id; title = s.title; questionnaireID = s.questionnaire.id; questionnaireVersion = s.questionnaire.version
        created = s.created; updated = s.updated; updatedBy = s.updatedBy
        if let q {
            let ev = Evaluation(questionnaire: q, session: s)
            computedWith = q.digest
            answered = ev.overall.answeredQuestions
            applicable = ev.overall.applicableQuestions
            progress = applicable > 0 ? Double(answered) / Double(applicable) : 0
            score = ev.overall.score
            status = ev.overall.status.rawValue
        } else {
            computedWith = ""; answered = s.answers.count; applicable = 0; progress = nil; score = nil
            status = "questionnaire_missing"
        }
    }
}
}

/// A cache of session summaries in `sessions/.index.json`, keyed by each file's size and
/// modification time. It is rebuilt for any file that changed, is never the only copy of
/// anything, and a damaged index is simply ignored and rewritten.
public struct SessionIndex: Sendable {
    public enum Entry: Sendable {
        case summary(Summary, path: String)
        case unreadable(id: String, path: String, reason: String)

        public var id: String {
            switch self { case let .summary(s, _): return s.id; case let .unreadable(id, _, _): return id }
        }
    }

    struct Stamp: Codable, Equatable { var size: Int64; var mtimeNs: Int64; var inode: UInt64 }
    struct Cached: Codable { var stamp: Stamp; var summary: Summary }
    struct File: Codable { var version: Int; var entries: [String: Cached] }

    public let store: SessionStore
    public init(store: SessionStore) { self.store = store }

    var path: String { store.sessionsDirectory + "/.index.json" }

    static func stamp(_ p: String) -> Stamp? {
        var st = stat()
        guard lstat(p, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Stamp(size: Int64(st.st_size), mtimeNs: Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec), inode: UInt64(st.st_ino))
    }

    /// Every session, newest first; unreadable files last, with their reasons.
    /// `questionnaire` looks up the installed questionnaire for an id (nil when missing).
    public func entries(questionnaire: (String) -> Questionnaire?) -> [Entry] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { d in
            let s = try d.singleValueContainer().decode(String.self)
            guard let date = Timestamp.parse(s) else { throw DecodingError.dataCorrupted(.init(codingPath: d.codingPath, debugDescription: "date")) }
            return date
        }
        var cache: [String: Cached] = [:]
        if let bytes = try? FileIO.read(path), let f = try? decoder.decode(File.self, from: Data(bytes)), f.version == 1 { cache = f.entries }
        var digests: [String: String] = [:]
        var questionnaires: [String: Questionnaire?] = [:]
        func lookup(_ id: String) -> Questionnaire? {
            if let q = questionnaires[id] { return q }
            let q = questionnaire(id)
            questionnaires[id] = q
            digests[id] = q?.digest ?? ""
            return q
        }
        func digest(_ id: String) -> String {
            if let d = digests[id] { return d }
            return lookup(id)?.digest ?? ""
        }
        var out: [Entry] = []
        var fresh: [String: Cached] = [:]
        var changed = false
        for id in store.ids() {
            let p = "\(store.sessionsDirectory)/\(id).json"
            guard SessionStore.isValidID(id) else { out.append(.unreadable(id: id, path: p, reason: "file name is not a valid session id")); continue }
            if let st = Self.stamp(p), let c = cache[id], c.stamp == st, c.summary.computedWith == digest(c.summary.questionnaireID) {
                out.append(.summary(c.summary, path: p))
                fresh[id] = c
                continue
            }
            changed = true
            let before = Self.stamp(p)
            do {
                let bytes = try FileIO.read(p)
                switch SessionCodec.check(bytes) {
                case let .success(s) where s.id == id:
                    let summary = Summary(session: s, questionnaire: lookup(s.questionnaire.id))
                    out.append(.summary(summary, path: p))
                    // Only cache when the file did not change while we read it.
                    if let st = before, Self.stamp(p) == st { fresh[id] = Cached(stamp: st, summary: summary) }
                case let .success(s):
                    out.append(.unreadable(id: id, path: p, reason: "file holds session '\(AnswerInput.shown(s.id))', not '\(id)'"))
                case let .failure(u):
                    out.append(.unreadable(id: id, path: p, reason: u.reason))
                }
            } catch let e as StoreError {
                if case let .unreadable(_, reason) = e { out.append(.unreadable(id: id, path: p, reason: reason)) }
            } catch {}
        }
        if changed || fresh.count != cache.count {
            let enc = JSONEncoder()
            enc.outputFormatting = [.sortedKeys]
            enc.dateEncodingStrategy = .custom { d, e in var c = e.singleValueContainer(); try c.encode(Timestamp.format(d)) }
            if let data = try? enc.encode(File(version: 1, entries: fresh)) {
                // A cache: atomic so it is never torn, but not worth an fsync.
                try? FileIO.atomicWrite([UInt8](data), to: path, durable: false)
            }
        }
        return out.sorted { a, b in
            switch (a, b) {
            case let (.summary(x, _), .summary(y, _)): return x.updated != y.updated ? x.updated > y.updated : x.id < y.id
            case (.summary, .unreadable): return true
            case (.unreadable, .summary): return false
            default: return a.id < b.id
            }
        }
    }
}
