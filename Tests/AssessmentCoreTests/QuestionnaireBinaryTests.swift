@testable import AssessmentCore
import Foundation
import TestSupport
import XCTest

/// The decoded-questionnaire cache's codec: round trips, a guard against uncoded new properties,
/// and a decoder that never traps on damaged input.
final class QuestionnaireBinaryTests: XCTestCase {
    // MARK: - Samples

    /// Every questionnaire file that ships, loaded fresh.
    func shipped() throws -> [Questionnaire] {
        let folder = Fixtures.questionnairesFolder
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { $0.hasSuffix(".json") && !$0.hasSuffix(".schema.json") }.sorted()
        XCTAssertFalse(names.isEmpty)
        return try names.map { try QuestionnaireLoader.load(path: folder + "/" + $0) }
    }

    /// Every expression and value case, every operator.
    static func everyExpression() -> AssessmentCore.Expression {
        let values: [ExpressionValue] = [.null, .bool(true), .bool(false), .number(0.1), .number(-.infinity), .number(-0.0),
                                         .number(.leastNonzeroMagnitude), .string(""), .string("é ✓ 🇪🇺 \u{301}"),
                                         .list([.number(1), .list([.string("nested"), .null])])]
        var parts: [AssessmentCore.Expression] = values.map { .literal($0) }
        parts.append(.identifier("scope.role", column: 7))
        parts.append(.list([.literal(.number(2)), .identifier("x", column: 1)]))
        parts.append(.list([]))
        parts.append(.unary(.not, .identifier("a", column: 5)))
        parts.append(.unary(.negate, .literal(.number(3))))
        let binaries: [AssessmentCore.Expression.BinaryOperator] = [.or, .and, .eq, .ne, .lt, .le, .gt, .ge, .in, .notIn, .add, .sub, .mul, .div]
        for (i, op) in binaries.enumerated() { parts.append(.binary(op, .identifier("b\(i)", column: i), .literal(.number(Double(i))))) }
        parts.append(.call("coalesce", [.identifier("c", column: 10), .literal(.number(0))], column: 1))
        parts.append(.call("answered", [], column: Int(Int32.max) + 5))
        return parts.dropFirst().reduce(parts[0]) { .binary(.or, $0, $1) }
    }

    /// Sets every optional field and uses every enum case.
    static func synthetic() -> Questionnaire {
        let e = everyExpression()
        var options: [AnswerOption] = []
        for (i, flags) in [(true, false, false, false), (false, true, false, true), (false, false, true, false)].enumerated() {
            var o = AnswerOption(value: "v\(i)", label: "Label \(i)", score: Double(i) / 3, description: "Described \(i)",
                                 exclusive: flags.0, required: flags.1, example: flags.2)
            o.holdsVerdict = flags.3
            options.append(o)
        }
        options.append(AnswerOption(value: "bare", label: "Bare"))
        var questions: [Question] = []
        for (i, type) in QuestionType.allCases.enumerated() {
            var q = Question(id: "q\(i)", type: type, number: "\(i).1", text: "Question \(i) — ünïcode", guidance: "Guide \(i)",
                             references: ["Art. 53(\(i))", ""], options: options,
                             scoring: MultiScoring.allCases[i % MultiScoring.allCases.count], weight: 2.5 + Double(i),
                             required: i % 2 == 0, allowNA: i % 2 == 1, critical: i % 3 == 0, criticalThreshold: 0.25,
                             remediation: "Fix \(i)", conditionReason: "Because \(i)", unit: "FLOP", min: -1e300, max: 1e300,
                             evidenceHint: "A document", passAt: 0.75, requireAll: i % 2 == 1)
            // The expression with every case once in full; the others short, to keep the damage tests quick.
            q.condition = i == 0 ? e : .unary(.not, .identifier("q0", column: 5))
            q.conditionSource = "a long source"
            q.noteIsContent = i % 2 == 0
            q.holdsVerdict = i % 2 == 1
            q.guidanceVariants = [GuidanceVariant(when: .identifier("q0", column: 1), whenSource: "q0", guidance: "Variant A"),
                                  GuidanceVariant(when: i == 0 ? e : .literal(.bool(true)), whenSource: "everything", guidance: "")]
            questions.append(q)
        }
        let bare = Question(id: "bare", type: .text, text: "Nothing optional")
        func node(_ kind: NodeKind, _ i: Int, children: [Node]) -> Node {
            var n = Node(id: "n\(i)", kind: kind, number: "N\(i)", title: "Node \(i)", guidance: "Node guidance",
                         references: ["ref"], conditionReason: "Only sometimes", children: children,
                         questions: i == 0 ? questions : [bare])
            n.shortTitle = "Short \(i)"
            n.abbreviation = "N"
            n.requirements = ["First duty", "Second duty"]
            n.condition = .binary(.eq, .identifier("q1", column: 1), .literal(.string("v1")))
            n.conditionSource = "q1 == 'v1'"
            return n
        }
        // One node of each kind, nested one inside the next, plus a bare node at the top.
        var chain: [Node] = []
        for (i, kind) in NodeKind.allCases.enumerated().reversed() { chain = [node(kind, i, children: chain)] }
        let bareNode = Node(id: "bareNode", kind: .group, title: "Bare")
        var q = Questionnaire(id: "synthetic", title: "Synthetic", version: "2.0.0", language: "fr",
                              source: Questionnaire.Source(document: "Doc", date: "2025-07-10", url: "https://example.org/x"),
                              description: "Everything set",
                              thresholds: Questionnaire.Thresholds(met: 0.9, partial: 0.4, critical: 0.3),
                              derived: [Questionnaire.DerivedValue(id: "d", label: "D", unit: "units", expression: e, expressionSource: "src"),
                                        Questionnaire.DerivedValue(id: "d2", label: "D2", unit: nil, expression: .literal(.null), expressionSource: "")],
                              nodes: chain + [bareNode], digest: String(repeating: "ab", count: 32))
        q.migrations = [
            Migration(from: .exact("1.0.0"), reason: "split", answers: [
                .init(question: "old", to: ["q0", "q1"], how: .copy, values: ["v0", "v1"]),
                .init(question: "old2", to: [], how: .ask),
            ]),
            Migration(from: .below("1.1.0"), answers: [.init(question: "x", to: ["q2"], how: .copy, values: [])]),
            Migration(from: .upTo("1.2.0"), reason: nil, answers: []),
        ]
        return q
    }

    // MARK: - Round trips

    func testShippedQuestionnairesRoundTrip() throws {
        for q in try shipped() {
            let bytes = QuestionnaireBinary.encode(q)
            var back = try XCTUnwrap(QuestionnaireBinary.decode(bytes), q.id)
            XCTAssertNil(back.path, "the path is not cached")
            back.path = q.path
            XCTAssertEqual(back, q, q.id)
            XCTAssertEqual(back.digest, q.digest)
            XCTAssertEqual(QuestionnaireBinary.encodeIfDecodable(q), bytes)
        }
    }

    func testSyntheticRoundTripsEveryFieldAndCase() throws {
        let q = Self.synthetic()
        let back = try XCTUnwrap(QuestionnaireBinary.decode(QuestionnaireBinary.encode(q)))
        XCTAssertEqual(back, q)
        // Spot checks that equality did not pass for a reason other than the fields being there.
        XCTAssertEqual(back.migrations.count, 3)
        XCTAssertEqual(back.nodes.first?.children.first?.kind, .chapter)
        XCTAssertEqual(back.allQuestions.first?.guidanceVariants.count, 2)
        XCTAssertEqual(back.allQuestions.first?.options[1].holdsVerdict, true)
        XCTAssertEqual(back.source.url, "https://example.org/x")
        // -0.0 == 0.0 and so on: the same bytes again means every double kept its bits.
        XCTAssertEqual(QuestionnaireBinary.encode(back), QuestionnaireBinary.encode(q))
        guard case let .binary(_, _, rhs)? = back.derived.first.map(\.expression) else { return XCTFail("shape") }
        XCTAssertEqual(rhs, .call("answered", [], column: Int(Int32.max) + 5))
    }

    func testEveryEnumCaseIsInTheSynthetic() {
        let q = Self.synthetic()
        var kinds = Set<NodeKind>(), types = Set<QuestionType>(), scorings = Set<MultiScoring>()
        q.walk { n, _ in kinds.insert(n.kind) }
        for x in q.allQuestions { types.insert(x.type); scorings.insert(x.scoring) }
        XCTAssertEqual(kinds, Set(NodeKind.allCases))
        XCTAssertEqual(types, Set(QuestionType.allCases))
        XCTAssertEqual(scorings, Set(MultiScoring.allCases))
        XCTAssertEqual(Set(q.migrations.flatMap { $0.answers.map(\.how) }), Set(Migration.How.allCases))
    }

    // MARK: - A new stored property must be coded

    func labels(_ x: Any) -> [String] { Mirror(reflecting: x).children.compactMap(\.label) }

    func testEveryStoredPropertyIsCodedOrLeftOutOnPurpose() throws {
        let q = Self.synthetic()
        let question = try XCTUnwrap(q.allQuestions.first)
        let samples: [String: Any] = [
            "Questionnaire": q, "Source": q.source, "Thresholds": q.thresholds, "DerivedValue": q.derived[0],
            "Node": q.nodes[0], "Question": question, "AnswerOption": question.options[0],
            "GuidanceVariant": question.guidanceVariants[0], "Migration": q.migrations[0], "AnswerMapping": q.migrations[0].answers[0],
        ]
        XCTAssertEqual(Set(samples.keys), Set(QuestionnaireBinary.codedFields.keys))
        for (name, sample) in samples {
            let coded = QuestionnaireBinary.codedFields[name] ?? []
            let skipped = QuestionnaireBinary.uncodedFields[name] ?? []
            XCTAssertEqual(Mirror(reflecting: sample).children.count, coded.count + skipped.count,
                           "\(name) has a stored property the codec does not know: code it in QuestionnaireBinary and list it in codedFields")
            XCTAssertEqual(Set(labels(sample)), Set(coded + skipped), name)
        }
    }

    /// The smallest encodings are no shorter than the sizes the decoder checks counts against.
    func testMinimumSizesAreLowerBounds() {
        func size(_ body: (inout QuestionnaireBinary.Writer) -> Void) -> Int {
            var w = QuestionnaireBinary.Writer()
            body(&w)
            return w.out.count
        }
        typealias M = QuestionnaireBinary.MinSize
        XCTAssertGreaterThanOrEqual(size { $0.node(Node(id: "", kind: .group, title: ""), depth: 0) }, M.node)
        XCTAssertGreaterThanOrEqual(size { $0.question(Question(id: "", type: .text, text: "")) }, M.question)
        XCTAssertGreaterThanOrEqual(size { $0.migration(Migration(from: .exact(""), answers: [])) }, M.migration)
        XCTAssertGreaterThanOrEqual(size {
            var q = Question(id: "", type: .text, text: "")
            q.options = [AnswerOption(value: "", label: "")]
            $0.question(q)
        } - size { $0.question(Question(id: "", type: .text, text: "")) }, M.option)
        XCTAssertGreaterThanOrEqual(size { $0.expression(.literal(.null), depth: 0); $0.string(""); $0.string("") }, M.guidanceVariant)
        XCTAssertGreaterThanOrEqual(size { $0.string(""); $0.string(""); $0.string(nil); $0.expression(.literal(.null), depth: 0); $0.string("") }, M.derived)
        XCTAssertGreaterThanOrEqual(size { $0.string(""); $0.strings([]); $0.u8(0); $0.u8(0) }, M.answerMapping)
    }

    // MARK: - Damaged input

    /// Wraps a payload in a valid header, so that the decoder itself sees the bytes.
    func framed(_ payload: [UInt8]) -> [UInt8] {
        var out = QuestionnaireBinary.magic
        QuestionnaireBinary.Writer.put(QuestionnaireBinary.codecVersion, &out)
        QuestionnaireBinary.Writer.put(UInt64(payload.count), &out)
        QuestionnaireBinary.Writer.put(QuestionnaireBinary.checksum(payload), &out)
        return out + payload
    }

    func payload(_ q: Questionnaire) -> [UInt8] { Array(QuestionnaireBinary.encode(q).dropFirst(QuestionnaireBinary.headerSize)) }

    func testHeaderDamageIsRefused() throws {
        let bytes = QuestionnaireBinary.encode(try Fixtures.mini())
        XCTAssertNotNil(QuestionnaireBinary.decode(bytes))
        XCTAssertNil(QuestionnaireBinary.decode([]))
        XCTAssertNil(QuestionnaireBinary.decode(bytes + [0]), "a byte past the payload")
        for i in 0..<QuestionnaireBinary.headerSize {
            var b = bytes
            b[i] ^= 0x40
            XCTAssertNil(QuestionnaireBinary.decode(b), "header byte \(i)")
        }
        var body = bytes
        body[bytes.count / 2] ^= 1
        XCTAssertNil(QuestionnaireBinary.decode(body), "the checksum catches a flipped bit")
        var version = bytes
        version[8] = UInt8(truncatingIfNeeded: QuestionnaireBinary.codecVersion + 1)
        XCTAssertNil(QuestionnaireBinary.decode(version), "another codec version")
    }

    func testEveryTruncationIsRefused() throws {
        for q in [try Fixtures.mini(), Self.synthetic()] {
            let bytes = QuestionnaireBinary.encode(q)
            let body = payload(q)
            for n in 0..<bytes.count { XCTAssertNil(QuestionnaireBinary.decode(Array(bytes.prefix(n))), "\(q.id) prefix \(n)") }
            for n in 0..<body.count { XCTAssertNil(QuestionnaireBinary.decode(framed(Array(body.prefix(n)))), "\(q.id) payload prefix \(n)") }
        }
        // The final Code: a dense sample of payload lengths, each re-framed so the decoder runs.
        let code = try XCTUnwrap(try shipped().first { $0.id == "gpai-cop-2025" })
        let body = payload(code)
        var lengths = Array(stride(from: 0, to: body.count, by: max(1, body.count / 40)))
        lengths += [body.count - 1, body.count - 2, body.count - 8, 1, 4, 5]
        for n in lengths { XCTAssertNil(QuestionnaireBinary.decode(framed(Array(body.prefix(n)))), "code payload prefix \(n)") }
        XCTAssertNotNil(QuestionnaireBinary.decode(framed(body)))
    }

    func testRandomDamageNeverTraps() throws {
        var rng = SplitMix(seed: 0x5EED)
        var decoded = 0, refused = 0
        for q in [try Fixtures.mini(), Self.synthetic()] {
            let body = payload(q)
            for _ in 0..<3000 {
                var b = body
                for _ in 0...Int(rng.next() % 4) {
                    let at = Int(rng.next() % UInt64(b.count))
                    switch rng.next() % 3 {
                    case 0: b[at] ^= UInt8(truncatingIfNeeded: 1 << (rng.next() % 8))
                    case 1: b[at] = UInt8(truncatingIfNeeded: rng.next())
                    default: b[at] = [0x00, 0xFF, 0x7F, 0x80][Int(rng.next() % 4)]
                    }
                }
                if let back = QuestionnaireBinary.decode(framed(b)) {
                    decoded += 1
                    XCTAssertNotNil(QuestionnaireBinary.decode(QuestionnaireBinary.encode(back)), "what decodes re-encodes")
                } else {
                    refused += 1
                }
            }
        }
        XCTAssertGreaterThan(refused, 0)
        XCTAssertGreaterThan(decoded, 0, "some flips only change a string's bytes or a number")
    }

    func testHugeCountsAreRefusedWithoutAllocating() throws {
        // Header: a payload far longer than the bytes.
        var lying = QuestionnaireBinary.magic
        QuestionnaireBinary.Writer.put(QuestionnaireBinary.codecVersion, &lying)
        QuestionnaireBinary.Writer.put(UInt64.max, &lying)
        QuestionnaireBinary.Writer.put(UInt64(0), &lying)
        XCTAssertNil(QuestionnaireBinary.decode(lying))
        // A string claiming 4 GB.
        XCTAssertNil(QuestionnaireBinary.decode(framed([0xFF, 0xFF, 0xFF, 0xFF, 0x41])))
        // The prelude of a questionnaire, then 4 billion nodes.
        var w = QuestionnaireBinary.Writer()
        prelude(&w)
        w.u32(0)  // no derived values
        w.u32(Int(UInt32.max))  // nodes
        XCTAssertNil(QuestionnaireBinary.decode(framed(w.out + [UInt8](repeating: 0, count: 64))))
        // 4 billion references in one node.
        var n = QuestionnaireBinary.Writer()
        prelude(&n)
        n.u32(0)
        n.u32(1)
        n.string("id"); n.u8(0); n.string(nil); n.string("t"); n.string(nil); n.string(nil); n.string(nil)
        n.strings([])
        n.u32(Int(UInt32.max))
        XCTAssertNil(QuestionnaireBinary.decode(framed(n.out + [UInt8](repeating: 0, count: 64))))
    }

    func testDeepNestingIsRefusedWithoutRecursingFurther() {
        // 200,000 nested `not`s: more than a stack could take if the decoder followed them.
        var w = QuestionnaireBinary.Writer()
        prelude(&w)
        w.u32(1)
        w.string("d"); w.string("d"); w.string(nil)
        for _ in 0..<200_000 { w.u8(3); w.u8(0) }
        w.u8(1); w.string("x"); w.i64(1)
        XCTAssertNil(QuestionnaireBinary.decode(framed(w.out)))

        var deep = AssessmentCore.Expression.identifier("x", column: 1)
        for _ in 0..<QuestionnaireBinary.maxExpressionDepth { deep = .unary(.not, deep) }
        var q = Self.synthetic()
        q.derived[0].expression = deep
        XCTAssertNil(QuestionnaireBinary.encodeIfDecodable(q), "the encoder says it would not decode")
        XCTAssertNil(QuestionnaireBinary.decode(QuestionnaireBinary.encode(q)))
        q.derived[0].expression = .unary(.not, .identifier("x", column: 1))
        XCTAssertNotNil(QuestionnaireBinary.encodeIfDecodable(q))
    }

    func testInvalidUTF8IsRefused() {
        var w = QuestionnaireBinary.Writer()
        prelude(&w)
        w.u32(0); w.u32(0); w.u32(0); w.string("digest")
        XCTAssertNotNil(QuestionnaireBinary.decode(framed(w.out)), "the smallest questionnaire decodes")
        var bad = w.out
        bad[4] = 0xFF  // the id "i" becomes a byte that is never UTF-8
        XCTAssertNil(QuestionnaireBinary.decode(framed(bad)))
    }

    /// The hand-written UTF-8 check agrees with the standard library's on tricky and random bytes.
    func testUTF8CheckAgreesWithTheStandardLibrary() {
        func agree(_ b: [UInt8], _ line: UInt = #line) {
            let ours = b.withUnsafeBufferPointer { UTF8Check.isValid($0) }
            XCTAssertEqual(ours, String(validating: b, as: UTF8.self) != nil, "\(b)", line: line)
        }
        let cases: [[UInt8]] = [[], [0x41], [0x7F], [0x80], [0xC0, 0x80], [0xC1, 0xBF], [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0x80, 0x80],
                                [0xE0, 0x9F, 0xBF], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0xBF],
                                [0xF0, 0x8F, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80],
                                [0xF5, 0x80, 0x80, 0x80], [0xFF], [0xE2, 0x82], [0xF0, 0x9F, 0x87], [0x41, 0xC3], Array("é ✓ 🇪🇺".utf8)]
        for c in cases { agree(c) }
        var rng = SplitMix(seed: 99)
        let pool: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF]
        for _ in 0..<20_000 { agree((0..<Int(rng.next() % 6)).map { _ in pool[Int(rng.next() % UInt64(pool.count))] }) }
    }

    /// id, title, version, language, source, description and thresholds of a questionnaire.
    func prelude(_ w: inout QuestionnaireBinary.Writer) {
        w.string("i"); w.string("t"); w.string("1"); w.string("en")
        w.string("doc"); w.string(nil); w.string(nil)
        w.string(nil)
        w.double(0.85); w.double(0.5); w.double(0.5)
    }
}
