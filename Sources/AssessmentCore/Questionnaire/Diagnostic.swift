/// One problem found in a questionnaire, with where to fix it.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }
    public enum Code: String, Sendable {
        case syntax, type, missing, empty, duplicateID = "duplicate-id", invalidID = "invalid-id"
        case unknownReference = "unknown-reference", expression, cycle, unscoredOption = "unscored-option"
        case unreachableMaximum = "unreachable-maximum", range, unknownField = "unknown-field", unsupported
    }

    public var severity: Severity
    public var code: Code
    public var message: String
    public var file: String?
    /// JSON path such as `$.nodes[0].questions[2].options`.
    public var path: String
    public var location: SourceLocation?

    public init(_ severity: Severity = .error, _ code: Code, _ message: String, path: String, at location: SourceLocation? = nil, file: String? = nil) {
        self.severity = severity; self.code = code; self.message = message; self.path = path
        self.location = location; self.file = file
    }

    /// `file:line:col: error: message [path] (code)` — the shape editors and CI logs understand.
    public var description: String {
        var s = file ?? "<questionnaire>"
        if let l = location { s += ":\(l.line):\(l.column)" }
        s += ": \(severity.rawValue): \(message) [\(path)] (\(code.rawValue))"
        return s
    }
}

public struct QuestionnaireError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public var description: String { diagnostics.filter { $0.severity == .error }.map(\.description).joined(separator: "\n") }
}
