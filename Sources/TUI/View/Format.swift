import AssessmentCore
import FoundationEssentials

enum Format {
    static func percent(_ v: Double?) -> String {
        guard let v else { return "–" }
        return "\(Int((v * 100).rounded()))%"
    }

    /// As people write it: "30 Nov 2026 11:55 UTC" (ISO 8601 stays in JSON and CSV). `timeZone` nil: the system's local time.
    static func time(_ d: Date?, now: Date, timeZone: TimeZone?) -> String {
        guard let d else { return "never" }
        let c = LocalTime(d, in: timeZone)
        return c.humanText + " " + LocalTime.zoneName(at: d, in: timeZone)
    }

    /// "11:55" when `d` is today where the user is, the whole date otherwise (the title bar's "saved …").
    static func shortTime(_ d: Date?, now: Date, timeZone: TimeZone?) -> String {
        guard let d else { return "never" }
        let c = LocalTime(d, in: timeZone), n = LocalTime(now, in: timeZone)
        guard c.year == n.year && c.month == n.month && c.day == n.day else { return time(d, now: now, timeZone: timeZone) }
        return two(c.hour) + ":" + two(c.minute)
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
