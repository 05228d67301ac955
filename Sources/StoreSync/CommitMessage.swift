import AssessmentCore

/// A readable commit message from what changed: "alice: Acme Q4 — 12 answers, 1 action".
public enum CommitMessage {
    public struct Change {
        public var id: String
        public var old: Session?
        public var new: Session?
        public init(id: String, old: Session?, new: Session?) { self.id = id; self.old = old; self.new = new }
    }

    /// `measures` names the measures a set of question ids belongs to (e.g. "Transparency 1.1–1.3"), when known.
    public static func make(user: String, changes: [Change], measures: (Session, [String]) -> String? = { _, _ in nil }) -> String {
        let parts = changes.sorted { $0.id < $1.id }.map { describe($0, measures: measures) }
        let head: String
        if parts.count == 1 { head = "\(user): \(parts[0])" }
        else { head = "\(user): \(parts.count) assessments — " + parts.prefix(3).joined(separator: "; ") + (parts.count > 3 ? "; …" : "") }
        return head + (parts.count > 1 ? "\n\n" + parts.map { "- " + $0 }.joined(separator: "\n") : "") + "\n"
    }

    static func describe(_ c: Change, measures: (Session, [String]) -> String?) -> String {
        guard let n = c.new else { return "\(c.old?.title ?? c.id) — deleted" }
        let title = n.title.count > 60 ? String(n.title.prefix(59)) + "…" : n.title
        guard let o = c.old else {
            return "\(title) — new" + (n.answers.isEmpty ? "" : ", \(plural(n.answers.count, "answer"))")
        }
        var what: [String] = []
        let qs = Set(o.answers.keys).union(n.answers.keys).filter { o.answers[$0] != n.answers[$0] }.sorted()
        if !qs.isEmpty { what.append(plural(qs.count, "answer") + (measures(n, qs).map { " (\($0))" } ?? "")) }
        let oa = Dictionary(o.actions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let na = n.actions.filter { oa[$0.id] != $0 }.count + o.actions.filter { a in !n.actions.contains { $0.id == a.id } }.count
        if na > 0 { what.append(plural(na, "action")) }
        if o.title != n.title { what.append("renamed") }
        if o.events != n.events { what.append("events") }
        if o.reviews != n.reviews { what.append(plural(Set(o.reviews.keys).union(n.reviews.keys).filter { o.reviews[$0] != n.reviews[$0] }.count, "review")) }
        if o.discussion != n.discussion { what.append("discussion notes") }
        let resolved = o.conflicts.count - n.conflicts.count
        if resolved > 0 { what.append("\(plural(resolved, "conflict")) resolved") }
        return "\(title) — " + (what.isEmpty ? "updated" : what.joined(separator: ", "))
    }

    static func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
}
