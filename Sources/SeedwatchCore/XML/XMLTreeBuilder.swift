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

    static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"

    /// `baseURL` is the document's own URL (after redirects), the base of the root element.
    init(baseURL: String?, expectedBytes: Int) {
        if let baseURL {
            bases.append(baseURL)
            documentBase = 0
        } else {
            documentBase = -1
        }
        text.reserveCapacity(expectedBytes)
        nodes.reserveCapacity(expectedBytes / 64)
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
        stringIndex[s] = index
        return index
    }

    func string(_ index: Int32) -> String? {
        index < 0 ? nil : strings[Int(index)]
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

    mutating func endElement() {
        if ignoredDepth > 0 { ignoredDepth -= 1; return }
        flushText()
        _ = stack.popLast()
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
        let document = XMLDocument(nodes: nodes, strings: strings, attributes: attributes, attributeBytes: attributeBytes,
                                   bases: bases, text: text)
        return XMLElement(document: document, index: root)
    }

    private mutating func flushText() {
        guard text.count > pendingTextStart else { return }
        if let parent = stack.last, ignoredDepth == 0 {
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
