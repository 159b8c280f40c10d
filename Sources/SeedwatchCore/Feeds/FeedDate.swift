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

    // MARK: RFC 3339 / W3CDTF

    static func parseISO(_ b: [UInt8]) -> Date? {
        var i = 0
        func number(_ count: Int) -> Int? {
            guard i + count <= b.count else { return nil }
            var v = 0
            for k in 0..<count {
                guard isDigit(b[i + k]) else { return nil }
                v = v * 10 + Int(b[i + k] - 48)
            }
            i += count
            return v
        }
        guard let year = number(4) else { return nil }
        var month = 1, day = 1, hour = 0, minute = 0, second = 0
        var fraction = 0.0
        var offset = 0
        if i < b.count && b[i] == UInt8(ascii: "-") {
            i += 1
            guard let m = number(2) else { return nil }
            month = m
            if i < b.count && b[i] == UInt8(ascii: "-") {
                i += 1
                guard let d = number(2) else { return nil }
                day = d
            }
        } else if i + 4 <= b.count, b[i..<(i + 4)].allSatisfy(isDigit) {
            // Basic format YYYYMMDD.
            guard let m = number(2), let d = number(2) else { return nil }
            month = m; day = d
        }
        if i < b.count && (b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t") || b[i] == UInt8(ascii: " ")) {
            i += 1
            guard let h = number(2) else { return nil }
            hour = h
            if i < b.count && b[i] == UInt8(ascii: ":") { i += 1 }
            guard let mi = number(2) else { return nil }
            minute = mi
            if i < b.count && b[i] == UInt8(ascii: ":") {
                i += 1
                guard let se = number(2) else { return nil }
                second = se
            } else if i + 1 < b.count, isDigit(b[i]), isDigit(b[i + 1]) {
                second = number(2)!
            }
            if i < b.count && (b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",")) {
                i += 1
                var scale = 0.1
                while i < b.count && isDigit(b[i]) {
                    fraction += Double(b[i] - 48) * scale
                    scale /= 10
                    i += 1
                }
            }
            while i < b.count && b[i] == UInt8(ascii: " ") { i += 1 }
            if i < b.count {
                if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
                    i += 1
                } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
                    let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
                    i += 1
                    guard let oh = number(2) else { return nil }
                    var om = 0
                    if i < b.count && b[i] == UInt8(ascii: ":") { i += 1 }
                    if i < b.count { guard let v = number(2) else { return nil }; om = v }
                    guard oh <= 23, om <= 59 else { return nil }
                    offset = sign * (oh * 3600 + om * 60)
                } else {
                    let rest = String(decoding: b[i...], as: UTF8.self).uppercased()
                    guard let z = zoneOffsets[rest] else { return nil }
                    offset = z
                    i = b.count
                }
            }
        }
        guard i == b.count else { return nil }
        return makeDate(year: year, month: month, day: day, hour: hour, minute: minute, second: second,
                        fraction: fraction, offset: offset)
    }

    // MARK: RFC 822

    static func parseRFC822(_ b: [UInt8]) -> Date? {
        if let date = parseCanonicalRFC822(b) { return date }
        // Tokenise into words, numbers, time and offsets; commas and dots separate.
        var tokens: [String] = []
        var current: [UInt8] = []
        func flush() {
            if !current.isEmpty { tokens.append(String(decoding: current, as: UTF8.self)); current = [] }
        }
        for c in b {
            if c == UInt8(ascii: " ") || c == UInt8(ascii: ",") || c == UInt8(ascii: "\t") || c == 0x0A || c == 0x0D {
                flush()
            } else if (c == UInt8(ascii: "+") || c == UInt8(ascii: "-")) && current.contains(UInt8(ascii: ":")) {
                flush(); current.append(c)
            } else {
                current.append(c)
            }
        }
        flush()
        var t = tokens[...]
        guard !t.isEmpty else { return nil }
        // Weekday (ignored).
        if let first = t.first, first.first?.isLetter == true, monthNumber(first) == nil { t = t.dropFirst() }
        // "28 Nov 2026" or "Nov 28 2026" (asctime-like).
        guard t.count >= 2 else { return nil }
        var day: Int, month: Int
        if let d = Int(t[t.startIndex]), let m = monthNumber(t[t.startIndex + 1]) {
            day = d; month = m; t = t.dropFirst(2)
        } else if let m = monthNumber(t[t.startIndex]), let d = Int(t[t.startIndex + 1]) {
            day = d; month = m; t = t.dropFirst(2)
        } else if let combined = splitDayMonthYear(t[t.startIndex]) {
            (day, month) = (combined.0, combined.1)
            t = t.dropFirst()
            t = ([String(combined.2)] + Array(t))[...]
        } else {
            return nil
        }
        var year: Int?
        var timeToken: String?
        // Year then time, or time then year (asctime: "Nov 28 10:00:00 2026").
        while let tok = t.first, year == nil || timeToken == nil {
            if tok.contains(":") && timeToken == nil {
                timeToken = tok
            } else if year == nil, let y = Int(tok), tok.allSatisfy(\.isNumber), tok.count == 2 || tok.count == 4 || tok.count == 3 {
                year = tok.count == 2 ? (y < 50 ? 2000 + y : 1900 + y) : (tok.count == 3 ? 1900 + y : y)
            } else {
                break
            }
            t = t.dropFirst()
        }
        guard let year else { return nil }
        var hour = 0, minute = 0, second = 0
        if let timeToken {
            let parts = timeToken.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2 || parts.count == 3,
                  let h = Int(parts[0]), let m = Int(parts[1]),
                  parts[0].count <= 2, parts[1].count == 2 else { return nil }
            hour = h; minute = m
            if parts.count == 3 {
                guard let s = Int(parts[2].prefix(2)), parts[2].count >= 2 else { return nil }
                second = s
            }
        }
        var offset = 0
        if let zone = t.first {
            if let z = zoneOffset(zone) { offset = z } else { return nil }
            t = t.dropFirst()
            // "GMT+0300" style or a trailing "(EST)" comment.
            if let extra = t.first, zone.uppercased() == "GMT" || zone.uppercased() == "UTC", let z = zoneOffset(extra),
               extra.first == "+" || extra.first == "-" {
                offset = z
            }
        }
        return makeDate(year: year, month: month, day: day, hour: hour, minute: minute, second: second,
                        fraction: 0, offset: offset)
    }

    /// `Sat, 28 Nov 2026 06:00:00 +0000` (or `GMT` for the zone; the weekday is optional; the day has
    /// one or two digits), the form nearly every RSS feed writes, read at fixed places. `nil` for
    /// anything else, which the general reading then decides; where this reads a date, the general
    /// reading gives the same one.
    private static func parseCanonicalRFC822(_ b: [UInt8]) -> Date? {
        let n = b.count
        var i = 0
        if n >= 5, isASCIILetter(b[0]), isASCIILetter(b[1]), isASCIILetter(b[2]), b[3] == UInt8(ascii: ","),
           b[4] == UInt8(ascii: " ") {
            guard monthNumberASCII(b[0..<3]) == nil else { return nil }
            i = 5
        }
        guard i < n, isDigit(b[i]) else { return nil }
        var day = Int(b[i] - 48)
        i += 1
        if i < n, isDigit(b[i]) { day = day * 10 + Int(b[i] - 48); i += 1 }
        // " Nov 2026 06:00:00 " is 19 bytes, then the zone.
        guard i + 19 < n, b[i] == UInt8(ascii: " "), b[i + 4] == UInt8(ascii: " "), b[i + 9] == UInt8(ascii: " "),
              b[i + 12] == UInt8(ascii: ":"), b[i + 15] == UInt8(ascii: ":"), b[i + 18] == UInt8(ascii: " "),
              let month = monthNumberASCII(b[(i + 1)..<(i + 4)]) else { return nil }
        func digits(_ at: Int, _ count: Int) -> Int? {
            var v = 0
            for k in at..<(at + count) {
                guard isDigit(b[k]) else { return nil }
                v = v * 10 + Int(b[k] - 48)
            }
            return v
        }
        guard let year = digits(i + 5, 4), let hour = digits(i + 10, 2), let minute = digits(i + 13, 2),
              let second = digits(i + 16, 2) else { return nil }
        let zone = i + 19
        let offset: Int
        if n - zone == 3 && b[zone] == UInt8(ascii: "G") && b[zone + 1] == UInt8(ascii: "M") && b[zone + 2] == UInt8(ascii: "T") {
            offset = 0
        } else if n - zone == 5, let numeric = numericZoneASCII(b[zone..<n]), let value = numeric {
            offset = value
        } else {
            return nil
        }
        return makeDate(year: year, month: month, day: day, hour: hour, minute: minute, second: second, fraction: 0, offset: offset)
    }

    /// ``zoneOffset(_:)`` of a token that is a sign and four ASCII digits: `.some(nil)` when the
    /// hours or minutes are out of range; `nil` for any other token.
    private static func numericZoneASCII(_ z: ArraySlice<UInt8>) -> Int?? {
        guard z.count == 5, let sign = z.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        let d = z.dropFirst()
        guard d.allSatisfy(isDigit) else { return nil }
        let i = d.startIndex
        let h = Int(d[i] - 48) * 10 + Int(d[i + 1] - 48)
        let m = Int(d[i + 2] - 48) * 10 + Int(d[i + 3] - 48)
        guard h <= 23, m <= 59 else { return .some(nil) }
        return .some((sign == UInt8(ascii: "-") ? -1 : 1) * (h * 3600 + m * 60))
    }

    private static func isASCIILetter(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) }

    /// "28-Nov-2026" or "28/Nov/2026".
    private static func splitDayMonthYear(_ token: String) -> (Int, Int, Int)? {
        let parts = token.split(whereSeparator: { $0 == "-" || $0 == "/" })
        guard parts.count == 3, let d = Int(parts[0]), let m = monthNumber(String(parts[1])), let y = Int(parts[2]) else { return nil }
        let year = parts[2].count == 2 ? (y < 50 ? 2000 + y : 1900 + y) : y
        return (d, m, year)
    }

    private static func zoneOffset(_ token: String) -> Int? {
        let z = asciiUppercasedTrimmingParentheses(token) ?? token.uppercased().trimmingCharacters(in: CharacterSet(charactersIn: "()"))
        if let named = zoneOffsets[z] { return named }
        if z.count == 1, let c = z.unicodeScalars.first, c.value >= 65 && c.value <= 90, c != "J" {
            // Military zones (RFC 822 §5.1; the signs as RFC 1123 §5.2.14 notes they were meant).
            let v = Int(c.value)
            if z == "Z" { return 0 }
            if v >= 65 && v <= 73 { return (v - 64) * 3600 }          // A–I: +1…+9
            if v >= 75 && v <= 77 { return (v - 65) * 3600 }          // K–M: +10…+12
            if v >= 78 && v <= 89 { return -(v - 77) * 3600 }         // N–Y: −1…−12
        }
        guard let sign = z.first, sign == "+" || sign == "-" else { return nil }
        let digits = z.dropFirst().filter { $0 != ":" }
        guard digits.allSatisfy(\.isNumber), digits.count == 4 || digits.count == 2,
              let v = Int(digits) else { return nil }
        let h = digits.count == 4 ? v / 100 : v
        let m = digits.count == 4 ? v % 100 : 0
        guard h <= 23, m <= 59 else { return nil }
        return (sign == "-" ? -1 : 1) * (h * 3600 + m * 60)
    }

    private static let zoneOffsets: [String: Int] = [
        "UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "Z0000": 0,
        "EST": -5 * 3600, "EDT": -4 * 3600, "CST": -6 * 3600, "CDT": -5 * 3600,
        "MST": -7 * 3600, "MDT": -6 * 3600, "PST": -8 * 3600, "PDT": -7 * 3600,
    ]

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// `token` upper-cased with `(` and `)` trimmed at both ends, when it is all ASCII; `nil` otherwise.
    private static func asciiUppercasedTrimmingParentheses(_ token: String) -> String? {
        token.withUTF8Bytes { b -> String? in
            var start = 0, end = b.count
            for c in b where c >= 0x80 { return nil }
            while start < end && (b[start] == UInt8(ascii: "(") || b[start] == UInt8(ascii: ")")) { start += 1 }
            while end > start && (b[end - 1] == UInt8(ascii: "(") || b[end - 1] == UInt8(ascii: ")")) { end -= 1 }
            var out = [UInt8](UnsafeBufferPointer(rebasing: b[start..<end]))
            for k in out.indices where out[k] >= 0x61 && out[k] <= 0x7A { out[k] -= 0x20 }
            return String(decoding: out, as: UTF8.self)
        }
    }

    private static func monthNumber(_ token: String) -> Int? {
        // Only ASCII can name a month (no non-ASCII letter lower-cases to one of the months' letters),
        // so other tokens are not months; ASCII tokens are read byte by byte.
        UTF8Bytes.isASCII(token) ? monthNumberASCII(token.utf8Array[...]) : nil
    }

    /// The month an ASCII token names, compared case-insensitively after trimming dots at both ends:
    /// a three-letter abbreviation, `sept`, or the full English name.
    static func monthNumberASCII(_ token: ArraySlice<UInt8>) -> Int? {
        var start = token.startIndex, end = token.endIndex
        while start < end && token[start] == UInt8(ascii: ".") { start += 1 }
        while end > start && token[end - 1] == UInt8(ascii: ".") { end -= 1 }
        let count = end - start
        guard count >= 3, count <= 9 else { return nil }
        for k in start..<end {
            let c = token[k]
            guard (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) else { return nil }
        }
        func lower(_ k: Int) -> UInt8 { token[start + k] | 0x20 }
        if count == 4 && lower(0) == UInt8(ascii: "s") && lower(1) == UInt8(ascii: "e") && lower(2) == UInt8(ascii: "p")
            && lower(3) == UInt8(ascii: "t") { return 9 }
        for (i, name) in monthNames.enumerated() where name[0] == lower(0) && name[1] == lower(1) && name[2] == lower(2) {
            if count == 3 { return i + 1 }
            guard count == name.count else { return nil }
            for k in 3..<count where name[k] != lower(k) { return nil }
            return i + 1
        }
        return nil
    }

    private static let monthNames: [[UInt8]] = ["january", "february", "march", "april", "may", "june", "july", "august",
                                                 "september", "october", "november", "december"].map { Array($0.utf8) }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    /// Builds a UTC instant from calendar fields, validating ranges; `offset` is seconds east of UTC.
    static func makeDate(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int,
                         fraction: Double, offset: Int) -> Date? {
        guard (1...12).contains(month), day >= 1, day <= CivilCalendar.daysInMonth(year: year, month: month),
              (0...24).contains(hour), (0...59).contains(minute), (0...60).contains(second) else { return nil }
        if hour == 24 && (minute != 0 || second != 0) { return nil }
        let days = CivilCalendar.daysFromCivil(year: year, month: month, day: day)
        let secs = days * 86_400 + hour * 3600 + minute * 60 + min(second, 59) - offset
        return Date(timeIntervalSince1970: Double(secs) + fraction)
    }


}
