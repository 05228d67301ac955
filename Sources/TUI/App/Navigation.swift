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

    /// The questions of a node and all below it, in order.
    func questions(under nodeID: String) -> [String] { walk.questions(under: nodeID) }

    /// Where to land when opening a node: the walk's landing, else (nothing applies) its first question.
    func landing(in nodeID: String) -> String? {
        walk.landing(in: nodeID) ?? questions(under: nodeID).first
    }

    /// Moves to a question (`WalkAction.move`).
    @discardableResult
    mutating func go(to id: String) -> [WalkEffect] { move(.move(to: id)) }

    /// Moves by one of the walk's actions: `reduce` applies its rules and sets the question and the
    /// position (`session.position`; `afterMove` asks for its write, which waits in the write policy).
    /// The screen then follows the question landed on.
    @discardableResult
    mutating func move(_ action: WalkAction) -> [WalkEffect] {
        // The walk's position keeps whether guidance is shown from the one it holds: this screen's. Read-only,
        // nothing is written and the stored position stays (a watcher follows it).
        if !readOnly { session.position = savedPosition }
        let fx = reduce(&walk, action)
        for case let .moved(to: id?) in fx { follow(id) }
        return fx
    }

    /// `n` or `p`: the walk's `.next` or `.previous`; false when there is none. This screen has no place
    /// past the last question (plain mode's end), so `n` on the last one stays there.
    @discardableResult
    mutating func moveAlong(forward: Bool) -> Bool {
        guard !forward || walk.nextApplicable(after: question) != nil else { return false }
        return move(forward ? .next : .previous).contains { if case .moved = $0 { true } else { false } }
    }

    /// The screen on a question it moved to: the widget reset, the tree open down to it.
    private mutating func follow(_ id: String) {
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
