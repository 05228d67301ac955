@testable import AssessmentCore
@testable import AssessmentStore
import Foundation
import TestSupport
import XCTest

/// `SummaryStatus` is stored under the names older versions wrote: a `Status` raw value or
/// "questionnaire_missing", in the index file and in JSON.
final class SummaryStatusTests: XCTestCase {
    /// An index file as the version before `SummaryStatus` wrote it (same format, version 2).
    static let olderIndex = """
        {"version": 2, "entries": [
        ["a", "812", "1767000000123456789", "42", "Acme", "gpai-cop-2025", "1.0", "", "2026-01-15T10:00:00.000Z", "2026-01-16T11:30:00.000Z", "alice", 3, 0, null, null, "questionnaire_missing"],
        ["b", "900", "1767000000000000000", "43", "Beta", "mini", "1", "abc", "2026-01-15T10:00:00.000Z", "2026-01-15T10:00:00.000Z", "bob", 1, 2, 0.5, 0.25, "partially_met"],
        ["c", "901", "1767000000000000001", "44", "Gamma", "mini", "1", "abc", "2026-01-15T10:00:00.000Z", "2026-01-15T10:00:00.000Z", "bob", 0, 2, 0, null, "scope_pending"]
        ]}

        """

    func testIndexFileFromAnOlderVersionReadsAndIsWrittenBackByteForByte() throws {
        let bytes = Array(Self.olderIndex.utf8)
        let entries = try XCTUnwrap(SessionIndex.decodeFile(bytes))
        XCTAssertEqual(entries["a"]?.summary.status, .questionnaireMissing)
        XCTAssertEqual(entries["b"]?.summary.status, .scored(.partiallyMet))
        XCTAssertEqual(entries["c"]?.summary.status, .scored(.scopePending))
        XCTAssertEqual(String(decoding: SessionIndex.encodeFile(entries), as: UTF8.self), Self.olderIndex)
    }

    /// An entry with a status no version wrote is left out (and so summarised again), not the whole file.
    func testUnknownStatusDropsOnlyItsEntry() throws {
        let forged = Self.olderIndex.replacingOccurrences(of: "\"partially_met\"]", with: "\"mostly_met\"]")
        let entries = try XCTUnwrap(SessionIndex.decodeFile(Array(forged.utf8)))
        XCTAssertEqual(entries.keys.sorted(), ["a", "c"])
    }

    func testNamesAreTheStatusRawValuesAndQuestionnaireMissing() throws {
        for s in Status.allCases {
            XCTAssertEqual(SummaryStatus.scored(s).rawValue, s.rawValue)
            XCTAssertEqual(SummaryStatus(rawValue: s.rawValue), .scored(s))
            XCTAssertEqual(SummaryStatus.scored(s).scored, s)
        }
        XCTAssertEqual(SummaryStatus(rawValue: "questionnaire_missing"), .questionnaireMissing)
        XCTAssertNil(SummaryStatus.questionnaireMissing.scored)
        XCTAssertNil(SummaryStatus(rawValue: "questionnaire missing"))
        XCTAssertNil(SummaryStatus(rawValue: ""))
        // Codable: a plain JSON string, as `Summary` was encoded when its status was a String.
        let json = try JSONEncoder().encode([SummaryStatus.questionnaireMissing, .scored(.notMet)])
        XCTAssertEqual(String(decoding: json, as: UTF8.self), #"["questionnaire_missing","not_met"]"#)
        XCTAssertEqual(try JSONDecoder().decode([SummaryStatus].self, from: json), [.questionnaireMissing, .scored(.notMet)])
        XCTAssertThrowsError(try JSONDecoder().decode([SummaryStatus].self, from: Data(#"["done"]"#.utf8)))
    }

    /// Through the store: a session whose questionnaire is missing is listed as such, the index
    /// on disk says "questionnaire_missing", and the next listing reads it back from the index.
    func testStoreListsAMissingQuestionnaireThroughTheIndex() throws {
        let base = Fixtures.temporaryDirectory("summary-status")
        defer { try? FileManager.default.removeItem(atPath: base) }
        let store = SessionStore(root: base + "/home")
        let s = try store.create(title: "Orphan", questionnaire: try Fixtures.mini(), by: "alice")
        let index = SessionIndex(store: store)
        guard case let .summary(first, _)? = index.entries(questionnaire: { _ in nil }).first else { return XCTFail("listed") }
        XCTAssertEqual(first.status, .questionnaireMissing)
        let path = store.sessionsDirectory + "/.index.json"
        let written = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(written.contains("\"\(s.id)\"") && written.hasSuffix("\"questionnaire_missing\"]\n]}\n"), written)
        let cached = try XCTUnwrap(SessionIndex.decodeFile(Array(written.utf8)))
        XCTAssertEqual(cached[s.id]?.summary, first)
        guard case let .summary(again, _)? = index.entries(questionnaire: { _ in nil }).first else { return XCTFail("listed") }
        XCTAssertEqual(again, first)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), written, "read from the index, not rewritten")
    }
}
