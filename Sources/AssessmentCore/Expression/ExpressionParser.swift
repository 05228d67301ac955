/// Tokeniser and recursive-descent parser for `Expression`.
public enum ExpressionParser {
    public static let maxLength = 4096
    static let maxDepth = 64

    public static func parse(_ text: String) throws(ExpressionError) -> Expression {
        guard text.utf8.count <= maxLength else {
            throw ExpressionError(message: "expression longer than \(maxLength) bytes", column: 1)
        }
        var p = Parser(tokens: try tokenize(text), endColumn: text.unicodeScalars.count + 1)
        if p.tokens.isEmpty { throw ExpressionError(message: "empty expression", column: 1) }
        let e = try p.orExpr(depth: 0)
        if let t = p.peek { throw ExpressionError(message: "unexpected \(t.kind.text)", column: t.column) }
        return e
    }

    struct Token: Equatable {
        enum Kind: Equatable {
            case number(Double), string(String), ident(String), op(String)
            var text: String {
                switch self {
                case let .number(n): return "number \(formatNumber(n))"
                case let .string(s): return "string '\(s)'"
                case let .ident(s): return "'\(s)'"
                case let .op(s): return "'\(s)'"
                }
            }
        }
        var kind: Kind
        var column: Int
    }

    static func isIdentStart(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_"
    }
    static func isIdentPart(_ c: Unicode.Scalar) -> Bool {
        isIdentStart(c) || (c >= "0" && c <= "9") || c == "."
    }

    static func tokenize(_ text: String) throws(ExpressionError) -> [Token] {
        let s = Array(text.unicodeScalars)
        var i = 0
        var out: [Token] = []
        while i < s.count {
            let c = s[i]
            let col = i + 1
            if c == " " || c == "\t" || c == "\n" || c == "\r" { i += 1; continue }
            if c >= "0" && c <= "9" || (c == "." && i + 1 < s.count && s[i + 1] >= "0" && s[i + 1] <= "9") {
                var j = i
                while j < s.count, (s[j] >= "0" && s[j] <= "9") || s[j] == "." || s[j] == "_" { j += 1 }
                if j < s.count, s[j] == "e" || s[j] == "E" {
                    var k = j + 1
                    if k < s.count, s[k] == "+" || s[k] == "-" { k += 1 }
                    if k < s.count, s[k] >= "0" && s[k] <= "9" {
                        j = k
                        while j < s.count, s[j] >= "0" && s[j] <= "9" { j += 1 }
                    }
                }
                var lit = String(String.UnicodeScalarView(s[i..<j]))
                lit.removeAll { $0 == "_" }
                guard let n = Double(lit), n.isFinite else {
                    throw ExpressionError(message: "invalid number '\(String(String.UnicodeScalarView(s[i..<j])))'", column: col)
                }
                if j < s.count, isIdentStart(s[j]) {
                    throw ExpressionError(message: "invalid number '\(String(String.UnicodeScalarView(s[i...j])))'", column: col)
                }
                out.append(Token(kind: .number(n), column: col))
                i = j
                continue
            }
            if isIdentStart(c) {
                var j = i
                while j < s.count, isIdentPart(s[j]) { j += 1 }
                let word = String(String.UnicodeScalarView(s[i..<j]))
                if word.hasSuffix(".") {
                    throw ExpressionError(message: "identifier '\(word)' ends with '.'", column: col)
                }
                out.append(Token(kind: .ident(word), column: col))
                i = j
                continue
            }
            if c == "'" || c == "\"" {
                var j = i + 1
                var lit = String.UnicodeScalarView()
                var closed = false
                while j < s.count {
                    if s[j] == "\\", j + 1 < s.count { lit.append(s[j + 1]); j += 2; continue }
                    if s[j] == c { closed = true; j += 1; break }
                    lit.append(s[j])
                    j += 1
                }
                if !closed { throw ExpressionError(message: "unterminated string", column: col) }
                out.append(Token(kind: .string(String(lit)), column: col))
                i = j
                continue
            }
            let two = i + 1 < s.count ? String(String.UnicodeScalarView([c, s[i + 1]])) : ""
            if ["==", "!=", "<=", ">=", "&&", "||"].contains(two) {
                let mapped = two == "&&" ? "and" : two == "||" ? "or" : two
                out.append(Token(kind: two == "&&" || two == "||" ? .ident(mapped) : .op(mapped), column: col))
                i += 2
                continue
            }
            if "<>+-*/(),[]".unicodeScalars.contains(c) {
                out.append(Token(kind: .op(String(c)), column: col))
                i += 1
                continue
            }
            if c == "=" {
                throw ExpressionError(message: "unexpected '=' (use '==' to compare)", column: col)
            }
            if c == "!" {
                throw ExpressionError(message: "unexpected '!' (use 'not' or '!=')", column: col)
            }
            let shown = c.value >= 0x20 && c.value < 0x7F ? "'\(c)'" : "U+" + String(c.value, radix: 16, uppercase: true)
            throw ExpressionError(message: "unexpected character \(shown)", column: col)
        }
        return out
    }

    struct Parser {
        var tokens: [Token]
        var endColumn: Int
        var pos = 0

        var peek: Token? { pos < tokens.count ? tokens[pos] : nil }

        func isWord(_ w: String, at offset: Int = 0) -> Bool {
            let k = pos + offset
            guard k < tokens.count, case let .ident(s) = tokens[k].kind else { return false }
            return s == w
        }
        func isOp(_ o: String) -> Bool {
            guard let t = peek, case let .op(s) = t.kind else { return false }
            return s == o
        }

        mutating func expect(_ o: String) throws(ExpressionError) {
            guard isOp(o) else {
                if let t = peek { throw ExpressionError(message: "expected '\(o)' but found \(t.kind.text)", column: t.column) }
                throw ExpressionError(message: "expected '\(o)' at end of expression", column: endColumn)
            }
            pos += 1
        }

        /// Deep nesting (parentheses, `not`, unary minus) is refused rather than overflowing the stack.
        func checkDepth(_ depth: Int) throws(ExpressionError) {
            guard depth < ExpressionParser.maxDepth else {
                throw ExpressionError(message: "expression nested too deeply", column: peek?.column ?? endColumn)
            }
        }

        mutating func orExpr(depth: Int) throws(ExpressionError) -> Expression {
            try checkDepth(depth)
            var l = try andExpr(depth: depth)
            while isWord("or") { pos += 1; l = .binary(.or, l, try andExpr(depth: depth)) }
            return l
        }

        mutating func andExpr(depth: Int) throws(ExpressionError) -> Expression {
            var l = try notExpr(depth: depth)
            while isWord("and") { pos += 1; l = .binary(.and, l, try notExpr(depth: depth)) }
            return l
        }

        mutating func notExpr(depth: Int) throws(ExpressionError) -> Expression {
            if isWord("not") {
                pos += 1
                try checkDepth(depth)
                return .unary(.not, try notExpr(depth: depth + 1))
            }
            return try comparison(depth: depth)
        }

        mutating func comparison(depth: Int) throws(ExpressionError) -> Expression {
            let l = try additive(depth: depth)
            let ops: [String: Expression.BinaryOperator] = ["==": .eq, "!=": .ne, "<": .lt, "<=": .le, ">": .gt, ">=": .ge]
            if let t = peek, case let .op(s) = t.kind, let op = ops[s] {
                pos += 1
                let r = try additive(depth: depth)
                try rejectChain()
                return .binary(op, l, r)
            }
            if isWord("in") {
                pos += 1
                let r = try additive(depth: depth)
                try rejectChain()
                return .binary(.in, l, r)
            }
            if isWord("not"), isWord("in", at: 1) {
                pos += 2
                let r = try additive(depth: depth)
                try rejectChain()
                return .binary(.notIn, l, r)
            }
            return l
        }

        func rejectChain() throws(ExpressionError) {
            if let t = peek, case let .op(s) = t.kind, ["==", "!=", "<", "<=", ">", ">="].contains(s) {
                throw ExpressionError(message: "comparisons cannot be chained; use 'and'", column: t.column)
            }
        }

        mutating func additive(depth: Int) throws(ExpressionError) -> Expression {
            var l = try multiplicative(depth: depth)
            while true {
                if isOp("+") { pos += 1; l = .binary(.add, l, try multiplicative(depth: depth)) }
                else if isOp("-") { pos += 1; l = .binary(.sub, l, try multiplicative(depth: depth)) }
                else { return l }
            }
        }

        mutating func multiplicative(depth: Int) throws(ExpressionError) -> Expression {
            var l = try unary(depth: depth)
            while true {
                if isOp("*") { pos += 1; l = .binary(.mul, l, try unary(depth: depth)) }
                else if isOp("/") { pos += 1; l = .binary(.div, l, try unary(depth: depth)) }
                else { return l }
            }
        }

        mutating func unary(depth: Int) throws(ExpressionError) -> Expression {
            if isOp("-") {
                pos += 1
                try checkDepth(depth)
                return .unary(.negate, try unary(depth: depth + 1))
            }
            return try primary(depth: depth)
        }

        mutating func primary(depth: Int) throws(ExpressionError) -> Expression {
            guard let t = peek else { throw ExpressionError(message: "expression ends too early", column: endColumn) }
            switch t.kind {
            case let .number(n): pos += 1; return .literal(.number(n))
            case let .string(s): pos += 1; return .literal(.string(s))
            case let .ident(w):
                switch w {
                case "true": pos += 1; return .literal(.bool(true))
                case "false": pos += 1; return .literal(.bool(false))
                case "null": pos += 1; return .literal(.null)
                case "and", "or", "not", "in":
                    throw ExpressionError(message: "unexpected '\(w)'", column: t.column)
                default:
                    pos += 1
                    if isOp("(") {
                        pos += 1
                        guard let arity = Expression.functions[w] else {
                            throw ExpressionError(message: "unknown function '\(w)'; known: \(Expression.functions.keys.sorted().joined(separator: ", "))", column: t.column)
                        }
                        var args: [Expression] = []
                        if !isOp(")") {
                            while true {
                                args.append(try orExpr(depth: depth + 1))
                                guard isOp(",") else { break }
                                pos += 1
                            }
                        }
                        try expect(")")
                        guard args.count == arity else {
                            throw ExpressionError(message: "'\(w)' takes \(arity) argument\(arity == 1 ? "" : "s"), got \(args.count)", column: t.column)
                        }
                        if w == "answered", case .identifier = args[0] {} else if w == "answered" {
                            throw ExpressionError(message: "'answered' takes a question id", column: t.column)
                        }
                        return .call(w, args, column: t.column)
                    }
                    return .identifier(w, column: t.column)
                }
            case let .op(o):
                if o == "(" {
                    pos += 1
                    let e = try orExpr(depth: depth + 1)
                    try expect(")")
                    return e
                }
                if o == "[" {
                    pos += 1
                    var items: [Expression] = []
                    if !isOp("]") {
                        while true {
                            items.append(try orExpr(depth: depth + 1))
                            if isOp(",") { pos += 1; continue }
                            break
                        }
                    }
                    try expect("]")
                    return .list(items)
                }
                throw ExpressionError(message: "unexpected '\(o)'", column: t.column)
            }
        }
    }
}
