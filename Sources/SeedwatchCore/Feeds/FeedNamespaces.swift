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
    /// Apple's podcast namespace; feeds spell it with varying case (`…/DTDs/Podcast-1.0.dtd`), so it
    /// is compared case-insensitively.
    static let itunes = "http://www.itunes.com/dtds/podcast-1.0.dtd"
    /// Media RSS (https://www.rssboard.org/media-rss).
    static let media = "http://search.yahoo.com/mrss/"

    /// Namespaces whose elements are never RSS core elements even when their local name matches.
    static let extensions: Set<String> = [
        atom10, atom03, rdf, dc, dcterms, content, xhtml,
        itunes, media,
        "http://purl.org/rss/1.0/modules/slash/", "http://wellformedweb.org/CommentAPI/",
        "http://purl.org/syndication/thread/1.0", "http://rssnamespace.org/feedburner/ext/1.0",
        "http://www.georss.org/georss", "http://www.w3.org/2003/01/geo/wgs84_pos#",
        "http://purl.org/rss/1.0/modules/syndication/", "http://purl.org/dc/dcmitype/",
        "http://backend.userland.com/creativeCommonsRssModule", "http://purl.org/rss/1.0/modules/taxonomy/",
    ]
}

extension XMLElement {
    /// True when the child node `child` is an element of RSS itself: no namespace (and no undeclared
    /// prefix), an RSS 0.90/1.0 namespace, or the namespace of its parent (a feed may put a private
    /// default namespace on `<rss>`). An extension module's element with an RSS local name is not RSS.
    func isRSSCore(node child: XMLDocument.Node) -> Bool {
        Self.isRSSCore(namespace: document.string(child.namespace), hasPrefix: child.prefix >= 0, parentNamespace: namespace)
    }

    /// ``isRSSCore(node:)`` for an element with `namespace` (`nil`: none) and a prefix or not,
    /// whose parent has `parentNamespace`.
    static func isRSSCore(namespace ns: String?, hasPrefix: Bool, parentNamespace: String?) -> Bool {
        guard let ns, !ns.isEmpty else { return !hasPrefix }
        if ns == FeedNamespace.rss10 || ns == FeedNamespace.rss090 { return true }
        return ns == parentNamespace && !FeedNamespace.extensions.contains(ns) && ns.lowercased() != FeedNamespace.itunes
    }

    /// The first RSS core child named `name`. Names compare ASCII case-insensitively (`<TiTlE>`), as
    /// feedparser and Apple's podcast directory read RSS elements.
    func rssChild(_ name: String) -> XMLElement? {
        let lowered = name.asciiLowercased()
        let strings = document.lowercasedStrings
        return firstElement { sameName(strings[Int($0.name)], lowered) && isRSSCore(node: $0) }
    }

    func rssChildren(_ name: String) -> [XMLElement] {
        let lowered = name.asciiLowercased()
        let strings = document.lowercasedStrings
        return elements { sameName(strings[Int($0.name)], lowered) && isRSSCore(node: $0) }
    }

    /// An `itunes:` child; the namespace URI compares case-insensitively.
    func itunesChild(_ name: String) -> XMLElement? {
        elements.first { $0.name == name
            && ($0.namespace.map { $0.lowercased() == FeedNamespace.itunes } ?? ($0.prefix == "itunes")) }
    }

    /// A Media RSS child, directly or inside a `media:group` (Media RSS §2: a group holds one item's
    /// alternative renditions and their shared `title`/`description`).
    func mediaChild(_ name: String) -> XMLElement? {
        if let direct = extensionChild(name, namespace: FeedNamespace.media, prefix: "media") { return direct }
        for group in extensionChildren("group", namespace: FeedNamespace.media, prefix: "media") {
            if let inner = group.extensionChild(name, namespace: FeedNamespace.media, prefix: "media") { return inner }
        }
        return nil
    }

    /// A child in `namespace`, or written with `prefix` whose namespace was never declared.
    func extensionChild(_ name: String, namespace: String, prefix: String) -> XMLElement? {
        let strings = document.strings
        return firstElement { sameName(strings[Int($0.name)], name) && Self.isExtension($0, strings, namespace, prefix) }
    }

    func extensionChildren(_ name: String, namespace: String, prefix: String) -> [XMLElement] {
        let strings = document.strings
        return elements { sameName(strings[Int($0.name)], name) && Self.isExtension($0, strings, namespace, prefix) }
    }

    private static func isExtension(_ node: XMLDocument.Node, _ strings: [String], _ namespace: String, _ prefix: String) -> Bool {
        if node.namespace >= 0 { return strings[Int(node.namespace)] == namespace }
        return node.prefix >= 0 && strings[Int(node.prefix)] == prefix
    }
}

extension String {
    /// The string with ASCII letters lower-cased; every other character unchanged.
    func asciiLowercased() -> String {
        let hasUpper = withUTF8Bytes { $0.contains { $0 >= 0x41 && $0 <= 0x5A } }
        guard hasUpper else { return self }
        return withUTF8Bytes { b in String(decoding: b.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self) }
    }

    /// Equality with ASCII letters compared case-insensitively; other characters must match exactly.
    func equalsIgnoringASCIICase(_ other: String) -> Bool {
        if self == other { return true }
        let a = utf8, b = other.utf8
        guard a.count == b.count else { return false }
        for (x, y) in zip(a, b) where x != y {
            let lx = (x >= 0x41 && x <= 0x5A) ? x | 0x20 : x
            let ly = (y >= 0x41 && y <= 0x5A) ? y | 0x20 : y
            if lx != ly { return false }
        }
        return true
    }
}
