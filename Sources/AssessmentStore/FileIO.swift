#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials
import Synchronization

/// Low-level file operations with the durability the store promises:
/// temp file in the same folder → write → fsync → rename → fsync the folder.
public enum FileIO {
    public static func errnoText(_ e: Int32 = errno) -> String { String(cString: strerror(e)) }

    /// The user's home folder: `$HOME` (as `variable` reads the environment), else, when that is unset
    /// or empty, the password database's.
    public static func homeFolder(_ variable: (String) -> String? = ProcessEnvironment.value) -> String {
        if let h = variable("HOME"), !h.isEmpty { return h }
        guard let pw = getpwuid(getuid()), let dir = pw.pointee.pw_dir else { return "/" }
        return String(cString: dir)
    }

    /// Creates the folder (and parents) with mode 0700 regardless of umask.
    public static func ensureDirectory(_ path: String, mode: mode_t = 0o700) throws(StoreError) {
        var st = stat()
        if stat(path, &st) == 0 {
            if (st.st_mode & S_IFMT) != S_IFDIR { throw .writeFailed(path: path, reason: "exists and is not a folder") }
            return
        }
        let parent = path.droppingLastPathPart
        if !parent.isEmpty && parent != path { try ensureDirectory(parent, mode: mode) }
        if mkdir(path, mode & 0o777) != 0 && errno != EEXIST {
            throw .writeFailed(path: path, reason: errnoText())
        }
        chmod(path, mode)
    }

    /// Reads a regular file without following a symlink; refuses files above `limit` bytes.
    /// The largest file `read` accepts by default; the store refuses to write a session above it.
    public static let readLimit = 64 * 1024 * 1024

    /// `followLinks` is for files that are not the store's (a terminal's description): the store never
    /// follows a link.
    public static func read(_ path: String, limit: Int = readLimit, followLinks: Bool = false) throws(StoreError) -> [UInt8] {
        let (fd, st) = try openRegular(path, followLinks: followLinks)
        defer { close(fd) }
        if Int(st.st_size) > limit { throw .unreadable(path: path, reason: "file is \(Int(st.st_size) / 1_048_576) MB, above the \(limit / 1_048_576) MB limit") }
        var out = [UInt8](repeating: 0, count: Int(st.st_size))
        var got = 0
        while got < out.count {
            let n = out.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + got, $0.count - got) }
            if n < 0 { if errno == EINTR { continue }; throw .unreadable(path: path, reason: errnoText()) }
            if n == 0 { break }
            got += n
        }
        return got == out.count ? out : Array(out.prefix(got))
    }

    /// A regular file opened for reading (the caller closes it), and its stat from the descriptor.
    /// A link is refused unless `followLinks`.
    static func openRegular(_ path: String, followLinks: Bool = false) throws(StoreError) -> (fd: Int32, stat: stat) {
        let fd = open(path, O_RDONLY | O_CLOEXEC | (followLinks ? 0 : O_NOFOLLOW))
        if fd < 0 {
            let e = errno
            if e == ELOOP { throw .unreadable(path: path, reason: "is a symbolic link (refused)") }
            if e == ENOENT { throw .unreadable(path: path, reason: "no such file") }
            throw .unreadable(path: path, reason: errnoText(e))
        }
        var st = stat()
        guard fstat(fd, &st) == 0 else { let e = errno; close(fd); throw .unreadable(path: path, reason: errnoText(e)) }
        if (st.st_mode & S_IFMT) != S_IFREG { close(fd); throw .unreadable(path: path, reason: "not a regular file") }
        return (fd, st)
    }

    /// The last `count` bytes of a regular file (all of it when shorter); nil when it cannot be read.
    /// For a look at where a file ends, not for its content: nothing checks it.
    public static func readTail(_ path: String, count: Int) -> [UInt8]? {
        guard let (fd, st) = try? openRegular(path) else { return nil }
        defer { close(fd) }
        let n = min(count, Int(st.st_size))
        var out = [UInt8](repeating: 0, count: n)
        let got = out.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, n, off_t(Int(st.st_size) - n)) }
        return got == n ? out : nil
    }

    /// Atomically replaces `path` with `bytes` (mode 0600). When `backup` is given, the
    /// previous version is kept there (one generation) before the switch.
    public static func atomicWrite(_ bytes: [UInt8], to path: String, backup: String? = nil, durable: Bool = true,
                                   mode: mode_t = 0o600) throws(StoreError) {
        // A bare file name lives in the current folder: the temp file must be created there too.
        let parent = path.droppingLastPathPart
        let dir = parent.isEmpty ? "." : parent
        let base = path.lastPathPart
        let tmp = "\(dir)/.\(base).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        // Writers killed mid-save (SIGKILL, power cut) leave their temp files; the next write of this file clears
        // them. Once per file and process: listing a folder of 10,000 sessions takes milliseconds.
        if StaleTempSweep.first(dir + "/" + base) { removeStaleTemps(in: dir, base: base) }
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode)
        if fd < 0 { throw .writeFailed(path: path, reason: errnoText()) }
        var ok = false
        defer { if !ok { unlink(tmp) } }
        fchmod(fd, mode)
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, $0.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                let e = errno
                close(fd)
                throw .writeFailed(path: path, reason: errnoText(e))
            }
            written += n
        }
        if durable && fsync(fd) != 0 {
            let e = errno
            close(fd)
            throw .writeFailed(path: path, reason: "fsync: " + errnoText(e))
        }
        close(fd)
        if let backup {
            // Hard-link the current version to the backup name, atomically replacing the old backup.
            // Hidden and ending in .tmp, like every temp file, so the next write or `doctor` finds it if we die here.
            let btmp = "\(dir)/.\(backup.lastPathPart).\(getpid()).tmp"
            unlink(btmp)
            if link(path, btmp) == 0 {
                if rename(btmp, backup) != 0 { unlink(btmp) }
            }
        }
        if rename(tmp, path) != 0 { throw .writeFailed(path: path, reason: errnoText()) }
        ok = true
        if durable { fsyncDirectory(dir) }
    }

    /// Removes temp files of `base` (`.<base>.<pid>[.<n>].tmp`, the backup's too) left in `dir` by writers
    /// that were killed: only those whose process no longer exists on this host.
    public static func removeStaleTemps(in dir: String, base: String) {
        guard let d = opendir(dir) else { return }
        defer { closedir(d) }
        let prefixes = [".\(base).", ".\(base).bak."]
        while let e = readdir(d) {
            let name = withUnsafePointer(to: e.pointee.d_name) { $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) } }
            guard name.hasSuffix(".tmp"), let prefix = prefixes.last(where: { name.hasPrefix($0) }) else { continue }
            let fields = name.dropFirst(prefix.count).dropLast(4).split(separator: ".")
            guard let first = fields.first, let pid = Int32(first), pid > 0, pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(dir + "/" + name) }
        }
    }

    public static func fsyncDirectory(_ dir: String) { fsyncPath(dir.isEmpty ? "." : dir, flags: O_DIRECTORY) }

    /// Puts what was written to the file or folder at `path` on disk (read-only is enough for fsync).
    /// `flags` are added to the open's: `O_DIRECTORY` for a folder, `O_NOFOLLOW` to refuse a link.
    public static func fsyncPath(_ path: String, flags: Int32) {
        let fd = open(path, O_RDONLY | O_CLOEXEC | flags)
        if fd >= 0 { fsync(fd); close(fd) }
    }

    /// Runs `body` holding an exclusive advisory lock on `lockPath` (created 0600).
    public static func withExclusiveLock<T>(_ lockPath: String, mode: mode_t = 0o600, _ body: () throws -> T) throws -> T {
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, mode)
        if fd < 0 { throw StoreError.writeFailed(path: lockPath, reason: errnoText()) }
        defer { close(fd) }
        // The umask must not decide who can lock next (a team store's group); fails harmlessly on another's file.
        fchmod(fd, mode)
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR { throw StoreError.writeFailed(path: lockPath, reason: "lock: " + errnoText()) }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}

/// Which files this process has already swept of stale temp files.
enum StaleTempSweep {
    private static let done = Mutex<Set<String>>([])
    /// True the first time it is asked about `path`.
    static func first(_ path: String) -> Bool {
        done.withLock { $0.insert(path).inserted }
    }
}

/// Which file, in which state: a file rewritten in place changes its size or times, one replaced by
/// a rename (every save) its inode.
public struct FileStamp: Sendable, Equatable {
    public var device: UInt64, inode: UInt64, size: Int64
    public var mtime: Int64, mtimeNs: Int, ctime: Int64, ctimeNs: Int

    public init(device: UInt64, inode: UInt64, size: Int64, mtime: Int64, mtimeNs: Int, ctime: Int64 = 0, ctimeNs: Int = 0) {
        self.device = device; self.inode = inode; self.size = size
        self.mtime = mtime; self.mtimeNs = mtimeNs; self.ctime = ctime; self.ctimeNs = ctimeNs
    }

    init(_ st: stat) {
        self.init(device: UInt64(st.st_dev), inode: UInt64(st.st_ino), size: Int64(st.st_size),
                  mtime: Int64(st.st_mtim.tv_sec), mtimeNs: Int(st.st_mtim.tv_nsec), ctime: Int64(st.st_ctim.tv_sec), ctimeNs: Int(st.st_ctim.tv_nsec))
    }

    /// The file at `path` now, or nil. A link is not followed unless `followLinks`.
    public static func of(_ path: String, followLinks: Bool = false) -> FileStamp? {
        var st = stat()
        guard (followLinks ? stat(path, &st) : lstat(path, &st)) == 0 else { return nil }
        return FileStamp(st)
    }

}

/// The login name recorded with each answer, looked up once, when first asked for.
public enum CurrentUser {
    public static let name: String = {
        if let pw = getpwuid(geteuid()), let n = pw.pointee.pw_name { return String(cString: n) }
        return ProcessEnvironment.value("USER") ?? "unknown"
    }()
}
