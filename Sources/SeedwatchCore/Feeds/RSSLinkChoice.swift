/// The link of an RSS item that has several `<link>` elements (generators that add the comments
/// page, a relative or a non-web link, or an Atom-style `href`): among the links that are
/// `http`/`https` URLs once resolved — each read from its content, else its `href` attribute —
/// the last one that is not a comments link, else the last one. This is what gofeed reads
/// (its `rss_channel_item_links` and `rdf_item_links` cases). An item with one `<link>` keeps the
/// plain RSS rule (its content only).
enum RSSLinkChoice {
    /// The chosen link, or `nil` when none of `links` is an http(s) URL.
    static func choose(_ links: [XMLElement]) -> String? {
        var web: [String] = []
        for l in links {
            guard let text = nonEmpty(l.textContent) ?? l.attribute("href").flatMap(nonEmpty) else { continue }
            let resolved = URIReference.resolve(text, against: l.base)
            if let scheme = URIReference(resolved).scheme?.lowercased(), scheme == "http" || scheme == "https" {
                web.append(resolved)
            }
        }
        return web.last(where: { !isCommentsLink($0) }) ?? web.last
    }

    /// Whether `url` points at a comments page or section: a fragment starting with `comment` or
    /// equal to `respond` (WordPress), or a path segment `comments` / `comment`.
    static func isCommentsLink(_ url: String) -> Bool {
        let reference = URIReference(url)
        if let fragment = reference.fragment?.lowercased(), fragment.hasPrefix("comment") || fragment == "respond" { return true }
        return reference.path.lowercased().split(separator: "/").contains { $0 == "comments" || $0 == "comment" }
    }
}
