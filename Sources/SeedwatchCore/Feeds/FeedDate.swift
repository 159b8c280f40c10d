import Foundation

/// Dates as feeds write them, read into UTC instants without `DateFormatter` (so the process
/// locale never matters).
///
/// - RFC 822 / RFC 1123 / RFC 2822: optional weekday (ignored, even when wrong, with or without a
///   space after the comma), day, English month name, 2- or 4-digit year (00–49 → 20xx, 50–99 →
///   19xx, RFC 2822 §4.3), `hh:mm` with optional `:ss`, zone `UT`/`UTC`/`GMT`/`Z`, the US zones of
///   RFC 822 (`EST` −0500 … `PDT` −0700, taken literally, no DST guessing), military letters, or a
///   numeric offset `±hhmm`/`±hh:mm` (never read as a year). A missing zone means UTC.
/// - RFC 3339 / ISO 8601 / W3CDTF: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, then `T` or a space,
///   `hh:mm[:ss[.fraction]]`, zone `Z` or `±hh[:mm]`; missing parts are the start of the period, UTC.
/// - Anything else, or out-of-range fields (`25:61`), gives `nil`.
public enum FeedDate {
    /// Parses a feed date; `nil` when the text is not a date this parser understands.
    public static func parse(_ text: String) -> Date? {
        // Nothing to trim when the text starts and ends with an ASCII byte that is not whitespace.
        let untouched: Bool = text.withUTF8Bytes { b in
            guard let first = b.first, let last = b.last else { return false }
            return first > 0x20 && first < 0x7F && last > 0x20 && last < 0x7F
        }
        let s = untouched ? text : text.trimmingCharacters(in: .whitespacesAndNewlines)
        if s.isEmpty { return nil }
        let bytes = s.utf8Array
        if bytes.count >= 4, bytes[0...3].allSatisfy(isDigit) {
            if let d = parseISO(bytes) { return d }
        }
        return parseRFC822(bytes)
    }

    /// RFC 3339 / W3CDTF as feeds write it (``ISO8601DateTime``): reduced precision (`YYYY`,
    /// `YYYY-MM`), the basic format (`YYYYMMDD`, `hhmm`), a `.` or `,` fraction (even an empty one,
    /// even after the minutes), any spaces before the zone, a zone name of RFC 822 (`GMT`, `EST`),
    /// `24:00:00` as the next midnight; a leap second is read as second 59.
    static let w3cdtf = ISO8601Syntax(reducedPrecision: true, basicFormat: true, fractionWithoutSeconds: true, commaFraction: true,
                                      emptyFraction: true, spacesBeforeZone: .max, zoneMinutes: .optionalAfterAnyColon,
                                      namedZones: zoneOffsets, endOfDay: true)

    /// A date of RFC 3339 / W3CDTF (``w3cdtf``); `nil` for anything else.
    static func parseISO(_ b: [UInt8]) -> Date? {
        ISO8601DateTime(b, syntax: w3cdtf)?.date(leapSecond: .clamped)
    }

    /// The zones RFC 822 §5.1 names (and `UTC`), in seconds east of UTC.
    static let zoneOffsets: [String: Int] = [
        "UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "Z0000": 0,
        "EST": -5 * 3600, "EDT": -4 * 3600, "CST": -6 * 3600, "CDT": -5 * 3600,
        "MST": -7 * 3600, "MDT": -6 * 3600, "PST": -8 * 3600, "PDT": -7 * 3600,
    ]

    static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    /// Builds a UTC instant from calendar fields, validating ranges (hour 24 only as `24:00:00`; a
    /// leap second read as second 59); `offset` is seconds east of UTC.
    static func makeDate(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int,
                         fraction: Double, offset: Int) -> Date? {
        guard (1...12).contains(month), day >= 1, day <= CivilCalendar.daysInMonth(year: year, month: month),
              (0...24).contains(hour), (0...59).contains(minute), (0...60).contains(second) else { return nil }
        if hour == 24 && (minute != 0 || second != 0) { return nil }
        return CivilCalendar.instant(year: year, month: month, day: day, hour: hour, minute: minute, second: min(second, 59),
                                     fraction: fraction, offset: offset)
    }
}
