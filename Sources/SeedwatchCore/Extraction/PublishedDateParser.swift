import Foundation

/// Parses the publication dates that articles carry: ISO 8601 / RFC 3339 in the shapes news
/// pages and scrapers write them.
///
/// Accepted (case-insensitive `T`/`Z`):
/// - date only: `2017-09-15` (midnight UTC);
/// - date and time, with `T` or one space between them: `2017-09-15T08:31`, `2017-09-15 08:31:00`;
/// - fractional seconds of any length: `08:31:00.123456`;
/// - a zone: `Z`, `+09:00`, `+0900`, `+09`, or none (read as UTC), optionally after one space.
///
/// Leading and trailing whitespace is ignored. Anything else gives `nil`; this parser never guesses.
public enum PublishedDateParser {
    /// Parses `text` into an instant.
    /// - Returns: the instant (UTC-based `Date`), or `nil` when `text` is not one of the shapes above
    ///   or names an impossible date or time (month 13, hour 25, offset beyond ±23:59).
    public static func parse(_ text: String) -> Date? {
        ISO8601DateTime(Array(text.trimmingCharacters(in: .whitespacesAndNewlines).utf8), syntax: .article)?.date(leapSecond: .clamped)
    }
}
