import FoundationEssentials

/// Turns what a user typed into an `Answer` for one question, or says exactly what is allowed.
public enum AnswerInput {
    public struct Error: Swift.Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        public init(_ message: String) { self.message = message }
        public var description: String { message }
    }

    /// The reserved input that marks a question not applicable.
    public static let notApplicable = "na"

    /// Values a user may type for the question, for error messages and help.
    public static func allowed(for q: Question) -> String {
        var items: [String]
        switch q.type {
        case .graded, .choice, .scale: items = q.options.map(\.value)
        case .multi: items = ["comma-separated list of " + q.options.map(\.value).joined(separator: ", ")]
        case .text: items = ["any non-empty text"]
        case .number:
            var s = "a number"
            if let lo = q.min, let hi = q.max { s += " from \(formatNumber(lo)) to \(formatNumber(hi))" }
            else if let lo = q.min { s += " of at least \(formatNumber(lo))" }
            else if let hi = q.max { s += " of at most \(formatNumber(hi))" }
            if let u = q.unit { s += " (\(u))" }
            items = [s]
        case .date: items = ["a date as YYYY-MM-DD"]
        }
        if q.allowNA { items.append(notApplicable) }
        return items.joined(separator: ", ")
    }

    /// The most a note, text answer, justification or evidence list may hold (UTF-8 bytes). Each save
    /// keeps old and new versions in the history, so unbounded texts would soon make a session unreadable.
    public static let maxTextBytes = 1_000_000

    /// The most one evidence reference (a document id, path or URL) may hold, in characters.
    public static let maxEvidenceLength = 2000

    /// One evidence reference as every front end takes it: not blank, at most `maxEvidenceLength` characters.
    public static func isValidEvidence(_ e: String) -> Bool {
        !e.trimmingWhitespace().isEmpty && e.count <= maxEvidenceLength
    }

    /// Refuses a text above `maxTextBytes`, saying which and how long.
    public static func checkLength(_ text: String, what: String) throws(Error) {
        let n = text.utf8.count
        if n > maxTextBytes {
            throw Error("\(what) is \(n / 1000) kB, above the \(maxTextBytes / 1000) kB limit; keep long documents elsewhere and cite them as evidence")
        }
    }

    /// Parses `text` into a value for `q`. "na" gives `nil` (not applicable) when allowed.
    public static func parseValue(_ text: String, for q: Question) throws(Error) -> AnswerValue? {
        try checkLength(text, what: "the answer to '\(q.id)'")
        let raw = text.trimmingWhitespaceAndNewlines()
        func fail() -> Error {
            Error("unknown value '\(shown(text))' for question '\(q.id)'; allowed: \(allowed(for: q))")
        }
        if raw.lowercased() == notApplicable {
            guard q.allowNA else {
                throw Error("question '\(q.id)' does not allow N/A; allowed: \(allowed(for: q))")
            }
            return nil
        }
        switch q.type {
        case .graded, .choice, .scale:
            if let o = option(raw, of: q) { return .text(o.value) }
            throw fail()
        case .multi:
            let parts = raw.split(separator: ",").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
            guard !parts.isEmpty else { throw fail() }
            var chosen: [String] = []
            for p in parts {
                guard let o = option(p, of: q) else {
                    throw Error("unknown value '\(shown(p))' for question '\(q.id)'; allowed: \(q.options.map(\.value).joined(separator: ", "))")
                }
                if !chosen.contains(o.value) { chosen.append(o.value) }
            }
            try checkExclusive(chosen, q)
            return .choices(chosen)
        case .text:
            guard !raw.isEmpty else { throw Error("empty answer for question '\(q.id)'; allowed: \(allowed(for: q))") }
            return .text(text)
        case .number:
            let cleaned = raw.replacingAll("_", with: "").replacingAll(" ", with: "")
            guard let n = Double(cleaned), n.isFinite else { throw fail() }
            if let lo = q.min, n < lo { throw Error("value \(formatNumber(n)) for question '\(q.id)' is below the minimum \(formatNumber(lo))") }
            if let hi = q.max, n > hi { throw Error("value \(formatNumber(n)) for question '\(q.id)' is above the maximum \(formatNumber(hi))") }
            return .number(n)
        case .date:
            guard isValidDate(raw) else {
                throw Error("'\(shown(raw))' is not a date; write it as 2026-02-01 (year-month-day)")
            }
            return .text(raw)
        }
    }

    /// The option typed as its value (exact, then any case) or as its number in the list (1 is the first),
    /// as the screen and plain mode number them. A value wins over a number ("1" on a 0–4 scale is the value 1).
    public static func option(_ typed: String, of q: Question) -> AnswerOption? {
        let t = typed.trimmingWhitespace()
        if let o = q.options.first(where: { $0.value == t }) ?? q.options.first(where: { $0.value.lowercased() == t.lowercased() }) { return o }
        if let n = Int(t), n >= 1, n <= q.options.count { return q.options[n - 1] }
        return nil
    }

    /// Whether `typed` named an option by its number rather than its value (callers then say which option it was).
    public static func isOptionNumber(_ typed: String, of q: Question) -> Bool {
        let t = typed.trimmingWhitespace()
        guard let n = Int(t), n >= 1, n <= q.options.count else { return false }
        return !q.options.contains { $0.value.lowercased() == t.lowercased() }
    }

    /// Checks a value already in a session (it may predate a questionnaire change). Nil when valid.
    public static func problem(with value: AnswerValue, for q: Question) -> String? {
        switch (q.type, value) {
        case let (.graded, .text(v)), let (.choice, .text(v)), let (.scale, .text(v)):
            return q.option(v) == nil ? "'\(shown(v))' is no longer an option" : nil
        case let (.multi, .choices(vs)):
            if let bad = vs.first(where: { q.option($0) == nil }) { return "'\(shown(bad))' is no longer an option" }
            do { try checkExclusive(vs, q) } catch { return error.message }
            return vs.isEmpty ? "no option chosen" : nil
        case (.text, .text): return nil
        case let (.number, .number(n)):
            if let lo = q.min, n < lo { return "\(formatNumber(n)) is below the minimum \(formatNumber(lo))" }
            if let hi = q.max, n > hi { return "\(formatNumber(n)) is above the maximum \(formatNumber(hi))" }
            return nil
        case let (.date, .text(s)): return isValidDate(s) ? nil : "'\(shown(s))' is not a date"
        // Every type by name, not `default:`, so that a new question type must be handled here.
        case (.graded, _), (.choice, _), (.scale, _), (.multi, _), (.text, _), (.number, _), (.date, _):
            return "a \(kind(value)) does not fit a \(q.type.rawValue) question"
        }
    }

    static func kind(_ v: AnswerValue) -> String {
        switch v { case .text: return "text"; case .number: return "number"; case .choices: return "list" }
    }

    static func checkExclusive(_ chosen: [String], _ q: Question) throws(Error) {
        if chosen.count > 1, let ex = chosen.first(where: { q.option($0)?.exclusive == true }) {
            throw Error("option '\(ex)' of question '\(q.id)' cannot be combined with others")
        }
    }

    /// A real calendar date in the form YYYY-MM-DD.
    public static func isValidDate(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else { return false }
        guard (1...12).contains(m), d >= 1 else { return false }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        return d <= days
    }

    /// User input quoted in an error: control characters made visible, long input cut.
    public static func shown(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            if SafeText.isHazardous(u) {
                out += SafeText.visible(u)
            } else {
                out.unicodeScalars.append(u)
            }
            if out.count > 60 { return out + "…" }
        }
        return out
    }
}
