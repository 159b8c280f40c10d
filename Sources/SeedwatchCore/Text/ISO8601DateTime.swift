import Foundation

/// A date and time written in ISO 8601 (RFC 3339 is one profile of it), read from ASCII bytes into
/// its calendar fields: the one reader behind feed dates (``FeedDate``), article dates
/// (``PublishedDateParser``) and alert-log timestamps (``AlertTimestamp``). Each caller passes the
/// ``ISO8601Syntax`` it accepts; the reader never guesses beyond it.
///
/// General shape: `YYYY-MM-DD`, then `T`, `t` or one space, `hh:mm[:ss[.fraction]]`, then a zone
/// `Z`/`z` or `±hh[:mm]`. A missing time is midnight, a missing zone UTC.
struct ISO8601DateTime: Equatable {
    var year: Int
    var month = 1
    var day = 1
    var hour = 0
    var minute = 0
    var second = 0
    /// The fraction of a second, `0 ≤ fraction < 1`.
    var fraction = 0.0
    /// The zone's offset in seconds east of UTC (`+09:00` → 32 400).
    var offset = 0

    /// Reads `bytes` (the whole text, nothing trimmed) by `syntax`.
    /// - Returns: the fields, each in its range (month 1–12, a day of that month, hour 0–23 or
    ///   24:00:00 where ``ISO8601Syntax/endOfDay`` allows it, minute 0–59, second 0–60, offset
    ///   at most ±23:59); `nil` for any other text.
    init?<Bytes: RandomAccessCollection>(_ bytes: Bytes, syntax: ISO8601Syntax) where Bytes.Element == UInt8, Bytes.Index == Int {
        var r = Cursor(bytes: bytes)
        guard let year = r.number(4) else { return nil }
        self.year = year
        if r.take(UInt8(ascii: "-")) {
            guard let m = r.number(2) else { return nil }
            month = m
            if r.take(UInt8(ascii: "-")) {
                guard let d = r.number(2) else { return nil }
                day = d
            } else if !syntax.reducedPrecision {
                return nil
            }
        } else if syntax.basicFormat, r.digitsAhead(4) {
            month = r.number(2)!
            day = r.number(2)!
        } else if !syntax.reducedPrecision {
            return nil
        }
        if r.take(UInt8(ascii: "T")) || r.take(UInt8(ascii: "t")) || r.take(UInt8(ascii: " ")) {
            guard readTime(&r, syntax) else { return nil }
        } else if syntax.timeRequired {
            return nil
        }
        guard r.atEnd, (1...12).contains(month), day >= 1, day <= CivilCalendar.daysInMonth(year: year, month: month),
              minute <= 59, second <= 60 else { return nil }
        guard hour <= 23 || (syntax.endOfDay && hour == 24 && minute == 0 && second == 0) else { return nil }
    }

    /// Reads `hh:mm[:ss[.fraction]]` and the zone after the date's separator.
    private mutating func readTime<Bytes>(_ r: inout Cursor<Bytes>, _ syntax: ISO8601Syntax) -> Bool {
        guard let h = r.number(2) else { return false }
        hour = h
        guard r.take(UInt8(ascii: ":")) || syntax.basicFormat, let m = r.number(2) else { return false }
        minute = m
        var hasSeconds = false
        if r.take(UInt8(ascii: ":")) {
            guard let s = r.number(2) else { return false }
            second = s
            hasSeconds = true
        } else if syntax.basicFormat, r.digitsAhead(2) {
            second = r.number(2)!
            hasSeconds = true
        } else if syntax.secondsRequired {
            return false
        }
        if hasSeconds || syntax.fractionWithoutSeconds,
           r.take(UInt8(ascii: ".")) || (syntax.commaFraction && r.take(UInt8(ascii: ","))) {
            var scale = 0.1
            var any = false
            while let d = r.digit() {
                fraction += Double(d) * scale
                scale /= 10
                any = true
            }
            guard any || syntax.emptyFraction else { return false }
        }
        var spaces = 0
        while spaces < syntax.spacesBeforeZone, r.take(UInt8(ascii: " ")) { spaces += 1 }
        if r.atEnd { return !syntax.zoneRequired }
        if r.take(UInt8(ascii: "Z")) || r.take(UInt8(ascii: "z")) { return true }
        if let sign = r.sign() {
            guard let oh = r.number(2) else { return false }
            var om = 0
            switch syntax.zoneMinutes {
            case .colonRequired:
                guard r.take(UInt8(ascii: ":")), let m = r.number(2) else { return false }
                om = m
            case .optional:
                if r.take(UInt8(ascii: ":")) {
                    guard let m = r.number(2) else { return false }
                    om = m
                } else if let m = r.number(2) {
                    om = m
                }
            case .optionalAfterAnyColon:
                _ = r.take(UInt8(ascii: ":"))
                if !r.atEnd {
                    guard let m = r.number(2) else { return false }
                    om = m
                }
            }
            guard oh <= 23, om <= 59 else { return false }
            offset = sign * (oh * 3600 + om * 60)
            return true
        }
        // A zone name (`GMT`, `EST`), compared upper-cased, runs to the end.
        let name = String(decoding: r.rest, as: UTF8.self).uppercased()
        guard let named = syntax.namedZones[name] else { return false }
        offset = named
        r.skipToEnd()
        return true
    }

    /// The instant: UTC seconds since 1970 of the fields, the offset taken off. A leap second
    /// (`:60`) is 59 seconds (``ISO8601Syntax/LeapSecond/clamped``) or the next second
    /// (``ISO8601Syntax/LeapSecond/folded``, as POSIX time does).
    func date(leapSecond: ISO8601Syntax.LeapSecond) -> Date {
        CivilCalendar.instant(year: year, month: month, day: day, hour: hour, minute: minute,
                              second: leapSecond == .clamped ? min(second, 59) : second, fraction: fraction, offset: offset)
    }

    /// A cursor over ASCII bytes.
    private struct Cursor<Bytes: RandomAccessCollection> where Bytes.Element == UInt8, Bytes.Index == Int {
        let bytes: Bytes
        var index: Int

        init(bytes: Bytes) {
            self.bytes = bytes
            index = bytes.startIndex
        }

        var atEnd: Bool { index >= bytes.endIndex }
        var rest: Bytes.SubSequence { bytes[index...] }

        mutating func skipToEnd() { index = bytes.endIndex }

        mutating func take(_ byte: UInt8) -> Bool {
            guard index < bytes.endIndex, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        func digitsAhead(_ count: Int) -> Bool {
            guard index + count <= bytes.endIndex else { return false }
            for k in index..<(index + count) where !(0x30...0x39).contains(bytes[k]) { return false }
            return true
        }

        mutating func digit() -> Int? {
            guard index < bytes.endIndex, (0x30...0x39).contains(bytes[index]) else { return nil }
            defer { index += 1 }
            return Int(bytes[index] - 0x30)
        }

        /// `count` digits as a number; the cursor does not move when they are not all there.
        mutating func number(_ count: Int) -> Int? {
            guard digitsAhead(count) else { return nil }
            var value = 0
            for _ in 0..<count { value = value * 10 + digit()! }
            return value
        }

        mutating func sign() -> Int? {
            if take(UInt8(ascii: "+")) { return 1 }
            if take(UInt8(ascii: "-")) { return -1 }
            return nil
        }
    }
}

/// Which spellings of ISO 8601 a caller accepts (the parts of ``ISO8601DateTime``'s general shape
/// it relaxes or requires).
struct ISO8601Syntax: Sendable {
    /// How the minutes of a numeric zone are written after `±hh`.
    enum ZoneMinutes: Sendable {
        /// `±hh:mm` only (RFC 3339).
        case colonRequired
        /// `±hh`, `±hhmm` or `±hh:mm`.
        case optional
        /// As ``optional``, and a bare `:` after the hours (`+09:`) is read as `+09:00`.
        case optionalAfterAnyColon
    }

    /// What a leap second (`:60`) becomes in ``ISO8601DateTime/date(leapSecond:)``.
    enum LeapSecond: Sendable { case clamped, folded }

    /// `YYYY` and `YYYY-MM` alone (W3CDTF's reduced precision): the start of the year or month.
    var reducedPrecision = false
    /// The basic format: `YYYYMMDD`, `hhmm`, `hhmmss`, without separators.
    var basicFormat = false
    /// A date without a time is refused.
    var timeRequired = false
    /// A time without seconds is refused.
    var secondsRequired = false
    /// A fraction may follow the minutes when the seconds are missing (`10:00.5`).
    var fractionWithoutSeconds = false
    /// `,` separates a fraction as well as `.` (ISO 8601 §3.2.6).
    var commaFraction = false
    /// A fraction separator with no digit after it (`10:00:00.`) is accepted.
    var emptyFraction = false
    /// How many spaces may stand between the time and its zone.
    var spacesBeforeZone = 0
    /// A time without a zone is refused (otherwise it is UTC).
    var zoneRequired = false
    var zoneMinutes = ZoneMinutes.optional
    /// Zone names accepted after the time, upper-case, with their offsets in seconds east of UTC.
    var namedZones: [String: Int] = [:]
    /// `24:00:00`, the end of a day (ISO 8601 §4.2.3), is the next day's midnight.
    var endOfDay = false

    /// RFC 3339 §5.6 `date-time` as the alert log writes it: seconds and a zone (`Z` or `±hh:mm`)
    /// required, a `.` fraction allowed.
    static let rfc3339 = ISO8601Syntax(timeRequired: true, secondsRequired: true, zoneRequired: true, zoneMinutes: .colonRequired)

    /// The dates news pages and scrapers write: `YYYY-MM-DD`, optionally a time with or without
    /// seconds (a `.` or `,` fraction only after seconds), one optional space before the zone, a
    /// zone `Z`, `±hh`, `±hhmm` or `±hh:mm`, or none.
    static let article = ISO8601Syntax(commaFraction: true, spacesBeforeZone: 1)
}
