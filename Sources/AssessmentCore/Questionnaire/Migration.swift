import FoundationEssentials

/// How answers given under an older version of a questionnaire carry over to this one, e.g. when a
/// question that asked two things is split. Applied by `Session.pin(to:)` when a session pinned to a
/// matching older version is re-pinned. See docs/questionnaire-format.md, "Migrations".
public struct Migration: Sendable, Equatable {
    /// Which pinned versions it applies to.
    public var from: VersionMatch
    /// Why (shown in the notes it leaves), e.g. "the questionnaire split this question".
    public var reason: String?
    public var answers: [AnswerMapping]

    public init(from: VersionMatch, reason: String? = nil, answers: [AnswerMapping]) {
        self.from = from; self.reason = reason; self.answers = answers
    }

    public struct AnswerMapping: Sendable, Equatable {
        /// The question the old answer was given to (it may no longer exist).
        public var question: String
        /// The questions that take its place; may include `question` itself (the part that keeps its meaning).
        public var to: [String]
        public var how: How
        /// For `copy`: only answers with one of these values carry over (nil: any valid value).
        public var values: [String]?
        public init(question: String, to: [String], how: How, values: [String]? = nil) {
            self.question = question; self.to = to; self.how = how; self.values = values
        }
    }

    public enum How: String, Sendable, CaseIterable {
        /// The old answer is carried to each target where it is a valid answer (and in `values`);
        /// the other targets are asked again.
        case copy
        /// Every target is asked again; the old answer says nothing about them.
        case ask
    }

    /// An exact version ("1.0.0"), or every version below ("<1.1.0") or up to ("<=1.1.0") one.
    public enum VersionMatch: Sendable, Equatable, CustomStringConvertible {
        case exact(String)
        case below(String)
        case upTo(String)

        public init?(_ s: String) {
            let t = s.trimmingWhitespace()
            if t.hasPrefix("<=") { self = .upTo(String(t.dropFirst(2)).trimmingWhitespace()) }
            else if t.hasPrefix("<") { self = .below(String(t.dropFirst()).trimmingWhitespace()) }
            else { self = .exact(t) }
            if case let .exact(v) = self, v.isEmpty { return nil }
            if case let .below(v) = self, Migration.versionParts(v) == nil { return nil }
            if case let .upTo(v) = self, Migration.versionParts(v) == nil { return nil }
        }

        public func matches(_ version: String) -> Bool {
            switch self {
            case let .exact(v): return v == version
            case let .below(v):
                guard let a = Migration.versionParts(version), let b = Migration.versionParts(v) else { return false }
                return a.lexicographicallyPrecedes(b)
            case let .upTo(v):
                guard let a = Migration.versionParts(version), let b = Migration.versionParts(v) else { return false }
                return a == b || a.lexicographicallyPrecedes(b)
            }
        }

        public var description: String {
            switch self {
            case let .exact(v): return v
            case let .below(v): return "<" + v
            case let .upTo(v): return "<=" + v
            }
        }
    }

    /// "1.10.2" → [1, 10, 2], padded to three parts; nil unless dotted decimal numbers.
    static func versionParts(_ v: String) -> [Int]? {
        let parts = v.split(separator: ".", omittingEmptySubsequences: false)
        guard !parts.isEmpty, parts.count <= 4 else { return nil }
        var out: [Int] = []
        for p in parts { guard !p.isEmpty, p.allSatisfy(\.isASCII), let n = Int(p), n >= 0 else { return nil }; out.append(n) }
        while out.count < 3 { out.append(0) }
        return out
    }
}
