/// Everything the store can refuse, with messages that quote the input.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case noSuchSession(String)
    case ambiguousSession(String, matches: [String])
    case invalidSessionID(String)
    case unreadable(path: String, reason: String)
    case writeFailed(path: String, reason: String)
    case exists(String)
    case locked(String, holder: String)
    case noSuchQuestionnaire(String, known: [String])
    case questionnaireProblem(String)
    /// A save refused before writing: the file would be larger than can be read back.
    case tooLarge(path: String, bytes: Int, limit: Int)

    public var description: String {
        switch self {
        case let .noSuchSession(s): return "no session '\(s)'; see 'gpai-assess list'"
        case let .ambiguousSession(s, m): return "session '\(s)' is ambiguous; it matches \(m.joined(separator: ", "))"
        case let .invalidSessionID(s): return "invalid session id '\(s)': use lowercase letters, digits and '-'"
        case let .unreadable(p, r): return "cannot read '\(p)': \(r)"
        case let .writeFailed(p, r): return "cannot write '\(p)': \(r)"
        case let .exists(p): return "'\(p)' already exists; use --force to overwrite"
        case let .locked(s, h): return "session '\(s)' is open elsewhere (\(h))"
        case let .noSuchQuestionnaire(s, k):
            return "unknown questionnaire '\(s)'" + (k.isEmpty ? "" : "; available: \(k.joined(separator: ", "))")
        case let .questionnaireProblem(m): return m
        case let .tooLarge(p, b, l):
            return "refused to save '\(p)': it would be \(b / 1_048_576) MB (\(b) bytes), above the \(l / 1_048_576) MB that can be read back (the history keeps every version of long notes); nothing was written"
        }
    }
}
