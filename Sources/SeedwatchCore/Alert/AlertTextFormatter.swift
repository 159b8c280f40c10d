import Foundation

/// The readable view of an alert used by `seedwatch alerts` and `seedwatch scan`: a header line
/// (time, level, score, title) and indented lines for actors, topics, the best evidence sentence
/// and the source.
public enum AlertTextFormatter {
    /// Formats one alert (or a below-threshold result when `level` is `nil`).
    /// - Parameters:
    ///   - time: shown as `YYYY-MM-DD HH:MM:SSZ` (UTC).
    ///   - level: `alert`, `notice`, or `nil` (shown as `-`).
    ///   - topics: each topic's name (as `seedwatch alerts` shows it) and score.
    ///   - source: a one-line description of where the article came from.
    public static func format(time: Date, level: AlertLevel?, score: Double, title: String,
                              actors: [(name: String, mentions: Int)], topics: [(name: String, score: Double)],
                              bestEvidence: String?, source: String) -> String {
        let levelText = (level?.rawValue.uppercased() ?? "-").padding(toLength: 6, withPad: " ", startingAt: 0)
        let scoreText = String(format: "%7.2f", score)
        var lines = ["\(timestamp(time))  \(levelText) \(scoreText)  \(title.isEmpty ? "(untitled)" : title)"]
        if !actors.isEmpty {
            lines.append("    actors:   " + actors.map { "\($0.name) (\($0.mentions))" }.joined(separator: ", "))
        }
        if !topics.isEmpty {
            lines.append("    topics:   " + topics.map { "\($0.name) \(String(format: "%.2f", $0.score))" }.joined(separator: ", "))
        }
        if let bestEvidence {
            lines.append("    evidence: \u{201C}\(bestEvidence)\u{201D}")
        }
        lines.append("    source:   " + source)
        return lines.joined(separator: "\n")
    }

    /// `YYYY-MM-DD HH:MM:SSZ` in UTC (fractions of a second dropped, toward the past). For the
    /// years 1600–9999 the digits are written straight from ``CivilCalendar``, without `Calendar`
    /// or `String(format:)`, which cost a whole `scan` several per cent; other years go through
    /// Foundation's Gregorian calendar (Julian before its 1582 cut-over).
    public static func timestamp(_ date: Date) -> String {
        let interval = date.timeIntervalSince1970.rounded(.down)
        guard interval.magnitude < 1e15 else { return timestampWithFoundation(date) }
        let seconds = Int(interval)
        let days = CivilCalendar.floorDiv(seconds, 86_400)
        let (year, month, day) = CivilCalendar.civilFromDays(days)
        guard (1600...9999).contains(year) else { return timestampWithFoundation(date) }
        let time = seconds - days * 86_400
        return String(unsafeUninitializedCapacity: 20) { out in
            func put(_ value: Int, _ width: Int, at offset: Int) {
                var v = value
                for k in stride(from: width - 1, through: 0, by: -1) {
                    out[offset + k] = UInt8(0x30 + v % 10)
                    v /= 10
                }
            }
            put(year, 4, at: 0)
            out[4] = 0x2D
            put(month, 2, at: 5)
            out[7] = 0x2D
            put(day, 2, at: 8)
            out[10] = 0x20
            put(time / 3600, 2, at: 11)
            out[13] = 0x3A
            put(time / 60 % 60, 2, at: 14)
            out[16] = 0x3A
            put(time % 60, 2, at: 17)
            out[19] = 0x5A
            return 20
        }
    }

    /// ``timestamp(_:)`` through Foundation, for years outside 1600–9999.
    static func timestampWithFoundation(_ date: Date) -> String {
        let c = Calendar.utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }
}

extension Calendar {
    /// The Gregorian calendar in UTC.
    public static let utc: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }()
}
