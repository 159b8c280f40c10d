/// One article read from a document, with what identifies it (DESIGN §7).
public struct DocumentItem: Sendable {
    public var article: Article
    /// The item key when the article is an item of a feed (GUID, normalised link, or hash of
    /// title and date); `nil` for a single-article file.
    public var itemKey: String?
    /// The item as the feed gives it (summary, content, link, GUID, dates), when the article is an
    /// item of a feed; `nil` for a single-article file.
    public var feedItem: FeedItem?

    public init(article: Article, itemKey: String? = nil, feedItem: FeedItem? = nil) {
        self.article = article
        self.itemKey = itemKey
        self.feedItem = feedItem
    }

    /// The article as the item of a feed document.
    public init(feedItem: FeedItem) {
        self.init(article: feedItem.article, itemKey: feedItem.itemKey, feedItem: feedItem)
    }

    /// The article key: `file:` + the file's SHA-256 for a single-article file; for an item of a
    /// feed file, `feed:file` + NUL + the item key, so that a rewritten feed file alerts once per item.
    public func articleKey(fileContentHash: String) -> String {
        if let itemKey { return ArticleIdentity.feedKey(feedURL: "file", itemKey: itemKey) }
        return "file:" + fileContentHash
    }

    /// The alert's `source` for a dropped file at `filePath` (raw bytes): with the article's `url`
    /// when it states one (an HTML page's `og:url` or canonical link, Markdown front matter or a
    /// JSON article's `url`, a feed item's link; DESIGN §11), and a feed item's GUID.
    public func source(filePath: [UInt8]) -> AlertSource {
        .file(path: filePath, url: article.url, guid: itemKey == nil ? nil : article.guid)
    }
}
