#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import AssessmentCore
import FoundationEssentials
import Synchronization

/// Decoded questionnaires kept between runs (`QuestionnaireBinary`), so that opening a session does
/// not parse, check and hash its questionnaire file every time. One file per source path in
/// `$XDG_CACHE_HOME/gpai-assess/questionnaires` (else `~/.cache/…`). An entry is used only while the
/// source has the same path, device, inode, size, mtime and ctime, and the running program is the
/// one that wrote it (a rebuild or upgrade may have changed the loader's rules). Every failure is
/// silent: the caller loads the file normally. Deleting the folder clears it.
public final class QuestionnaireCache: Sendable {
    public let folder: String
    /// nil: the running program's, read from /proc/self/exe on first use.
    let givenProgram: ProgramIdentity?
    /// A source changed less than this long ago is not stored: a second change within the file
    /// system's timestamp granularity could keep its mtime, ctime and size.
    let racyWindowNs: Int64
    private let opened = Mutex<Opened?>(nil)

    /// Who wrote an entry: the program's file as it is now (a rebuild or an upgrade changes it).
    public typealias ProgramIdentity = FileStamp

    /// What identifies one version of a source file.
    public struct SourceKey: Sendable, Equatable {
        /// Absolute.
        public var path: String
        public var stamp: FileStamp
    }

    private struct Opened: Sendable {
        /// The folder, opened once; -1 when it cannot be used.
        var fd: Int32
        var program: ProgramIdentity?
    }

    public init(folder: String, program: ProgramIdentity? = nil, racyWindowNs: Int64 = 2_000_000_000) {
        self.folder = folder
        self.givenProgram = program
        self.racyWindowNs = racyWindowNs
    }

    deinit {
        opened.withLock { if let o = $0, o.fd >= 0 { close(o.fd) } }
    }

    /// The user's cache, or nil with `GPAI_ASSESS_NO_CACHE=1`. Reads the environment with `getenv`.
    public static func user(_ env: (String) -> String? = ProcessEnvironment.value) -> QuestionnaireCache? {
        if env("GPAI_ASSESS_NO_CACHE") == "1" { return nil }
        return QuestionnaireCache(folder: defaultFolder(env))
    }

    /// `$XDG_CACHE_HOME/gpai-assess/questionnaires` (an absolute XDG_CACHE_HOME only, as the XDG
    /// rules say), else `$HOME/.cache/gpai-assess/questionnaires`.
    public static func defaultFolder(_ env: (String) -> String?) -> String {
        if let x = env("XDG_CACHE_HOME"), x.hasPrefix("/") { return x + "/gpai-assess/questionnaires" }
        return FileIO.homeFolder(env) + "/.cache/gpai-assess/questionnaires"
    }

    /// Whether the folder can be used: a real folder (created mode 0700 if missing), ours, not
    /// writable by group or others, and the program's identity known.
    public var isUsable: Bool {
        let o = state()
        return o.fd >= 0 && o.program != nil
    }

    /// The entry file for a source path.
    public func entryPath(forSource path: String) -> String { folder + "/" + Self.entryName(Self.absolute(path)) }

    /// The source's key (one `stat`), or nil if it is not a regular file.
    public func key(forSource path: String) -> SourceKey? {
        var st = stat()
        guard stat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return nil }
        return SourceKey(path: Self.absolute(path), stamp: FileStamp(st))
    }

    /// The questionnaire stored for exactly this version of the source, or nil. `path` is left nil.
    public func load(_ key: SourceKey) -> Questionnaire? {
        let o = state()
        guard o.fd >= 0, let program = o.program else { return nil }
        let fd = openat(o.fd, Self.entryName(key.path), O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG, st.st_size > 0,
              st.st_size <= Int64(QuestionnaireLoader.maxFileSize) * 4 else { return nil }
        let size = Int(st.st_size)
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buf, count in
            count = 0
            while count < size {
                let n = read(fd, buf.baseAddress! + count, size - count)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                count += n
            }
        }
        guard bytes.count == size else { return nil }
        let header = Self.header(key, program)
        guard bytes.count > header.count, bytes.starts(with: header) else { return nil }
        return bytes.withUnsafeBytes { QuestionnaireBinary.decode(UnsafeRawBufferPointer(rebasing: $0[header.count...])) }
    }

    /// Stores `q` (loaded from the source version `key`, with no error) for the next run. Silent on failure.
    public func store(_ q: Questionnaire, for key: SourceKey) {
        let o = state()
        guard o.fd >= 0, let program = o.program, !isRacy(key),
              let body = QuestionnaireBinary.encodeIfDecodable(q) else { return }
        let name = Self.entryName(key.path)
        Self.removeTemps(of: name, in: o.fd)
        let tmp = ".\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = openat(o.fd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        let bytes = Self.header(key, program) + body
        var written = 0
        bytes.withUnsafeBytes { b in
            while written < b.count {
                let n = write(fd, b.baseAddress! + written, b.count - written)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                written += n
            }
        }
        let closed = close(fd) == 0
        if written != bytes.count || !closed || renameat(o.fd, tmp, o.fd, name) != 0 { unlinkat(o.fd, tmp, 0) }
    }

    // MARK: - Internals

    private func state() -> Opened {
        opened.withLock { current in
            if let current { return current }
            let made = Opened(fd: Self.openFolder(folder), program: givenProgram ?? .running)
            current = made
            return made
        }
    }

    private static func openFolder(_ folder: String) -> Int32 {
        var st = stat()
        if lstat(folder, &st) != 0 {
            guard errno == ENOENT, (try? FileIO.ensureDirectory(folder, mode: 0o700)) != nil else { return -1 }
        }
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return -1 }
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFDIR, st.st_uid == getuid(), st.st_mode & 0o022 == 0 else {
            close(fd)
            return -1
        }
        return fd
    }

    /// Temp files of this entry left by writers that were killed. (A concurrent writer's temp file may
    /// go too: its rename then fails, silently, and the next run stores the entry.)
    private static func removeTemps(of name: String, in dirFD: Int32) {
        let fd = dup(dirFD)
        guard fd >= 0, let dir = fdopendir(fd) else { if fd >= 0 { close(fd) }; return }
        defer { closedir(dir) }
        rewinddir(dir)
        let prefix = "." + name + "."
        while let e = readdir(dir) {
            let file = withUnsafeBytes(of: e.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if file.hasPrefix(prefix), file.hasSuffix(".tmp") { unlinkat(dirFD, file, 0) }
        }
    }

    private func isRacy(_ key: SourceKey) -> Bool {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let n = Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
        let m = key.stamp.mtime * 1_000_000_000 + Int64(key.stamp.mtimeNs)
        let c = key.stamp.ctime * 1_000_000_000 + Int64(key.stamp.ctimeNs)
        return n - max(m, c) < racyWindowNs
    }

    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : path.standardizedPath(from: ProcessEnvironment.currentDirectory)
    }

    static func entryName(_ absolutePath: String) -> String { String(SHA256.hex(Array(absolutePath.utf8)).prefix(32)) + ".bin" }

    static let entryMagic: [UInt8] = Array("GPAIQCE1".utf8)

    /// The entry's key as bytes, compared whole on read.
    static func header(_ key: SourceKey, _ program: ProgramIdentity) -> [UInt8] {
        var out = entryMagic
        func put<T: FixedWidthInteger>(_ v: T) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func put(_ f: FileStamp, times: Bool) {
            put(f.device); put(f.inode); put(f.size); put(f.mtime); put(Int64(f.mtimeNs))
            if times { put(f.ctime); put(Int64(f.ctimeNs)) }
        }
        put(program, times: false)  // its ctime moves with a mere chmod or link
        put(key.stamp, times: true)
        let path = Array(key.path.utf8)
        put(UInt32(truncatingIfNeeded: path.count))
        out += path
        return out
    }
}

extension FileStamp {
    /// The running program's file (`/proc/self/exe`), or nil where /proc is missing.
    public static var running: FileStamp? { of("/proc/self/exe", followLinks: true) }
}
