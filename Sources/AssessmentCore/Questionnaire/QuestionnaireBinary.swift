import FoundationEssentials

/// A compact binary form of a loaded `Questionnaire`, for the decoded-questionnaire cache: decoding
/// it skips the JSON syntax, the loader's checks and the SHA-256 of the file. Hand-written (Codable
/// is several times slower). Little-endian; strings are a length and UTF-8 (validated on decode);
/// doubles their bit patterns; optionals a presence byte; enums a tag. `path` is not coded (the
/// loader sets it); `digest` is.
///
/// Layout: magic (8) · codec version (u32) · payload length (u64) · payload checksum (u64) · payload.
/// `decode` never traps: every count is checked against the bytes left, nesting is bounded, an
/// unknown tag, a bad string or a byte left over gives nil.
public enum QuestionnaireBinary {
    public static let magic: [UInt8] = Array("GPAIQBIN".utf8)
    /// Bump whenever the layout below changes.
    public static let codecVersion: UInt32 = 1
    static let headerSize = 8 + 4 + 8 + 8
    /// Deepest node tree decoded (the loader allows 33 levels).
    public static let maxNodeDepth = 64
    /// Deepest expression decoded. A chain `a or b or …` nests one level per term, so this is above
    /// anything a questionnaire writes by hand; a deeper one is encoded but not decoded (`encodeIfDecodable`).
    public static let maxExpressionDepth = 1000

    /// The stored properties of each coded type that the codec writes, and those it leaves out on
    /// purpose. `QuestionnaireBinaryTests` compares them with `Mirror`: adding a stored property to
    /// one of these types fails that test until the codec (and this table) handle it.
    public static let codedFields: [String: [String]] = [
        "Questionnaire": ["id", "title", "version", "language", "source", "description", "thresholds", "derived", "nodes", "migrations", "digest"],
        "Source": ["document", "date", "url"],
        "Thresholds": ["met", "partial", "critical"],
        "DerivedValue": ["id", "label", "unit", "expression", "expressionSource"],
        "Node": ["id", "kind", "number", "title", "shortTitle", "abbreviation", "guidance", "requirements", "references",
                 "condition", "conditionSource", "conditionReason", "children", "questions"],
        "Question": ["id", "type", "number", "text", "guidance", "references", "options", "scoring", "weight", "required",
                     "allowNA", "critical", "criticalThreshold", "passAt", "requireAll", "noteIsContent", "holdsVerdict",
                     "guidanceVariants", "remediation", "condition", "conditionSource", "conditionReason", "unit", "min", "max",
                     "evidenceHint"],
        "AnswerOption": ["value", "label", "score", "description", "exclusive", "required", "example", "holdsVerdict"],
        "GuidanceVariant": ["when", "whenSource", "guidance"],
        "Migration": ["from", "reason", "answers"],
        "AnswerMapping": ["question", "to", "how", "values"],
    ]
    public static let uncodedFields: [String: [String]] = ["Questionnaire": ["path", "indexCache"]]

    public static func encode(_ q: Questionnaire) -> [UInt8] { write(q).bytes }

    /// The encoding, or nil when `decode` would refuse it (nesting beyond the limits above).
    public static func encodeIfDecodable(_ q: Questionnaire) -> [UInt8]? {
        let (bytes, fits) = write(q)
        return fits ? bytes : nil
    }

    public static func decode(_ bytes: [UInt8]) -> Questionnaire? { bytes.withUnsafeBytes { decode($0) } }

    /// Decodes from memory the caller holds for the whole call (the cache decodes a file's tail in place).
    public static func decode(_ all: UnsafeRawBufferPointer) -> Questionnaire? {
        guard all.count >= headerSize, all.starts(with: magic) else { return nil }
        var h = Reader(all, from: magic.count)
        guard let version = try? h.u32(), version == codecVersion,
              let length = try? h.u64(), let sum = try? h.u64(),
              length == UInt64(all.count - headerSize) else { return nil }
        let payload = UnsafeRawBufferPointer(rebasing: all[headerSize...])
        guard checksum(payload) == sum else { return nil }
        var r = Reader(payload, from: 0)
        guard let q = try? r.questionnaire(), r.atEnd else { return nil }
        return q
    }

    /// A cheap 64-bit mix of the bytes, word by word: against corruption, not malice.
    public static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let n = bytes.count
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(n)
        var i = 0
        if let base = bytes.baseAddress {
            while i + 8 <= n {
                let w = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                h = (h ^ w) &* 0xFF51_AFD7_ED55_8CCD
                h ^= h >> 29
                i += 8
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < n { tail |= UInt64(base.load(fromByteOffset: i, as: UInt8.self)) << shift; shift += 8; i += 1 }
            h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        }
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        return h ^ (h >> 33)
    }

    public static func checksum(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes { checksum($0) } }

    static func write(_ q: Questionnaire) -> (bytes: [UInt8], fits: Bool) {
        var w = Writer()
        w.out.reserveCapacity(512 * 1024)
        w.questionnaire(q)
        var out: [UInt8] = magic
        out.reserveCapacity(headerSize + w.out.count)
        Writer.put(codecVersion, &out)
        Writer.put(UInt64(w.out.count), &out)
        Writer.put(checksum(w.out), &out)
        out.append(contentsOf: w.out)
        return (out, w.fits)
    }
}

// MARK: - Tags (exhaustive switches: a new case does not compile until it has a tag)

extension QuestionnaireBinary {
    static func tag(_ k: NodeKind) -> UInt8 {
        switch k {
        case .scope: 0
        case .chapter: 1
        case .commitment: 2
        case .measure: 3
        case .group: 4
        case .section: 5
        case .appendix: 6
        }
    }

    static func nodeKind(_ t: UInt8) -> NodeKind? {
        switch t {
        case 0: .scope
        case 1: .chapter
        case 2: .commitment
        case 3: .measure
        case 4: .group
        case 5: .section
        case 6: .appendix
        default: nil
        }
    }

    static func tag(_ t: QuestionType) -> UInt8 {
        switch t {
        case .graded: 0
        case .choice: 1
        case .multi: 2
        case .scale: 3
        case .text: 4
        case .number: 5
        case .date: 6
        }
    }

    static func questionType(_ t: UInt8) -> QuestionType? {
        switch t {
        case 0: .graded
        case 1: .choice
        case 2: .multi
        case 3: .scale
        case 4: .text
        case 5: .number
        case 6: .date
        default: nil
        }
    }

    static func tag(_ s: MultiScoring) -> UInt8 {
        switch s {
        case .sum: 0
        case .max: 1
        case .fraction: 2
        }
    }

    static func multiScoring(_ t: UInt8) -> MultiScoring? {
        switch t {
        case 0: .sum
        case 1: .max
        case 2: .fraction
        default: nil
        }
    }

    static func tag(_ h: Migration.How) -> UInt8 {
        switch h {
        case .copy: 0
        case .ask: 1
        }
    }

    static func how(_ t: UInt8) -> Migration.How? {
        switch t {
        case 0: .copy
        case 1: .ask
        default: nil
        }
    }

    static func tag(_ o: Expression.UnaryOperator) -> UInt8 {
        switch o {
        case .not: 0
        case .negate: 1
        }
    }

    static func unaryOperator(_ t: UInt8) -> Expression.UnaryOperator? {
        switch t {
        case 0: .not
        case 1: .negate
        default: nil
        }
    }

    static func tag(_ o: Expression.BinaryOperator) -> UInt8 {
        switch o {
        case .or: 0
        case .and: 1
        case .eq: 2
        case .ne: 3
        case .lt: 4
        case .le: 5
        case .gt: 6
        case .ge: 7
        case .in: 8
        case .notIn: 9
        case .add: 10
        case .sub: 11
        case .mul: 12
        case .div: 13
        }
    }

    static func binaryOperator(_ t: UInt8) -> Expression.BinaryOperator? {
        switch t {
        case 0: .or
        case 1: .and
        case 2: .eq
        case 3: .ne
        case 4: .lt
        case 5: .le
        case 6: .gt
        case 7: .ge
        case 8: .in
        case 9: .notIn
        case 10: .add
        case 11: .sub
        case 12: .mul
        case 13: .div
        default: nil
        }
    }
}

// MARK: - Writing

extension QuestionnaireBinary {
    struct Writer {
        var out: [UInt8] = []
        /// False once something nests deeper than `decode` accepts.
        var fits = true

        static func put<T: FixedWidthInteger>(_ v: T, _ out: inout [UInt8]) {
            withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
        }

        mutating func u8(_ v: UInt8) { out.append(v) }
        mutating func u32(_ v: Int) { Writer.put(UInt32(truncatingIfNeeded: v), &out) }
        mutating func i64(_ v: Int) { Writer.put(Int64(v), &out) }
        mutating func bool(_ v: Bool) { out.append(v ? 1 : 0) }
        mutating func double(_ v: Double) { Writer.put(v.bitPattern, &out) }
        mutating func string(_ s: String) {
            var s = s
            s.withUTF8 { u in
                u32(u.count)
                out.append(contentsOf: u)
            }
        }
        mutating func string(_ s: String?) {
            if let s { u8(1); string(s) } else { u8(0) }
        }
        mutating func double(_ v: Double?) {
            if let v { u8(1); double(v) } else { u8(0) }
        }
        mutating func strings(_ a: [String]) {
            u32(a.count)
            for s in a { string(s) }
        }

        mutating func questionnaire(_ q: Questionnaire) {
            string(q.id); string(q.title); string(q.version); string(q.language)
            string(q.source.document); string(q.source.date); string(q.source.url)
            string(q.description)
            double(q.thresholds.met); double(q.thresholds.partial); double(q.thresholds.critical)
            u32(q.derived.count)
            for d in q.derived {
                string(d.id); string(d.label); string(d.unit); expression(d.expression, depth: 0); string(d.expressionSource)
            }
            u32(q.nodes.count)
            for n in q.nodes { node(n, depth: 0) }
            u32(q.migrations.count)
            for m in q.migrations { migration(m) }
            string(q.digest)
        }

        mutating func migration(_ m: Migration) {
            switch m.from {
            case let .exact(v): u8(0); string(v)
            case let .below(v): u8(1); string(v)
            case let .upTo(v): u8(2); string(v)
            }
            string(m.reason)
            u32(m.answers.count)
            for a in m.answers {
                string(a.question); strings(a.to); u8(QuestionnaireBinary.tag(a.how))
                if let v = a.values { u8(1); strings(v) } else { u8(0) }
            }
        }

        mutating func node(_ n: Node, depth: Int) {
            if depth >= QuestionnaireBinary.maxNodeDepth { fits = false }
            string(n.id); u8(QuestionnaireBinary.tag(n.kind)); string(n.number); string(n.title)
            string(n.shortTitle); string(n.abbreviation); string(n.guidance)
            strings(n.requirements); strings(n.references)
            expression(n.condition, depth: 0); string(n.conditionSource); string(n.conditionReason)
            u32(n.questions.count)
            for q in n.questions { question(q) }
            u32(n.children.count)
            for c in n.children { node(c, depth: depth + 1) }
        }

        mutating func question(_ q: Question) {
            string(q.id); u8(QuestionnaireBinary.tag(q.type)); string(q.number); string(q.text); string(q.guidance)
            strings(q.references)
            u32(q.options.count)
            for o in q.options {
                string(o.value); string(o.label); double(o.score); string(o.description)
                bool(o.exclusive); bool(o.required); bool(o.example); bool(o.holdsVerdict)
            }
            u8(QuestionnaireBinary.tag(q.scoring)); double(q.weight)
            bool(q.required); bool(q.allowNA); bool(q.critical)
            double(q.criticalThreshold); double(q.passAt)
            bool(q.requireAll); bool(q.noteIsContent); bool(q.holdsVerdict)
            u32(q.guidanceVariants.count)
            for v in q.guidanceVariants { expression(v.when, depth: 0); string(v.whenSource); string(v.guidance) }
            string(q.remediation)
            expression(q.condition, depth: 0); string(q.conditionSource); string(q.conditionReason)
            string(q.unit); double(q.min); double(q.max); string(q.evidenceHint)
        }

        mutating func expression(_ e: Expression?, depth: Int) {
            if let e { u8(1); expression(e, depth: depth) } else { u8(0) }
        }

        mutating func expression(_ e: Expression, depth: Int) {
            if depth >= QuestionnaireBinary.maxExpressionDepth { fits = false }
            switch e {
            case let .literal(v): u8(0); value(v, depth: depth + 1)
            case let .identifier(name, column): u8(1); string(name); i64(column)
            case let .list(items):
                u8(2); u32(items.count)
                for i in items { expression(i, depth: depth + 1) }
            case let .unary(op, x): u8(3); u8(QuestionnaireBinary.tag(op)); expression(x, depth: depth + 1)
            case let .binary(op, l, r):
                u8(4); u8(QuestionnaireBinary.tag(op)); expression(l, depth: depth + 1); expression(r, depth: depth + 1)
            case let .call(name, args, column):
                u8(5); string(name); u32(args.count)
                for a in args { expression(a, depth: depth + 1) }
                i64(column)
            }
        }

        mutating func value(_ v: ExpressionValue, depth: Int) {
            if depth >= QuestionnaireBinary.maxExpressionDepth { fits = false }
            switch v {
            case .null: u8(0)
            case let .bool(b): u8(1); bool(b)
            case let .number(n): u8(2); double(n)
            case let .string(s): u8(3); string(s)
            case let .list(items):
                u8(4); u32(items.count)
                for i in items { value(i, depth: depth + 1) }
            }
        }
    }
}

// MARK: - Reading

extension QuestionnaireBinary {
    struct Malformed: Error {}

    /// The fewest bytes each kind of list item takes (every string 4, every optional 1), so that a
    /// count is checked against the bytes left before anything is allocated. Tests check these are
    /// not above the encoding of the smallest item.
    enum MinSize {
        static let derived = 15
        static let node = 32
        static let question = 48
        static let option = 14
        static let guidanceVariant = 10
        static let migration = 10
        static let answerMapping = 10
    }

    /// Reads from a buffer that outlives it (`decode` holds the bytes for the whole read).
    struct Reader {
        let bytes: UnsafeRawBufferPointer
        var pos: Int

        init(_ bytes: UnsafeRawBufferPointer, from pos: Int) { self.bytes = bytes; self.pos = pos }

        var atEnd: Bool { pos == bytes.count }
        var left: Int { bytes.count - pos }

        mutating func take(_ n: Int) throws(Malformed) -> Int {
            guard n >= 0, n <= left else { throw Malformed() }
            let at = pos
            pos += n
            return at
        }

        mutating func u8() throws(Malformed) -> UInt8 { bytes[try take(1)] }

        mutating func u32() throws(Malformed) -> UInt32 {
            UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: try take(4), as: UInt32.self))
        }

        mutating func u64() throws(Malformed) -> UInt64 {
            UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: try take(8), as: UInt64.self))
        }

        mutating func i64() throws(Malformed) -> Int {
            let v = Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: try take(8), as: Int64.self))
            guard let i = Int(exactly: v) else { throw Malformed() }
            return i
        }

        mutating func bool() throws(Malformed) -> Bool {
            switch try u8() {
            case 0: return false
            case 1: return true
            default: throw Malformed()
            }
        }

        /// A presence byte: 0 absent, 1 present, anything else is damage.
        mutating func present() throws(Malformed) -> Bool { try bool() }

        mutating func double() throws(Malformed) -> Double { Double(bitPattern: try u64()) }

        mutating func optionalDouble() throws(Malformed) -> Double? { try present() ? try double() : nil }

        /// A count of items each at least `minSize` bytes long: never more than the bytes left can hold.
        mutating func count(minSize: Int) throws(Malformed) -> Int {
            let n = Int(try u32())
            guard n <= left / minSize else { throw Malformed() }
            return n
        }

        mutating func string() throws(Malformed) -> String {
            let n = Int(try u32())
            let at = try take(n)
            if n == 0 { return "" }
            let utf8 = UnsafeRawBufferPointer(rebasing: bytes[at..<(at + n)]).assumingMemoryBound(to: UInt8.self)
            // `String(validating:as:)` is generic and unspecialised here: a metadata look-up per string
            // made it the larger part of decoding. Checked by hand, then built on the stdlib's fast path.
            guard UTF8Check.isValid(utf8) else { throw Malformed() }
            return String(decoding: utf8, as: UTF8.self)
        }

        mutating func optionalString() throws(Malformed) -> String? { try present() ? try string() : nil }

        mutating func strings() throws(Malformed) -> [String] {
            let n = try count(minSize: 4)
            var out: [String] = []
            out.reserveCapacity(n)
            for _ in 0..<n { out.append(try string()) }
            return out
        }

        mutating func questionnaire() throws(Malformed) -> Questionnaire {
            let id = try string(), title = try string(), version = try string(), language = try string()
            let source = Questionnaire.Source(document: try string(), date: try optionalString(), url: try optionalString())
            let description = try optionalString()
            let thresholds = Questionnaire.Thresholds(met: try double(), partial: try double(), critical: try double())
            var derived: [Questionnaire.DerivedValue] = []
            let nd = try count(minSize: MinSize.derived)
            derived.reserveCapacity(nd)
            for _ in 0..<nd {
                derived.append(Questionnaire.DerivedValue(id: try string(), label: try string(), unit: try optionalString(),
                                                          expression: try expression(depth: 0), expressionSource: try string()))
            }
            let nn = try count(minSize: MinSize.node)
            var nodes: [Node] = []
            nodes.reserveCapacity(nn)
            for _ in 0..<nn { nodes.append(try node(depth: 0)) }
            let nm = try count(minSize: MinSize.migration)
            var migrations: [Migration] = []
            migrations.reserveCapacity(nm)
            for _ in 0..<nm { migrations.append(try migration()) }
            let digest = try string()
            var q = Questionnaire(id: id, title: title, version: version, language: language, source: source,
                                  description: description, thresholds: thresholds, derived: derived, nodes: nodes, digest: digest)
            q.migrations = migrations
            return q
        }

        mutating func migration() throws(Malformed) -> Migration {
            let from: Migration.VersionMatch
            switch try u8() {
            case 0: from = .exact(try string())
            case 1: from = .below(try string())
            case 2: from = .upTo(try string())
            default: throw Malformed()
            }
            let reason = try optionalString()
            let n = try count(minSize: MinSize.answerMapping)
            var answers: [Migration.AnswerMapping] = []
            answers.reserveCapacity(n)
            for _ in 0..<n {
                let question = try string(), to = try strings()
                guard let how = QuestionnaireBinary.how(try u8()) else { throw Malformed() }
                let values = try present() ? try strings() : nil
                answers.append(.init(question: question, to: to, how: how, values: values))
            }
            return Migration(from: from, reason: reason, answers: answers)
        }

        mutating func node(depth: Int) throws(Malformed) -> Node {
            guard depth < QuestionnaireBinary.maxNodeDepth else { throw Malformed() }
            let id = try string()
            guard let kind = QuestionnaireBinary.nodeKind(try u8()) else { throw Malformed() }
            let number = try optionalString(), title = try string()
            let shortTitle = try optionalString(), abbreviation = try optionalString(), guidance = try optionalString()
            let requirements = try strings(), references = try strings()
            let condition = try present() ? try expression(depth: 0) : nil
            let conditionSource = try optionalString(), conditionReason = try optionalString()
            let nq = try count(minSize: MinSize.question)
            var questions: [Question] = []
            questions.reserveCapacity(nq)
            for _ in 0..<nq { questions.append(try question()) }
            let nc = try count(minSize: MinSize.node)
            var children: [Node] = []
            children.reserveCapacity(nc)
            for _ in 0..<nc { children.append(try node(depth: depth + 1)) }
            return Node(id: id, kind: kind, number: number, title: title, shortTitle: shortTitle, abbreviation: abbreviation,
                        guidance: guidance, requirements: requirements, references: references, condition: condition,
                        conditionSource: conditionSource, conditionReason: conditionReason, children: children, questions: questions)
        }

        /// Every field read into a local and the question made once: set field by field on a `var`,
        /// the question was copied whole twice on the way (a retain per field each time).
        mutating func question() throws(Malformed) -> Question {
            let id = try string()
            guard let type = QuestionnaireBinary.questionType(try u8()) else { throw Malformed() }
            let number = try optionalString(), text = try string(), guidance = try optionalString(), references = try strings()
            let no = try count(minSize: MinSize.option)
            var options: [AnswerOption] = []
            options.reserveCapacity(no)
            for _ in 0..<no {
                var o = AnswerOption(value: try string(), label: try string(), score: try optionalDouble(), description: try optionalString(),
                                     exclusive: try bool(), required: try bool(), example: try bool())
                o.holdsVerdict = try bool()
                options.append(o)
            }
            guard let scoring = QuestionnaireBinary.multiScoring(try u8()) else { throw Malformed() }
            let weight = try double()
            let required = try bool(), allowNA = try bool(), critical = try bool()
            let criticalThreshold = try optionalDouble(), passAt = try optionalDouble()
            let requireAll = try bool(), noteIsContent = try bool(), holdsVerdict = try bool()
            let nv = try count(minSize: MinSize.guidanceVariant)
            var variants: [GuidanceVariant] = []
            variants.reserveCapacity(nv)
            for _ in 0..<nv {
                variants.append(GuidanceVariant(when: try expression(depth: 0), whenSource: try string(), guidance: try string()))
            }
            let remediation = try optionalString()
            let condition = try present() ? try expression(depth: 0) : nil
            let conditionSource = try optionalString(), conditionReason = try optionalString()
            let unit = try optionalString(), min = try optionalDouble(), max = try optionalDouble()
            let evidenceHint = try optionalString()
            return Question(id: id, type: type, number: number, text: text, guidance: guidance, references: references, options: options,
                            scoring: scoring, weight: weight, required: required, allowNA: allowNA, critical: critical,
                            criticalThreshold: criticalThreshold, passAt: passAt, requireAll: requireAll, noteIsContent: noteIsContent,
                            holdsVerdict: holdsVerdict, guidanceVariants: variants, remediation: remediation, condition: condition,
                            conditionSource: conditionSource, conditionReason: conditionReason, unit: unit, min: min, max: max,
                            evidenceHint: evidenceHint)
        }

        mutating func expression(depth: Int) throws(Malformed) -> Expression {
            guard depth < QuestionnaireBinary.maxExpressionDepth else { throw Malformed() }
            switch try u8() {
            case 0: return .literal(try value(depth: depth + 1))
            case 1: return .identifier(try string(), column: try i64())
            case 2:
                let n = try count(minSize: 1)
                var items: [Expression] = []
                items.reserveCapacity(n)
                for _ in 0..<n { items.append(try expression(depth: depth + 1)) }
                return .list(items)
            case 3:
                guard let op = QuestionnaireBinary.unaryOperator(try u8()) else { throw Malformed() }
                return .unary(op, try expression(depth: depth + 1))
            case 4:
                guard let op = QuestionnaireBinary.binaryOperator(try u8()) else { throw Malformed() }
                let l = try expression(depth: depth + 1)
                return .binary(op, l, try expression(depth: depth + 1))
            case 5:
                let name = try string()
                let n = try count(minSize: 1)
                var args: [Expression] = []
                args.reserveCapacity(n)
                for _ in 0..<n { args.append(try expression(depth: depth + 1)) }
                return .call(name, args, column: try i64())
            default: throw Malformed()
            }
        }

        mutating func value(depth: Int) throws(Malformed) -> ExpressionValue {
            guard depth < QuestionnaireBinary.maxExpressionDepth else { throw Malformed() }
            switch try u8() {
            case 0: return .null
            case 1: return .bool(try bool())
            case 2: return .number(try double())
            case 3: return .string(try string())
            case 4:
                let n = try count(minSize: 1)
                var items: [ExpressionValue] = []
                items.reserveCapacity(n)
                for _ in 0..<n { items.append(try value(depth: depth + 1)) }
                return .list(items)
            default: throw Malformed()
            }
        }
    }
}

extension Question {
    /// Every stored field as it is, the condition already parsed: how the questionnaire cache makes
    /// questions (as `Node`'s like initialiser does nodes).
    init(id: String, type: QuestionType, number: String?, text: String, guidance: String?, references: [String], options: [AnswerOption],
         scoring: MultiScoring, weight: Double, required: Bool, allowNA: Bool, critical: Bool, criticalThreshold: Double?, passAt: Double?,
         requireAll: Bool, noteIsContent: Bool, holdsVerdict: Bool, guidanceVariants: [GuidanceVariant], remediation: String?,
         condition: Expression?, conditionSource: String?, conditionReason: String?, unit: String?, min: Double?, max: Double?,
         evidenceHint: String?) {
        self.id = id; self.type = type; self.number = number; self.text = text; self.guidance = guidance; self.references = references
        self.options = options; self.scoring = scoring; self.weight = weight; self.required = required; self.allowNA = allowNA
        self.critical = critical; self.criticalThreshold = criticalThreshold; self.passAt = passAt; self.requireAll = requireAll
        self.noteIsContent = noteIsContent; self.holdsVerdict = holdsVerdict; self.guidanceVariants = guidanceVariants
        self.remediation = remediation; self.condition = condition; self.conditionSource = conditionSource
        self.conditionReason = conditionReason; self.unit = unit; self.min = min; self.max = max; self.evidenceHint = evidenceHint
    }
}
