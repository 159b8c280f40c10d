import Foundation

/// How `seedwatch alerts` reads its `--actor`, `--topic` and `--since` values.
public enum AlertQueryTerms {
    /// Why a value was refused; the text names the value and what is accepted.
    public struct Refusal: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// The actor id that `text` names: an actor id, display name or alias of any of `models`,
    /// compared case-insensitively after the matcher's normalisation of spaces and apostrophes
    /// ("putin", "Kim Jong-un", "DPRK").
    /// - Throws: ``Refusal`` listing the actor ids when nothing matches.
    public static func actorID(_ text: String, in models: [WatchModel]) throws -> String {
        let key = folded(text)
        let actors = models.flatMap(\.actors)
        if let actor = actors.first(where: { folded($0.id) == key || folded($0.name) == key })
            ?? actors.first(where: { $0.aliases.contains { folded($0.text) == key } }) {
            return actor.id
        }
        throw Refusal(description: "unknown actor '\(text)'; give an id, name or alias, e.g. "
            + Set(actors.map(\.id)).sorted().joined(separator: ", "))
    }

    /// The topic id that `text` names: a topic id or name, case-insensitively ("Sanctions").
    /// - Throws: ``Refusal`` listing the topic ids when nothing matches.
    public static func topicID(_ text: String, in models: [WatchModel]) throws -> String {
        let key = folded(text)
        let topics = models.flatMap(\.topics)
        if let topic = topics.first(where: { folded($0.id) == key || folded($0.name) == key }) {
            return topic.id
        }
        throw Refusal(description: "unknown topic '\(text)'; give an id or name, e.g. "
            + Set(topics.map(\.id)).sorted().joined(separator: ", "))
    }

    /// The instant `text` names: a duration back from `now` (`90m`, `2h`, `3d`), an RFC 3339
    /// date-time, or a plain date `YYYY-MM-DD` (its start, 00:00 UTC).
    /// - Throws: ``Refusal`` when it is none of these, and for a bare number (`2026`): on the command
    ///   line that is far more often a year or a day than a count of seconds, and read as seconds it
    ///   silently showed the last half hour.
    public static func since(_ text: String, now: Date) throws -> Date {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if !trimmed.isEmpty, Double(trimmed) != nil {
            throw Refusal(description: "--since takes a duration (90m, 2h, 3d), a date (2026-12-06) or an RFC 3339 time, got '\(text)': "
                + "a number needs a unit (\(trimmed)s, \(trimmed)m, \(trimmed)h, \(trimmed)d), and a year or a day is written as a date")
        }
        if let seconds = DurationParser.seconds(text) { return now.addingTimeInterval(-seconds) }
        if let date = AlertTimestamp.parse(text) { return date }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
           let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m), (1...31).contains(d),
           let date = Calendar.utc.date(from: DateComponents(year: y, month: m, day: d)),
           Calendar.utc.component(.day, from: date) == d {
            return date
        }
        throw Refusal(description: "--since takes a duration (90m, 2h, 3d), a date (2026-12-06) or an RFC 3339 time, got '\(text)'")
    }

    /// Case-folded, with the matcher's normalisation (apostrophes, dashes and spaces unified).
    static func folded(_ text: String) -> String {
        String(decoding: Normalizer.normalize(text).bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces)
            .lowercased().replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
    }
}
