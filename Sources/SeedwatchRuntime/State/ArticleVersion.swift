import Foundation
import SeedwatchCore

/// The secondary keys of one article version (case 08), stored beside its seen marks so that an
/// edit arriving under a new article key is recognised as the same article, across restarts.
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
    /// ``ArticleUpdateMatch/descriptionHash(_:)`` of the description; `nil` when empty or not used (files).
    public var descriptionHash: String?

    public init(scope: [UInt8], title: String, link: String?, published: Date?, descriptionHash: String?) {
        self.scope = scope
        self.title = title
        self.link = link
        self.published = published
        self.descriptionHash = descriptionHash
    }

    /// The scope of the items of one feed: `feed:` + the feed's first configured URL.
    public static func feedScope(feedURL: String) -> [UInt8] {
        Array(("feed:" + feedURL).utf8)
    }

    /// The scope of the articles read from one drop-folder path: `file:` + the path's bytes.
    public static func fileScope(path: [UInt8]) -> [UInt8] {
        Array("file:".utf8) + path
    }

    /// The version of a feed item: title, link, published instant and the hash of its
    /// description (the summary, or the content when there is no summary).
    public static func feedItem(_ item: FeedItem, feedURL: String) -> ArticleVersion {
        ArticleVersion(scope: feedScope(feedURL: feedURL), title: item.title, link: item.link,
                       published: item.published ?? item.updated,
                       descriptionHash: ArticleUpdateMatch.descriptionHash(item.summary.isEmpty ? item.content : item.summary))
    }
}

/// What the state store remembers about one article version.
public struct StoredArticleVersion: Sendable, Hashable {
    /// The key of the article's first version (the version's own key for an original).
    public var originalKey: String
    /// For an original: the newest version's title; for a later version: its own title.
    public var title: String
    /// For an original: the newest version's link; for a later version: its own link.
    public var link: String?
    public var published: Date?
    public var descriptionHash: String?
}

/// The decision recorded for one article and watch.
public struct SeenDecision: Sendable, Hashable {
    /// The alert id recorded with the seen mark: the article's (original) alert, or `nil` when it
    /// never reached `notice`.
    public var alertID: String?
    /// On an original: the actor ids of the alert lines written for the article so far, sorted;
    /// `nil` when unknown (a version linked to an original, or a database from before v3).
    public var alertedActorIDs: [String]?

    public init(alertID: String?, alertedActorIDs: [String]?) {
        self.alertID = alertID
        self.alertedActorIDs = alertedActorIDs
    }
}
