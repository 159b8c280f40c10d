import Foundation

/// Reads JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1) with Foundation's JSONSerialization.
enum JSONFeedReader {
    ///
    /// The `items` array is parsed one item at a time (``JSONItemsSplitter``): the document's other
    /// members are parsed with an empty array in its place, so no more than one item's objects
    /// exist at once (issue 11). A document the splitter cannot read is parsed whole, as before.
    static func read(_ text: String, encoding: String, baseURL: String?) throws(FeedParseError) -> ParsedFeed {
        let utf8 = Array(text.utf8)
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
        let feedAuthors = authors(feed)
        var items: [FeedItem] = []
        let count = split?.elements.count ?? ((feed["items"] as? [Any])?.count ?? 0)
        items.reserveCapacity(count)
        for index in 0..<count {
            let element: Any
            if let split {
                element = try parse(Data(utf8[split.elements[index]]))
            } else {
                element = (feed["items"] as! [Any])[index]
            }
            guard let item = element as? [String: Any] else { continue }
            let title = (item["title"] as? String).map { $0.collapsingWhitespace() } ?? ""
            let url = (item["url"] as? String ?? item["external_url"] as? String).flatMap(nonEmpty)
                .map { URIReference.resolve($0, against: feedBase) }
            var guid: String?
            if let s = item["id"] as? String { guid = nonEmpty(s) } else if let n = item["id"] as? NSNumber { guid = n.stringValue }
            let content: String
            if let html = item["content_html"] as? String {
                content = HTMLText.text(fromHTML: html)
            } else {
                content = (item["content_text"] as? String).map(HTMLText.lines) ?? ""
            }
            let summary = (item["summary"] as? String).map(HTMLText.lines) ?? ""
            let itemAuthors = authors(item)
            items.append(FeedItem(
                title: title, link: url, guid: guid, itemKey: "",
                published: (item["date_published"] as? String).flatMap(FeedDate.parse),
                updated: (item["date_modified"] as? String).flatMap(FeedDate.parse),
                summary: summary, content: content, authors: itemAuthors.isEmpty ? feedAuthors : itemAuthors))
        }
        let title = (feed["title"] as? String).map { $0.collapsingWhitespace() } ?? ""
        return ParsedFeed(format: format, title: title, link: home, encoding: encoding, items: items)
    }

    private static func parse(_ data: Data) throws(FeedParseError) -> Any {
        do {
            return try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw .json(message: "invalid JSON: \((error as NSError).localizedDescription)")
        }
    }

    /// `authors` (1.1) or `author` (1.0) names.
    private static func authors(_ object: [String: Any]) -> [String] {
        var list: [[String: Any]] = (object["authors"] as? [[String: Any]]) ?? []
        if list.isEmpty, let one = object["author"] as? [String: Any] { list = [one] }
        return list.compactMap { ($0["name"] as? String).flatMap(nonEmpty) }
    }
}
