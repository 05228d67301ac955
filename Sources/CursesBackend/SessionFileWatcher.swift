#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import FoundationEssentials

/// Notices when one session file is saved, for `watch`.
///
/// Saves replace `sessions/<id>.json` by renaming a temporary file over it, so a watch on the file
/// itself would follow the old inode; the *folder* is watched instead (inotify: IN_MOVED_TO,
/// IN_CLOSE_WRITE, IN_CREATE) and only events naming `<id>.json` count. Where inotify is not
/// available (or `GPAI_ASSESS_WATCH_POLL=1`), the caller polls `fingerprint()` instead.
/// Nothing here takes the session's lock or writes anything.
final class SessionFileWatcher {
    let path: String
    let directory: String
    let name: String
    /// The inotify descriptor, or −1 when polling.
    private(set) var fd: Int32 = -1
    var polling: Bool { fd < 0 }

    /// What identifies one saved version of the file: a rename gives a new inode, a write a new size or time.
    struct Fingerprint: Equatable {
        var dev: UInt64, ino: UInt64, size: Int64, mtimeSec: Int, mtimeNsec: Int, ctimeSec: Int, ctimeNsec: Int
    }

    init(path: String, forcePolling: Bool) {
        self.path = path
        let u = URL(fileURLWithPath: path)
        directory = u.deletingLastPathComponent().path
        name = u.lastPathComponent
        guard !forcePolling else { return }
        let f = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard f >= 0 else { return }
        let mask = UInt32(IN_MOVED_TO) | UInt32(IN_CLOSE_WRITE) | UInt32(IN_CREATE)
        guard inotify_add_watch(f, directory, mask) >= 0 else { close(f); return }
        fd = f
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Reads every queued event (never blocks). True when one named the file (or events were lost,
    /// or the watch ended — the caller then checks the file itself).
    func drain() -> Bool {
        guard fd >= 0 else { return false }
        var hit = false
        let cap = 16 * 1024
        var buf = [UInt8](repeating: 0, count: cap)
        while true {
            let n = buf.withUnsafeMutableBytes { read(fd, $0.baseAddress, cap) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            var off = 0
            while off + 16 <= n {
                let mask: UInt32 = buf.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: off + 4, as: UInt32.self) }
                let len = Int(buf.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: off + 12, as: UInt32.self) })
                let nameStart = off + 16
                var end = min(n, nameStart + len)
                if let z = buf[nameStart..<end].firstIndex(of: 0) { end = z }
                if mask & UInt32(IN_Q_OVERFLOW) != 0 { hit = true }
                if mask & UInt32(IN_IGNORED) != 0 {
                    // The folder went away (or was replaced): fall back to polling.
                    close(fd); fd = -1
                    return true
                }
                if end > nameStart, buf[nameStart..<end].elementsEqual(name.utf8) { hit = true }
                off = nameStart + len
            }
        }
        return hit
    }

    /// The file's identity and time, or nil when it cannot be stat'ed (e.g. gone for a moment).
    func fingerprint() -> Fingerprint? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return Fingerprint(dev: UInt64(st.st_dev), ino: UInt64(st.st_ino), size: Int64(st.st_size),
                           mtimeSec: Int(st.st_mtim.tv_sec), mtimeNsec: Int(st.st_mtim.tv_nsec),
                           ctimeSec: Int(st.st_ctim.tv_sec), ctimeNsec: Int(st.st_ctim.tv_nsec))
    }
}
