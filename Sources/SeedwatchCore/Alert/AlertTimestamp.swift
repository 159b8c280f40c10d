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
        // A leap second (:60) is folded onto the next second, as POSIX time does.
        ISO8601DateTime(Array(text.utf8), syntax: .rfc3339)?.date(leapSecond: .folded)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
