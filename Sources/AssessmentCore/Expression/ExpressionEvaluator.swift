/// Evaluates an `Expression` against a lookup of names. Total: never traps.
/// Unanswered or hidden questions read as `null`; comparisons with `null`
/// other than `==`/`!=` are false; arithmetic with `null` gives `null`.
public struct ExpressionEvaluator {
    public var lookup: (String) -> ExpressionValue
    public var isAnswered: (String) -> Bool

    public init(lookup: @escaping (String) -> ExpressionValue, isAnswered: ((String) -> Bool)? = nil) {
        self.lookup = lookup
        self.isAnswered = isAnswered ?? { name in lookup(name) != .null }
    }

    public func evaluate(_ e: Expression) -> ExpressionValue {
        Self.evaluate(e, lookup: lookup, isAnswered: isAnswered)
    }

    /// The same, with look-ups that need not escape: scoring evaluates thousands of conditions,
    /// and escaping closures cost an allocation each.
    static func evaluate(_ e: Expression, lookup: (String) -> ExpressionValue, isAnswered: (String) -> Bool) -> ExpressionValue {
        func evaluate(_ e: Expression) -> ExpressionValue { Self.evaluate(e, lookup: lookup, isAnswered: isAnswered) }
        switch e {
        case let .literal(v): return v
        case let .identifier(n, _): return lookup(n)
        case let .list(items): return .list(items.map(evaluate))
        case let .unary(op, x):
            let v = evaluate(x)
            switch op {
            case .not: return .bool(!v.isTruthy)
            case .negate: if case let .number(n) = v { return .number(-n) }; return .null
            }
        case let .call(name, args, _):
            switch name {
            case "answered":
                if case let .identifier(n, _) = args[0] { return .bool(isAnswered(n)) }
                return .bool(false)
            case "coalesce":
                let a = evaluate(args[0])
                return a == .null ? evaluate(args[1]) : a
            case "min", "max":
                guard case let .number(a) = evaluate(args[0]), case let .number(b) = evaluate(args[1]) else { return .null }
                return .number(name == "min" ? Swift.min(a, b) : Swift.max(a, b))
            default: return .null
            }
        case let .binary(op, l, r):
            switch op {
            case .and:
                let a = evaluate(l)
                return a.isTruthy ? .bool(evaluate(r).isTruthy) : .bool(false)
            case .or:
                let a = evaluate(l)
                return a.isTruthy ? .bool(true) : .bool(evaluate(r).isTruthy)
            default: break
            }
            let a = evaluate(l), b = evaluate(r)
            switch op {
            case .eq: return .bool(Self.equal(a, b))
            case .ne: return .bool(!Self.equal(a, b))
            case .lt, .le, .gt, .ge:
                guard let c = Self.compare(a, b) else { return .bool(false) }
                switch op {
                case .lt: return .bool(c < 0)
                case .le: return .bool(c <= 0)
                case .gt: return .bool(c > 0)
                default: return .bool(c >= 0)
                }
            case .in, .notIn:
                guard case let .list(items) = b else { return .bool(op == .notIn ? a != .null : false) }
                let found: Bool
                if case let .list(left) = a {
                    // A multiple-choice answer is "in" a list when it shares any option with it.
                    found = left.contains { x in items.contains { Self.equal(x, $0) } }
                } else {
                    found = items.contains { Self.equal(a, $0) }
                }
                return .bool(op == .in ? found : (a != .null && !found))
            case .add, .sub, .mul, .div:
                guard case let .number(x) = a, case let .number(y) = b else { return .null }
                let v: Double
                switch op {
                case .add: v = x + y
                case .sub: v = x - y
                case .mul: v = x * y
                default:
                    if y == 0 { return .null }
                    v = x / y
                }
                return v.isFinite ? .number(v) : .null
            default: return .null
            }
        }
    }

    static func equal(_ a: ExpressionValue, _ b: ExpressionValue) -> Bool {
        if case let .number(x) = a, case let .number(y) = b { return x == y }
        return a == b
    }

    static func compare(_ a: ExpressionValue, _ b: ExpressionValue) -> Int? {
        switch (a, b) {
        case let (.number(x), .number(y)): return x < y ? -1 : (x > y ? 1 : 0)
        case let (.string(x), .string(y)): return x < y ? -1 : (x > y ? 1 : 0)
        default: return nil
        }
    }
}
