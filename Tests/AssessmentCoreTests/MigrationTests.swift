import AssessmentCore
import TestSupport
import XCTest

/// `migrations` in a questionnaire: loading, validation, and what re-pinning an old session does.
final class MigrationTests: XCTestCase {
    static let graded = #"[{"value": "yes", "label": "Yes", "score": 1}, {"value": "partly", "label": "Partly", "score": 0.5}, {"value": "no", "label": "No", "score": 0}]"#
    let t0 = Date(timeIntervalSince1970: 1_780_000_000)
    let t1 = Date(timeIntervalSince1970: 1_790_000_000)

    func q(_ id: String, _ extra: String = "") -> String {
        #"{"id": "\#(id)", "type": "graded", "text": "Q", "options": \#(Self.graded)\#(extra)}"#
    }

    /// Version 2 of a questionnaire in which version 1's `ab` (two facts) became `ab` and `b`.
    func doc(version: String = "2.0.0", migrations: String) -> String {
        """
        {"id": "t", "title": "T", "version": "\(version)", "migrations": \(migrations),
         "nodes": [{"id": "m", "kind": "measure", "title": "M",
                    "questions": [\(q("ab")), \(q("b")), \(q("c", #", "allowNA": true"#))]}]}
        """
    }

    static let split = #"[{"from": "<2.0.0", "reason": "the question was split", "answers": [{"question": "ab", "to": ["ab", "b"], "how": "copy", "values": ["yes"]}]}]"#

    func load(_ text: String) throws -> Questionnaire { try QuestionnaireLoader.load(bytes: Array(text.utf8)) }
    func errors(_ text: String) -> [Diagnostic] {
        QuestionnaireLoader.check(bytes: Array(text.utf8)).1.filter { $0.severity == .error }
    }

    /// A session saved with version 1.0.0 of `t`, answering `answers` by "alice".
    func oldSession(_ answers: [String: Answer], version: String = "1.0.0") throws -> Session {
        var v1 = try load(doc(version: version, migrations: "[]"))
        v1.version = version
        var s = Session(id: "s", title: "S", questionnaire: v1, by: "alice", at: t0)
        for (k, a) in answers.sorted(by: { $0.key < $1.key }) { s.set(k, to: a, by: "alice", at: t0) }
        return s
    }

    func answer(_ v: String, note: String? = nil) -> Answer { Answer(value: .text(v), note: note, by: "alice", at: t0) }

    func testLoadsMigrationsAndMatchesVersions() throws {
        let q = try load(doc(migrations: Self.split))
        XCTAssertEqual(q.migrations.count, 1)
        XCTAssertEqual(q.migrations[0].answers, [.init(question: "ab", to: ["ab", "b"], how: .copy, values: ["yes"])])
        let below = Migration.VersionMatch("<2.0.0")!
        XCTAssertTrue(below.matches("1.0.0"))
        XCTAssertTrue(below.matches("1.10"))
        XCTAssertFalse(below.matches("2.0.0"))
        XCTAssertFalse(below.matches("10.0.0"))
        XCTAssertTrue(Migration.VersionMatch("<=2.0")!.matches("2.0.0"))
        XCTAssertTrue(Migration.VersionMatch("1.0.0")!.matches("1.0.0"))
        XCTAssertFalse(Migration.VersionMatch("1.0.0")!.matches("1.0"))
        XCTAssertNil(Migration.VersionMatch("<two"))
    }

    func testValidationRefusesBrokenMigrations() {
        func errs(_ m: String) -> [String] { errors(doc(migrations: m)).map(\.message) }
        XCTAssertEqual(errs(Self.split), [])
        XCTAssertTrue(errs(#"[{"from": "<2", "answers": [{"question": "ab", "to": ["ab", "bb"], "how": "copy"}]}]"#)
            .contains { $0.contains("unknown question 'bb'") && $0.contains("did you mean") })
        XCTAssertTrue(errs(#"[{"from": "<2", "answers": [{"question": "ab", "to": ["b"], "how": "copy", "values": ["maybe"]}]}]"#)
            .contains { $0.contains("'maybe' is not an option of 'b'") })
        XCTAssertTrue(errs(#"[{"from": "<2", "answers": [{"question": "ab", "to": ["b"], "how": "move"}]}]"#)
            .contains { $0.contains("unknown 'how' 'move'") })
        XCTAssertTrue(errs(#"[{"from": "<x", "answers": []}]"#).contains { $0.contains("'from' must be a version") })
        XCTAssertTrue(errs(#"[{"from": "<2", "answers": [{"question": "ab", "to": ["b"], "how": "ask"}, {"question": "ab", "to": ["c"], "how": "ask"}]}]"#)
            .contains { $0.contains("mapped twice") })
        XCTAssertTrue(errs(#"[{"from": "<2", "answers": [{"question": "ab", "to": ["b"], "how": "copy"}, {"question": "b", "to": ["c"], "how": "copy"}]}]"#)
            .contains { $0.contains("migration cycle") })
        XCTAssertTrue(errs(#"[{"from": "<2", "answers": [{"question": "ab", "to": [], "how": "copy"}]}]"#)
            .contains { $0.contains("'to' is empty") })
    }

    func testYesToTheCombinedQuestionCarriesToEveryPart() throws {
        let v2 = try load(doc(migrations: Self.split))
        var s = try oldSession(["ab": answer("yes", note: "audit 2026")])
        s.pin(to: v2, by: "bob", at: t1)
        XCTAssertEqual(s.questionnaire.version, "2.0.0")
        XCTAssertEqual(s.answers["ab"]?.value, .text("yes"), "the part that keeps the old id keeps the answer")
        XCTAssertEqual(s.answers["b"]?.value, .text("yes"))
        XCTAssertTrue(s.answers["b"]!.note!.hasPrefix("audit 2026\nCarried over from ab"), s.answers["b"]!.note!)
        XCTAssertEqual(s.history.last?.question, "b")
        XCTAssertEqual(s.history.last?.by, "bob")
        XCTAssertEqual(Evaluation(questionnaire: v2, session: s).questions["b"]?.score, 1)
    }

    func testPartlyIsAskedAgainAndKeptInTheHistory() throws {
        let v2 = try load(doc(migrations: Self.split))
        var s = try oldSession(["ab": answer("partly")])
        s.pin(to: v2, by: "bob", at: t1)
        for id in ["ab", "b"] {
            XCTAssertNil(s.answers[id]?.value, "\(id): a 'partly' to two facts says nothing about each")
            XCTAssertTrue(s.answers[id]!.note!.contains("Asked again: in questionnaire 2.0.0 the question was split"), s.answers[id]!.note!)
            XCTAssertTrue(s.answers[id]!.note!.contains("'partly'"))
            XCTAssertFalse(Evaluation(questionnaire: v2, session: s).questions[id]!.answered)
        }
        // Nothing lost: the old answer is the `old` side of the history entry that cleared it.
        let cleared = s.history.last { $0.question == "ab" }!
        XCTAssertEqual(cleared.old?.value, .text("partly"))
        XCTAssertNil(cleared.new?.value)
        XCTAssertEqual(s.history.filter { $0.question == "ab" }.first?.new?.value, .text("partly"))
    }

    func testAnOptionThatDisappearedIsNotInvented() throws {
        // Version 2's `c` has no "maybe"; a copy without `values` must not write one.
        let v2 = try load(doc(migrations: #"[{"from": "1.0.0", "answers": [{"question": "old", "to": ["c"], "how": "copy"}]}]"#))
        var s = try oldSession(["old": answer("maybe")])
        s.pin(to: v2, by: "bob", at: t1)
        XCTAssertNil(s.answers["c"]?.value)
        XCTAssertTrue(s.answers["c"]!.note!.contains("Asked again"))
        XCTAssertEqual(s.answers["old"]?.value, .text("maybe"), "the old answer stays, as an orphan")
        XCTAssertEqual(Evaluation(questionnaire: v2, session: s).orphanedAnswers, ["old"])
    }

    func testNotApplicableCarriesOnlyWhereAllowed() throws {
        let v2 = try load(doc(migrations: #"[{"from": "1.0.0", "answers": [{"question": "old", "to": ["b", "c"], "how": "copy"}]}]"#))
        var s = try oldSession(["old": Answer(value: nil, notApplicable: true, justification: "no weights", by: "alice", at: t0)])
        s.pin(to: v2, by: "bob", at: t1)
        XCTAssertTrue(s.answers["c"]!.notApplicable, "c allows N/A")
        XCTAssertFalse(s.answers["b"]!.notApplicable, "b does not")
        XCTAssertNil(s.answers["b"]!.value)
    }

    func testAskLeavesEveryTargetOpenWithANote() throws {
        let v2 = try load(doc(migrations: #"[{"from": "1.0.0", "answers": [{"question": "ab", "to": ["ab", "b"], "how": "ask"}]}]"#))
        var s = try oldSession(["ab": answer("yes")])
        s.pin(to: v2, by: "bob", at: t1)
        XCTAssertNil(s.answers["ab"]?.value)
        XCTAssertNil(s.answers["b"]?.value)
        XCTAssertTrue(s.answers["b"]!.note!.contains("the questionnaire changed this question"), "default reason")
    }

    func testRunsOnceAndOnlyFromMatchingVersions() throws {
        let v2 = try load(doc(migrations: Self.split))
        var s = try oldSession(["ab": answer("yes")])
        s.pin(to: v2, by: "bob", at: t1)
        s.set("b", to: answer("no"), by: "bob", at: t1)
        let before = s
        s.pin(to: v2, by: "bob", at: t1)
        XCTAssertEqual(s, before, "re-pinning the same version changes nothing")
        var newer = try oldSession(["ab": answer("yes")], version: "2.0.0")
        let v3 = try load(doc(version: "3.0.0", migrations: Self.split))
        newer.pin(to: v3, by: "bob", at: t1)
        XCTAssertNil(newer.answers["b"], "a session already on 2.0.0 is not migrated by a '<2.0.0' rule")
    }

    func testAnAnswerAlreadyGivenToANewQuestionIsKept() throws {
        let v2 = try load(doc(migrations: Self.split))
        var s = try oldSession(["ab": answer("yes"), "b": answer("no")])
        s.pin(to: v2, by: "bob", at: t1)
        XCTAssertEqual(s.answers["b"]?.value, .text("no"))
    }

    /// The one write rule of every front end (`Session.write`): a position-only write neither
    /// migrates nor pins; a write that changes an answer first carries the old answers over and
    /// then applies the new answer on top, so the answer given now wins and is not re-migrated.
    func testAWriteMigratesFirstAndTheNewAnswerGoesOnTop() throws {
        let v2 = try load(doc(migrations: Self.split))
        var s = try oldSession(["ab": answer("yes")])

        s.apply([.position(Session.Position(question: "b"))], by: "bob", at: t1, with: v2)
        XCTAssertEqual(s.questionnaire.version, "1.0.0", "a position-only write records nothing")
        XCTAssertNil(s.answers["b"])

        s.apply([.answer(question: "ab", Answer(value: .text("partly"), by: "bob", at: t1), shown: s.answers["ab"])],
                by: "bob", at: t1, with: v2)
        XCTAssertEqual(s.questionnaire.version, "2.0.0")
        XCTAssertEqual(s.answers["ab"]?.value, .text("partly"), "the answer given now")
        XCTAssertEqual(s.answers["b"]?.value, .text("yes"), "carried over from the old combined answer first")
    }
}
