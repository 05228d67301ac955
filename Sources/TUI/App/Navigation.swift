import AssessmentCore
import Walk

/// One visible row of the navigation tree.
public struct TreeRow: Sendable, Equatable {
    public var nodeID: String
    public var depth: Int
    public var hasChildren: Bool
    public var expanded: Bool
}

extension AssessmentState {
    /// Visible tree rows: every node whose ancestors are expanded.
    public var treeRows: [TreeRow] {
        var rows: [TreeRow] = []
        func go(_ n: Node, _ depth: Int) {
            let open = !collapsed.contains(n.id)
            rows.append(TreeRow(nodeID: n.id, depth: depth, hasChildren: !n.children.isEmpty, expanded: open))
            if open { for c in n.children { go(c, depth + 1) } }
        }
        for n in questionnaire.nodes { go(n, 0) }
        return rows
    }

    public func isApplicable(_ questionID: String) -> Bool { walk.isApplicable(questionID) }
    public func isAnswered(_ questionID: String) -> Bool { walk.isAnswered(questionID) }

    /// The applicable question after (or before) the current one, in document order; with
    /// `unansweredOnly`, the next unanswered one, wrapping round. The walk core's rules.
    func neighbour(_ step: Int, unansweredOnly: Bool = false) -> String? {
        guard index.questionOrder.contains(question) else { return index.questionOrder.first }
        if unansweredOnly { return walk.nextUnanswered }
        return step > 0 ? walk.nextApplicable(after: question) : walk.previousApplicable(before: question)
    }

    /// The questions of a node and all below it, in order.
    func questions(under nodeID: String) -> [String] { walk.questions(under: nodeID) }

    /// Where to land when opening a node: the walk's landing, else (nothing applies) its first question.
    func landing(in nodeID: String) -> String? {
        walk.landing(in: nodeID) ?? questions(under: nodeID).first
    }

    /// Moves to a question: resets the widget, expands the tree to it.
    mutating func go(to id: String) {
        guard index.questions[id] != nil else { return }
        question = id
        editing = nil
        optionCursor = defaultOptionCursor()
        paneScroll = 0
        // A measure's first question opens at the top, so what the measure asks is read first.
        paneScrolledByUser = measurePanelShown
        if let path = index.questionPath[id] {
            for n in path.dropFirst() { collapsed.remove(n) }
            treeCursor = path.first ?? treeCursor
        }
    }

    /// 1-based position of the current question among the applicable questions, and their count.
    var applicablePosition: (Int, Int) {
        var k = 0, pos = 0
        for id in index.questionOrder where isApplicable(id) {
            k += 1
            if id == question { pos = k }
        }
        return (pos, k)
    }
}
