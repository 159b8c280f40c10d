/// One article read from a document, with what identifies it (DESIGN §7).
public struct DocumentItem: Sendable {
    public var article: Article
    /// The item key when the article is an item of a feed file (GUID, normalised link, or hash of
    /// title and date); `nil` for a single-article file.
    public var itemKey: String?

    public init(article: Article, itemKey: String? = nil) {
        self.article = article
        self.itemKey = itemKey
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

/// Turns a dropped (or scanned) document into the articles it holds: one for an article file,
/// one per item for a feed file (`.xml`, `.rss`, `.atom`, `.rdf`, or a JSON Feed `.json`).
public enum DocumentReader {
    /// - Throws: ``ExtractionError`` when the document holds no readable article; a feed file that
    ///   does not parse is `.malformed` with the parser's reason (line and message).
    public static func items(of document: Document) throws(ExtractionError) -> [DocumentItem] {
        let fileExtension = DocumentFormat.fileExtension(of: document.nameHint)
        do {
            return try ArticleExtractor.extract(document).map { DocumentItem(article: $0) }
        } catch .unsupportedType(let ext) where DocumentFormat(fileExtension: fileExtension) != nil {
            // Feed files: the extractor leaves them to the feed parser.
            do {
                let feed = try FeedParser.parse(document.bytes, contentType: document.contentType)
                return feed.items.map { DocumentItem(article: $0.article, itemKey: $0.itemKey) }
            } catch {
                throw .malformed(reason: "not a readable .\(ext) feed: \(error)")
            }
        }
    }
}
