import AssessmentCore
import FoundationEssentials

/// JSON encoding of sessions: pretty-printed, sorted keys, ISO 8601 times with milliseconds.
public enum SessionCodec {
    public static func encode(_ s: Session) throws -> [UInt8] {
        // Same bytes as the JSONEncoder below, about ten times faster (see SessionJSON).
        if var out = SessionJSON.encode(s) {
            out.append(0x0A)
            return out
        }
        return try foundationEncode(s)
    }

    /// The reference encoding; `SessionJSON.encode` must produce exactly these bytes.
    static func foundationEncode(_ s: Session) throws -> [UInt8] {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .custom { date, enc in
            var c = enc.singleValueContainer()
            try c.encode(formatDate(date))
        }
        var out = [UInt8](try e.encode(s))
        out.append(0x0A)
        return out
    }

    public static func decode(_ bytes: [UInt8]) throws -> Session {
        if let s = SessionJSON.decode(bytes) { return s }
        return try foundationDecode(bytes)
    }

    /// The reference decoding, whose errors explain what is wrong with a file.
    static func foundationDecode(_ bytes: [UInt8]) throws -> Session {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .custom { dec in
            let c = try dec.singleValueContainer()
            let s = try c.decode(String.self)
            guard let date = parseDate(s) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "invalid date '\(s)'")
            }
            return date
        }
        return try d.decode(Session.self, from: Data(bytes))
    }

    public static func formatDate(_ d: Date) -> String { Timestamp.format(d) }
    public static func parseDate(_ s: String) -> Date? { Timestamp.parse(s) }

    /// Why a file cannot be used as a session.
    public struct Unusable: Error, Sendable { public var reason: String; init(_ r: String) { reason = r } }

    /// Why a file is not a session we can use, or nil if it is.
    public static func check(_ bytes: [UInt8]) -> Result<Session, Unusable> {
        if bytes.isEmpty { return .failure(Unusable("empty file")) }
        // Files this program wrote read straight from their bytes; anything else takes the parser,
        // then JSONDecoder, for what is wrong with it.
        if let s = SessionJSON.decode(bytes), s.schemaVersion <= Session.schemaVersion { return checkedIDs(s) }
        let root: JSONNode
        do { root = try JSONParser.parse(bytes) } catch { return .failure(Unusable("not valid JSON (\(error.description))")) }
        guard root.members != nil else { return .failure(Unusable("not a session (JSON \(root.value.typeName), expected an object)")) }
        guard let v = root["schemaVersion"]?.number else { return .failure(Unusable("not a session (no schemaVersion)")) }
        if v > Double(Session.schemaVersion) {
            return .failure(Unusable("written by a newer gpai-assess (schemaVersion \(formatNumber(v)), this one reads \(Session.schemaVersion))"))
        }
        do { return checkedIDs(try foundationDecode(bytes)) } catch let e as DecodingError {
            return .failure(Unusable("not a valid session: \(describe(e))"))
        } catch { return .failure(Unusable("not a valid session: \(error)")) }
    }

    /// A session names its questionnaire by id; anything else (a path, say) makes the file unusable.
    static func checkedIDs(_ s: Session) -> Result<Session, Unusable> {
        guard QuestionnaireLoader.isValidID(s.questionnaire.id) else {
            return .failure(Unusable("questionnaire id '\(AnswerInput.shown(s.questionnaire.id))' is not a valid id"))
        }
        return .success(s)
    }

    static func describe(_ e: DecodingError) -> String {
        func path(_ c: [CodingKey]) -> String { c.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined() }
        switch e {
        case let .keyNotFound(k, ctx): return "missing '\(k.stringValue)' at $\(path(ctx.codingPath))"
        case let .typeMismatch(_, ctx): return "wrong type at $\(path(ctx.codingPath))"
        case let .valueNotFound(_, ctx): return "missing value at $\(path(ctx.codingPath))"
        case let .dataCorrupted(ctx): return "\(ctx.debugDescription) at $\(path(ctx.codingPath))"
        @unknown default: return "\(e)"
        }
    }
}
