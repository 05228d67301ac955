import AssessmentCore

/// The part of `text` around the first searched word, so that the match is in sight: "…robots.txt as specified…".
public func snippet(_ text: String, around words: [String], width: Int, widths: DisplayWidth, g: Glyphs) -> String {
    guard widths.width(text) > width, width > 8 else { return text }
    let lower = text.lowercased()
    guard let r = words.filter({ !$0.isEmpty }).compactMap({ lower.firstRange(of: $0) }).min(by: { $0.lowerBound < $1.lowerBound }) else { return text }
    let before = lower.distance(from: lower.startIndex, to: r.lowerBound)
    let end = lower.distance(from: lower.startIndex, to: r.upperBound)
    // Already in sight: leave the text as it starts.
    if widths.width(String(text.prefix(end))) < width { return text }
    let lead = max(0, before - width / 4)
    guard lead > 0 else { return text }
    return g.ellipsis + String(text.dropFirst(lead))
}

/// Draws text with every occurrence of the searched words highlighted; returns the columns used.
@discardableResult
func drawHighlighted(_ c: inout Canvas, _ text: String, _ words: [String], x: Int, y: Int, maxWidth: Int, style: Style, g: Glyphs) -> Int {
    let chars = Array(text)
    let lower = Array(text.lowercased())
    var marked = [Bool](repeating: false, count: chars.count)
    if lower.count == chars.count {
        for w in words where !w.isEmpty {
            let wc = Array(w)
            var i = 0
            while i + wc.count <= lower.count {
                if Array(lower[i..<(i + wc.count)]) == wc { for k in i..<(i + wc.count) { marked[k] = true }; i += wc.count } else { i += 1 }
            }
        }
    }
    var used = 0, i = 0
    while i < chars.count && used < maxWidth {
        var j = i
        while j < chars.count && marked[j] == marked[i] { j += 1 }
        let piece = String(chars[i..<j])
        let st = marked[i] ? style.with(.bold).with(.underline) : style
        let isLast = j >= chars.count
        used += c.text(piece, x: x + used, y: y, maxWidth: maxWidth - used, style: st, ellipsis: isLast ? g.ellipsis : "")
        i = j
    }
    return used
}
