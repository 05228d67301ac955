import AssessmentStore
import FoundationEssentials

/// The list of sessions that received conflicts (`.git/gpai-assess-conflicts`, one id a line), which
/// `list` and `status` read instead of opening every session. `sync` and the merge driver write it
/// only through `write`, in the store's file mode.
public enum ConflictHint {
    public static func path(_ store: SessionStore) -> String { store.root + "/.git/gpai-assess-conflicts" }

    /// The ids listed; empty when there is no list.
    public static func read(_ store: SessionStore) -> [String] {
        guard let bytes = try? FileIO.read(path(store), limit: 1 << 20) else { return [] }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// Replaces the list with `ids` (sorted). Best effort: the list is a hint, the sessions are the truth.
    public static func write(_ ids: Set<String>, in store: SessionStore) {
        try? FileIO.atomicWrite(Array(ids.sorted().map { $0 + "\n" }.joined().utf8), to: path(store), mode: store.fileMode)
    }
}
