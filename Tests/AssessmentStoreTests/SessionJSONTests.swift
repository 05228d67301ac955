@testable import AssessmentCore
@testable import AssessmentStore
import Foundation
import TestSupport
import XCTest

/// The hand-written session JSON (SessionJSON) against the Foundation reference it replaces
/// on the hot path: same bytes out, same sessions in.
final class SessionJSONTests: XCTestCase {
    typealias RNG = SeededRandom

    static let awkward = ["", "plain", "quote \" and backslash \\", "slash / and </script>", "tab\tnew\nline\r\u{8}\u{C}",
                          "\u{0}\u{1}\u{1F}\u{7F}", "é 日本 😀 👨‍👩‍👧", "\u{2028}\u{2029}", "  spaced  ", "q10", "q9", "Q1", "a.b_c-d"]

    func randomString(_ r: inout RNG) -> String {
        if r.next() % 3 == 0 { return Self.awkward[Int(r.next() % UInt64(Self.awkward.count))] }
        let n = Int(r.next() % 12)
        return String((0..<n).map { _ in Character(Unicode.Scalar(UInt8(32 + r.next() % 95))) })
    }

    func randomDate(_ r: inout RNG) -> Date {
        Date(timeIntervalSince1970: Double(Int64(r.next() % 4_000_000_000_000)) / 1000)
    }

    func randomNumber(_ r: inout RNG) -> Double {
        let choices: [Double] = [0, -0.0, 1, -1, 0.5, 1.0 / 3, 1e20, 1e-7, 123_456_789, 2.5e300, -42.125, 1e16, 9_007_199_254_740_993]
        return choices[Int(r.next() % UInt64(choices.count))]
    }

    func randomAnswer(_ r: inout RNG) -> Answer {
        let v: AnswerValue?
        switch r.next() % 4 {
        case 0: v = nil
        case 1: v = .text(randomString(&r))
        case 2: v = .number(randomNumber(&r))
        default: v = .choices((0..<Int(r.next() % 4)).map { _ in randomString(&r) })
        }
        return Answer(value: v, notApplicable: r.next() % 4 == 0, justification: r.next() % 3 == 0 ? randomString(&r) : nil,
                      note: r.next() % 2 == 0 ? randomString(&r) : nil,
                      evidence: (0..<Int(r.next() % 3)).map { _ in randomString(&r) }, by: randomString(&r), at: randomDate(&r))
    }

    func randomSession(_ r: inout RNG) -> Session {
        let q = Questionnaire(id: "q", title: "Q", version: "1", nodes: [], digest: "abc")
        var s = Session(id: "s-\(r.next() % 1000)", title: randomString(&r), questionnaire: q, by: randomString(&r), at: randomDate(&r),
                        organisation: r.next() % 2 == 0 ? randomString(&r) : nil, model: r.next() % 2 == 0 ? randomString(&r) : nil,
                        modelVersion: r.next() % 2 == 0 ? randomString(&r) : nil)
        for _ in 0..<Int(r.next() % 8) { s.answers[randomString(&r)] = randomAnswer(&r) }
        for _ in 0..<Int(r.next() % 6) {
            s.history.append(Session.Change(at: randomDate(&r), by: randomString(&r), question: randomString(&r),
                                            old: r.next() % 2 == 0 ? randomAnswer(&r) : nil, new: r.next() % 3 == 0 ? nil : randomAnswer(&r)))
        }
        switch r.next() % 4 {
        case 0: s.position = nil
        case 1: s.position = Session.Position()
        case 2: s.position = Session.Position(question: randomString(&r))
        default: s.position = Session.Position(question: randomString(&r), node: randomString(&r))
        }
        for _ in 0..<Int(r.next() % 3) {
            var a = Action(id: randomString(&r), title: randomString(&r), question: r.next() % 2 == 0 ? randomString(&r) : nil,
                           measure: r.next() % 2 == 0 ? randomString(&r) : nil, owner: r.next() % 2 == 0 ? randomString(&r) : nil,
                           due: r.next() % 2 == 0 ? "2026-0\(1 + r.next() % 9)-01" : nil,
                           status: Action.State.allCases[Int(r.next() % UInt64(Action.State.allCases.count))],
                           priority: r.next() % 2 == 0 ? randomNumber(&r) : nil, note: r.next() % 2 == 0 ? randomString(&r) : nil,
                           by: randomString(&r), at: randomDate(&r))
            a.updated = randomDate(&r)
            s.actions.append(a)
        }
        for _ in 0..<Int(r.next() % 3) { s.reviews[randomString(&r)] = Review(by: randomString(&r), at: randomDate(&r), note: r.next() % 2 == 0 ? randomString(&r) : nil) }
        for _ in 0..<Int(r.next() % 3) { s.discussion[randomString(&r)] = randomString(&r) }
        if r.next() % 2 == 0 {
            s.facilitator = Session.Facilitator(question: r.next() % 2 == 0 ? randomString(&r) : nil, node: r.next() % 2 == 0 ? randomString(&r) : nil,
                                                by: randomString(&r), since: randomDate(&r), timerStartedAt: r.next() % 2 == 0 ? randomDate(&r) : nil)
        }
        for _ in 0..<Int(r.next() % 3) { s.events[randomString(&r)] = "2026-01-0\(1 + r.next() % 9)" }
        for _ in 0..<Int(r.next() % 3) {
            let kind = Conflict.Kind.allCases[Int(r.next() % UInt64(Conflict.Kind.allCases.count))]
            let sides = (0..<2).map { _ in
                Conflict.Side(answer: r.next() % 2 == 0 ? randomAnswer(&r) : nil, text: r.next() % 2 == 0 ? randomString(&r) : nil,
                              by: randomString(&r), at: randomDate(&r))
            }
            s.conflicts.append(Conflict(kind: kind, key: randomString(&r), sides: sides))
        }
        s.updated = randomDate(&r)
        s.updatedBy = randomString(&r)
        return s
    }

    func testWriterProducesJSONEncoderBytes() throws {
        var r = RNG(state: 42)
        for i in 0..<600 {
            let s = randomSession(&r)
            let fast = try SessionCodec.encode(s)
            let reference = try SessionCodec.foundationEncode(s)
            if fast != reference {
                XCTFail("session \(i) differs:\n--- fast\n\(String(decoding: fast, as: UTF8.self))\n--- JSONEncoder\n\(String(decoding: reference, as: UTF8.self))")
                return
            }
        }
    }

    func testReaderMatchesJSONDecoder() throws {
        var r = RNG(state: 7)
        for i in 0..<600 {
            let s = randomSession(&r)
            let bytes = try SessionCodec.foundationEncode(s)
            guard let fast = SessionJSON.decode(bytes) else { XCTFail("session \(i): fast reader gave up"); return }
            let reference = try SessionCodec.foundationDecode(bytes)
            XCTAssertEqual(fast, reference, "session \(i)")
            XCTAssertEqual(fast, s, "session \(i) round trip")
        }
    }

    /// Optional members written as null or left out, and unknown members, read the same both ways.
    func testReaderAcceptsWhatJSONDecoderAccepts() throws {
        let text = """
        {"schemaVersion": 1, "id": "x", "title": "T", "organisation": null, "model": null, "future": {"a": [1, 2]},
         "questionnaire": {"id": "q", "version": "1", "digest": "d", "extra": true},
         "answers": {"a": {"at": "2026-01-02T03:04:05.678Z", "value": null, "notApplicable": null, "note": null, "evidence": null, "by": null},
                     "b": {"at": "2026-01-02T03:04:05Z", "value": 3, "unknown": 1}},
         "history": [{"at": "2026-01-02T03:04:05.678Z", "by": "u", "question": "a", "old": null}],
         "position": {"question": null}, "actions": null, "reviews": null, "discussion": null, "events": null,
         "facilitator": {"by": "f", "since": "2026-01-02T03:04:05.678Z", "question": null, "timerStartedAt": null},
         "created": "2026-01-02T03:04:05.678Z", "createdBy": null, "updated": "2026-01-02T03:04:05.678Z"}
        """
        let bytes = Array(text.utf8)
        let fast = try XCTUnwrap(SessionJSON.decode(bytes))
        XCTAssertEqual(fast, try SessionCodec.foundationDecode(bytes))
    }

    /// Whatever the fast reader refuses still gets the Foundation path and its message.
    func testReaderGivesUpOnWhatJSONDecoderRejects() throws {
        let base = """
        {"schemaVersion": 1, "id": "x", "title": "T", "questionnaire": {"id": "q", "version": "1", "digest": "d"},
         "answers": {ANSWERS}, "created": "2026-01-02T03:04:05.678Z", "updated": CREATED}
        """
        let cases: [(String, String)] = [
            ("\"a\": {\"value\": \"yes\"}", "\"2026-01-02T03:04:05.678Z\""),            // answer without 'at'
            ("\"a\": {\"at\": \"yesterday\"}", "\"2026-01-02T03:04:05.678Z\""),         // bad date
            ("\"a\": {\"at\": \"2026-01-02T03:04:05.678Z\", \"value\": true}", "\"2026-01-02T03:04:05.678Z\""),  // bool value
            ("\"a\": {\"at\": \"2026-01-02T03:04:05.678Z\", \"value\": [1]}", "\"2026-01-02T03:04:05.678Z\""),   // numbers in a multi
            ("", "null"),                                                                 // updated null
            ("", "\"2026-02-30T00:00:00.000Z\""),                                         // no such day
        ]
        for (answers, created) in cases {
            let bytes = Array(base.replacingOccurrences(of: "ANSWERS", with: answers).replacingOccurrences(of: "CREATED", with: created).utf8)
            let reference = try? SessionCodec.foundationDecode(bytes)
            XCTAssertEqual(SessionJSON.decode(bytes), reference, answers + " " + created)
            if reference == nil, case .success = SessionCodec.check(bytes) { XCTFail("check accepted \(answers) \(created)") }
        }
    }

    /// The reader reads straight from the bytes: it must accept nothing the strict parser refuses, and
    /// whatever it accepts must be what JSONDecoder reads. Damaged copies of real session files.
    func testReaderIsAsStrictAsTheParser() throws {
        var r = RNG(state: 99)
        var accepted = 0, refused = 0
        let tokens: [[UInt8]] = [Array("\"a\": 1, ".utf8), Array("\"at\"".utf8), Array(",".utf8), Array("}".utf8), Array("]".utf8),
                                 Array("null".utf8), Array("\\u00e9".utf8), [0xC3], [0xFF], [0x0A], Array("[".utf8), Array("\"".utf8)]
        for i in 0..<1500 {
            let s = randomSession(&r)
            var bytes = try SessionCodec.encode(s)
            for _ in 0..<(1 + Int(r.next() % 3)) {
                let at = Int(r.next() % UInt64(bytes.count))
                switch r.next() % 4 {
                case 0: bytes.remove(at: at)
                case 1: bytes[at] = UInt8(truncatingIfNeeded: r.next())
                case 2: bytes.insert(contentsOf: tokens[Int(r.next() % UInt64(tokens.count))], at: at)
                default: bytes = Array(bytes[..<at])
                }
            }
            let fast = SessionJSON.decode(bytes)
            let parsed = try? JSONParser.parse(bytes)
            if let fast {
                accepted += 1
                XCTAssertNotNil(parsed, "case \(i): the reader accepted what the parser refuses: \(String(decoding: bytes, as: UTF8.self))")
                XCTAssertEqual(fast, try? SessionCodec.foundationDecode(bytes), "case \(i)")
            } else {
                refused += 1
            }
        }
        // Both outcomes must occur, or the damage above tests nothing.
        XCTAssertGreaterThan(accepted, 50)
        XCTAssertGreaterThan(refused, 500)
    }

    /// Duplicate member names, trailing commas, bad nesting and trailing content are refused at any depth.
    func testReaderRefusesWhatTheParserRefuses() throws {
        let base = """
        {"schemaVersion": 1, "id": "x", "title": "T", "questionnaire": {"id": "q", "version": "1", "digest": "d"},
         "answers": {"a": {"at": "2026-01-02T03:04:05.678Z", "value": "yes"}}, "created": "2026-01-02T03:04:05.678Z",
         "reviews": {"m": {"by": "ana", "at": "2026-01-02T03:04:05.678Z"}}, "discussion": {"m": "said"},
         "updated": "2026-01-02T03:04:05.678Z", "future": {"k": [1, {"n": null}]}}
        """
        XCTAssertNotNil(SessionJSON.decode(Array(base.utf8)), "the base case must be read, or the cases below test nothing")
        let damaged = [
            base.replacingOccurrences(of: "\"title\": \"T\"", with: "\"title\": \"T\", \"title\": \"U\""),
            base.replacingOccurrences(of: "\"value\": \"yes\"", with: "\"value\": \"yes\", \"value\": \"no\""),
            // Names its decoder keeps as dictionary keys (`JSONReader.nextKey`): the decoder refuses them.
            base.replacingOccurrences(of: "\"value\": \"yes\"}}", with: "\"value\": \"yes\"}, \"a\": {\"at\": \"2026-01-02T03:04:05.678Z\"}}"),
            base.replacingOccurrences(of: "\"at\": \"2026-01-02T03:04:05.678Z\"}}, \"discussion\"",
                                      with: "\"at\": \"2026-01-02T03:04:05.678Z\"}, \"m\": {\"by\": \"bo\", \"at\": \"2026-01-02T03:04:05.678Z\"}}, \"discussion\""),
            base.replacingOccurrences(of: "{\"m\": \"said\"}", with: "{\"m\": \"said\", \"m\": \"unsaid\"}"),
            base.replacingOccurrences(of: "{\"n\": null}", with: "{\"n\": null, \"n\": 1}"),
            base.replacingOccurrences(of: "[1, {", with: "[1,, {"),
            base.replacingOccurrences(of: "\"yes\"}}", with: "\"yes\",}}"),
            base + " {}",
            base.replacingOccurrences(of: "\"T\"", with: "\"T\u{1}\""),
            base.replacingOccurrences(of: "[1, {", with: "[01, {"),
        ]
        for text in damaged {
            XCTAssertNotEqual(text, base, "a case that changes nothing tests nothing")
            XCTAssertThrowsError(try JSONParser.parse(text), text)
            XCTAssertNil(SessionJSON.decode(Array(text.utf8)), text)
        }
    }

    /// A stored property added to a session type must be written and read by SessionJSON too.
    func testEveryStoredPropertyIsHandled() {
        let q = Questionnaire(id: "q", title: "Q", version: "1", nodes: [])
        let s = Session(id: "x", title: "T", questionnaire: q, by: "u")
        let a = Answer(value: nil, by: "u")
        let samples: [(String, Any)] = [
            ("Session", s), ("QuestionnaireRef", s.questionnaire), ("Position", Session.Position()),
            ("Change", Session.Change(at: Date(), by: "u", question: "q", old: nil, new: nil)), ("Answer", a),
            ("Action", Action(id: "a", title: "t", by: "u")), ("Review", Review(by: "u")),
            ("Facilitator", Session.Facilitator(by: "u", since: Date())),
            ("Conflict", Conflict(kind: .title, key: "", sides: [])), ("Side", Conflict.Side(by: "u", at: Date())),
        ]
        for (name, value) in samples {
            let stored = Set(Mirror(reflecting: value).children.compactMap(\.label))
            XCTAssertEqual(stored, SessionJSON.handledProperties[name], "\(name): update SessionJSON (writer, reader and handledProperties)")
        }
    }

    /// The index file (version 2) gives back exactly what was written; anything else reads as no index.
    func testIndexFileRoundTrip() throws {
        var r = RNG(state: 11)
        var entries: [String: SessionIndex.Cached] = [:]
        for i in 0..<300 {
            let s = SessionIndex.Summary(id: "s-\(i)", title: randomString(&r), questionnaireID: randomString(&r), questionnaireVersion: randomString(&r),
                                         computedWith: i % 3 == 0 ? "" : randomString(&r), created: randomDate(&r), updated: randomDate(&r),
                                         updatedBy: randomString(&r), answered: Int(r.next() % 500), applicable: Int(r.next() % 500),
                                         progress: i % 4 == 0 ? nil : randomNumber(&r), score: i % 5 == 0 ? nil : randomNumber(&r),
                                         status: [.scored(.met), .scored(.notMet), .questionnaireMissing][i % 3])
            let stamp = SessionIndex.Stamp(size: Int64(r.next() % 10_000_000), mtimeNs: Int64(bitPattern: r.next() >> 1), inode: r.next())
            entries[s.id] = SessionIndex.Cached(stamp: stamp, summary: s)
        }
        let bytes = SessionIndex.encodeFile(entries)
        let back = try XCTUnwrap(SessionIndex.decodeFile(bytes))
        XCTAssertEqual(back.count, entries.count)
        for (id, c) in entries {
            XCTAssertEqual(back[id]?.stamp, c.stamp, id)
            XCTAssertEqual(back[id]?.summary, c.summary, id)
        }
        XCTAssertEqual(SessionIndex.decodeFile(SessionIndex.encodeFile([:]))?.count, 0)
        XCTAssertNil(SessionIndex.decodeFile(Array(#"{"version": 1, "entries": {}}"#.utf8)))
        XCTAssertNil(SessionIndex.decodeFile(Array(#"{"version": 2, "entries": [["x"]]}"#.utf8)))
        XCTAssertNil(SessionIndex.decodeFile(Array("not json".utf8)))
    }

    func testTimestampFastPathAgreesWithFoundation() {
        var r = RNG(state: 3)
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        for _ in 0..<3000 {
            // Years 1600…9999 (Foundation reads earlier ones in the Julian calendar; those skip the fast path).
            let ms = Int64(r.next() % 253_402_300_799_999) - 11_676_096_000_000 * Int64(r.next() % 2)
            let d = Date(timeIntervalSince1970: Double(ms) / 1000)
            let text = Timestamp.format(d)
            guard let fast = Timestamp.exactMilliseconds(text) else { XCTFail("fast path refused \(text)"); continue }
            XCTAssertEqual(fast, ms, text)
            if let f = try? style.parse(text) {
                XCTAssertEqual(Int64((f.timeIntervalSince1970 * 1000).rounded()), fast, text)
            }
        }
        for _ in 0..<3000 {
            let d = Date(timeIntervalSince1970: Double(Int64(r.next() % 600_000_000_000_000)) / 1000 - 300_000_000_000)
            XCTAssertEqual(Timestamp.format(d), Timestamp.slowFormat(d))
        }
        for d in [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: -0.001), Date(timeIntervalSince1970: 1.9995),
                  Date(timeIntervalSince1970: -62_167_219_200), Date(timeIntervalSince1970: 253_402_300_800), .distantPast, .distantFuture] {
            XCTAssertEqual(Timestamp.format(d), Timestamp.slowFormat(d), "\(d.timeIntervalSince1970)")
        }
        for bad in ["2026-02-29T00:00:00.000Z", "2026-13-01T00:00:00.000Z", "2026-01-01T24:00:00.000Z", "2026-01-01T00:60:00.000Z",
                    "2026-01-01T00:00:60.000Z", "0000-01-01T00:00:00.000Z", "1500-01-01T00:00:00.000Z", "2026-01-01 00:00:00.000Z", "2026-01-01T00:00:00.000+00:00",
                    "2026-1-01T00:00:00.000Z", "２026-01-01T00:00:00.000Z"] {
            XCTAssertNil(Timestamp.exactMilliseconds(bad), bad)
        }
        XCTAssertEqual(Timestamp.exactMilliseconds("2024-02-29T23:59:59.999Z"), 1_709_251_199_999)
        XCTAssertEqual(Timestamp.exactMilliseconds("1970-01-01T00:00:00Z"), 0)
        XCTAssertEqual(Timestamp.exactMilliseconds("1969-12-31T23:59:59.999Z"), -1)
    }
}
