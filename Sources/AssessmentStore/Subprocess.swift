#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Runs a program to completion: input from bytes, output collected, errors kept apart.
/// Standard error goes to an unlinked temporary file so neither stream can block the other.
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
    public static func find(_ name: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if name.contains("/") { return access(name, X_OK) == 0 ? name : nil }
        for dir in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let p = "\(dir)/\(name)"
            if access(p, X_OK) == 0 { return p }
        }
        return nil
    }

    public static func run(_ executable: String, _ args: [String], environment: [String: String]? = nil,
                           directory: String? = nil, input: [UInt8]? = nil) throws(Failure) -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = args
        if let environment { p.environment = environment }
        if let directory { p.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let tmpDir = FileManager.default.temporaryDirectory.path
        func scratch() -> FileHandle? {
            let path = "\(tmpDir)/.gpai-sub-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            let fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard fd >= 0 else { return nil }
            unlink(path)
            return FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        }
        guard let errFile = scratch() else { throw .cannotStart(executable, "no temporary file: " + String(cString: strerror(errno))) }
        var inFile: FileHandle?
        if let input, !input.isEmpty {
            guard let f = scratch() else { throw .cannotStart(executable, "no temporary file") }
            f.write(Data(input))
            f.seek(toFileOffset: 0)
            inFile = f
        }
        let out = Pipe()
        p.standardOutput = out
        p.standardError = errFile
        p.standardInput = inFile ?? FileHandle(forReadingAtPath: "/dev/null")
        do { try p.run() } catch { throw .cannotStart(executable, "\(error)") }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        errFile.seek(toFileOffset: 0)
        let err = errFile.readDataToEndOfFile()
        return Result(status: p.terminationStatus, stdout: [UInt8](data), stderr: String(decoding: err, as: UTF8.self))
    }
}
