/// The RSS core children of one item that ``RSSReader`` reads, found in one pass over its children
/// instead of one pass per name: the first `title`, `guid`, `pubDate`, `body` and `fullitem`,
/// every `link` and `author`, and every `description` or `summary` in document order. Names
/// compare ASCII case-insensitively and only RSS core elements count (``XMLElement/isRSSCore(node:)``),
/// exactly as ``XMLElement/rssChild(_:)`` and ``XMLElement/rssChildren(_:)`` find them.
struct RSSCoreChildren {
    /// What a lower-cased element name is to the reader.
    enum Name: UInt8 {
        case other = 0, title, guid, pubDate, body, fullItem, link, author, described
    }

    /// The ``Name`` of each lower-cased name the reader looks for.
    static let names: [String: Name] = [
        "title": .title, "guid": .guid, "pubdate": .pubDate, "body": .body, "fullitem": .fullItem,
        "link": .link, "author": .author, "description": .described, "summary": .described,
    ]

    private(set) var title: XMLElement?
    private(set) var guid: XMLElement?
    private(set) var pubDate: XMLElement?
    private(set) var body: XMLElement?
    private(set) var fullItem: XMLElement?
    private(set) var links: [XMLElement] = []
    private(set) var authors: [XMLElement] = []
    /// `description` and `summary` children in document order.
    private(set) var described: [XMLElement] = []

    init(of e: XMLElement) {
        let document = e.document
        let kinds = document.rssNames
        let nodes = document.nodes
        var k = nodes[Int(e.index)].firstElementChild
        while k >= 0 {
            let child = nodes[Int(k)]
            defer { k = child.nextSibling }
            guard child.name >= 0 else { continue }
            let kind = kinds[Int(child.name)]
            guard kind != .other, e.isRSSCore(node: child) else { continue }
            let element = XMLElement(document: document, index: k)
            switch kind {
            case .title: if title == nil { title = element }
            case .guid: if guid == nil { guid = element }
            case .pubDate: if pubDate == nil { pubDate = element }
            case .body: if body == nil { body = element }
            case .fullItem: if fullItem == nil { fullItem = element }
            case .link: links.append(element)
            case .author: authors.append(element)
            case .described: described.append(element)
            case .other: break
            }
        }
    }
}
