import Foundation

/// Reads JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1) with Foundation's JSONSerialization.
enum JSONFeedReader {
    ///
    /// The `items` array is parsed one item at a time (``JSONItemsSplitter``): the document's other
    /// members are parsed with an empty array in its place, so no more than one item's objects
    /// exist at once (issue 11). A document the splitter cannot read is parsed whole, as before.
    /// - Parameter utf8: the document as UTF-8, from its `{`.
    static func read(_ utf8: [UInt8], encoding: String, baseURL: String?) throws(FeedParseError) -> ParsedFeed {
        let document = try open(utf8, baseURL: baseURL)
        var items: [FeedItem] = []
        items.reserveCapacity(document.elementCount)
        for index in 0..<document.elementCount {
            if let item = try document.item(at: index) { items.append(item) }
        }
        return ParsedFeed(format: document.format, title: document.title, link: document.link, encoding: encoding, items: items)
    }

    /// A JSON Feed whose top level is parsed and whose items are parsed one at a time, on demand.
    struct Items {
        let format: FeedFormat
        let title: String
        let link: String?
        /// How many elements the `items` array has (an element that is not an object is no item).
        let elementCount: Int
        private let utf8: [UInt8]
        private let split: JSONItemsSplitter.Split?
        /// The parsed `items` array, when the splitter could not read the document.
        private let whole: [Any]?
        private let feedBase: String?
        private let feedAuthors: [String]

        fileprivate init(format: FeedFormat, title: String, link: String?, utf8: [UInt8], split: JSONItemsSplitter.Split?,
                         whole: [Any]?, feedBase: String?, feedAuthors: [String]) {
            self.format = format
            self.title = title
            self.link = link
            self.utf8 = utf8
            self.split = split
            self.whole = whole
            self.feedBase = feedBase
            self.feedAuthors = feedAuthors
            elementCount = split?.elements.count ?? whole?.count ?? 0
        }

        /// The item of element `index` of `items`, or `nil` when the element is not an object.
        /// - Throws: ``FeedParseError/json(message:)`` when the element is not valid JSON.
        func item(at index: Int) throws(FeedParseError) -> FeedItem? {
            let element: Any
            if let split {
                element = try JSONFeedReader.parse(Data(utf8[split.elements[index]]))
            } else {
                element = whole![index]
            }
            guard let item = element as? [String: Any] else { return nil }
            let rawTitle = item["title"] as? String
            let title = rawTitle.map { $0.collapsingWhitespace() } ?? ""
            let url = (item["url"] as? String ?? item["external_url"] as? String).flatMap(nonEmpty)
                .map { URIReference.resolve($0, against: feedBase) }
            var guid: String?
            if let s = item["id"] as? String { guid = nonEmpty(s) } else if let n = item["id"] as? NSNumber { guid = n.stringValue }
            let content: String
            let rawContent = item["content_html"] as? String ?? item["content_text"] as? String
            if let html = item["content_html"] as? String {
                content = HTMLText.text(fromHTML: html)
            } else {
                content = (item["content_text"] as? String).map(HTMLText.lines) ?? ""
            }
            let rawSummary = item["summary"] as? String
            let summary = rawSummary.map(HTMLText.lines) ?? ""
            let itemAuthors = JSONFeedReader.authors(item)
            return FeedItem(
                title: title, link: url, guid: guid, itemKey: "",
                published: (item["date_published"] as? String).flatMap(FeedDate.parse),
                updated: (item["date_modified"] as? String).flatMap(FeedDate.parse),
                summary: summary, content: content, authors: itemAuthors.isEmpty ? feedAuthors : itemAuthors,
                sourceHash: FeedItemSource.hash(title: rawTitle, body: content.isEmpty ? rawSummary : rawContent))
        }
    }

    /// Parses the document's top level; its items are parsed by ``Items/item(at:)``.
    /// - Parameter utf8: the document as UTF-8, from its `{`.
    static func open(_ utf8: [UInt8], baseURL: String?) throws(FeedParseError) -> Items {
        let split = utf8.withUnsafeBufferPointer { JSONItemsSplitter.split($0) }
        let object = try parse(split.map { Data(utf8[..<$0.array.lowerBound] + Array("[]".utf8) + utf8[$0.array.upperBound...]) }
                                   ?? Data(utf8))
        guard let feed = object as? [String: Any] else { throw .json(message: "the top level is not an object") }
        // The version URL identifies a JSON Feed, whatever the Content-Type; the bare numbers "1", "1.0" and "1.1" are
        // accepted too when the object has an `items` array, as some generators write them.
        guard let version = feed["version"] as? String,
              version.hasPrefix("https://jsonfeed.org/version/") || version.hasPrefix("http://jsonfeed.org/version/")
              || (["1", "1.0", "1.1"].contains(version) && feed["items"] is [Any]) else {
            throw .notAFeed(found: "a JSON object without a jsonfeed.org version")
        }
        let format: FeedFormat = version.hasSuffix("/1") || version == "1" || version == "1.0" ? .jsonFeed10 : .jsonFeed11
        let feedBase = (feed["feed_url"] as? String) ?? baseURL
        let home = (feed["home_page_url"] as? String).map { URIReference.resolve($0, against: feedBase) }
        let title = (feed["title"] as? String).map { $0.collapsingWhitespace() } ?? ""
        return Items(format: format, title: title, link: home, utf8: split == nil ? [] : utf8, split: split,
                     whole: split == nil ? ((feed["items"] as? [Any]) ?? []) : nil, feedBase: feedBase, feedAuthors: authors(feed))
    }

    fileprivate static func parse(_ data: Data) throws(FeedParseError) -> Any {
        do {
            return try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw .json(message: "invalid JSON: \((error as NSError).localizedDescription)")
        }
    }

    /// `authors` (1.1) or `author` (1.0) names.
    fileprivate static func authors(_ object: [String: Any]) -> [String] {
        var list: [[String: Any]] = (object["authors"] as? [[String: Any]]) ?? []
        if list.isEmpty, let one = object["author"] as? [String: Any] { list = [one] }
        return list.compactMap { ($0["name"] as? String).flatMap(nonEmpty) }
    }
}
