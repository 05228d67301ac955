/// What a sync did (or, with `dryRun`, would do).
public struct SyncReport: Sendable, Equatable {
    public struct ConflictNote: Sendable, Equatable {
        public var session: String
        public var label: String
    }

    /// The message of the commit made from local changes, if any.
    public var localCommit: String?
    /// Sessions written from the remote as they were there.
    public var received: [String] = []
    /// Sessions changed on both sides and merged answer by answer.
    public var merged: [String] = []
    public var removed: [String] = []
    public var newConflicts: [ConflictNote] = []
    /// Things the user should know (kept deletions, renamed ids).
    public var notes: [String] = []
    /// Remote content refused or ignored, and local files not synced.
    public var warnings: [String] = []
    public var pushed = false
    public var attempts = 0
    public var dryRun = false
    /// Local changes a dry run would commit.
    public var pendingLocal: [String] = []

    public init() {}

    public var summary: String {
        var parts: [String] = []
        let verb = dryRun ? "would " : ""
        if let c = localCommit { parts.append("\(dryRun ? "would commit" : "committed"): \(c.split(separator: "\n").first ?? "")") }
        if dryRun && !pendingLocal.isEmpty && localCommit == nil { parts.append("would commit local changes to \(pendingLocal.joined(separator: ", "))") }
        if !received.isEmpty { parts.append("\(verb)\(dryRun ? "take" : "took") \(received.count) from the remote: \(received.prefix(8).joined(separator: ", "))\(received.count > 8 ? ", …" : "")") }
        if !merged.isEmpty { parts.append("\(verb)\(dryRun ? "merge" : "merged") \(merged.joined(separator: ", "))") }
        if !removed.isEmpty { parts.append("\(verb)\(dryRun ? "remove" : "removed") (deleted on the remote): \(removed.joined(separator: ", "))") }
        if !newConflicts.isEmpty {
            parts.append("\(newConflicts.count) new conflict(s): " + newConflicts.prefix(6).map { "\($0.session) \($0.label)" }.joined(separator: ", ")
                         + "; see 'gpai-assess conflicts SESSION'")
        }
        if pushed { parts.append("pushed") }
        if parts.isEmpty { return "up to date" }
        return parts.joined(separator: "\n")
    }
}
