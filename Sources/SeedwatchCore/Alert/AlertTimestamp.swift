import Foundation

/// RFC 3339 timestamps as the alert log writes and reads them (RFC 3339 §5.6, DESIGN §6).
///
/// Written form: UTC, second precision, upper-case `T` and `Z`: `2024-06-19T03:12:05Z`.
/// The reader also accepts fractional seconds, a lower-case `t`/`z` and numeric offsets
/// (`+09:00`), so lines written by other tools and `--since` arguments parse too.
public enum AlertTimestamp {
    /// Formats `date` as RFC 3339 UTC with second precision; fractions of a second are dropped
    /// (rounded toward the past), so the text never names a time later than `date`.
    public static func format(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = Int64(CivilCalendar.floorDiv(Int(seconds), 86_400))
        let secondOfDay = seconds - days * 86_400
        let civil = CivilCalendar.civilFromDays(Int(days))
        let (year, month, day) = (Int64(civil.year), Int64(civil.month), Int64(civil.day))
        let hour = secondOfDay / 3600
        let minute = (secondOfDay % 3600) / 60
        let second = secondOfDay % 60
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T"
            + pad(hour, 2) + ":" + pad(minute, 2) + ":" + pad(second, 2) + "Z"
    }

    /// Parses an RFC 3339 `date-time` (`YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`).
    /// - Returns: the instant, or `nil` when `text` is not an RFC 3339 date-time or names an
    ///   impossible date (month 13, February 30, hour 24, offset beyond ±23:59).
    public static func parse(_ text: String) -> Date? {
        let b = Array(text.utf8)
        var i = 0
        func number(_ width: Int) -> Int64? {
            guard i + width <= b.count else { return nil }
            var value: Int64 = 0
            for k in i..<(i + width) {
                let c = b[k]
                guard c >= 0x30, c <= 0x39 else { return nil }
                value = value * 10 + Int64(c - 0x30)
            }
            i += width
            return value
        }
        func expect(_ chars: UInt8...) -> Bool {
            guard i < b.count, chars.contains(b[i]) else { return false }
            i += 1
            return true
        }
        guard let year = number(4), expect(0x2D), let month = number(2), expect(0x2D), let day = number(2),
              expect(0x54, 0x74, 0x20), let hour = number(2), expect(0x3A), let minute = number(2),
              expect(0x3A), let second = number(2)
        else { return nil }
        guard (1...12).contains(month), day >= 1, day <= Int64(CivilCalendar.daysInMonth(year: Int(year), month: Int(month))),
              hour <= 23, minute <= 59, second <= 60
        else { return nil }
        var fraction = 0.0
        if i < b.count, b[i] == 0x2E {
            i += 1
            var scale = 0.1
            let start = i
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
                fraction += Double(b[i] - 0x30) * scale
                scale /= 10
                i += 1
            }
            guard i > start else { return nil }
        }
        var offsetSeconds: Int64 = 0
        if expect(0x5A, 0x7A) {
            offsetSeconds = 0
        } else if i < b.count, b[i] == 0x2B || b[i] == 0x2D {
            let negative = b[i] == 0x2D
            i += 1
            guard let oh = number(2), expect(0x3A), let om = number(2), oh <= 23, om <= 59 else { return nil }
            offsetSeconds = (oh * 3600 + om * 60) * (negative ? -1 : 1)
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        let days = Int64(CivilCalendar.daysFromCivil(year: Int(year), month: Int(month), day: Int(day)))
        // A leap second (:60) is folded onto the next second, as POSIX time does.
        let total = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: Double(total) + fraction)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
