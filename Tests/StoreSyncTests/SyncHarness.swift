import AssessmentCore
import AssessmentStore
import Foundation
@testable import StoreSync
import TestSupport
import XCTest

/// Stores and a bare remote in one temporary folder, synced with real git.
final class SyncHarness {
    let dir: String
    let remote: String
    let questionnaire: Questionnaire

    init() throws {
        try XCTSkipIf(Subprocess.find("git") == nil, "git is not installed: the sync tests need it (apt-get install git)")
        dir = Fixtures.temporaryDirectory("sync")
        remote = dir + "/remote.git"
        questionnaire = try Fixtures.mini()
        try git(["init", "-q", "--bare", "-b", "main", remote])
    }

    deinit { try? FileManager.default.removeItem(atPath: dir) }

    func store(_ name: String) -> SessionStore { SessionStore(root: "\(dir)/\(name)") }

    func syncer(_ name: String, user: String? = nil) -> StoreSyncer {
        StoreSyncer(store: store(name), user: user ?? name, driver: Fixtures.binary)
    }

    @discardableResult
    func sync(_ name: String, push: Bool = true, file: StaticString = #filePath, line: UInt = #line) throws -> SyncReport {
        let r = try syncer(name).sync(StoreSyncer.Options(remote: remote, push: push))
        return r
    }

    @discardableResult
    func git(_ args: [String], in directory: String? = nil) throws -> Subprocess.Result {
        let r = try Subprocess.run(Subprocess.find("git")!, (directory.map { ["-C", $0] } ?? []) + args, environment: gitEnvironment)
        if !r.ok { XCTFail("git \(args.joined(separator: " ")): \(r.stderr)") }
        return r
    }

    var gitEnvironment: [String: String] {
        var e = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GIT_") }
        e["GIT_AUTHOR_NAME"] = "test"; e["GIT_COMMITTER_NAME"] = "test"
        e["EMAIL"] = "test@example.org"; e["LC_ALL"] = "C"
        return e
    }

    func create(_ storeName: String, title: String, by user: String, at t: Date = Timestamp.now()) throws -> Session {
        try store(storeName).create(title: title, questionnaire: questionnaire, by: user, at: t)
    }

    /// "Acme", created by alice in store a and synced to a and b: the start of most two-machine tests.
    func sharedSession() throws -> Session {
        let s = try create("a", title: "Acme", by: "alice")
        try sync("a"); try sync("b")
        return s
    }

    @discardableResult
    func answer(_ storeName: String, _ id: String, _ q: String, _ v: String, note: String? = nil, by user: String, at t: Date = Timestamp.now()) throws -> Bool {
        var changed = false
        try store(storeName).update(id) { s in
            changed = s.set(q, to: Answer(value: .text(v), note: note, by: user, at: t), by: user, at: t)
        }
        return changed
    }

    func load(_ storeName: String, _ id: String) throws -> Session { try store(storeName).load(id) }

    /// Every session file of a store, by name.
    func files(_ storeName: String) -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        for id in store(storeName).ids() { out[id] = fileBytes(store(storeName).sessionsDirectory + "/\(id).json") }
        return out
    }
}
