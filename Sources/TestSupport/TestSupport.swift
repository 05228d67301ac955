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

    /// The built `gpai-assess` next to the test bundle (.build/<config>/).
    public static var binary: String {
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
                   binary: String = Fixtures.binary) throws -> RunResult {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: binary)
    p.arguments = args
    var env = ProcessInfo.processInfo.environment
    env["GPAI_ASSESS_QUESTIONNAIRES"] = Fixtures.packageRoot.appendingPathComponent("Tests/Fixtures").path
    if let store { env["GPAI_ASSESS_HOME"] = store }
    env.removeValue(forKey: "XDG_DATA_HOME")
    for (k, v) in extra { env[k] = v }
    p.environment = env
    let out = Pipe(), err = Pipe(), inp = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = inp
    try p.run()
    if let stdin { inp.fileHandleForWriting.write(Data(stdin.utf8)) }
    try? inp.fileHandleForWriting.close()
    // Read both pipes concurrently so a chatty child never blocks on a full pipe.
    let errData = LockedData()
    let t = Thread { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }
    t.start()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    while !errData.done { usleep(1000) }
    return RunResult(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: errData.data, as: UTF8.self))
}

final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var _data = Data()
    private var _done = false
    func set(_ d: Data) { lock.lock(); _data = d; _done = true; lock.unlock() }
    var data: Data { lock.lock(); defer { lock.unlock() }; return _data }
    var done: Bool { lock.lock(); defer { lock.unlock() }; return _done }
}

/// Reads a file's bytes (empty when missing).
public func fileBytes(_ path: String) -> [UInt8] {
    (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))) ?? []
}
