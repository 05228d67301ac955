import FoundationEssentials

/// Who holds a session's lock now, as the runtime found it.
public struct LockHolder: Sendable, Equatable {
    public var user: String
    /// Nil: this machine.
    public var host: String?
    public var since: Date?
    public init(user: String, host: String? = nil, since: Date? = nil) { self.user = user; self.host = host; self.since = since }

    /// "ann", or "ann on build-box" for another machine.
    public var name: String { user + (host.map { " on " + $0 } ?? "") }
}
