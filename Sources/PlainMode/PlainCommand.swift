extension PlainSession {
    /// A command typed at a question's prompt.
    enum Command: Equatable {
        case skip, back, unanswered, repeatQuestion, notApplicable, clear, note, evidence, guidance, score, help, quit
        case goTo(String)

        static func parse(_ t: String) -> Command? {
            let parts = t.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            guard let first = parts.first else { return nil }
            let word = first.lowercased()
            let rest = parts.count > 1 ? parts[1].trimmingWhitespace() : ""
            if !rest.isEmpty {
                return ["g", "go", "goto", "jump"].contains(word) ? .goTo(rest) : nil
            }
            switch word {
            case "s", "skip": return .skip
            case "b", "back": return .back
            case "u", "unanswered": return .unanswered
            case "r", "repeat": return .repeatQuestion
            case "na", "n/a": return .notApplicable
            case "c", "clear": return .clear
            case "note": return .note
            case "e", "evidence": return .evidence
            case "i", "guidance": return .guidance
            case "p", "score": return .score
            case "?", "h", "help": return .help
            case "q", "quit", "exit": return .quit
            case "g", "go", "goto", "jump": return .goTo("")
            default: return nil
            }
        }
    }
}
