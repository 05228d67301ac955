#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import AssessmentCore

/// The process's environment and executable, read straight from libc. `ProcessInfo.environment`
/// builds a dictionary of every variable (splitting each on Characters) and the URL type resolved
/// paths: together about a millisecond of every start, before the first frame.
public enum ProcessEnvironment {
    /// One variable, or nil when unset.
    public static func value(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// Every variable, as `ProcessInfo.processInfo.environment` has them (the first of a repeated name wins).
    public static var all: [String: String] {
        var out: [String: String] = [:]
        var p = environ
        while let entry = p.pointee {
            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(entry).assumingMemoryBound(to: UInt8.self), count: strlen(entry))
            if let eq = bytes.firstIndex(of: UInt8(ascii: "=")), eq > 0 {
                let name = String(decoding: bytes[..<eq], as: UTF8.self)
                if out[name] == nil { out[name] = String(decoding: bytes[(eq + 1)...], as: UTF8.self) }
            }
            p += 1
        }
        return out
    }

    /// The running program's file, symbolic links resolved (`/proc/self/exe`); `fallback` (e.g.
    /// `argv[0]`) made absolute where /proc is not mounted.
    public static func executablePath(fallback: String) -> String {
        selfExecutable ?? resolvedPath(fallback)
    }

    /// `path` with its links resolved, or, when it does not exist, made absolute and tidied.
    public static func resolvedPath(_ path: String) -> String {
        realPath(path) ?? path.standardizedPath(from: currentDirectory)
    }

    /// The link `/proc/self/exe` (the running program, links resolved); nil where /proc is not mounted.
    public static var selfExecutable: String? {
        var buf = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink("/proc/self/exe", &buf, buf.count - 1)
        return n > 0 ? String(decoding: buf[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) : nil
    }

    /// `realpath(3)`: absolute, links resolved; nil when the path does not exist.
    public static func realPath(_ path: String) -> String? {
        guard let r = realpath(path, nil) else { return nil }
        defer { free(r) }
        return String(cString: r)
    }

    /// The working folder ("/" if it cannot be read, e.g. it was removed).
    public static var currentDirectory: String {
        guard let c = getcwd(nil, 0) else { return "/" }
        defer { free(c) }
        return String(cString: c)
    }

    /// Whether anything is at this path (following links).
    public static func exists(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0
    }
}
