import AssessmentCore

/// Where a typed go-to target points: "1.2", "C1.3", "copyright 1.3", a chapter by the start of its
/// title, or a question or node id. One resolution for plain mode's `g` and the full screen's go-to.
public enum GoTo: Sendable, Equatable {
    case question(String)
    case node(String)
    /// A number found in several chapters (their node ids).
    case ambiguous(chapters: [String])
    case notFound
    case empty

    public static func resolve(_ target: String, in w: WalkState) -> GoTo {
        let t = target.trimmingWhitespace()
        guard !t.isEmpty else { return .empty }
        if w.index.questions[t] != nil { return .question(t) }
        if w.index.nodes[t] != nil { return .node(t) }
        let q = w.questionnaire
        let words = t.split(separator: " ").map(String.init)
        var all: [Node] = []
        q.walk { n, _ in all.append(n) }
        let number = words.last!.lowercased()
        var measures = all.filter { ($0.number ?? "").lowercased() == number }
        if words.count > 1 {
            let chapterWords = words.dropLast().joined(separator: " ").lowercased()
            let chapters = q.nodes.filter { $0.title.lowercased().hasPrefix(chapterWords) || ($0.number ?? "").lowercased() == chapterWords }
            measures = measures.filter { m in chapters.contains { (w.index.nodePath[m.id] ?? []).contains($0.id) } }
        } else if measures.isEmpty {
            measures = q.nodes.filter { $0.title.lowercased().hasPrefix(t.lowercased()) }
        }
        if measures.count > 1 {
            let preferred = measures.filter { $0.kind == .measure }
            if !preferred.isEmpty { measures = preferred }
        }
        if measures.count > 1 {
            // Prefer the ones that apply, then the one in the current chapter.
            let open = measures.filter { m in w.questions(under: m.id).contains { w.isApplicable($0) } }
            if !open.isEmpty { measures = open }
        }
        if measures.count > 1 {
            let chapter = w.index.questionPath[w.question]?.last
            let here = measures.filter { chapter != nil && (w.index.nodePath[$0.id] ?? []).contains(chapter!) }
            if here.count == 1 { measures = here }
        }
        if measures.count > 1 { return .ambiguous(chapters: measures.compactMap { w.index.nodePath[$0.id]?.last }) }
        if let n = measures.first { return .node(n.id) }
        // "C1.3", "Copyright 1.3": the names the reports and the screen use.
        switch q.target(t) {
        case let .node(id)?: return .node(id)
        case let .question(id)?: return .question(id)
        case nil: return .notFound
        }
    }
}
