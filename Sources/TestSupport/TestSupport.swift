import AssessmentCore
import Foundation
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Paths and helpers shared by the test targets.
public enum Fixtures {
    /// The package root, found from this file's location.
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static func path(_ name: String) -> String { packageRoot.appendingPathComponent("Tests/Fixtures/\(name)").path }
    public static var questionnairesFolder: String { packageRoot.appendingPathComponent("Questionnaires").path }

    public static func mini() throws -> Questionnaire { try QuestionnaireLoader.load(path: path("mini.json")) }

    /// Loads a questionnaire from JSON text, failing with the diagnostics.
    public static func questionnaire(_ json: String) throws -> Questionnaire {
        try QuestionnaireLoader.load(bytes: Array(json.utf8), file: "inline.json")
    }

    /// A fresh empty folder under the system temp dir.
    public static func temporaryDirectory(_ label: String = "gpai") -> String {
        let base = FileManager.default.temporaryDirectory.path + "/\(label)-\(getpid())-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        return base
    }

    /// The binary's cache folder in tests (one per test process), not the user's. Set in the test
    /// process's own environment as well, so every run of the binary inherits it (also those started
    /// with a copy of the environment or through tmux).
    public static let cacheHome: String = {
        let dir = temporaryDirectory("cache")
        setenv("XDG_CACHE_HOME", dir, 1)
        return dir
    }()

    /// The built `gpai-assess` next to the test bundle (.build/<config>/).
    public static var binary: String {
        _ = cacheHome
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent("gpai-assess").path,
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("gpai-assess").path,
            packageRoot.appendingPathComponent(".build/debug/gpai-assess").path,
        ]
        for c in candidates where FileManager.default.isExecutableFile(atPath: c) { return c }
        // Search the test bundle's ancestors (xctest bundles nest differently per platform).
        var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").deletingLastPathComponent()
        for _ in 0..<4 {
            let p = dir.appendingPathComponent("gpai-assess").path
            if FileManager.default.isExecutableFile(atPath: p) { return p }
            dir = dir.deletingLastPathComponent()
        }
        return candidates[2]
    }
}

/// Result of running the real binary.
public struct RunResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs `gpai-assess` with arguments, an environment overlay and optional standard input.
public func runCLI(_ args: [String], store: String? = nil, env extra: [String: String] = [:], stdin: String? = nil,
                   binary: String = Fixtures.binary, in directory: String? = nil) throws -> RunResult {
    var env = ProcessInfo.processInfo.environment
    env["GPAI_ASSESS_QUESTIONNAIRES"] = Fixtures.packageRoot.appendingPathComponent("Tests/Fixtures").path
    if let store { env["GPAI_ASSESS_HOME"] = store }
    env.removeValue(forKey: "XDG_DATA_HOME")
    env["XDG_CACHE_HOME"] = Fixtures.cacheHome  // the questionnaire cache, kept out of the user's
    for (k, v) in extra { env[k] = v }
    return try runProcess(binary, args, environment: env, stdin: stdin, in: directory)
}

/// Runs a program to completion, feeding `stdin` and collecting both output streams
/// concurrently so that neither side can block on a full pipe.
public func runProcess(_ executable: String, _ args: [String], environment: [String: String]? = nil,
                       stdin: String? = nil, in directory: String? = nil) throws -> RunResult {
    let p = Process()
    if let directory { p.currentDirectoryURL = URL(fileURLWithPath: directory) }
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = args
    if let environment { p.environment = environment }
    let out = Pipe(), err = Pipe(), inp = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = inp
    try p.run()
    let input = Data((stdin ?? "").utf8)
    let writer = Thread {
        if !input.isEmpty { inp.fileHandleForWriting.write(input) }
        try? inp.fileHandleForWriting.close()
    }
    writer.start()
    let errData = LockedData()
    let reader = Thread { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }
    reader.start()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    while !errData.done { usleep(1000) }
    return RunResult(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: errData.data, as: UTF8.self))
}

/// Data set once by another thread.
public final class LockedData: @unchecked Sendable {
    public init() {}
    private let lock = NSLock()
    private var _data = Data()
    private var _done = false
    public func set(_ d: Data) { lock.lock(); _data = d; _done = true; lock.unlock() }
    public var data: Data { lock.lock(); defer { lock.unlock() }; return _data }
    public var done: Bool { lock.lock(); defer { lock.unlock() }; return _done }
}

/// Reads a file's bytes (empty when missing).
public func fileBytes(_ path: String) -> [UInt8] {
    (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))) ?? []
}

/// SplitMix64: a tiny seeded generator, so randomised tests are repeatable from their seed.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    public var state: UInt64
    public init(seed: UInt64) { state = seed }
    public init(state: UInt64) { self.state = state }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<n (0 when n ≤ 1).
    public mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
    public mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
}
