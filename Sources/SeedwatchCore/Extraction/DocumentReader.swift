/// The one reader of documents: turns a dropped, scanned or fetched document into the articles it
/// holds, dispatching on its format — one article for an article file, one per item for a feed
/// (RSS, Atom, RDF or JSON Feed). Pure: no I/O.
///
/// The format is chosen by the name's extension (``DocumentFormat``); a `.json` file is then
/// sniffed once parsed: a top-level `version` naming `https://jsonfeed.org/version/` makes it a
/// JSON Feed, anything else is read as news-scraper article JSON. A document fetched from a feed
/// URL is a feed whatever its name (``feedItems(of:)``); the feed parser sniffs RSS, Atom, RDF or
/// JSON Feed from its content.
public enum DocumentReader {
    /// The articles of a dropped or scanned file. An article file, or a JSON file of one article, is
    /// one item without an item key (its article key is the file's); each item of a feed file, and
    /// each article of a JSON array of several, has its item key (``ItemKey``).
    /// - Throws: ``ExtractionError`` when the document holds no readable article:
    ///   `.unsupportedType` for an extension the drop folder does not read; `.empty`, `.binary` as
    ///   ``ArticleExtractor/extract(_:)`` for article files; a feed file that does not parse is
    ///   `.malformed` with the parser's reason (line and message).
    public static func items(of document: Document) throws(ExtractionError) -> [DocumentItem] {
        let fileExtension = DocumentFormat.fileExtension(of: document.nameHint)
        guard let format = DocumentFormat(fileExtension: fileExtension)?.sniffed(document.bytes) else {
            throw .unsupportedType(extension: fileExtension.lowercased())
        }
        switch format {
        case .plainText, .markdown, .html:
            return try ArticleExtractor.extract(document, as: format).map { DocumentItem(article: $0) }
        case .json:
            switch try JSONArticleExtractor.read(ArticleExtractor.text(of: document)) {
            case .articles(let articles) where articles.count > 1:
                // Several articles in one file: each its own item key, as a feed file's items
                // (one file key would make every article after the first "seen").
                return zip(articles, ItemKey.keys(ofArticles: articles)).map { DocumentItem(article: $0, itemKey: $1) }
            case .articles(let articles): return articles.map { DocumentItem(article: $0) }
            case .jsonFeed: return try feedFileItems(document, fileExtension: fileExtension)
            }
        case .feedXML:
            return try feedFileItems(document, fileExtension: fileExtension)
        }
    }

    /// The items of a document known to be a feed (a body fetched from a feed URL, or a feed file),
    /// each with its item key; relative links resolve against ``Document/baseURL``.
    /// - Throws: ``FeedParseError`` as ``FeedParser/parse(_:contentType:baseURL:)``.
    public static func feedItems(of document: Document) throws(FeedParseError) -> [DocumentItem] {
        try FeedParser.parse(document.bytes, contentType: document.contentType, baseURL: document.baseURL)
            .items.map(DocumentItem.init(feedItem:))
    }

    /// A feed file's items; a file that does not parse is `.malformed`, naming its extension.
    private static func feedFileItems(_ document: Document, fileExtension: String) throws(ExtractionError) -> [DocumentItem] {
        do {
            return try feedItems(of: document)
        } catch {
            throw .malformed(reason: "not a readable .\(fileExtension.lowercased()) feed: \(error)")
        }
    }
}
