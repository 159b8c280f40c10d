import Crypto

/// A feed document read item by item, never whole (issue 11: one document of 100,000 items): the
/// items are streamed twice, first to learn what the whole document decides about each item (its
/// item key, which depends on the other items' GUIDs and links, DESIGN §7; the descriptions that
/// several items share), then, with ``makeItems()``, to hand them out one at a time. Between the
/// two the stream holds the document's bytes, each item's key, and no item's text.
///
/// The items, their order and every field are those of ``FeedParser/parse(_:contentType:baseURL:)``.
/// A well-formed XML document and a JSON Feed whose `items` array the splitter reads stream; a
/// document that is not well-formed is read whole by the recovering readers and its items kept.
public final class FeedStream: @unchecked Sendable {
    public let format: FeedFormat
    /// The feed's title (see ``ParsedFeed/title``).
    public let title: String
    /// The feed's home page link (see ``ParsedFeed/link``).
    public let link: String?
    /// The charset label the bytes were decoded with (see ``ParsedFeed/encoding``).
    public let encoding: String
    /// Each item's key (DESIGN §7), in document order.
    public let itemKeys: [String]
    /// The description hashes (``ArticleUpdateMatch/descriptionHash(_:)`` of the summary, or of the
    /// content when there is no summary) that more than one item of the document has.
    public let sharedDescriptionHashes: Set<String>

    private enum Source {
        case xml(utf8: [UInt8], baseURL: String?)
        case json(JSONFeedReader.Items)
        case items([FeedItem])
    }
    private let source: Source

    /// The number of items.
    public var count: Int { itemKeys.count }

    /// Reads `bytes` once through (parameters and errors as ``FeedParser/parse(_:contentType:baseURL:)``).
    public init(_ bytes: [UInt8], contentType: String? = nil, baseURL: String? = nil) throws(FeedParseError) {
        let (body, encoding) = try FeedParser.sniff(bytes, contentType: contentType)
        self.encoding = encoding
        var census = Census()
        let header: (format: FeedFormat, title: String, link: String?)
        switch body {
        case .xml(let utf8):
            var streamed: (FeedFormat, String, String?)?
            if let stream = FeedXMLItemStream(utf8, baseURL: baseURL) {
                while let item = stream.next() { census.add(item) }
                switch stream.end(encoding: encoding) {
                case .feed(let format, let title, let link): streamed = (format, title, link)
                case .notAFeed(let error): throw error
                case .notWellFormed: break
                }
            }
            if let streamed {
                header = streamed
                source = .xml(utf8: utf8, baseURL: baseURL)
            } else {
                let feed = try FeedParser.readWholeXML(utf8, encoding: encoding, baseURL: baseURL, knownIllFormed: true)
                census = Census()
                for item in feed.items { census.add(item) }
                header = (feed.format, feed.title, feed.link)
                source = .items(feed.items)
            }
        case .json(let utf8):
            let items = try JSONFeedReader.open(utf8, baseURL: baseURL)
            for index in 0..<items.elementCount {
                if let item = try items.item(at: index) { census.add(item) }
            }
            header = (items.format, items.title, items.link)
            source = .json(items)
        }
        var repairedTitle = header.title
        DoubleEncodedUTF8.repair(&repairedTitle)
        format = header.format
        title = repairedTitle
        link = header.link
        (itemKeys, sharedDescriptionHashes) = census.finish()
    }

    /// The items in document order, each repaired and with its key, as ``FeedParser`` gives them.
    public func makeItems() -> Items { Items(feed: self) }

    /// The second pass over the document's items.
    public struct Items: IteratorProtocol, Sequence {
        private let feed: FeedStream
        private var xml: FeedXMLItemStream?
        private var index = 0

        fileprivate init(feed: FeedStream) {
            self.feed = feed
            if case .xml(let utf8, let baseURL) = feed.source { xml = FeedXMLItemStream(utf8, baseURL: baseURL) }
        }

        /// The next item, or `nil` after the last.
        public mutating func next() -> FeedItem? {
            guard index < feed.count, var item = rawNext() else { return nil }
            FeedParser.repair(&item)
            item.itemKey = feed.itemKeys[index]
            index += 1
            return item
        }

        private mutating func rawNext() -> FeedItem? {
            switch feed.source {
            case .xml: return xml?.next()
            case .items(let items): return index < items.count ? items[index] : nil
            case .json(let items):
                // Elements that are not objects are no items; the first pass found every element valid JSON.
                while jsonElement < items.elementCount {
                    defer { jsonElement += 1 }
                    if let item = try? items.item(at: jsonElement) { return item }
                }
                return nil
            }
        }
        private var jsonElement = 0
    }

    /// What the first pass keeps of each item: what its key depends on, and its description hash.
    private struct Census {
        /// The items without their text (summary, content, authors).
        var identities: [FeedItem] = []
        var descriptions: Set<SHA256.Digest> = []
        var sharedDescriptions: Set<SHA256.Digest> = []

        mutating func add(_ raw: FeedItem) {
            var item = raw
            FeedParser.repair(&item)
            if let digest = ArticleUpdateMatch.descriptionDigest(item.summary.isEmpty ? item.content : item.summary),
               !descriptions.insert(digest).inserted {
                sharedDescriptions.insert(digest)
            }
            identities.append(FeedItem(title: item.title, link: item.link, guid: item.guid, itemKey: "", published: item.published,
                                       updated: item.updated, summary: "", content: "", authors: []))
        }

        mutating func finish() -> ([String], Set<String>) {
            ItemKey.assign(&identities)
            return (identities.map(\.itemKey), Set(sharedDescriptions.map { Hex.encode(Array($0)) }))
        }
    }
}
