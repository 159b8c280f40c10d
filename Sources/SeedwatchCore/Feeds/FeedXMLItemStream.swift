/// The items of an RSS, RDF or Atom document read while the document streams through libxml2's
/// push parser (``XMLSAXStream``): each item's subtree is read into a ``FeedItem`` as soon as it
/// ends and then dropped, so a document of 100,000 items never holds their trees, nor its
/// prepared bytes, at once (issue 11).
///
/// The items come in the order ``RSSReader`` and ``AtomReader`` give them from the whole tree:
/// an RSS document's items in its first `channel`, then those beside it; an Atom feed's entries.
/// Only a well-formed document streams: when ``end(encoding:)`` says ``End/notWellFormed``, the
/// items handed out must be dropped and the document read whole by the recovering readers.
final class FeedXMLItemStream {
    /// How the document ended.
    enum End {
        /// A feed: its format, title and link (read from the tree left once the items were detached).
        case feed(format: FeedFormat, title: String, link: String?)
        /// A well-formed document that is not a feed (``FeedParseError/notAFeed(found:)``).
        case notAFeed(FeedParseError)
        /// libxml2 found the document not well-formed.
        case notWellFormed
    }

    private let stream: XMLSAXStream
    private let selector: FeedItemSelector
    private var ready: [FeedItem] = []
    private var readyHead = 0
    /// RSS items beside the channel, seen before the channel: they follow the channel's items.
    private var heldRootItems: [FeedItem] = []

    /// `utf8`: the document as UTF-8 starting at its first `<` (not yet prepared); `baseURL` as
    /// for ``FeedParser/parse(_:contentType:baseURL:)``. `nil` when libxml2 cannot make a parser.
    init?(_ utf8: [UInt8], baseURL: String?) {
        let selector = FeedItemSelector()
        guard let stream = XMLSAXStream(utf8, options: XMLTreeReader.options(recover: true), baseURL: baseURL, selector: selector)
        else { return nil }
        self.selector = selector
        self.stream = stream
    }

    /// The prepared bytes handed to the parser so far, in bytes (``XMLSAXStream/bytesParsed``):
    /// about one piece ahead of the items handed out.
    var bytesParsed: Int { stream.bytesParsed }

    /// The next item in order, or `nil` when the document has ended.
    func next() -> FeedItem? {
        while readyHead == ready.count {
            ready.removeAll(keepingCapacity: true)
            readyHead = 0
            guard stream.advance() else {
                if heldRootItems.isEmpty { return nil }
                swap(&ready, &heldRootItems)
                break
            }
            take()
        }
        defer { readyHead += 1 }
        return ready[readyHead]
    }

    /// How the document ended; call once ``next()`` has returned `nil`.
    func end(encoding: String) -> End {
        guard let root = stream.remainingTree() else { return .notWellFormed }
        guard let format = FeedParser.format(of: root, detachedChildren: selector.detachedRootChildren) else {
            return .notAFeed(.notAFeed(found: "root element <\(root.prefix.map { $0 + ":" } ?? "")\(root.name)>"))
        }
        let header: ParsedFeed
        switch format {
        case .atom03, .atom10: header = AtomReader.read(root, format: format, encoding: encoding)
        default: header = RSSReader.read(root, format: format, encoding: encoding)
        }
        return .feed(format: format, title: header.title, link: header.link)
    }

    /// Reads the subtrees detached by the last piece into items.
    private func take() {
        let detached = stream.session.detached
        stream.session.detached.removeAll(keepingCapacity: true)
        for (element, tag) in detached {
            switch tag {
            case FeedItemSelector.entry:
                ready.append(AtomReader.entry(from: element, ns: [selector.atomNamespace]))
            case FeedItemSelector.rootItemBeforeChannel:
                heldRootItems.append(RSSReader.item(from: element))
            case FeedItemSelector.rootItem:
                ready.append(contentsOf: heldRootItems)
                heldRootItems = []
                ready.append(RSSReader.item(from: element))
            default:
                ready.append(RSSReader.item(from: element))
            }
        }
    }
}

/// Picks a feed's items as its document streams: the elements ``RSSReader/read(_:format:encoding:)``
/// and ``AtomReader/read(_:format:encoding:)`` would read as items.
final class FeedItemSelector: XMLSubtreeSelector {
    /// Tags: an item of the channel, an Atom entry, an item beside the channel before it / after it.
    static let channelItem = 1, entry = 2, rootItemBeforeChannel = 3, rootItem = 4

    private enum Root { case unknown, rss, atom, other }
    private var root = Root.unknown
    private var rootNamespace: Int32 = -1
    /// The root element's namespace URI, for an Atom feed's entries.
    private(set) var atomNamespace: String?
    /// The node of the root's first RSS `channel`, -1 until one starts.
    private var channel: Int32 = -1
    /// What the format sniffing needs to know of the root's children that were detached.
    private(set) var detachedRootChildren = FeedParser.DetachedRootChildren()

    func select(_ builder: borrowing XMLTreeBuilder) -> Int {
        let depth = builder.depth
        guard depth <= 3 else { return 0 }
        let (index, node) = builder.openNode(atDepth: depth)
        if depth == 1 {
            rootNamespace = node.namespace
            switch builder.lowercasedString(node.name) {
            case "rss", "rdf": root = .rss
            case "feed": root = .atom; atomNamespace = builder.string(node.namespace)
            default: root = .other
            }
            return 0
        }
        switch root {
        case .atom:
            guard depth == 2, node.namespace == rootNamespace, builder.string(node.name) == "entry" else { return 0 }
            return Self.entry
        case .rss:
            let parent = builder.openNode(atDepth: depth - 1)
            if depth == 3 && parent.index != channel { return 0 }
            guard XMLElement.isRSSCore(namespace: builder.string(node.namespace), hasPrefix: node.prefix >= 0,
                                       parentNamespace: builder.string(parent.node.namespace)) else { return 0 }
            let name = builder.lowercasedString(node.name)
            if depth == 2 && name == "channel" && channel < 0 { channel = index }
            guard name == "item" else { return 0 }
            if depth == 3 { return Self.channelItem }
            detachedRootChildren.note(name: builder.string(node.name) ?? "", namespace: builder.string(node.namespace))
            return channel < 0 ? Self.rootItemBeforeChannel : Self.rootItem
        case .unknown, .other:
            return 0
        }
    }
}
