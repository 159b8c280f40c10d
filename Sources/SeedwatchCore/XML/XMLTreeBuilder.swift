import CLibXML2

/// Builds an ``XMLDocument`` from parse events in document order: element starts and ends, text
/// bytes. The three ways seedwatch reads XML (libxml2's SAX2 parser, its streaming reader, and its
/// recovering tree parser, see ``XMLTreeReader``) all feed the same builder, so they give the same
/// tree for the same events.
///
/// Text outside the root element and any element after the root element are ignored (the latter
/// is recorded in ``sawContentAfterRoot``). `xml:base` (XML Base §4.2) is resolved against the
/// parent's base with RFC 3986 §5.2.
struct XMLTreeBuilder {
    private var nodes: [XMLDocument.Node] = []
    private var strings: [String] = []
    /// ``strings`` with ASCII letters lower-cased, and as RSS core names, kept as names are interned.
    private var lowercasedStrings: [String] = []
    private var rssNames: [RSSCoreChildren.Name] = []
    private var attributes: [XMLDocument.StoredAttribute] = []
    private var attributeBytes: [UInt8] = []
    private var bases: [String] = []
    private var text: [UInt8] = []
    /// Open elements: node index and its last child so far (-1 when none).
    private var stack: [(node: Int32, lastChild: Int32)] = []
    /// Where the text not yet turned into a node starts in ``text``.
    private var pendingTextStart = 0
    private var root: Int32 = -1
    /// Open elements being ignored after the root element.
    private var ignoredDepth = 0
    /// Name strings by the address libxml2 handed them out at (see ``name(_:)``).
    private var names: [UnsafeRawPointer: Int32] = [:]
    private var stringIndex: [String: Int32] = [:]
    private let documentBase: Int32
    /// A direct-mapped cache in front of ``names``: slot `(address >> 4) & 255` holds an address and
    /// its string index (a miss only costs the dictionary lookup).
    private var recentAddresses = [UInt](repeating: 0, count: 256)
    private var recentIndices = [Int32](repeating: -1, count: 256)
    /// String indices of `base` and of the XML namespace, for `xml:base`.
    private var baseName: Int32 = -1
    private var xmlNamespaceName: Int32 = -1
    /// True when an element started after the root element had ended.
    private(set) var sawContentAfterRoot = false
    /// The open element that ``endElement()`` detaches (``beginDetaching()``), if any.
    private var detaching: Detaching?
    /// The last child the parent of the element last started had before it (-1 when none).
    private var previousSiblingOfLastStart: Int32 = -1

    /// Where a detached element starts in each array, and the sibling it follows.
    private struct Detaching {
        var node: Int32
        var text: Int
        var attributes: Int
        var attributeBytes: Int
        var bases: Int
        var previousSibling: Int32
    }

    static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"

    /// `baseURL` is the document's own URL (after redirects), the base of the root element.
    init(baseURL: String?, expectedBytes: Int) {
        if let baseURL {
            bases.append(baseURL)
            documentBase = 0
        } else {
            documentBase = -1
        }
        text.reserveCapacity(min(expectedBytes, 1 << 20))
        nodes.reserveCapacity(min(expectedBytes, 1 << 20) / 64)
        baseName = intern("base")
        xmlNamespaceName = intern(Self.xmlNamespace)
    }

    var isInsideRoot: Bool { !stack.isEmpty }

    /// The string index of a name libxml2 handed out (element and attribute names, prefixes,
    /// namespace URIs), made once per distinct address. A cached entry is only used when its bytes
    /// still equal the C string, so an address reused for another name never gives a stale string.
    mutating func name(_ p: UnsafePointer<xmlChar>?) -> Int32 {
        guard let p else { return -1 }
        let address = UInt(bitPattern: p)
        let slot = Int((address >> 4) & 255)
        // A hit needs no comparison of bytes: libxml2 hands out names from its per-parse
        // dictionary (element and attribute names, prefixes, namespace URIs), so within one parse,
        // and a builder serves one, an address always holds the same name.
        if recentAddresses[slot] == address { return recentIndices[slot] }
        let key = UnsafeRawPointer(p)
        let index: Int32
        if let cached = names[key], Self.equals(strings[Int(cached)], p) {
            index = cached
        } else {
            index = intern(String(cString: p))
            names[key] = index
        }
        recentAddresses[slot] = address
        recentIndices[slot] = index
        return index
    }

    mutating func intern(_ s: String) -> Int32 {
        if let index = stringIndex[s] { return index }
        let index = Int32(strings.count)
        strings.append(s)
        let lowercased = s.asciiLowercased()
        lowercasedStrings.append(lowercased)
        rssNames.append(RSSCoreChildren.names[lowercased] ?? .other)
        stringIndex[s] = index
        return index
    }

    func string(_ index: Int32) -> String? {
        index < 0 ? nil : strings[Int(index)]
    }

    /// The string at `index` with ASCII letters lower-cased (`index` ≥ 0).
    func lowercasedString(_ index: Int32) -> String { lowercasedStrings[Int(index)] }

    /// How many elements are open (1 inside the root element).
    var depth: Int { stack.count }

    /// The node of the open element at `depth` (1: the root element).
    func openNode(atDepth depth: Int) -> (index: Int32, node: XMLDocument.Node) {
        let index = stack[depth - 1].node
        return (index, nodes[Int(index)])
    }

    private static func equals(_ s: String, _ p: UnsafePointer<xmlChar>) -> Bool {
        s.withUTF8Bytes { b in
            for k in 0..<b.count where p[k] != b[k] { return false }
            return p[b.count] == 0
        }
    }

    /// Starts an element. `name`, `prefix` and `namespace` are string indices from ``name(_:)`` or
    /// ``intern(_:)`` (-1 for none). Its attributes follow with ``addAttribute(name:namespace:value:decodingReferences:)``.
    mutating func startElement(name: Int32, prefix: Int32, namespace: Int32) {
        flushText()
        if stack.isEmpty && root >= 0 || ignoredDepth > 0 {
            sawContentAfterRoot = true
            ignoredDepth += 1
            return
        }
        let index = Int32(nodes.count)
        previousSiblingOfLastStart = stack.last?.lastChild ?? -1
        let base = stack.last.map { nodes[Int($0.node)].base } ?? documentBase
        nodes.append(XMLDocument.Node(name: name, prefix: prefix, namespace: namespace,
                                      firstAttribute: Int32(attributes.count), attributeCount: 0, base: base))
        if let parent = stack.last {
            link(index, to: parent)
            if nodes[Int(parent.node)].firstElementChild < 0 { nodes[Int(parent.node)].firstElementChild = index }
        } else {
            root = index
        }
        stack.append((index, -1))
    }

    /// Adds an attribute (not a namespace declaration) to the element just started. With
    /// `decodingReferences`, the character references and the five XML entities in `value` are
    /// decoded (XML 1.0 §4.6, §4.1). `xml:base` (XML Base §4.2) sets the element's base: resolved
    /// against the parent's with RFC 3986 §5.2.
    mutating func addAttribute(name: Int32, namespace: Int32, value: UnsafeBufferPointer<UInt8>, decodingReferences: Bool) {
        guard ignoredDepth == 0, let top = stack.last else { return }
        let start = Int32(attributeBytes.count)
        if decodingReferences && value.contains(UInt8(ascii: "&")) {
            HTMLEntities.decodeOnce(value, into: &attributeBytes)
        } else {
            attributeBytes.append(contentsOf: value)
        }
        let stored = XMLDocument.StoredAttribute(name: name, namespace: namespace, valueStart: start, valueEnd: Int32(attributeBytes.count))
        attributes.append(stored)
        nodes[Int(top.node)].attributeCount += 1
        if name == baseName && namespace == xmlNamespaceName {
            let parentBase = stack.count >= 2 ? nodes[Int(stack[stack.count - 2].node)].base : documentBase
            let xmlBase = attributeBytes.withUnsafeBufferPointer {
                String(decoding: UnsafeBufferPointer(rebasing: $0[Int(start)...]), as: UTF8.self)
            }
            nodes[Int(top.node)].base = Int32(bases.count)
            bases.append(URIReference.resolve(xmlBase, against: parentBase < 0 ? nil : bases[Int(parentBase)]))
        }
    }

    mutating func addAttribute(name: Int32, namespace: Int32, value: String) {
        value.withUTF8Bytes { addAttribute(name: name, namespace: namespace, value: $0, decodingReferences: false) }
    }

    /// Ends the innermost open element. Returns it as a document of its own when it was being
    /// detached (``beginDetaching()``): then it is no longer part of this builder's tree.
    @discardableResult
    mutating func endElement() -> XMLElement? {
        if ignoredDepth > 0 { ignoredDepth -= 1; return nil }
        flushText()
        guard let closed = stack.popLast() else { return nil }
        guard let d = detaching, d.node == closed.node else { return nil }
        detaching = nil
        return detach(d)
    }

    /// Marks the element just started (before its attributes) to be detached when it ends: its
    /// subtree is handed out as an ``XMLElement`` of its own and dropped from this tree, so a
    /// document of many items never holds more than one item's nodes and text (issue 11). The
    /// rest of the tree reads as if the element had never been there. Ignored while another
    /// element is being detached, and for the root element.
    mutating func beginDetaching() {
        guard detaching == nil, ignoredDepth == 0, stack.count >= 2, let top = stack.last else { return }
        let node = nodes[Int(top.node)]
        detaching = Detaching(node: top.node, text: text.count, attributes: Int(node.firstAttribute),
                              attributeBytes: attributeBytes.count, bases: bases.count, previousSibling: previousSiblingOfLastStart)
    }

    /// The subtree that starts at `d.node` as a document of its own, removed from this builder.
    private mutating func detach(_ d: Detaching) -> XMLElement {
        let first = Int(d.node)
        let parent = stack.count - 1
        // The only base outside the subtree a node of it can have is the parent's.
        let parentBase = nodes[Int(stack[parent].node)].base
        var subBases: [String] = parentBase >= 0 ? [bases[Int(parentBase)]] : []
        let baseOffset = Int32(subBases.count - d.bases)
        subBases.append(contentsOf: bases[d.bases...])
        let shift = d.node, textShift = Int32(d.text), attributeShift = Int32(d.attributes)
        var subNodes: [XMLDocument.Node] = []
        subNodes.reserveCapacity(nodes.count - first)
        for var node in nodes[first...] {
            if node.firstChild >= 0 { node.firstChild -= shift }
            if node.firstElementChild >= 0 { node.firstElementChild -= shift }
            if node.nextSibling >= 0 { node.nextSibling -= shift }
            if node.name < 0 {
                node.textStart -= textShift
                node.textEnd -= textShift
            } else {
                node.firstAttribute -= attributeShift
            }
            if node.base >= Int32(d.bases) { node.base += baseOffset } else if node.base >= 0 { node.base = 0 }
            subNodes.append(node)
        }
        let byteShift = Int32(d.attributeBytes)
        let subAttributes = attributes[d.attributes...].map {
            XMLDocument.StoredAttribute(name: $0.name, namespace: $0.namespace, valueStart: $0.valueStart - byteShift,
                                        valueEnd: $0.valueEnd - byteShift)
        }
        let document = XMLDocument(nodes: subNodes, strings: strings, lowercasedStrings: lowercasedStrings, rssNames: rssNames,
                                   attributes: subAttributes, attributeBytes: Array(attributeBytes[d.attributeBytes...]),
                                   bases: subBases, text: Array(text[d.text...]))
        nodes.removeSubrange(first...)
        text.removeSubrange(d.text...)
        pendingTextStart = text.count
        attributes.removeSubrange(d.attributes...)
        attributeBytes.removeSubrange(d.attributeBytes...)
        bases.removeSubrange(d.bases...)
        let parentNode = stack[parent].node
        if d.previousSibling < 0 { nodes[Int(parentNode)].firstChild = -1 } else { nodes[Int(d.previousSibling)].nextSibling = -1 }
        if nodes[Int(parentNode)].firstElementChild == d.node { nodes[Int(parentNode)].firstElementChild = -1 }
        stack[parent].lastChild = d.previousSibling
        return XMLElement(document: document, index: 0)
    }

    /// Appends character data to the innermost open element (nothing outside the root element).
    mutating func appendText(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard !stack.isEmpty, ignoredDepth == 0 else { return }
        text.append(contentsOf: bytes)
    }

    mutating func appendText(_ s: String) {
        s.withUTF8Bytes { appendText($0) }
    }

    /// The document, with every element still open closed; `nil` when no element was seen.
    mutating func finish() -> XMLElement? {
        while !stack.isEmpty { endElement() }
        guard root >= 0 else { return nil }
        let document = XMLDocument(nodes: nodes, strings: strings, lowercasedStrings: lowercasedStrings, rssNames: rssNames,
                                   attributes: attributes, attributeBytes: attributeBytes, bases: bases, text: text)
        return XMLElement(document: document, index: root)
    }

    private mutating func flushText() {
        guard text.count > pendingTextStart else { return }
        if let parent = stack.last, ignoredDepth == 0, parent.lastChild >= 0, nodes[Int(parent.lastChild)].name < 0,
           nodes[Int(parent.lastChild)].textEnd == Int32(pendingTextStart) {
            // Text that follows a detached element's text sibling: one run, as if the element had never been there.
            nodes[Int(parent.lastChild)].textEnd = Int32(text.count)
        } else if let parent = stack.last, ignoredDepth == 0 {
            let index = Int32(nodes.count)
            var node = XMLDocument.Node(name: -1, prefix: -1, namespace: -1, firstAttribute: 0, attributeCount: 0, base: -1)
            node.textStart = Int32(pendingTextStart)
            node.textEnd = Int32(text.count)
            nodes.append(node)
            link(index, to: parent)
        } else {
            text.removeSubrange(pendingTextStart...)
        }
        pendingTextStart = text.count
    }

    private mutating func link(_ index: Int32, to parent: (node: Int32, lastChild: Int32)) {
        if parent.lastChild < 0 {
            nodes[Int(parent.node)].firstChild = index
        } else {
            nodes[Int(parent.lastChild)].nextSibling = index
        }
        stack[stack.count - 1].lastChild = index
    }
}
