#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AssessmentCore
import FoundationEssentials

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
    public var status: SummaryStatus

    init(id: String, title: String, questionnaireID: String, questionnaireVersion: String, computedWith: String, created: Date,
         updated: Date, updatedBy: String, answered: Int, applicable: Int, progress: Double?, score: Double?, status: SummaryStatus) {
        self.id = id; self.title = title; self.questionnaireID = questionnaireID; self.questionnaireVersion = questionnaireVersion
        self.computedWith = computedWith; self.created = created; self.updated = updated; self.updatedBy = updatedBy
        self.answered = answered; self.applicable = applicable; self.progress = progress; self.score = score; self.status = status
    }

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
            status = .scored(ev.overall.status)
        } else {
            computedWith = ""; answered = s.answers.count; applicable = 0; progress = nil; score = nil
            status = .questionnaireMissing
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
        var cache: [String: Cached] = [:]
        if let bytes = try? FileIO.read(path), let c = Self.decodeFile(bytes) { cache = c }
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
            guard SessionStore.isValidID(id) else {
                if case let .unreadable(_, _, reason) = store.entry(for: id) { out.append(.unreadable(id: id, path: p, reason: reason)) }
                continue
            }
            // The cache is untrusted: an entry that could not have been computed is rebuilt from its file.
            if let st = Self.stamp(p), let c = cache[id], c.stamp == st, c.summary.id == id, Self.plausible(c.summary),
               c.summary.computedWith == digest(c.summary.questionnaireID) {
                out.append(.summary(c.summary, path: p))
                fresh[id] = c
                continue
            }
            changed = true
            let before = Self.stamp(p)
            switch store.entry(for: id) {
            case let .session(s, _):
                let summary = Summary(session: s, questionnaire: lookup(s.questionnaire.id))
                out.append(.summary(summary, path: p))
                // Only cache when the file did not change while we read it.
                if let st = before, Self.stamp(p) == st { fresh[id] = Cached(stamp: st, summary: summary) }
            case let .unreadable(_, _, reason):
                out.append(.unreadable(id: id, path: p, reason: reason))
            }
        }
        if changed || fresh.count != cache.count {
            // A cache: atomic so it is never torn, but not worth an fsync.
            try? FileIO.atomicWrite(Self.encodeFile(fresh), to: path, durable: false, mode: store.fileMode)
        }
        return SessionStore.newestFirst(out, updated: { if case let .summary(s, _) = $0 { return s.updated }; return nil }, id: \.id)
    }

    // MARK: - The index file

    /// Version 2: `{"version": 2, "entries": [[id, size, mtime ns, inode, title, questionnaire id, version,
    /// computed with, created, updated, updated by, answered, applicable, progress, score, status], …]}`,
    /// one entry a line, large integers as strings. Written and read without Codable: with
    /// 10,000 sessions, JSONDecoder took 90 ms of a 250 ms `list`. Version 1 files are rebuilt.
    static let fileVersion = 2

    static func encodeFile(_ entries: [String: Cached]) -> [UInt8] {
        var w = SessionJSON.Writer()
        w.out.reserveCapacity(entries.count * 320 + 64)
        w.raw("{\"version\": 2, \"entries\": [")
        var first = true
        for id in entries.keys.sorted() {
            let c = entries[id]!, s = c.summary
            w.raw(first ? "\n" : ",\n")
            first = false
            w.out.append(UInt8(ascii: "["))
            w.string(id); w.raw(", ")
            w.string(String(c.stamp.size)); w.raw(", ")
            w.string(String(c.stamp.mtimeNs)); w.raw(", ")
            w.string(String(c.stamp.inode)); w.raw(", ")
            w.string(s.title); w.raw(", ")
            w.string(s.questionnaireID); w.raw(", ")
            w.string(s.questionnaireVersion); w.raw(", ")
            w.string(s.computedWith); w.raw(", ")
            w.date(s.created); w.raw(", ")
            w.date(s.updated); w.raw(", ")
            w.string(s.updatedBy); w.raw(", ")
            w.out.append(contentsOf: String(s.answered).utf8); w.raw(", ")
            w.out.append(contentsOf: String(s.applicable).utf8); w.raw(", ")
            if let v = s.progress, w.number(v) {} else { w.raw("null") }
            w.raw(", ")
            if let v = s.score, w.number(v) {} else { w.raw("null") }
            w.raw(", ")
            w.string(s.status.rawValue)
            w.out.append(UInt8(ascii: "]"))
        }
        w.raw("\n]}\n")
        return w.out
    }

    /// Whether a cached summary is one `Summary(session:questionnaire:)` could have produced.
    static func plausible(_ s: Summary) -> Bool {
        guard SessionStore.isValidID(s.id), QuestionnaireLoader.isValidID(s.questionnaireID),
              s.answered >= 0, s.applicable >= 0 else { return false }
        if let v = s.score, !(v.isFinite && v >= 0 && v <= 1) { return false }
        switch s.status {
        case .questionnaireMissing:
            return s.computedWith.isEmpty && s.applicable == 0 && s.progress == nil && s.score == nil
        case .scored: break
        }
        guard !s.computedWith.isEmpty, s.answered <= s.applicable,
              let p = s.progress, p.isFinite else { return false }
        let expected = s.applicable > 0 ? Double(s.answered) / Double(s.applicable) : 0
        guard abs(p - expected) < 1e-9 else { return false }
        // Nothing answered: no score, and not a verdict.
        if s.answered == 0 && s.score != nil { return false }
        return true
    }

    /// The cached entries, or nil when the file is not a readable version-2 index (it is then rebuilt).
    static func decodeFile(_ bytes: [UInt8]) -> [String: Cached]? {
        guard let root = try? JSONParser.parse(bytes), root["version"]?.number == Double(fileVersion),
              let items = root["entries"]?.array else { return nil }
        var out: [String: Cached] = [:]
        out.reserveCapacity(items.count)
        for item in items {
            guard let f = item.array, f.count == 16,
                  let id = f[0].string, let size = f[1].string.flatMap({ Int64($0) }), let mtime = f[2].string.flatMap({ Int64($0) }),
                  let inode = f[3].string.flatMap({ UInt64($0) }), let title = f[4].string, let qid = f[5].string, let qver = f[6].string,
                  let with = f[7].string, let created = f[8].string.flatMap(Timestamp.parse), let updated = f[9].string.flatMap(Timestamp.parse),
                  let by = f[10].string, let answered = f[11].number.flatMap({ Int(exactly: $0) }),
                  let applicable = f[12].number.flatMap({ Int(exactly: $0) }), let statusName = f[15].string else { return nil }
            func optionalNumber(_ n: JSONNode) -> Double?? {
                if case .null = n.value { return .some(nil) }
                return n.number.map { .some($0) }
            }
            guard let progress = optionalNumber(f[13]), let score = optionalNumber(f[14]) else { return nil }
            // An unknown status leaves this entry out (its session is summarised again), as an implausible one would.
            guard let status = SummaryStatus(rawValue: statusName) else { continue }
            let summary = Summary(id: id, title: title, questionnaireID: qid, questionnaireVersion: qver, computedWith: with,
                                  created: created, updated: updated, updatedBy: by, answered: answered, applicable: applicable,
                                  progress: progress, score: score, status: status)
            out[id] = Cached(stamp: Stamp(size: size, mtimeNs: mtime, inode: inode), summary: summary)
        }
        return out
    }
}
