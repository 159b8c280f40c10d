import Foundation

/// One article, as extracted from a dropped file or a feed item: the unit the matcher reads.
///
/// `title` and `body` keep the original characters (entities decoded, markup removed). Block
/// boundaries in the source (paragraphs, list items, `<br>`) are `"\n"` in `body`.
public struct Article: Sendable, Hashable {
    /// The headline, original characters, entities decoded; empty when the source has none.
    public var title: String
    /// The body text, one block per line (`"\n"`-separated), without the title.
    public var body: String
    /// When the article was published, if the source says; always compared and written in UTC.
    public var published: Date?
    /// The article's canonical link, when the source names one.
    public var url: String?
    /// The feed item's GUID (RSS `guid`, Atom `id`, JSON Feed `id`), when the article came from a feed.
    public var guid: String?
    /// What extraction had to drop, when it dropped text (a page nested deeper than the HTML
    /// parser reads, issue 11), for one warning naming the file; `nil` otherwise.
    public var extractionWarning: String?

    public init(title: String, body: String, published: Date? = nil, url: String? = nil, guid: String? = nil) {
        self.title = title
        self.body = body
        self.published = published
        self.url = url
        self.guid = guid
    }

    /// The article's language, an ISO 639-1 code (`en`, `es`, `pt`, `fr`, `de`, `it`, `ru`, `ko`,
    /// `zh`, `ja`), or `nil` when ``LanguageDetector`` cannot tell: read from the title and the
    /// start of the body at each call.
    public var language: String? {
        LanguageDetector.detect(title: title, body: body)
    }

    /// The extracted text that matching reads and that evidence offsets point into:
    /// the title, a newline, then the body. Evidence `start`/`end` are UTF-8 byte offsets into this string.
    public var extractedText: String {
        title.isEmpty ? body : title + "\n" + body
    }
}
