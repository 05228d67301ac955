#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AssessmentCore
import FoundationEssentials

/// The advisory "open for editing" lock a session gets while a TUI has it open.
/// It records who holds it so a second user gets a useful message; a lock left by a
/// process that no longer exists on this host is recognised as stale.
/// Writes through `SessionStore.update` stay safe without it (they take a short flock).
public struct SessionLock: Sendable {
    public struct Holder: Codable, Sendable, Equatable, CustomStringConvertible {
        public var user: String
        public var host: String
        public var pid: Int32
        public var since: Date

        public var description: String {
            "held by \(user) on \(host) (pid \(pid)) since \(Timestamp.format(since))"
        }

        /// True when the holder is on this host and its process is gone.
        public var isStale: Bool {
            guard host == SessionLock.hostName else { return false }
            return kill(pid, 0) != 0 && errno == ESRCH
        }
    }

    public let id: String
    public let path: String
    public let holder: Holder

    public static var hostName: String {
        var buf = [CChar](repeating: 0, count: 256)
        gethostname(&buf, 255)
        return String(cString: buf)
    }

    static func path(_ store: SessionStore, _ id: String) throws(StoreError) -> String {
        _ = try store.path(for: id)
        return "\(store.sessionsDirectory)/.\(id).open"
    }

    /// Who holds the session open, if anyone (stale holders included; check `isStale`).
    public static func holder(of id: String, in store: SessionStore) -> Holder? {
        guard let p = try? path(store, id), let bytes = try? FileIO.read(p, limit: 64 * 1024),
              let root = try? JSONParser.parse(bytes), let user = root["user"]?.string, let host = root["host"]?.string,
              let pid = root["pid"]?.number.flatMap({ Int32(exactly: $0) }), let since = root["since"]?.string else { return nil }
        return Holder(user: user, host: host, pid: pid, since: Timestamp.parse(since) ?? Date(timeIntervalSince1970: 0))
    }

    /// The lock file's text. Written and read with the program's own JSON (Foundation's coders cost
    /// about half a millisecond of the first frame in type look-ups alone).
    static func encode(_ h: Holder) -> [UInt8] {
        let json: JSON = ["user": .string(h.user), "host": .string(h.host), "pid": .number(Double(h.pid)), "since": .string(Timestamp.format(h.since))]
        return Array(json.serialized(pretty: false).utf8)
    }

    /// Takes the lock, or throws `.locked` naming the holder. With `takeOver`, replaces a
    /// stale lock (or, if the user confirmed, any lock). `durable: false` leaves the file's fsync to
    /// `makeDurable()`, which the full screen calls once the session is on screen: here the fsync held
    /// the first frame up by a millisecond (far more on a slow or network disk).
    public static func acquire(_ id: String, in store: SessionStore, user: String, takeOver: Bool = false,
                               durable: Bool = true) throws(StoreError) -> SessionLock {
        try store.ensureSessionsDirectory()
        let p = try path(store, id)
        let me = Holder(user: user, host: hostName, pid: getpid(), since: Timestamp.now())
        let bytes = encode(me)
        for _ in 0..<2 {
            let fd = open(p, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, store.fileMode)
            if fd >= 0 {
                fchmod(fd, store.fileMode)
                _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                if durable { fsync(fd) }
                close(fd)
                return SessionLock(id: id, path: p, holder: me)
            }
            guard errno == EEXIST else { throw .writeFailed(path: p, reason: FileIO.errnoText()) }
            let h = holder(of: id, in: store)
            if let h, h.host == me.host, h.pid == me.pid { return SessionLock(id: id, path: p, holder: h) }
            guard takeOver else {
                throw .locked(id, holder: (h?.description ?? "by an unreadable lock file") + ((h?.isStale ?? false) ? "; that process no longer exists (stale lock)" : ""))
            }
            unlink(p)
        }
        throw .locked(id, holder: "by another process that took it at the same moment")
    }

    /// Puts the lock file on disk, so that after a power cut it names its holder (and reads as stale)
    /// instead of being empty.
    public func makeDurable() { FileIO.fsyncPath(path, flags: O_NOFOLLOW) }

    /// Releases the lock if this process still holds it.
    public func release(in store: SessionStore) {
        if let h = SessionLock.holder(of: id, in: store), h.pid == holder.pid, h.host == holder.host { unlink(path) }
    }
}
