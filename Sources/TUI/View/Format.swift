import AssessmentCore
import Foundation

enum Format {
    static func percent(_ v: Double?) -> String {
        guard let v else { return "–" }
        return "\(Int((v * 100).rounded()))%"
    }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// As people write it: "30 Nov 2026 11:55 UTC" (ISO 8601 stays in JSON and CSV).
    static func time(_ d: Date?, now: Date, timeZone: TimeZone) -> String {
        guard let d else { return "never" }
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = timeZone
        let c = cal.dateComponents([.year, .month, .day, .hour, .minute], from: d)
        let month = monthNames[max(0, min(11, (c.month ?? 1) - 1))]
        return "\(c.day ?? 0) \(month) \(c.year ?? 0) " + two(c.hour ?? 0) + ":" + two(c.minute ?? 0) + " " + zoneName(timeZone, at: d)
    }

    /// "11:55" when `d` is today where the user is, the whole date otherwise (the title bar's "saved …").
    static func shortTime(_ d: Date?, now: Date, timeZone: TimeZone) -> String {
        guard let d else { return "never" }
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = timeZone
        guard cal.isDate(d, inSameDayAs: now) else { return time(d, now: now, timeZone: timeZone) }
        let c = cal.dateComponents([.hour, .minute], from: d)
        return two(c.hour ?? 0) + ":" + two(c.minute ?? 0)
    }

    /// "UTC" for UTC (Foundation says "GMT"), the zone's abbreviation otherwise.
    static func zoneName(_ tz: TimeZone, at d: Date) -> String {
        if ["UTC", "GMT", "Etc/UTC", "Etc/GMT", "Universal", "Zulu"].contains(tz.identifier) { return "UTC" }
        return tz.abbreviation(for: d) ?? tz.identifier
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
        }
    }

    static func bar(_ v: Double?, width: Int, _ g: Glyphs) -> String {
        guard width > 0 else { return "" }
        let f = max(0, min(width, Int(((v ?? 0) * Double(width)).rounded())))
        return String(repeating: g.barFull, count: f) + String(repeating: g.barEmpty, count: width - f)
    }
}
