import AssessmentCore
import AssessmentStore
import Foundation
import XCTest

/// A test case with a store of its own in a temporary folder (removed afterwards) and the small
/// fixture questionnaire.
open class StoreTestCase: XCTestCase {
    public var dir = ""
    public var store: SessionStore!
    public var mini: Questionnaire!

    override open func setUpWithError() throws {
        dir = Fixtures.temporaryDirectory(String(describing: type(of: self)))
        store = SessionStore(root: dir)
        mini = try Fixtures.mini()
    }

    override open func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    /// Where session `id`'s "open" lock file is.
    public func lockPath(_ id: String) -> String { "\(store.sessionsDirectory)/.\(id).open" }

    /// A lock file as another process (`pid`) of `user` on this host would have left it.
    public func writeLock(_ id: String, user: String, pid: Int32) throws {
        let json = #"{"host":"\#(SessionLock.hostName)","pid":\#(pid),"since":"2026-01-01T09:00:00.000Z","user":"\#(user)"}"#
        try Data(json.utf8).write(to: URL(fileURLWithPath: lockPath(id)))
    }
}
