import Foundation

/// The level an article reaches for a watch (DESIGN §4, §6). Below `notice` nothing is written.
public enum AlertLevel: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
    case notice
    case alert

    public static func < (lhs: AlertLevel, rhs: AlertLevel) -> Bool {
        lhs == .notice && rhs == .alert
    }
}

/// Where the article of an alert came from: the `source` object of DESIGN §6.
public struct AlertSource: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case file, feed }
    public var kind: Kind
    /// For `file`: the path as raw bytes (written with invalid UTF-8 bytes as `%XX`, `%` as `%25`).
    public var path: [UInt8]?
    /// For `feed`: the feed's URL.
    public var feed: String?
    /// The item's link (feed items, and items of feed files).
    public var url: String?
    /// The item's GUID / Atom id / JSON Feed id.
    public var guid: String?

    public init(kind: Kind, path: [UInt8]? = nil, feed: String? = nil, url: String? = nil, guid: String? = nil) {
        self.kind = kind
        self.path = path
        self.feed = feed
        self.url = url
        self.guid = guid
    }

    /// A dropped file (or a file given to `scan`).
    public static func file(path: [UInt8], url: String? = nil, guid: String? = nil) -> AlertSource {
        AlertSource(kind: .file, path: path, url: url, guid: guid)
    }

    /// An item of a fetched feed.
    public static func feed(_ feedURL: String, url: String?, guid: String?) -> AlertSource {
        AlertSource(kind: .feed, feed: feedURL, url: url, guid: guid)
    }
}

/// An actor of an alert: `{"id","name","mentions"}`.
public struct ActorSummary: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    /// How many times the actor was matched (strong mentions plus counted weak ones).
    public var mentions: Int

    public init(id: String, name: String, mentions: Int) {
        self.id = id
        self.name = name
        self.mentions = mentions
    }
}

/// A topic of an alert: `{"id","name","score","terms"}`.
public struct TopicSummary: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    /// The points this topic contributed to the score.
    public var score: Double
    /// The distinct terms matched, as written in the model, most frequent first.
    public var terms: [String]

    public init(id: String, name: String, score: Double, terms: [String]) {
        self.id = id
        self.name = name
        self.score = score
        self.terms = terms
    }
}

/// One evidence sentence: `{"text","actors","topics","start","end"}`.
public struct EvidenceItem: Sendable, Hashable, Codable {
    /// The sentence as it stands in the extracted text (original characters).
    public var text: String
    /// Ids of actors matched in the sentence.
    public var actors: [String]
    /// Ids of topics matched in the sentence.
    public var topics: [String]
    /// UTF-8 byte offset of the sentence's start in ``Article/extractedText``.
    public var start: Int
    /// UTF-8 byte offset just past the sentence's end in ``Article/extractedText``.
    public var end: Int

    public init(text: String, actors: [String], topics: [String], start: Int, end: Int) {
        self.text = text
        self.actors = actors
        self.topics = topics
        self.start = start
        self.end = end
    }
}

/// One line of `alerts.jsonl` (DESIGN §6).
public struct AlertRecord: Sendable, Hashable {
    /// 16 hex digits: the idempotency key (``AlertID``).
    public var id: String
    /// When the alert was decided (written as RFC 3339 UTC).
    public var time: Date
    public var watch: String
    public var level: AlertLevel
    public var score: Double
    public var source: AlertSource
    public var title: String
    public var published: Date?
    public var actors: [ActorSummary]
    public var topics: [TopicSummary]
    public var evidence: [EvidenceItem]
    /// For an alert on an edit of a seen article: the `id` of the article's original alert,
    /// written as the added key `updates` (DESIGN §6 allows added keys); `nil` otherwise (not written).
    public var updates: String?
    /// The article's language (ISO 639-1, ``LanguageDetector``), written as the added key
    /// `language` (DESIGN §11), `null` when undetected.
    public var language: String?
    /// The alert's story (issue 12), written as the added keys `story`, `story_size` and `repeat`
    /// (DESIGN §11); `nil` below a level, then not written (`scan` keeps the stories of its run in a ``StoryBook``).
    public var story: StoryKeys?

    public init(id: String, time: Date, watch: String, level: AlertLevel, score: Double, source: AlertSource,
                title: String, published: Date?, actors: [ActorSummary], topics: [TopicSummary], evidence: [EvidenceItem],
                updates: String? = nil, language: String? = nil) {
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
        self.language = language
    }
}
