import AssessmentCore

/// The measure panel: qualified number and title, what the Code asks, its references. Wrapped to the
/// pane's width and scrolled with it, never cut short.
func measurePanelLines(_ a: AssessmentState, width W: Int, widths: DisplayWidth, g: Glyphs) -> [PaneLine] {
    guard let m = a.currentMeasure, let node = a.index.nodes[m] else { return [] }
    var lines: [PaneLine] = []
    func para(_ text: String, _ style: Style, indent: Int = 0, first: String = "") {
        let fw = widths.width(first)
        for (i, l) in Wrap.text(text, width: max(8, W - indent - fw), widths: widths).enumerated() {
            lines.append(PaneLine(pieces: [(i == 0 ? first : String(repeating: " ", count: fw), style), (l, style)], indent: indent))
        }
    }
    para(a.questionnaire.qualifiedName(of: m) ?? node.displayName, .color(.accent, .bold))
    if node.requirements.isEmpty {
        para("No requirements are recorded for this " + node.kind.rawValue + ".", .dim, indent: 2)
    } else {
        lines.append(PaneLine("What the Code asks (m hides):", .dim))
        for r in node.requirements { para(r, .plain, indent: 1, first: g.bullet + " ") }
    }
    if !node.references.isEmpty { para("References: " + node.references.joined(separator: "; "), .dim, indent: 1) }
    lines.append(PaneLine(String(repeating: g.horizontal, count: max(0, W)), .dim))
    return lines
}
