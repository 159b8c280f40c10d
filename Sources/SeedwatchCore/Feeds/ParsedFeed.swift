import Foundation

/// The syndication format of a parsed feed, as detected from the content (never from the Content-Type).
public enum FeedFormat: String, Sendable, Hashable, CaseIterable {
    /// RSS 0.90 (`rdf:RDF` in the `http://my.netscape.com/rdf/simple/0.9/` namespace).
    case rss090
    /// RSS 0.91 (`<rss version="0.91">`).
    case rss091
    /// RSS 0.92 (`<rss version="0.92">`).
    case rss092
    /// RSS 2.0, and any other `<rss>` version (0.93, 0.94, missing).
    case rss20
    /// RSS 1.0 (`rdf:RDF` with the `http://purl.org/rss/1.0/` namespace).
    case rss10
    /// Atom 0.3 (`http://purl.org/atom/ns#`).
    case atom03
    /// Atom 1.0 (RFC 4287, `http://www.w3.org/2005/Atom`).
    case atom10
    /// JSON Feed 1.0 (`https://jsonfeed.org/version/1`).
    case jsonFeed10
    /// JSON Feed 1.1 (`https://jsonfeed.org/version/1.1`).
    case jsonFeed11
}

/// A feed after parsing: feed-level metadata and its items in document order.
public struct ParsedFeed: Sendable, Hashable {
    public var format: FeedFormat
    /// The feed's title as text (entities decoded, whitespace collapsed); empty when absent.
    public var title: String
    /// The feed's home page link, absolute when a base was known; `nil` when absent.
    public var link: String?
    /// The charset the bytes were decoded with, as a lower-case label: `utf-8`, `windows-1252`,
    /// `utf-16le`, `utf-16be`, or the iconv label used (`koi8-r`, `gb2312`, …).
    public var encoding: String
    public var items: [FeedItem]

    public init(format: FeedFormat, title: String, link: String?, encoding: String, items: [FeedItem]) {
        self.format = format
        self.title = title
        self.link = link
        self.encoding = encoding
        self.items = items
    }
}

/// One RSS item, Atom entry or JSON Feed item.
public struct FeedItem: Sendable, Hashable {
    /// The headline as text, whitespace collapsed. RSS titles get one HTML-entity pass and keep
    /// escaped tags as written (entities decoded exactly once: `Mr Kim & <i>the press</i>`); Atom `type="text"` titles get
    /// no pass; Atom titles declared as HTML or XHTML are reduced to their text (the HTML parse is
    /// the one entity pass; tags and the content of `script`, `applet`, `object`, … dropped).
    public var title: String
    /// The item's link, resolved against `xml:base`, the feed's base URL and the document URL (RFC 3986).
    public var link: String?
    /// The raw GUID (RSS `guid`, RSS 1.0 `rdf:about`, Atom `id`, JSON Feed `id`), trimmed; `nil` when absent.
    public var guid: String?
    /// The item key of DESIGN §7 (see ``ItemKey``); unique within one parsed document.
    public var itemKey: String
    /// Publication instant (RSS `pubDate`/`dc:date`, Atom `published`/`issued`, JSON `date_published`), UTC.
    public var published: Date?
    /// Last update instant (Atom `updated`/`modified`, JSON `date_modified`, `dcterms:modified`), UTC.
    public var updated: Date?
    /// The summary (RSS `description`, Atom `summary`, JSON `summary`) as text, one block per line.
    public var summary: String
    /// The full content (`content:encoded`, Atom `content`, JSON `content_html`/`content_text`) as text:
    /// HTML reduced to text, block elements and `<br>` as `"\n"`.
    public var content: String
    /// Author names (or e-mail addresses when no name is given), in document order.
    public var authors: [String]
    /// The digest of the title and body as the feed gave them, before any HTML is reduced to text
    /// (``FeedItemSource``): what tells an edit of an item kept under its GUID. `nil` for an item
    /// not read from a feed document (the extracted title and body are hashed then).
    public var sourceHash: String?

    public init(title: String, link: String?, guid: String?, itemKey: String, published: Date?, updated: Date?,
                summary: String, content: String, authors: [String], sourceHash: String? = nil) {
        self.title = title
        self.link = link
        self.guid = guid
        self.itemKey = itemKey
        self.published = published
        self.updated = updated
        self.summary = summary
        self.content = content
        self.authors = authors
        self.sourceHash = sourceHash
    }

    /// The item as an ``Article``: the body is the content, or the summary when there is no content;
    /// `published` falls back to `updated`.
    public var article: Article {
        Article(title: title, body: content.isEmpty ? summary : content, published: published ?? updated,
                url: link, guid: guid)
    }
}

/// Why a body could not be parsed as a feed.
public enum FeedParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The body is empty or only whitespace.
    case empty
    /// The content is neither RSS, RDF, Atom nor JSON Feed; `found` names what was seen
    /// (the root element, or the first characters).
    case notAFeed(found: String)
    /// libxml2 could not build a document; `line` is 1-based.
    case xml(line: Int, message: String)
    /// The body starts with `{` but is not a JSON Feed object.
    case json(message: String)

    public var description: String {
        switch self {
        case .empty: return "not a feed: the body is empty"
        case .notAFeed(let found): return "not a feed: found \(found)"
        case .xml(let line, let message): return "XML error at line \(line): \(message)"
        case .json(let message): return "JSON Feed error: \(message)"
        }
    }
}
