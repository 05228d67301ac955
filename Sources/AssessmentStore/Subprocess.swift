#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials

/// Runs a program to completion: input from bytes, output collected, errors kept apart.
/// Standard error goes to an unlinked temporary file so neither stream can block the other;
/// input comes from one too.
public enum Subprocess {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: [UInt8]
        public var stderr: String
        public var text: String { String(decoding: stdout, as: UTF8.self) }
        public var ok: Bool { status == 0 }
    }

    public enum Failure: Error, Sendable, CustomStringConvertible {
        case notFound(String)
        case cannotStart(String, String)
        public var description: String {
            switch self {
            case let .notFound(p): return "'\(p)' not found on PATH"
            case let .cannotStart(p, why): return "cannot run '\(p)': \(why)"
            }
        }
    }

    /// The full path of `name` on `$PATH`, or nil.
    public static func find(_ name: String, environment: [String: String] = ProcessEnvironment.all) -> String? {
        if name.contains("/") { return access(name, X_OK) == 0 ? name : nil }
        for dir in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let p = "\(dir)/\(name)"
            if access(p, X_OK) == 0 { return p }
        }
        return nil
    }

    /// Spawns with posix_spawn and waits with waitpid: Foundation's `Process` adds tens of
    /// milliseconds per run on Linux (its exit polling), which a sync running a dozen git
    /// commands would feel.
    public static func run(_ executable: String, _ args: [String], environment: [String: String]? = nil,
                           input: [UInt8]? = nil) throws(Failure) -> Result {
        let tmpDir = FileManager.default.temporaryDirectory.path
        func scratch() -> Int32 {
            let path = "\(tmpDir)/.gpai-sub-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            let fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            if fd >= 0 { unlink(path) }
            return fd
        }
        let errFD = scratch()
        guard errFD >= 0 else { throw .cannotStart(executable, "no temporary file: " + String(cString: strerror(errno))) }
        defer { close(errFD) }
        var inFD: Int32
        if let input, !input.isEmpty {
            inFD = scratch()
            guard inFD >= 0 else { throw .cannotStart(executable, "no temporary file") }
            var off = 0
            while off < input.count {
                let n = input.withUnsafeBytes { write(inFD, $0.baseAddress! + off, $0.count - off) }
                if n < 0 { if errno == EINTR { continue }; close(inFD); throw .cannotStart(executable, "temporary file: " + String(cString: strerror(errno))) }
                off += n
            }
            lseek(inFD, 0, SEEK_SET)
        } else {
            inFD = open("/dev/null", O_RDONLY | O_CLOEXEC)
        }
        defer { close(inFD) }
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw .cannotStart(executable, String(cString: strerror(errno))) }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, inFD, 0)
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errFD, 2)

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + args).map { strdup($0) } + [nil]
        let envList = (environment ?? ProcessEnvironment.all).map { "\($0.key)=\($0.value)" }
        let envp: [UnsafeMutablePointer<CChar>?] = envList.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) }; for p in envp { free(p) } }
        var pid = pid_t()
        let rc = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        close(fds[1])
        guard rc == 0 else { close(fds[0]); throw .cannotStart(executable, String(cString: strerror(rc))) }

        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buf.withUnsafeMutableBytes { read(fds[0], $0.baseAddress!, $0.count) }
            if n > 0 { out.append(contentsOf: buf[0..<n]); continue }
            if n < 0 && errno == EINTR { continue }
            break
        }
        close(fds[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // WIFEXITED / WEXITSTATUS, spelled out (the C macros are not imported).
        let code: Int32 = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)

        var err: [UInt8] = []
        lseek(errFD, 0, SEEK_SET)
        while true {
            let n = buf.withUnsafeMutableBytes { read(errFD, $0.baseAddress!, $0.count) }
            if n > 0 { err.append(contentsOf: buf[0..<n]); continue }
            if n < 0 && errno == EINTR { continue }
            break
        }
        return Result(status: code, stdout: out, stderr: String(decoding: err, as: UTF8.self))
    }
}
