import AssessmentCore
import Foundation
import XCTest

/// The merge rule behind "a change on screen changes only the field the person changed" (issue 17, H5).
final class AnswerMergeTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_700_000_000)
    func ans(_ v: String?, note: String? = nil, evidence: [String] = [], by: String = "tui") -> Answer {
        Answer(value: v.map { .text($0) }, note: note, evidence: evidence, by: by, at: t0)
    }

    /// The red-team case: the screen showed {yes, "orig tui"}; the CLI stored {no, cli-note, CLI-EV};
    /// the person edited the note on screen. The note conflicts; nothing is overwritten.
    func testConcurrentNoteEditIsAConflictNotAnOverwrite() {
        let base = ans("yes", note: "orig tui")
        let stored = ans("no", note: "cli-note", evidence: ["CLI-EV"], by: "cli")
        let mine = ans("yes", note: "edited on screen")
        guard case let .conflict(fields, s, m) = AnswerMerge.merge(base: base, mine: mine, stored: stored) else {
            return XCTFail("a note changed on both sides must be a conflict")
        }
        XCTAssertEqual(fields, [.note])
        XCTAssertEqual(s, stored)
        XCTAssertEqual(m, mine)
    }

    /// Only the field the person changed is applied; the others keep what is stored now.
    func testOnlyTheChangedFieldIsApplied() {
        let base = ans("yes", note: "orig tui")
        let stored = ans("no", note: "orig tui", evidence: ["CLI-EV"], by: "cli")
        let mine = ans("yes", note: "new note", by: "tui")
        guard case let .merged(r?) = AnswerMerge.merge(base: base, mine: mine, stored: stored) else { return XCTFail("expected a merge") }
        XCTAssertEqual(r.value, .text("no"), "the CLI's value stays")
        XCTAssertEqual(r.evidence, ["CLI-EV"], "the CLI's evidence stays")
        XCTAssertEqual(r.note, "new note")
        XCTAssertEqual(r.by, "tui")
    }

    func testSameChangeOnBothSidesIsNoConflict() {
        let base = ans("yes")
        let mine = ans("no")
        XCTAssertEqual(AnswerMerge.merge(base: base, mine: mine, stored: ans("no", by: "cli")), .merged(ans("no")))
    }

    func testNoChangeKeepsStored() {
        let stored = ans("no", note: "x", by: "cli")
        XCTAssertEqual(AnswerMerge.merge(base: ans("yes"), mine: ans("yes"), stored: stored), .merged(stored))
    }

    func testValueConflictAndClearing() {
        // Both changed the value differently.
        if case .conflict(let f, _, _) = AnswerMerge.merge(base: ans("yes"), mine: ans("partly"), stored: ans("no")) {
            XCTAssertEqual(f, [.value])
        } else { XCTFail("value changed on both sides") }
        // Clearing an answer nobody else touched removes it.
        XCTAssertEqual(AnswerMerge.merge(base: ans("yes"), mine: nil, stored: ans("yes", by: "x")), .merged(nil))
        // A new answer where none was shown, none stored.
        XCTAssertEqual(AnswerMerge.merge(base: nil, mine: ans("yes"), stored: nil), .merged(ans("yes")))
        // Someone else answered meanwhile, and I only added a note: both kept.
        guard case let .merged(r?) = AnswerMerge.merge(base: nil, mine: ans(nil, note: "n"), stored: ans("no", by: "cli")) else { return XCTFail() }
        XCTAssertEqual(r.value, .text("no")); XCTAssertEqual(r.note, "n")
    }
}
