#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials

/// Calendar fields of an instant, in a given time zone or in the system's local time.
///
/// Without full Foundation (whose ICU data would triple the binary) `TimeZone.current` is always
/// GMT, so the local time comes from the C library (`TZ`, `/etc/localtime`), with the right
/// daylight-saving offset for each instant.
public struct LocalTime: Sendable, Equatable {
    public var year: Int, month: Int, day: Int, hour: Int, minute: Int

    /// `d` in `zone`; in the system's local time when `zone` is nil.
    public init(_ d: Date, in zone: TimeZone?) {
        if let zone {
            var cal = Calendar(identifier: .gregorian)
            cal.timeZone = zone
            let c = cal.dateComponents([.year, .month, .day, .hour, .minute], from: d)
            self.init(year: c.year ?? 0, month: c.month ?? 0, day: c.day ?? 0, hour: c.hour ?? 0, minute: c.minute ?? 0)
            return
        }
        var t = time_t(d.timeIntervalSince1970.rounded(.down))
        var tm = tm()
        guard localtime_r(&t, &tm) != nil else { self.init(d, in: TimeZone(secondsFromGMT: 0)); return }
        self.init(year: Int(tm.tm_year) + 1900, month: Int(tm.tm_mon) + 1, day: Int(tm.tm_mday),
                  hour: Int(tm.tm_hour), minute: Int(tm.tm_min))
    }

    public init(year: Int, month: Int, day: Int, hour: Int, minute: Int) {
        self.year = year; self.month = month; self.day = day; self.hour = hour; self.minute = minute
    }

    public static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// "30 Nov 2026": a day as people write it (ISO 8601 stays in JSON and CSV).
    public var humanDay: String { "\(day) \(Self.monthNames[max(0, min(11, month - 1))]) \(year)" }

    /// "30 Nov 2026 11:55", without the zone.
    public var humanText: String { humanDay + " " + Self.pad(hour, 2) + ":" + Self.pad(minute, 2) }

    /// "UTC" for UTC (Foundation says "GMT"); the zone's abbreviation otherwise; for the system's
    /// local time (`zone` nil), the C library's abbreviation for that instant ("CET", "CEST").
    public static func zoneName(at d: Date, in zone: TimeZone?) -> String {
        if let zone {
            if ["UTC", "GMT", "Etc/UTC", "Etc/GMT", "Universal", "Zulu"].contains(zone.identifier) || zone.secondsFromGMT(for: d) == 0 && zone.identifier.hasPrefix("GMT") { return "UTC" }
            return zone.abbreviation(for: d) ?? zone.identifier
        }
        var t = time_t(d.timeIntervalSince1970.rounded(.down))
        var tm = tm()
        guard localtime_r(&t, &tm) != nil, let z = tm.tm_zone else { return "UTC" }
        let name = String(cString: z)
        return name == "GMT" || name.isEmpty ? "UTC" : name
    }

    /// `YYYY-MM-DD`.
    public var dayText: String { Self.pad(year, 4) + "-" + Self.pad(month, 2) + "-" + Self.pad(day, 2) }

    /// `n` in decimal, zero-filled to `width` digits (as `%0*d`).
    public static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n.magnitude)
        return (n < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - s.count)) + s
    }
}
