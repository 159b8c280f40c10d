import Foundation

/// Reads RSS 0.90–0.94, 2.0 and RSS 1.0 (RDF) element trees into items.
enum RSSReader {
    static func read(_ root: XMLElement, format: FeedFormat, encoding: String) -> ParsedFeed {
        let channel = root.rssChild("channel")
        // Items: inside <channel> (RSS 0.91–2.0) or beside it (RSS 0.90/1.0, and some 0.9x feeds).
        var itemElements = channel?.rssChildren("item") ?? []
        itemElements += root.rssChildren("item")
        let items = itemElements.map { item(from: $0) }
        let title = channel.flatMap { c in c.rssChild("title").map(FeedText.rssTitle)
            ?? c.extensionChild("title", namespace: FeedNamespace.dc, prefix: "dc").map(FeedText.rssTitle) } ?? ""
        var link: String?
        if let c = channel, let l = c.rssChildren("link").first(where: { nonEmpty($0.textContent) != nil }) {
            link = nonEmpty(l.textContent).map { URIReference.resolve($0, against: l.base) }
        }
        if link == nil, let c = channel, let alt = atomAlternate(c) { link = alt }
        return ParsedFeed(format: format, title: title, link: link, encoding: encoding, items: items)
    }

    static func item(from e: XMLElement) -> FeedItem {
        // Title: RSS `title`, else Dublin Core `dc:title`, else Media RSS `media:title` (a podcast or
        // video item may carry only that).
        let core = RSSCoreChildren(of: e)
        let titleElement = core.title ?? e.extensionChild("title", namespace: FeedNamespace.dc, prefix: "dc")
            ?? e.mediaChild("title")
        let title = titleElement.map(FeedText.rssTitle) ?? ""
        let guidElement = core.guid
        let guidText = guidElement.flatMap { nonEmpty($0.textContent) }
        var guid = guidText
        let about = e.attribute("about", namespace: FeedNamespace.rdf).flatMap(nonEmpty)
        if guid == nil { guid = about }
        var link: String?
        // The first non-empty RSS `<link>` (RSS 2.0: its content is the URL); an empty `<link/>` or one
        // with only an `href` attribute is not a link in RSS. Then `atom:link`, then a permalink GUID.
        var rssLink: (element: XMLElement, text: String)?
        for l in core.links {
            if let text = nonEmpty(l.textContent) { rssLink = (l, text); break }
        }
        if core.links.count > 1, let chosen = RSSLinkChoice.choose(core.links) {
            link = chosen
        } else if let rssLink {
            link = URIReference.resolve(rssLink.text, against: rssLink.element.base)
        } else if let alt = atomAlternate(e) {
            link = alt
        } else if let g = guidElement, let text = guidText,
                  g.attribute("isPermaLink")?.lowercased() != "false", looksLikeURL(text) {
            link = URIReference.resolve(text, against: g.base)
        } else if let about, looksLikeURL(about) {
            link = about
        }
        let published = firstDate(e, publishedElements, pubDate: core.pubDate)
        let updated = firstDate(e, updatedElements, pubDate: core.pubDate)
        // Summary: RSS `description`, or the non-standard `<summary>` some generators write; when an
        // item has both, the first in document order is the summary and the other one counts as
        // content (what feedparser does). Then `dc:description`, `itunes:summary`, `media:description`.
        let described = core.described
        let summaryElement = described.first
            ?? e.extensionChild("description", namespace: FeedNamespace.dc, prefix: "dc")
            ?? e.itunesChild("summary") ?? e.mediaChild("description")
        let summary = summaryElement.map(FeedText.rssHTML) ?? ""
        let secondDescription = described.first { !$0.name.equalsIgnoringASCIICase(described[0].name) }
        var content = ""
        var contentElement: XMLElement?
        if let encoded = e.extensionChild("encoded", namespace: FeedNamespace.content, prefix: "content") {
            content = FeedText.rssHTML(encoded)
            contentElement = encoded
        } else if let body = e.extensionChild("body", namespace: FeedNamespace.xhtml, prefix: "xhtml")
                    ?? core.body ?? core.fullItem {
            content = FeedText.rssHTML(body)
            contentElement = body
        } else if let atomContent = e.extensionChild("content", namespace: FeedNamespace.atom10, prefix: "atom") {
            content = FeedText.atomText(atomContent, isTitle: false)
            contentElement = atomContent
        } else if let secondDescription {
            content = FeedText.rssHTML(secondDescription)
            contentElement = secondDescription
        }
        var authors: [String] = []
        for a in core.authors { if let t = nonEmpty(a.textContent) { authors.append(t) } }
        for a in e.extensionChildren("creator", namespace: FeedNamespace.dc, prefix: "dc") {
            if let t = nonEmpty(a.textContent) { authors.append(t) }
        }
        // The body is the content, else the summary (``FeedItem/article``): its element as given is hashed.
        return FeedItem(title: title, link: link, guid: guid, itemKey: "", published: published, updated: updated,
                        summary: summary, content: content, authors: authors,
                        sourceHash: FeedItemSource.hash(title: titleElement, body: content.isEmpty ? summaryElement : contentElement))
    }

    /// Where an item's publication date is read from, first present first: RSS `pubDate`, `dc:date`,
    /// `atom:published`, `dcterms:issued`, `dcterms:created`. RSS names compare without case and are
    /// written here lower-cased (`pubdate`), which spares lower-casing them for every item.
    private static let publishedElements: [(String, String?)] = [
        ("pubdate", nil), ("date", FeedNamespace.dc), ("published", FeedNamespace.atom10),
        ("issued", FeedNamespace.dcterms), ("created", FeedNamespace.dcterms),
    ]
    /// Where an item's update date is read from: `atom:updated`, `dcterms:modified`, `dc:date`.
    private static let updatedElements: [(String, String?)] = [
        ("updated", FeedNamespace.atom10), ("modified", FeedNamespace.dcterms), ("date", FeedNamespace.dc),
    ]

    /// The date of the first of `names` present; `pubDate` is the item's RSS `pubDate`, already found.
    private static func firstDate(_ e: XMLElement, _ names: [(String, String?)], pubDate: XMLElement?) -> Date? {
        for (name, namespace) in names {
            let element: XMLElement?
            if let namespace {
                let prefix = namespace == FeedNamespace.dc ? "dc" : namespace == FeedNamespace.dcterms ? "dcterms" : "atom"
                element = e.extensionChild(name, namespace: namespace, prefix: prefix)
            } else {
                element = name == "pubdate" ? pubDate : e.rssChild(name)
            }
            if let element, let text = nonEmpty(element.textContent) { return FeedDate.parse(text) }
        }
        return nil
    }

    /// An `atom:link rel="alternate"` inside an RSS element, resolved.
    private static func atomAlternate(_ e: XMLElement) -> String? {
        for l in e.extensionChildren("link", namespace: FeedNamespace.atom10, prefix: "atom") {
            let rel = l.attribute("rel") ?? "alternate"
            if rel == "alternate", let href = l.attribute("href").flatMap(nonEmpty) { return URIReference.resolve(href, against: l.base) }
        }
        return nil
    }

    static func looksLikeURL(_ s: String) -> Bool {
        s.hasPrefix("http://") || s.hasPrefix("https://") || s.hasPrefix("HTTP://") || s.hasPrefix("HTTPS://")
    }
}

/// `s` trimmed, or `nil` when nothing is left.
func nonEmpty(_ s: String) -> String? {
    let t = s.trimmingWhitespace()
    return t.isEmpty ? nil : t
}
