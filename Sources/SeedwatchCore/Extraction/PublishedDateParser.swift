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
        var s = Scanner(Array(text.trimmingCharacters(in: .whitespacesAndNewlines).utf8))
        guard let year = s.digits(4), s.take(UInt8(ascii: "-")),
              let month = s.digits(2), s.take(UInt8(ascii: "-")),
              let day = s.digits(2) else { return nil }
        guard (1...12).contains(month), (1...CivilCalendar.daysInMonth(year: year, month: month)).contains(day) else { return nil }
        var seconds = 0.0
        var offset = 0
        if !s.atEnd {
            guard s.take(UInt8(ascii: "T")) || s.take(UInt8(ascii: "t")) || s.take(UInt8(ascii: " ")) else { return nil }
            guard let hour = s.digits(2), s.take(UInt8(ascii: ":")), let minute = s.digits(2) else { return nil }
            var second = 0
            var fraction = 0.0
            if s.take(UInt8(ascii: ":")) {
                guard let sec = s.digits(2) else { return nil }
                second = sec
                if s.take(UInt8(ascii: ".")) || s.take(UInt8(ascii: ",")) {
                    var scale = 0.1
                    var any = false
                    while let d = s.digit() { fraction += Double(d) * scale; scale /= 10; any = true }
                    guard any else { return nil }
                }
            }
            // 24:00 is not accepted; 60 seconds (a leap second) is clamped to 59.
            guard hour < 24, minute < 60, second <= 60 else { return nil }
            seconds = Double(hour * 3600 + minute * 60 + min(second, 59)) + fraction
            _ = s.take(UInt8(ascii: " "))
            if s.take(UInt8(ascii: "Z")) || s.take(UInt8(ascii: "z")) {
                offset = 0
            } else if let sign = s.sign() {
                guard let oh = s.digits(2) else { return nil }
                var om = 0
                if s.take(UInt8(ascii: ":")) {
                    guard let m = s.digits(2) else { return nil }
                    om = m
                } else if let m = s.digits(2) {
                    om = m
                }
                guard oh < 24, om < 60 else { return nil }
                offset = sign * (oh * 3600 + om * 60)
            }
            guard s.atEnd else { return nil }
        }
        let days = CivilCalendar.daysFromCivil(year: year, month: month, day: day)
        return Date(timeIntervalSince1970: Double(days) * 86_400 + seconds - Double(offset))
    }

    /// A cursor over ASCII bytes.
    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        init(_ bytes: [UInt8]) { self.bytes = bytes }
        var atEnd: Bool { index >= bytes.count }

        mutating func take(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        mutating func digit() -> Int? {
            guard index < bytes.count, (0x30...0x39).contains(bytes[index]) else { return nil }
            defer { index += 1 }
            return Int(bytes[index] - 0x30)
        }

        mutating func digits(_ count: Int) -> Int? {
            let start = index
            var value = 0
            for _ in 0..<count {
                guard let d = digit() else { index = start; return nil }
                value = value * 10 + d
            }
            return value
        }

        mutating func sign() -> Int? {
            if take(UInt8(ascii: "+")) { return 1 }
            if take(UInt8(ascii: "-")) { return -1 }
            return nil
        }
    }
}
