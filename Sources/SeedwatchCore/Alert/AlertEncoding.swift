/// Encodes alerts as lines of `alerts.jsonl` (DESIGN §6) and of `seedwatch scan --json` (DESIGN §9).
///
/// A line is UTF-8 JSON, one object, keys in the order of DESIGN §6 — `id`, `time`, `watch`,
/// `level`, `score`, `source`, `title`, `published`, `actors`, `topics`, `evidence`, then the added
/// keys `language` (ISO 639-1 or `null`, DESIGN §11) and `updates` on an alert for an edited
/// article (``AlertRecord/updates``), then `story`, `story_size` and `repeat` (DESIGN §11) when the
/// alert has a story (``AlertRecord/story``) — and ends with
/// exactly one `"\n"`; string escaping guarantees no other line break inside. Times are RFC 3339 UTC
/// with second precision (``AlertTimestamp``); scores are rounded to 2 decimals.
///
/// `id` is the idempotency key for consumers: the same article, watch and model always give the same
/// id, and the outbox (DESIGN §7) writes each id once.
public enum AlertEncoding {
    /// At most this many evidence sentences are written per line (DESIGN §6: "up to 5").
    public static let maxEvidence = 5

    /// The bytes of one `alerts.jsonl` line for `record`, ending in `"\n"`.
    public static func line(_ record: AlertRecord) -> [UInt8] {
        var json = JSONLineBuilder()
        writeObject(record, level: record.level, alerted: nil, into: &json)
        return json.bytes + [0x0A]
    }

    /// ``line(_:)`` as a `String` (for tests and logs).
    public static func lineText(_ record: AlertRecord) -> String {
        String(decoding: line(record), as: UTF8.self)
    }

    /// One line of `seedwatch scan --json`: the keys of ``line(_:)`` plus `"alerted"` at the end.
    ///
    /// - Parameters:
    ///   - record: the article's result for one watch; its `level` is ignored in favour of `level`.
    ///   - level: the level reached, or `nil` for an article below `notice` (written as `null`).
    ///   - alerted: whether the daemon would write an alert line for it.
    public static func scanLine(_ record: AlertRecord, level: AlertLevel?, alerted: Bool) -> [UInt8] {
        var json = JSONLineBuilder()
        writeObject(record, level: level, alerted: alerted, into: &json)
        return json.bytes + [0x0A]
    }

    private static func writeObject(_ r: AlertRecord, level: AlertLevel?, alerted: Bool?, into json: inout JSONLineBuilder) {
        json.beginObject()
        json.key("id"); json.string(r.id)
        json.key("time"); json.string(AlertTimestamp.format(r.time))
        json.key("watch"); json.string(r.watch)
        json.key("level"); json.optionalString(level?.rawValue)
        json.key("score"); json.decimal2(r.score)
        json.key("source"); writeSource(r.source, into: &json)
        json.key("title"); json.string(r.title)
        json.key("published"); json.optionalString(r.published.map(AlertTimestamp.format))
        json.key("actors")
        json.beginArray()
        for actor in r.actors {
            json.beginObject()
            json.key("id"); json.string(actor.id)
            json.key("name"); json.string(actor.name)
            json.key("mentions"); json.int(actor.mentions)
            json.endObject()
        }
        json.endArray()
        json.key("topics")
        json.beginArray()
        for topic in r.topics {
            json.beginObject()
            json.key("id"); json.string(topic.id)
            json.key("name"); json.string(topic.name)
            json.key("score"); json.decimal2(topic.score)
            json.key("terms"); writeStrings(topic.terms, into: &json)
            json.endObject()
        }
        json.endArray()
        json.key("evidence")
        json.beginArray()
        for item in r.evidence.prefix(maxEvidence) {
            json.beginObject()
            json.key("text"); json.string(item.text)
            json.key("actors"); writeStrings(item.actors, into: &json)
            json.key("topics"); writeStrings(item.topics, into: &json)
            json.key("start"); json.int(item.start)
            json.key("end"); json.int(item.end)
            json.endObject()
        }
        json.endArray()
        json.key("language"); json.optionalString(r.language)
        if let updates = r.updates {
            json.key("updates"); json.string(updates)
        }
        if let story = r.story {
            json.key("story"); json.string(story.story)
            json.key("story_size"); json.int(story.size)
            json.key("repeat"); json.bool(story.isRepeat)
        }
        if let alerted {
            json.key("alerted"); json.bool(alerted)
        }
        json.endObject()
    }

    /// `{"type":"file","path":…}` plus `url`/`guid` when present, or
    /// `{"type":"feed","feed":…,"url":…,"guid":…}` with `null` for a missing link or GUID.
    private static func writeSource(_ s: AlertSource, into json: inout JSONLineBuilder) {
        json.beginObject()
        json.key("type"); json.string(s.kind.rawValue)
        switch s.kind {
        case .file:
            json.key("path"); json.string(PathText.encode(s.path ?? []))
            if let url = s.url { json.key("url"); json.string(url) }
            if let guid = s.guid { json.key("guid"); json.string(guid) }
        case .feed:
            json.key("feed"); json.string(s.feed ?? "")
            json.key("url"); json.optionalString(s.url)
            json.key("guid"); json.optionalString(s.guid)
        }
        json.endObject()
    }

    private static func writeStrings(_ values: [String], into json: inout JSONLineBuilder) {
        json.beginArray()
        for value in values { json.string(value) }
        json.endArray()
    }
}
