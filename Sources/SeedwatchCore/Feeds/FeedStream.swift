import Crypto

/// A feed document read item by item, never whole (issue 11: one document of 100,000 items): the
/// items are streamed twice, first to learn what the whole document decides about each item (its
/// item key, which depends on the other items' GUIDs and links, DESIGN §7; the descriptions that
/// several items share), then, with ``makeItems()``, to hand them out one at a time. Between the
/// two the stream holds the document's bytes and each item's key (in one buffer, ``ItemKeyList``),
/// and no item's text nor any `String` per item. A document whose items do not all have a GUID of
/// their own is read once more to key them by link or hash (``ItemKey``).
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
    public let itemKeys: ItemKeyList
    /// The description hashes (``ArticleUpdateMatch/descriptionHash(_:)`` of the summary, or of the
    /// content when there is no summary) that more than one item of the document has.
    public let sharedDescriptionHashes: Set<String>
    /// The normalised links (``URIReference/normalizedLink(_:)``) that more than one item of the
    /// document has: such a link names none of them.
    public let sharedLinks: Set<String>
    /// When the document is not well-formed XML and its items were recovered: libxml2's first
    /// error (1-based line and message); `nil` for a well-formed document or a JSON Feed.
    public let illFormed: (line: Int, message: String)?

    private enum Source {
        case xml(utf8: [UInt8], baseURL: String?)
        case json(JSONFeedReader.Items)
        case items([FeedItem])
    }
    private let source: Source

    /// The number of items.
    public var count: Int { itemKeys.count }

    /// Reads `bytes` once through (parameters and errors as ``FeedParser/parse(_:contentType:baseURL:)``).
    /// - Parameter keyedByLink: key items by their link first (``ItemKey/assign(_:keyedByLink:)``):
    ///   for a feed whose GUIDs proved unreliable.
    public init(_ bytes: [UInt8], contentType: String? = nil, baseURL: String? = nil,
                keyedByLink: Bool = false) throws(FeedParseError) {
        let (body, encoding) = try FeedParser.sniff(bytes, contentType: contentType)
        self.encoding = encoding
        var census = Census(keyedByLink: keyedByLink)
        var illFormed: (line: Int, message: String)?
        let header: (format: FeedFormat, title: String, link: String?)
        let source: Source
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
                illFormed = FeedParser.firstWellFormednessError(utf8, baseURL: baseURL)
                census = Census(keyedByLink: keyedByLink)
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
        self.source = source
        self.illFormed = illFormed
        (itemKeys, sharedDescriptionHashes, sharedLinks) = census.finish { RawItems(source) }
    }

    /// The items in document order, each repaired and with its key, as ``FeedParser`` gives them.
    public func makeItems() -> Items { Items(feed: self) }

    /// The second pass over the document's items.
    public struct Items: IteratorProtocol, Sequence {
        private let feed: FeedStream
        private var raw: RawItems
        private var index = 0

        fileprivate init(feed: FeedStream) {
            self.feed = feed
            raw = RawItems(feed.source)
        }

        /// The next item, or `nil` after the last.
        public mutating func next() -> FeedItem? {
            guard index < feed.count, var item = raw.next() else { return nil }
            FeedParser.repair(&item)
            item.itemKey = feed.itemKeys[index]
            index += 1
            return item
        }
    }

    /// The document's items as read, not repaired and without keys, from the start.
    private struct RawItems: IteratorProtocol {
        private let source: Source
        private var xml: FeedXMLItemStream?
        private var index = 0

        init(_ source: Source) {
            self.source = source
            if case .xml(let utf8, let baseURL) = source { xml = FeedXMLItemStream(utf8, baseURL: baseURL) }
        }

        mutating func next() -> FeedItem? {
            switch source {
            case .xml: return xml?.next()
            case .items(let items):
                defer { index += 1 }
                return index < items.count ? items[index] : nil
            case .json(let items):
                // Elements that are not objects are no items; the first pass found every element valid JSON.
                while index < items.elementCount {
                    defer { index += 1 }
                    if let item = try? items.item(at: index) { return item }
                }
                return nil
            }
        }
    }

    /// What the first pass keeps of each item: its GUID as its key would use it (in one buffer)
    /// and its description's digest; no `String` per item (issue 11: 100,000 items' identities
    /// took 26 MB as ``FeedItem``s). The keys are those of ``ItemKey/assign(_:)``.
    private struct Census {
        /// Links before GUIDs (``ItemKey/assign(_:keyedByLink:)``).
        let keyedByLink: Bool
        /// Each item's GUID without tracking parameters (``TrackingParameters``), "" when it has none.
        var guids = ItemKeyList()
        var hasGUID: [Bool] = []
        /// Each item's normalised link, "" when it has none.
        var links = ItemKeyList()
        var hasLink: [Bool] = []

        init(keyedByLink: Bool) { self.keyedByLink = keyedByLink }
        /// The description digests (``ArticleUpdateMatch/descriptionDigest(_:)``) of the items that have one.
        var descriptions: [DigestWords] = []

        mutating func add(_ raw: FeedItem) {
            var item = raw
            FeedParser.repair(&item)
            if let digest = ArticleUpdateMatch.identifyingDescriptionDigest(title: item.title, summary: item.summary, content: item.content) {
                descriptions.append(DigestWords(digest))
            }
            guids.append(item.guid.map(TrackingParameters.stripped(fromURL:)) ?? "")
            hasGUID.append(item.guid != nil)
            let link = item.link.map(URIReference.normalizedLink)
            links.append(link ?? "")
            hasLink.append(link != nil)
        }

        /// The item keys, the shared description hashes (hex) and the shared links. When some item
        /// needs its hash key (rule 3 of ``ItemKey``), the items are read once more from `reread`
        /// for their titles and dates.
        mutating func finish<Reread: IteratorProtocol<FeedItem>>(reread: () -> Reread) -> (ItemKeyList, Set<String>, Set<String>) {
            descriptions.sort()
            var shared: Set<String> = []
            for i in descriptions.indices.dropFirst() where descriptions[i] == descriptions[i - 1] {
                shared.insert(descriptions[i].hex)
            }
            descriptions = []
            let linkRepeated = links.repeated(among: hasLink)
            var sharedLinks: Set<String> = []
            for i in linkRepeated.indices where linkRepeated[i] { sharedLinks.insert(links[i]) }
            let guidRepeated = guids.repeated(among: hasGUID)
            let guidKeyed = hasGUID.indices.map { hasGUID[$0] && !guidRepeated[$0] }
            let linkKeyed = hasLink.indices.map { hasLink[$0] && !linkRepeated[$0] }
            // Usual case: every item has a unique GUID (or, keyed by link, a unique link).
            if !keyedByLink && !guidKeyed.contains(false) { return (guids, shared, sharedLinks) }
            if keyedByLink && !linkKeyed.contains(false) { return (links, shared, sharedLinks) }
            // Rule 3 of ItemKey: the hash key of the items keyed by neither.
            var hashKeys: [String] = []
            var read = 0
            if hasGUID.indices.contains(where: { !guidKeyed[$0] && !linkKeyed[$0] }) {
                var items = reread()
                while read < hasGUID.count, var item = items.next() {
                    if !guidKeyed[read] && !linkKeyed[read] {
                        FeedParser.repair(&item)
                        hashKeys.append(ItemKey.hashKey(link: item.link.map(URIReference.normalizedLink), title: item.title,
                                                        published: item.published))
                    }
                    read += 1
                }
            } else {
                read = hasGUID.count
            }
            var keys = ItemKeyList()
            var nextHashKey = 0
            let (firstKeyed, secondKeyed) = keyedByLink ? (linkKeyed, guidKeyed) : (guidKeyed, linkKeyed)
            let (firstList, secondList) = keyedByLink ? (links, guids) : (guids, links)
            for i in 0..<read {
                let first = firstKeyed[i], second = secondKeyed[i]
                if first {
                    keys.append(utf8: firstList.utf8(i))
                } else if second {
                    keys.append(utf8: secondList.utf8(i))
                } else {
                    keys.append(hashKeys[nextHashKey])
                    nextHashKey += 1
                }
            }
            return (keys, shared, sharedLinks)
        }
    }

    /// A SHA-256 digest as four words, ordered by its bytes: 32 bytes a description, sorted to
    /// find those shared (no hash set of digests).
    private struct DigestWords: Comparable {
        private var words: (UInt64, UInt64, UInt64, UInt64)

        init(_ digest: SHA256.Digest) {
            words = digest.withUnsafeBytes { b in
                (UInt64(bigEndian: b.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
                 UInt64(bigEndian: b.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
                 UInt64(bigEndian: b.loadUnaligned(fromByteOffset: 16, as: UInt64.self)),
                 UInt64(bigEndian: b.loadUnaligned(fromByteOffset: 24, as: UInt64.self)))
            }
        }

        /// The digest's 32 bytes as 64 lower-case hex digits.
        var hex: String {
            var bytes: [UInt8] = []
            for w in [words.0, words.1, words.2, words.3] {
                withUnsafeBytes(of: w.bigEndian) { bytes.append(contentsOf: $0) }
            }
            return Hex.encode(bytes)
        }

        static func == (a: Self, b: Self) -> Bool { a.words == b.words }
        static func < (a: Self, b: Self) -> Bool { a.words < b.words }
    }
}
