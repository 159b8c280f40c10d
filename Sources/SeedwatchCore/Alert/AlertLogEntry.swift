import Foundation

/// One line of `alerts.jsonl` as `seedwatch alerts` reads it: the fields it filters and prints.
///
/// Decoding is tolerant: keys it does not know are ignored (DESIGN §6: "more may be added"), and
/// `published`, `actors`, `topics`, `evidence` and the source's optional fields may be missing.
public struct AlertLogEntry: Sendable, Hashable {
    public struct Named: Sendable, Hashable {
        public var id: String
        public var name: String
        /// An actor's `mentions`, when present.
        public var mentions: Int?
        /// A topic's `score`, when present.
        public var score: Double?

        public init(id: String, name: String, mentions: Int? = nil, score: Double? = nil) {
            self.id = id
            self.name = name
            self.mentions = mentions
            self.score = score
        }
    }

    /// The `source` object; `path` is the text as written (invalid UTF-8 bytes as `%XX`, see ``PathText``).
    public struct Source: Sendable, Hashable {
        public var type: String
        public var path: String?
        public var feed: String?
        public var url: String?
        public var guid: String?

        public init(type: String, path: String? = nil, feed: String? = nil, url: String? = nil, guid: String? = nil) {
            self.type = type
            self.path = path
            self.feed = feed
            self.url = url
            self.guid = guid
        }
    }

    public var id: String
    public var time: Date
    public var watch: String
    /// `nil` only for `scan --json` lines of articles below `notice`.
    public var level: AlertLevel?
    public var score: Double
    public var source: Source
    public var title: String
    public var published: Date?
    public var actors: [Named]
    public var topics: [Named]
    /// The evidence sentences' `text`, in line order.
    public var evidence: [String]
    /// The added key `updates`: the `id` of the earlier alert whose article this line's article
    /// edits of a seen article; `nil` when absent.
    public var updates: String?
    /// The added keys of stories (issue 12, DESIGN §11): the story's id (its first alert's `id`),
    /// its size so far, and whether this member adds nothing; `nil`/`false` on lines from before.
    public var story: String?
    public var storySize: Int?
    public var isRepeat = false

    public init(id: String, time: Date, watch: String, level: AlertLevel?, score: Double, source: Source,
                title: String, published: Date?, actors: [Named], topics: [Named], evidence: [String], updates: String? = nil) {
        self.id = id
        self.time = time
        self.watch = watch
        self.level = level
        self.score = score
        self.source = source
        self.title = title
        self.published = published
        self.actors = actors
        self.topics = topics
        self.evidence = evidence
        self.updates = updates
    }
}

/// Why a line of `alerts.jsonl` could not be read.
public enum AlertLineDecodingError: Error, Equatable, CustomStringConvertible {
    /// The line is not a JSON object.
    case notJSONObject(detail: String)
    /// A required key (`id`, `time`, `watch`, `level`, `score`, `source`, `title`) is missing or has the wrong type.
    case invalidKey(String)
    /// `time` or `published` is not an RFC 3339 date-time.
    case invalidTimestamp(key: String, value: String)
    /// `level` is neither `notice`, `alert` nor `null`.
    case unknownLevel(String)

    public var description: String {
        switch self {
        case .notJSONObject(let detail): return "alert line is not a JSON object: \(detail)"
        case .invalidKey(let key): return "alert line: key \"\(key)\" is missing or has the wrong type"
        case .invalidTimestamp(let key, let value): return "alert line: \"\(key)\" is not RFC 3339: \(value)"
        case .unknownLevel(let value): return "alert line: unknown level \"\(value)\""
        }
    }
}

extension AlertLogEntry {
    /// Decodes one line (with or without its trailing `"\n"`).
    /// - Throws: ``AlertLineDecodingError`` naming what is wrong.
    public static func decode(line: some Collection<UInt8>) throws -> AlertLogEntry {
        let wire: WireLine
        do {
            wire = try JSONDecoder().decode(WireLine.self, from: Data(line))
        } catch let DecodingError.keyNotFound(key, context) {
            throw AlertLineDecodingError.invalidKey(Self.keyPath(context.codingPath + [key]))
        } catch let DecodingError.typeMismatch(_, context) {
            throw AlertLineDecodingError.invalidKey(Self.keyPath(context.codingPath))
        } catch let DecodingError.valueNotFound(_, context) {
            throw AlertLineDecodingError.invalidKey(Self.keyPath(context.codingPath))
        } catch {
            throw AlertLineDecodingError.notJSONObject(detail: String(describing: error))
        }
        guard let time = AlertTimestamp.parse(wire.time) else {
            throw AlertLineDecodingError.invalidTimestamp(key: "time", value: wire.time)
        }
        var level: AlertLevel?
        if let text = wire.level {
            guard let known = AlertLevel(rawValue: text) else { throw AlertLineDecodingError.unknownLevel(text) }
            level = known
        }
        var published: Date?
        if let text = wire.published {
            guard let date = AlertTimestamp.parse(text) else {
                throw AlertLineDecodingError.invalidTimestamp(key: "published", value: text)
            }
            published = date
        }
        let source = Source(type: wire.source.type, path: wire.source.path, feed: wire.source.feed,
                            url: wire.source.url, guid: wire.source.guid)
        var entry = AlertLogEntry(id: wire.id, time: time, watch: wire.watch, level: level, score: wire.score,
                             source: source, title: wire.title, published: published,
                             actors: (wire.actors ?? []).map { Named(id: $0.id, name: $0.name ?? $0.id, mentions: $0.mentions) },
                             topics: (wire.topics ?? []).map { Named(id: $0.id, name: $0.name ?? $0.id, score: $0.score) },
                             evidence: (wire.evidence ?? []).map(\.text), updates: wire.updates)
        entry.story = wire.story
        entry.storySize = wire.story_size
        entry.isRepeat = wire.repeat ?? false
        return entry
    }

    private static func keyPath(_ path: [any CodingKey]) -> String {
        path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    /// The wire form; unknown keys are ignored by `JSONDecoder`.
    private struct WireLine: Decodable {
        struct WireSource: Decodable {
            var type: String
            var path: String?
            var feed: String?
            var url: String?
            var guid: String?
        }
        struct WireNamed: Decodable {
            var id: String
            var name: String?
            var mentions: Int?
            var score: Double?
        }
        struct WireEvidence: Decodable {
            var text: String
        }
        var id: String
        var time: String
        var watch: String
        var level: String?
        var score: Double
        var source: WireSource
        var title: String
        var published: String?
        var actors: [WireNamed]?
        var topics: [WireNamed]?
        var evidence: [WireEvidence]?
        var updates: String?
        var story: String?
        var story_size: Int?
        var `repeat`: Bool?
    }
}
