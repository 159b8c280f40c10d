import Foundation

/// The secondary keys of one article version, stored beside its seen marks so that an edit of a
/// seen article arriving under a new article key (a headline fix that changes an item's GUID and
/// link, a file rewritten at the same path) is recognised as the same article, across restarts.
public struct ArticleVersion: Sendable, Hashable {
    /// Where versions are compared: ``feedScope(feedURL:)`` or ``fileScope(path:)``. Raw bytes (a
    /// path need not be UTF-8).
    public var scope: [UInt8]
    /// The title as written.
    public var title: String
    /// The item's link, or `nil` (dropped files).
    public var link: String?
    /// The publication instant, if known.
    public var published: Date?
    /// For a feed item, ``ArticleUpdateMatch/identifyingDescriptionHash(title:summary:content:)``
    /// of its description (`nil` when too short or a tagline); for a dropped file, ``textHash(title:body:)`` of the text extracted from it.
    public var descriptionHash: String?
    /// For a feed item, ``ArticleUpdateMatch/descriptionWords(summary:content:)`` of its description
    /// (what tells a correction from another article under the same headline); `nil` otherwise.
    public var descriptionWords: String?

    public init(scope: [UInt8], title: String, link: String?, published: Date?, descriptionHash: String?,
                descriptionWords: String? = nil) {
        self.scope = scope
        self.title = title
        self.link = link
        self.published = published
        self.descriptionHash = descriptionHash
        self.descriptionWords = descriptionWords
    }

    /// The scope of the items of one feed: `feed:` + the feed's first configured URL.
    public static func feedScope(feedURL: String) -> [UInt8] {
        Array(("feed:" + feedURL).utf8)
    }

    /// The scope of the articles read from one drop-folder path: `file:` + the path's bytes.
    public static func fileScope(path: [UInt8]) -> [UInt8] {
        Array("file:".utf8) + path
    }

    /// The hex SHA-256 of an article's extracted title and text, joined by a line feed (UTF-8):
    /// two files whose bytes differ but whose text reads the same — saved again with one more blank
    /// line, or as Markdown with a front-matter title — have the same text hash.
    public static func textHash(title: String, body: String) -> String {
        ArticleIdentity.sha256Hex(Array((title + "\n" + body).utf8))
    }

    /// The version of a feed item: title, link, published instant, and the hash and the long words
    /// of its description (the summary, or the content when there is no summary).
    public static func feedItem(_ item: FeedItem, feedURL: String) -> ArticleVersion {
        ArticleVersion(scope: feedScope(feedURL: feedURL), title: item.title, link: item.link,
                       published: item.published ?? item.updated,
                       descriptionHash: ArticleUpdateMatch.identifyingDescriptionHash(title: item.title, summary: item.summary,
                                                                                      content: item.content),
                       descriptionWords: ArticleUpdateMatch.descriptionWords(summary: item.summary, content: item.content))
    }
}
