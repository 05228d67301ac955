import AssessmentCore
import Foundation

enum Format {
    static func percent(_ v: Double?) -> String {
        guard let v else { return "–" }
        return "\(Int((v * 100).rounded()))%"
    }

    static func time(_ d: Date?, now: Date, timeZone: TimeZone) -> String {
        guard let d else { return "never" }
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = timeZone
        let c = cal.dateComponents([.year, .month, .day, .hour, .minute], from: d)
        let n = cal.dateComponents([.year, .month, .day], from: now)
        let hm = two(c.hour ?? 0) + ":" + two(c.minute ?? 0)
        if c.year == n.year && c.month == n.month && c.day == n.day { return "today " + hm }
        return "\(c.year ?? 0)-" + two(c.month ?? 0) + "-" + two(c.day ?? 0) + " " + hm
    }

    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    static func mark(_ s: Status, _ g: Glyphs) -> (String, Style) {
        let u = g == .unicode
        switch s {
        case .met: return (u ? "✓" : "+", .color(.good, .bold))
        case .partiallyMet: return (u ? "◐" : "~", .color(.warning, .bold))
        case .notMet: return (u ? "✗" : "x", .color(.bad, .bold))
        case .inProgress: return (u ? "◔" : "*", .color(.accent))
        case .notStarted: return (u ? "○" : "o", .plain)
        case .notApplicable: return (u ? "–" : "-", .dim)
        case .scopePending: return ("?", .color(.accent))
        }
    }

    static func bar(_ v: Double?, width: Int, _ g: Glyphs) -> String {
        guard width > 0 else { return "" }
        let f = max(0, min(width, Int(((v ?? 0) * Double(width)).rounded())))
        return String(repeating: g.barFull, count: f) + String(repeating: g.barEmpty, count: width - f)
    }
}
