import Foundation

/// What the story rules (``StoryRule``) know about one alerted article of one watch: its content
/// signature, the signature of its title and lead, the key of its canonical link, title, time, and
/// the actors and topics its alert names.
public struct StoryFingerprint: Sendable, Hashable {
    /// MinHash of the content words of the title and body (``MinHashSignature``).
    public var signature: MinHashSignature
    /// MinHash of the content words of the title and the first ``leadWords`` words of the body,
    /// without the words of the watch's actors (``StoryLeadWords``; members recorded before
    /// 2026-12 kept those words in) (``ContentWords/leadHashes(title:body:leadWords:dropping:)``);
    /// ``MinHashSignature/empty`` for a member recorded before it was kept.
    public var lead: MinHashSignature
    /// ``CanonicalLink/key(_:)`` of ``CanonicalLink/of(_:)`` of the article's link, `nil` when it has
    /// none: links are only compared, and the state database keeps 8 bytes instead of the link.
    public var linkKey: Int64?
    /// The title as written.
    public var title: String
    /// When the article happened for the rules: its published instant, else when it was first seen.
    public var time: Date
    /// Whether ``time`` is the published instant the article's source gave. An undated article's
    /// ``time`` is when seedwatch first saw it, which says nothing of when its event happened (a
    /// backlog of files dropped at once, a new feed's first fetch): ``StoryRule`` joins it to a story
    /// only as the same page or a copy, never as the same event.
    public var isDated: Bool
    /// Actor ids of the alert (DESIGN §6 `actors[].id`).
    public var actors: Set<String>
    /// Topic ids of the alert (DESIGN §6 `topics[].id`).
    public var topics: Set<String>

    /// Words of the body in the lead (``lead``): 80, fitted on the development story pairs.
    public static let leadWords = 80

    public init(signature: MinHashSignature, lead: MinHashSignature = .empty, linkKey: Int64?, title: String, time: Date,
                isDated: Bool = true, actors: Set<String>, topics: Set<String>) {
        self.signature = signature
        self.lead = lead
        self.linkKey = linkKey
        self.title = title
        self.time = time
        self.isDated = isDated
        self.actors = actors
        self.topics = topics
    }

    /// The fingerprint of an article: signature over `title` and `body` joined by a line break,
    /// lead signature over `title` and the first ``leadWords`` words of `body`, the key of the
    /// canonical link of `url`, time `published ?? seen` (``isDated`` when `published` is given).
    /// - Parameters:
    ///   - signature: the signature when already made from the normalised text
    ///     (``MinHashSignature/init(normalized:)``); `nil` makes it here.
    ///   - leadWords: the words the lead leaves out (``StoryLeadWords/init(model:)`` of the watch).
    public init(title: String, body: String, url: String?, published: Date?, seen: Date,
                actors: Set<String>, topics: Set<String>, signature: MinHashSignature? = nil, leadWords: StoryLeadWords) {
        self.init(signature: signature ?? MinHashSignature(concatenationOf: [title, "\n", body]),
                  lead: MinHashSignature(hashes: ContentWords.leadHashes(title: title, body: body, leadWords: Self.leadWords,
                                                                         dropping: leadWords.dropped)),
                  linkKey: CanonicalLink.of(url).map(CanonicalLink.key), title: title,
                  time: published ?? seen, isDated: published != nil, actors: actors, topics: topics)
    }

    /// The fingerprint of the article of an alert: its title, body, link and published date, and
    /// the alert's actor and topic ids; an undated article takes the alert's `time` (and is not
    /// ``isDated``).
    /// - Parameter normalized: ``Normalizer/normalize(article:)`` of `article` (the text the
    ///   matcher read), to read the signature from without normalising the text again; with `nil`
    ///   the text is normalised here. The fingerprint is the same either way.
    /// - Parameter signature: the content signature when already made (``SignatureAhead``: the
    ///   same as the one made here); it takes the place of `normalized`'s.
    /// - Parameter leadWords: the words the lead leaves out (``StoryLeadWords/init(model:)`` of the alert's watch).
    public init(alert record: AlertRecord, article: Article, normalized: NormalizedText? = nil, signature: MinHashSignature? = nil,
                leadWords: StoryLeadWords) {
        self.init(title: article.title, body: article.body, url: article.url, published: article.published,
                  seen: record.time, actors: Set(record.actors.map(\.id)), topics: Set(record.topics.map(\.id)),
                  signature: signature ?? normalized.map(MinHashSignature.init(normalized:)), leadWords: leadWords)
    }
}
