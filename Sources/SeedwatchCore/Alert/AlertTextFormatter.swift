import Foundation

/// The readable view of an alert used by `seedwatch alerts` and `seedwatch scan`: a header line
/// (time, level, score, title) and indented lines for actors, topics, the best evidence sentence
/// and the source.
public enum AlertTextFormatter {
    /// Formats one alert (or a below-threshold result when `level` is `nil`).
    /// - Parameters:
    ///   - time: shown as `YYYY-MM-DD HH:MM:SSZ` (UTC).
    ///   - level: `alert`, `notice`, or `nil` (shown as `-`).
    ///   - source: a one-line description of where the article came from.
    public static func format(time: Date, level: AlertLevel?, score: Double, title: String,
                              actors: [(name: String, mentions: Int)], topics: [(id: String, score: Double)],
                              bestEvidence: String?, source: String) -> String {
        let levelText = (level?.rawValue.uppercased() ?? "-").padding(toLength: 6, withPad: " ", startingAt: 0)
        let scoreText = String(format: "%7.2f", score)
        var lines = ["\(timestamp(time))  \(levelText) \(scoreText)  \(title.isEmpty ? "(untitled)" : title)"]
        if !actors.isEmpty {
            lines.append("    actors:   " + actors.map { "\($0.name) (\($0.mentions))" }.joined(separator: ", "))
        }
        if !topics.isEmpty {
            lines.append("    topics:   " + topics.map { "\($0.id) \(String(format: "%.2f", $0.score))" }.joined(separator: ", "))
        }
        if let bestEvidence {
            lines.append("    evidence: \u{201C}\(bestEvidence)\u{201D}")
        }
        lines.append("    source:   " + source)
        return lines.joined(separator: "\n")
    }

    /// `YYYY-MM-DD HH:MM:SSZ` in UTC.
    public static func timestamp(_ date: Date) -> String {
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
