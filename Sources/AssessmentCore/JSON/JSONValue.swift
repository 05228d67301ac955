/// A JSON document tree that remembers where each value started, so that
/// validation errors can name the line and column a user has to fix.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONNode])
    case object([(key: String, value: JSONNode)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.number(x), .number(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x.map(\.value) == y.map(\.value)
        case let (.object(x), .object(y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value.value == $1.value.value }
        default: return false
        }
    }

    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}

public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) { self.line = line; self.column = column }
    public var description: String { "\(line):\(column)" }
}

public struct JSONNode: Sendable, Equatable {
    public var value: JSONValue
    public var location: SourceLocation
    public init(_ value: JSONValue, at location: SourceLocation = SourceLocation(line: 0, column: 0)) {
        self.value = value
        self.location = location
    }

    public subscript(key: String) -> JSONNode? {
        if case let .object(members) = value { return members.last(where: { $0.key == key })?.value }
        return nil
    }
    public var string: String? { if case let .string(s) = value { return s }; return nil }
    public var number: Double? { if case let .number(n) = value { return n }; return nil }
    public var bool: Bool? { if case let .bool(b) = value { return b }; return nil }
    public var array: [JSONNode]? { if case let .array(a) = value { return a }; return nil }
    public var members: [(key: String, value: JSONNode)]? { if case let .object(m) = value { return m }; return nil }
}
