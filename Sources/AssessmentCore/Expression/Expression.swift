/// The condition and derived-value language: comparisons, `in`, `and`/`or`/`not`,
/// arithmetic, parentheses, list literals and number/string/boolean literals.
/// Identifiers name questions or derived values.
public indirect enum Expression: Sendable, Equatable {
    case literal(ExpressionValue)
    case identifier(String, column: Int)
    case list([Expression])
    case unary(UnaryOperator, Expression)
    case binary(BinaryOperator, Expression, Expression)
    case call(String, [Expression], column: Int)

    public enum UnaryOperator: String, Sendable { case not, negate = "-" }
    public enum BinaryOperator: String, Sendable {
        case or, and
        case eq = "==", ne = "!=", lt = "<", le = "<=", gt = ">", ge = ">="
        case `in`, notIn = "not in"
        case add = "+", sub = "-", mul = "*", div = "/"
    }

    /// Functions the language knows, with their arity.
    public static let functions: [String: Int] = ["answered": 1, "min": 2, "max": 2, "coalesce": 2]

    /// Every identifier the expression reads, in source order.
    public var identifiers: [(name: String, column: Int)] {
        switch self {
        case .literal: return []
        case let .identifier(n, c): return [(n, c)]
        case let .list(items): return items.flatMap(\.identifiers)
        case let .unary(_, e): return e.identifiers
        case let .binary(_, l, r): return l.identifiers + r.identifiers
        case let .call(_, args, _): return args.flatMap(\.identifiers)
        }
    }

    /// The names it reads, each once, in the order they first occur.
    public var distinctNames: [String] {
        var seen = Set<String>()
        return identifiers.compactMap { seen.insert($0.name).inserted ? $0.name : nil }
    }
}

public enum ExpressionValue: Sendable, Equatable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case list([ExpressionValue])

    public var isTruthy: Bool {
        switch self {
        case .null: return false
        case let .bool(b): return b
        case let .number(n): return n != 0
        case let .string(s): return !s.isEmpty
        case let .list(l): return !l.isEmpty
        }
    }

    public var description: String {
        switch self {
        case .null: return "null"
        case let .bool(b): return b ? "true" : "false"
        case let .number(n): return formatNumber(n)
        case let .string(s): return "'\(s)'"
        case let .list(l): return "[" + l.map(\.description).joined(separator: ", ") + "]"
        }
    }
}

/// Shortest faithful rendering of a number: integers without ".0", large ones in e-notation.
public func formatNumber(_ n: Double) -> String {
    if n.isNaN { return "NaN" }
    if n == n.rounded(), abs(n) < 1e15 { return String(Int64(n)) }
    if abs(n) >= 1e15 {
        var s = "\(n)"  // Swift prints e.g. 1e+25
        s = s.replacingAll("e+", with: "e")
        return s
    }
    return "\(n)"
}

public struct ExpressionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// 1-based column in the expression text.
    public var column: Int
    public var description: String { "column \(column): \(message)" }
}
