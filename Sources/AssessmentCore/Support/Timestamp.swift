#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials

/// ISO 8601 times in UTC with millisecond precision, as stored in sessions and reports.
/// Formatting works from whole milliseconds so that a load/save cycle never shifts a time
/// (parsing "…39.617" can land just below .617 and a truncating formatter would write .616).
public enum Timestamp {
    public static func format(_ d: Date) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(24)
        append(d, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `format(d)` as UTF-8 (sessions hold thousands of times; this avoids a String each).
    public static func append(_ d: Date, to out: inout [UInt8]) {
        let ms = Int64((d.timeIntervalSince1970 * 1000).rounded())
        var secs = time_t(ms >= 0 ? ms / 1000 : (ms - 999) / 1000)
        let frac = Int(ms - Int64(secs) * 1000)
        var t = tm()
        gmtime_r(&secs, &t)
        let year = Int(t.tm_year) + 1900
        guard (0...9999).contains(year) else { out.append(contentsOf: slowFormat(d).utf8); return }
        func put(_ v: Int, _ n: Int) {
            var div = 1
            for _ in 1..<n { div *= 10 }
            var v = v
            while div > 0 { out.append(UInt8(0x30 + v / div)); v %= div; div /= 10 }
        }
        put(year, 4); out.append(0x2D); put(Int(t.tm_mon) + 1, 2); out.append(0x2D); put(Int(t.tm_mday), 2)
        out.append(0x54); put(Int(t.tm_hour), 2); out.append(0x3A); put(Int(t.tm_min), 2); out.append(0x3A); put(Int(t.tm_sec), 2)
        out.append(0x2E); put(frac, 3); out.append(0x5A)
    }

    static func slowFormat(_ d: Date) -> String {
        let ms = Int64((d.timeIntervalSince1970 * 1000).rounded())
        var secs = time_t(ms >= 0 ? ms / 1000 : (ms - 999) / 1000)
        let frac = Int32(ms - Int64(secs) * 1000)
        var t = tm()
        gmtime_r(&secs, &t)
        func pad(_ v: Int32, _ n: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, n - s.count)) + s }
        return "\(pad(t.tm_year + 1900, 4))-\(pad(t.tm_mon + 1, 2))-\(pad(t.tm_mday, 2))T\(pad(t.tm_hour, 2)):\(pad(t.tm_min, 2)):\(pad(t.tm_sec, 2)).\(pad(frac, 3))Z"
    }

    public static func parse(_ s: String) -> Date? {
        var s = s
        return s.withUTF8 { parse(utf8: $0) }
    }

    /// `parse` of a string's UTF-8 (for readers that have the bytes and no `String`).
    public static func parse(utf8: UnsafeBufferPointer<UInt8>) -> Date? {
        // The form this program writes, parsed by hand: Foundation's ISO 8601 parser costs about
        // half a microsecond a call, and a session of 1,000 answers holds over 2,000 times.
        if let ms = exactMilliseconds(utf8) { return Date(timeIntervalSince1970: Double(ms) / 1000) }
        let s = String(decoding: utf8, as: UTF8.self)
        guard let d = (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(s)) ?? (try? Date.ISO8601FormatStyle().parse(s)) else { return nil }
        return Date(timeIntervalSince1970: (d.timeIntervalSince1970 * 1000).rounded() / 1000)
    }

    /// Milliseconds since 1970 of `YYYY-MM-DDTHH:MM:SS.mmmZ` or `YYYY-MM-DDTHH:MM:SSZ`, when every field
    /// is in range; nil for anything else (which then goes through Foundation's parser). Years before
    /// 1600 are left to Foundation too: it reads them in the Julian calendar, this would not.
    static func exactMilliseconds(_ s: String) -> Int64? {
        var s = s
        return s.withUTF8 { exactMilliseconds($0) }
    }

    static func exactMilliseconds(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard b.count == 24 || b.count == 20 else { return nil }
        func digits(_ from: Int, _ n: Int) -> Int? {
            var v = 0
            for i in from..<(from + n) {
                let c = b[i]
                guard c >= 0x30 && c <= 0x39 else { return nil }
                v = v * 10 + Int(c - 0x30)
            }
            return v
        }
        guard b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A, b[b.count - 1] == 0x5A,
              let year = digits(0, 4), let month = digits(5, 2), let day = digits(8, 2),
              let hour = digits(11, 2), let minute = digits(14, 2), let second = digits(17, 2) else { return nil }
        var millis = 0
        if b.count == 24 {
            guard b[19] == 0x2E, let f = digits(20, 3) else { return nil }
            millis = f
        }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let monthDays = month == 2 ? (leap ? 29 : 28) : (month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31)
        guard year >= 1600, (1...12).contains(month), day >= 1, day <= monthDays,
              hour <= 23, minute <= 59, second <= 59 else { return nil }
        let days = CalendarDay(year: year, month: month, day: day).ordinal
        let secs = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return secs * 1000 + Int64(millis)
    }

    /// The current time, already at stored precision, so in-memory and reloaded sessions compare equal.
    public static func now() -> Date { Date(timeIntervalSince1970: (Date().timeIntervalSince1970 * 1000).rounded() / 1000) }
}
