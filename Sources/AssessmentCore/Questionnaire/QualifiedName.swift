/// Measure numbers restart in each chapter ("1.1" is in Transparency, Copyright and Safety &
/// Security), so outside the tree a numbered node is named with its chapter: "Copyright 1.3",
/// or "C1.3" where space is tight. One rule for the screen, plain mode, reports and the CLI.
extension Questionnaire {
    public enum NameStyle: Sendable { case long, short }

    /// "Transparency 1.1" (long) or "T1.1" (short) for a numbered node inside a chapter;
    /// the node's own number or title otherwise.
    public func qualifiedNumber(of nodeID: String, _ style: NameStyle = .long) -> String? {
        guard let n = node(nodeID) else { return nil }
        guard let number = n.number, !number.isEmpty else { return n.shortTitle ?? n.title }
        guard n.kind != .chapter, let chapter = chapter(containing: nodeID) else { return number }
        switch style {
        case .long: return "\(chapter.shortTitle ?? chapter.title) \(number)"
        case .short:
            let abbr = chapter.abbreviation ?? String((chapter.shortTitle ?? chapter.title).prefix(1))
            // Appendix numbers read "Appendix 3": keep them whole rather than "SAppendix 3".
            return number.first?.isNumber == true ? abbr + number : "\(abbr) \(number)"
        }
    }

    /// "Copyright 1.3 Identify and comply with rights reservations…": the qualified number and the title.
    public func qualifiedName(of nodeID: String, _ style: NameStyle = .long) -> String? {
        guard let n = node(nodeID) else { return nil }
        guard let q = qualifiedNumber(of: nodeID, style), n.number?.isEmpty == false else { return n.title }
        return "\(q) \(n.title)"
    }

    /// The nearest ancestor (or the node itself) of kind `.chapter`.
    public func chapter(containing nodeID: String) -> Node? {
        for id in index.nodePath[nodeID] ?? [] where index.nodes[id]?.kind == .chapter { return index.nodes[id] }
        return nil
    }
}
