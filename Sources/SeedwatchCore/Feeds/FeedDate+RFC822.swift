import Foundation

/// RFC 822 / RFC 1123 / RFC 2822 dates (``FeedDate``'s first rule), read by words: an optional
/// weekday, day and English month name (or month and day, as `asctime` writes them), a 2-, 3- or
/// 4-digit year, `hh:mm[:ss]` and a zone name, military letter or numeric offset.
extension FeedDate {
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
    static func parseCanonicalRFC822(_ b: [UInt8]) -> Date? {
        let n = b.count
        var i = 0
        if n >= 5, UTF8Bytes.isASCIILetter(b[0]), UTF8Bytes.isASCIILetter(b[1]), UTF8Bytes.isASCIILetter(b[2]), b[3] == UInt8(ascii: ","),
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
    static func numericZoneASCII(_ z: ArraySlice<UInt8>) -> Int?? {
        guard z.count == 5, let sign = z.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        let d = z.dropFirst()
        guard d.allSatisfy(isDigit) else { return nil }
        let i = d.startIndex
        let h = Int(d[i] - 48) * 10 + Int(d[i + 1] - 48)
        let m = Int(d[i + 2] - 48) * 10 + Int(d[i + 3] - 48)
        guard h <= 23, m <= 59 else { return .some(nil) }
        return .some((sign == UInt8(ascii: "-") ? -1 : 1) * (h * 3600 + m * 60))
    }

    /// "28-Nov-2026" or "28/Nov/2026".
    static func splitDayMonthYear(_ token: String) -> (Int, Int, Int)? {
        let parts = token.split(whereSeparator: { $0 == "-" || $0 == "/" })
        guard parts.count == 3, let d = Int(parts[0]), let m = monthNumber(String(parts[1])), let y = Int(parts[2]) else { return nil }
        let year = parts[2].count == 2 ? (y < 50 ? 2000 + y : 1900 + y) : y
        return (d, m, year)
    }

    static func zoneOffset(_ token: String) -> Int? {
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

    /// `token` upper-cased with `(` and `)` trimmed at both ends, when it is all ASCII; `nil` otherwise.
    static func asciiUppercasedTrimmingParentheses(_ token: String) -> String? {
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

    static func monthNumber(_ token: String) -> Int? {
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

    static let monthNames: [[UInt8]] = ["january", "february", "march", "april", "may", "june", "july", "august",
                                        "september", "october", "november", "december"].map { Array($0.utf8) }
}
