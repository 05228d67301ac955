import AssessmentCore

/// A title or detail given on the command line, by the rule every front end uses (`SafeText.validLine`).
func checkedLine(_ value: String, _ what: String) throws -> String {
    guard let t = SafeText.validLine(value) else { throw CLIError(SafeText.invalidLine(what, value)) }
    return t
}
