#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import AssessmentCore
import FoundationEssentials

/// Unconfirmed text kept beside a session as `.<id>.draft.json` (one draft: the latest). Never an answer.
extension SessionStore {
    func draftPath(for id: String) throws(StoreError) -> String {
        _ = try path(for: id)
        return "\(sessionsDirectory)/.\(id).draft.json"
    }

    public func saveDraft(_ d: SessionDraft, for id: String) throws(StoreError) {
        try ensureSessionsDirectory()
        let p = try draftPath(for: id)
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        e.dateEncodingStrategy = .custom { date, enc in var c = enc.singleValueContainer(); try c.encode(Timestamp.format(date)) }
        let bytes: [UInt8]
        do { bytes = [UInt8](try e.encode(d)) + [0x0A] } catch { throw .writeFailed(path: p, reason: "encoding: \(error)") }
        try FileIO.atomicWrite(bytes, to: p, mode: fileMode)
    }

    /// Removes the kept draft (taken up or discarded).
    public func removeDraft(for id: String) {
        if let p = try? draftPath(for: id) { unlink(p) }
    }

    /// The kept draft of a session, if any.
    public func draft(for id: String) -> SessionDraft? {
        guard let p = try? draftPath(for: id), let bytes = try? FileIO.read(p, limit: 16 * 1024 * 1024) else { return nil }
        let d = JSONDecoder()
        d.dateDecodingStrategy = .custom { dec in
            Timestamp.parse(try dec.singleValueContainer().decode(String.self)) ?? Date(timeIntervalSince1970: 0)
        }
        return try? d.decode(SessionDraft.self, from: Data(bytes))
    }
}
