import AssessmentStore
import Foundation
import TestSupport
import XCTest

/// `ProcessEnvironment` replaced `ProcessInfo` and URL on the start-up path; it must read the same.
final class ProcessEnvironmentTests: XCTestCase {
    func testEnvironmentMatchesProcessInfo() {
        XCTAssertEqual(ProcessEnvironment.all, ProcessInfo.processInfo.environment)
        XCTAssertEqual(ProcessEnvironment.value("PATH"), ProcessInfo.processInfo.environment["PATH"])
        XCTAssertNil(ProcessEnvironment.value("GPAI_ASSESS_SURELY_UNSET_\(getpid())"))
    }

    func testExecutableIsTheRunningFileWithLinksResolved() {
        let expected = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        XCTAssertEqual(ProcessEnvironment.executablePath(fallback: "ignored"), expected)
        XCTAssertEqual(ProcessEnvironment.currentDirectory, FileManager.default.currentDirectoryPath)
    }

    /// An installed binary reached through a link (e.g. /usr/local/bin → /opt/gpai/bin) finds the
    /// questionnaires beside its real file.
    func testQuestionnaireFoldersFollowALinkToTheBinary() throws {
        let dir = ProcessEnvironment.realPath(Fixtures.temporaryDirectory("exe-link"))!
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/opt/bin", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir + "/link", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: dir + "/opt/bin/gpai-assess", contents: Data())
        try FileManager.default.createSymbolicLink(atPath: dir + "/link/gpai-assess", withDestinationPath: dir + "/opt/bin/gpai-assess")
        let folders = QuestionnaireCatalog.defaultFolders(variable: { _ in nil }, executable: dir + "/link/gpai-assess")
        XCTAssertEqual(Array(folders.prefix(2)), [dir + "/opt/share/gpai-assess/questionnaires", dir + "/opt/bin/Questionnaires"])
        // The same folder named twice (a variable and the install) is listed once.
        let twice = QuestionnaireCatalog.defaultFolders(variable: { $0 == "GPAI_ASSESS_QUESTIONNAIRES" ? dir + "/opt/share/./gpai-assess/questionnaires/" : nil },
                                                        executable: dir + "/link/gpai-assess")
        XCTAssertEqual(twice.filter { $0.hasPrefix(dir + "/opt/share") }.count, 1, "\(twice)")
    }
}
