import Foundation

/// Reads Atom 1.0 (RFC 4287) and Atom 0.3 element trees into items.
enum AtomReader {
    static func read(_ root: XMLElement, format: FeedFormat, encoding: String) -> ParsedFeed {
        let ns: Set<String?> = [root.namespace]
        let entries = root.children("entry", in: ns).map { entry(from: $0, ns: ns) }
        let title = root.child("title", in: ns).map { FeedText.atomText($0, isTitle: true) } ?? ""
        return ParsedFeed(format: format, title: title, link: alternateLink(root, ns: ns), encoding: encoding, items: entries)
    }

    static func entry(from e: XMLElement, ns: Set<String?>) -> FeedItem {
        let titleElement = e.child("title", in: ns) ?? e.mediaChild("title")
        let title = e.child("title", in: ns).map { FeedText.atomText($0, isTitle: true) }
            ?? e.mediaChild("title").map(FeedText.rssTitle) ?? ""
        let guid = e.child("id", in: ns).flatMap { nonEmpty($0.textContent) }
        let published = date(e, ["published", "issued", "created"], ns: ns)
        let updated = date(e, ["updated", "modified"], ns: ns)
        // Summary: Atom `summary` (0.3 and 1.0), else `itunes:summary` or Media RSS `media:description`.
        let summaryElement = e.child("summary", in: ns) ?? e.itunesChild("summary") ?? e.mediaChild("description")
        let summary = e.child("summary", in: ns).map { FeedText.atomText($0, isTitle: false) }
            ?? (e.itunesChild("summary") ?? e.mediaChild("description")).map(FeedText.rssHTML) ?? ""
        var content = ""
        var contentElement: XMLElement?
        for c in e.children("content", in: ns) {
            content = FeedText.atomText(c, isTitle: false)
            contentElement = c
            if !content.isEmpty { break }
        }
        var authors: [String] = []
        for a in e.children("author", in: ns) {
            if let name = a.child("name", in: ns).flatMap({ nonEmpty($0.textContent) })
                ?? a.child("email", in: ns).flatMap({ nonEmpty($0.textContent) }) {
                authors.append(name)
            }
        }
        return FeedItem(title: title, link: alternateLink(e, ns: ns), guid: guid, itemKey: "", published: published,
                        updated: updated, summary: summary, content: content, authors: authors,
                        sourceHash: FeedItemSource.hash(title: titleElement, body: content.isEmpty ? summaryElement : contentElement))
    }

    /// The first `link` with `rel="alternate"` (or no `rel`), preferring an HTML type; resolved against its `xml:base`.
    static func alternateLink(_ e: XMLElement, ns: Set<String?>) -> String? {
        let links = e.children("link", in: ns).filter { ($0.attribute("rel") ?? "alternate").trimmingWhitespace() == "alternate" }
        let preferred = links.first { ($0.attribute("type") ?? "text/html").contains("html") } ?? links.first
        guard let l = preferred, let href = l.attribute("href") ?? nonEmpty(l.textContent) else { return nil }
        return URIReference.resolve(href, against: l.base)
    }

    /// The date of the first of `names` present (Atom 0.3: `published` ← `issued`, then `created`;
    /// `updated` ← `modified`). An entry that repeats the element (RFC 4287 allows one) is read by
    /// its last occurrence, as feedparser and gofeed do.
    private static func date(_ e: XMLElement, _ names: [String], ns: Set<String?>) -> Date? {
        for name in names {
            if let text = e.children(name, in: ns).last(where: { nonEmpty($0.textContent) != nil }).flatMap({ nonEmpty($0.textContent) }) {
                return FeedDate.parse(text)
            }
        }
        return nil
    }
}
