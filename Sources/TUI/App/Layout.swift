/// Where the parts of the assessment screen go for a size. Shared by `update` (page sizes,
/// editor width) and `view`, so both agree.
public struct AssessmentLayout: Sendable, Equatable {
    public var header: Rect
    public var tree: Rect?
    public var pane: Rect
    public var message: Rect
    public var footer: Rect

    public init(size: Size, showTree: Bool?) {
        let full = Rect(x: 0, y: 0, width: size.width, height: size.height)
        let (header, rest) = full.splitTop(1)
        let (body0, bottom) = rest.splitBottom(2)
        let (message, footer) = bottom.splitTop(1)
        self.header = header
        self.message = message
        self.footer = footer
        // Below 100 columns the question gets the width (Tab or t shows the tree); wide terminals
        // give the tree room for whole titles.
        let wantTree = showTree ?? (size.width >= 100)
        if wantTree {
            // From 160 columns the question keeps about 78 and the tree takes the rest (up to 124: the
            // longest measure title of the final Code, indented, with its progress).
            let tw = size.width >= 160 ? min(124, max(size.width * 42 / 100, size.width - 78)) : min(44, max(22, size.width * 34 / 100))
            let (t, p) = body0.splitLeft(tw)
            tree = t
            pane = p.inset(left: 1, right: 1)
        } else {
            tree = nil
            pane = body0.inset(left: 1, right: 1)
        }
    }

    /// Width available to an inline editor in the question pane.
    public var editorWidth: Int { max(10, pane.width - 4) }
}
