/// Namespace URIs the feed readers recognise.
enum FeedNamespace {
    static let atom10 = "http://www.w3.org/2005/Atom"
    static let atom03 = "http://purl.org/atom/ns#"
    static let rss10 = "http://purl.org/rss/1.0/"
    static let rss090 = "http://my.netscape.com/rdf/simple/0.9/"
    static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    static let dc = "http://purl.org/dc/elements/1.1/"
    static let dcterms = "http://purl.org/dc/terms/"
    static let content = "http://purl.org/rss/1.0/modules/content/"
    static let xhtml = "http://www.w3.org/1999/xhtml"

    /// Namespaces whose elements are never RSS core elements even when their local name matches.
    static let extensions: Set<String> = [
        atom10, atom03, rdf, dc, dcterms, content, xhtml,
        "http://www.itunes.com/dtds/podcast-1.0.dtd", "http://search.yahoo.com/mrss/",
        "http://purl.org/rss/1.0/modules/slash/", "http://wellformedweb.org/CommentAPI/",
        "http://purl.org/syndication/thread/1.0", "http://rssnamespace.org/feedburner/ext/1.0",
        "http://www.georss.org/georss", "http://www.w3.org/2003/01/geo/wgs84_pos#",
        "http://purl.org/rss/1.0/modules/syndication/", "http://purl.org/dc/dcmitype/",
        "http://backend.userland.com/creativeCommonsRssModule", "http://purl.org/rss/1.0/modules/taxonomy/",
    ]
}

extension XMLElement {
    /// True when `child` is an element of RSS itself: no namespace (and no undeclared prefix), an RSS
    /// 0.90/1.0 namespace, or the namespace of its parent (a feed may put a private default namespace
    /// on `<rss>`). An extension module's element with an RSS local name is not RSS.
    func isRSSCore(_ child: XMLElement) -> Bool {
        guard let ns = child.namespace, !ns.isEmpty else { return child.prefix == nil }
        if ns == FeedNamespace.rss10 || ns == FeedNamespace.rss090 { return true }
        return ns == namespace && !FeedNamespace.extensions.contains(ns)
    }

    func rssChild(_ name: String) -> XMLElement? {
        elements.first { $0.name == name && isRSSCore($0) }
    }

    func rssChildren(_ name: String) -> [XMLElement] {
        elements.filter { $0.name == name && isRSSCore($0) }
    }

    /// A child in `namespace`, or written with `prefix` whose namespace was never declared.
    func extensionChild(_ name: String, namespace: String, prefix: String) -> XMLElement? {
        elements.first { $0.name == name && ($0.namespace == namespace || ($0.namespace == nil && $0.prefix == prefix)) }
    }

    func extensionChildren(_ name: String, namespace: String, prefix: String) -> [XMLElement] {
        elements.filter { $0.name == name && ($0.namespace == namespace || ($0.namespace == nil && $0.prefix == prefix)) }
    }
}
