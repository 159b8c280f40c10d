/// One parsed XML document as flat arrays: every element and text run is a ``Node`` in document
/// order, linked to its first child and next sibling by index; names, attributes and base URIs are
/// stored once; text is one UTF-8 byte buffer that nodes point into. A document is built once by
/// ``XMLTreeBuilder`` and never changes, so reading it needs no locks and no exclusivity checks, and
/// a whole feed costs a handful of allocations instead of one per element and text run.
final class XMLDocument {
    /// An element (``name`` ≥ 0) or a text run (``name`` = -1). Indices are `-1` when absent.
    struct Node {
        /// Element: index of the local name in ``XMLDocument/strings``; text run: -1.
        var name: Int32
        /// Index of the prefix as written in ``XMLDocument/strings``, or -1.
        var prefix: Int32
        /// Index of the namespace URI in ``XMLDocument/strings``, or -1.
        var namespace: Int32
        /// First attribute in ``XMLDocument/attributes`` and how many there are.
        var firstAttribute: Int32
        var attributeCount: Int32
        /// Index of the base URI in effect in ``XMLDocument/bases``, or -1 when none is known.
        var base: Int32
        var firstChild: Int32 = -1
        var firstElementChild: Int32 = -1
        var nextSibling: Int32 = -1
        /// Text run: its bytes in ``XMLDocument/text`` (UTF-8 offsets, end exclusive).
        var textStart: Int32 = 0
        var textEnd: Int32 = 0
    }

    /// An attribute: name and namespace as indices in ``XMLDocument/strings`` (-1 for none), the
    /// value (references decoded) as UTF-8 offsets in ``XMLDocument/attributeBytes``, end exclusive.
    struct StoredAttribute {
        var name: Int32
        var namespace: Int32
        var valueStart: Int32
        var valueEnd: Int32
    }

    let nodes: [Node]
    let strings: [String]
    /// ``strings`` with ASCII letters lower-cased (for element names compared without case).
    let lowercasedStrings: [String]
    /// What each string, as an element name, is to the RSS reader (``RSSCoreChildren``).
    let rssNames: [RSSCoreChildren.Name]
    let attributes: [StoredAttribute]
    let attributeBytes: [UInt8]
    let bases: [String]
    let text: [UInt8]

    /// `lowercasedStrings` and `rssNames`, when given, are those of `strings` (a builder that
    /// detaches many small documents keeps them as it interns names).
    init(nodes: [Node], strings: [String], lowercasedStrings: [String]? = nil, rssNames: [RSSCoreChildren.Name]? = nil,
         attributes: [StoredAttribute], attributeBytes: [UInt8], bases: [String], text: [UInt8]) {
        self.nodes = nodes
        self.strings = strings
        let lowercased = lowercasedStrings ?? strings.map { $0.asciiLowercased() }
        self.lowercasedStrings = lowercased
        self.rssNames = rssNames ?? lowercased.map { RSSCoreChildren.names[$0] ?? .other }
        self.attributes = attributes
        self.attributeBytes = attributeBytes
        self.bases = bases
        self.text = text
    }

    func value(of attribute: StoredAttribute) -> String {
        attributeBytes.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[Int(attribute.valueStart)..<Int(attribute.valueEnd)]), as: UTF8.self)
        }
    }

    @inline(__always)
    func string(_ index: Int32) -> String? {
        index < 0 ? nil : strings[Int(index)]
    }

    /// The text of node `index` and all its descendants, concatenated in document order.
    func textContent(of index: Int32) -> String {
        let node = nodes[Int(index)]
        if node.name < 0 { return textString(node) }
        let first = node.firstChild
        guard first >= 0 else { return "" }
        let only = nodes[Int(first)]
        if only.nextSibling < 0 && only.name < 0 { return textString(only) }
        var bytes: [UInt8] = []
        appendText(of: index, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private func textString(_ node: Node) -> String {
        text.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[Int(node.textStart)..<Int(node.textEnd)]), as: UTF8.self)
        }
    }

    private func appendText(of index: Int32, to bytes: inout [UInt8]) {
        var child = nodes[Int(index)].firstChild
        while child >= 0 {
            let node = nodes[Int(child)]
            if node.name < 0 {
                bytes.append(contentsOf: text[Int(node.textStart)..<Int(node.textEnd)])
            } else {
                appendText(of: child, to: &bytes)
            }
            child = node.nextSibling
        }
    }
}

/// An element of an ``XMLDocument``: what the RSS and Atom readers walk. A small value (the
/// document and an index); copying it copies no element data.
struct XMLElement {
    enum Child {
        case element(XMLElement)
        case text(String)
    }

    let document: XMLDocument
    let index: Int32

    private var node: XMLDocument.Node { document.nodes[Int(index)] }

    /// Local name (without prefix).
    var name: String { document.strings[Int(node.name)] }
    /// Prefix as written (`content` in `content:encoded`), even when it was never declared.
    var prefix: String? { document.string(node.prefix) }
    /// Namespace URI, `nil` when none.
    var namespace: String? { document.string(node.namespace) }
    /// The base URI in effect for this element: the document URL resolved with every `xml:base` on the way down.
    var base: String? {
        let b = node.base
        return b < 0 ? nil : document.bases[Int(b)]
    }


    /// Text and element children in document order.
    var children: Children { Children(document: document, first: node.firstChild) }

    /// The element children alone, in document order.
    var elements: Elements { Elements(document: document, first: node.firstElementChild) }

    /// The first element child whose node satisfies `predicate` (which sees the node, not a handle).
    func firstElement(where predicate: (XMLDocument.Node) -> Bool) -> XMLElement? {
        let nodes = document.nodes
        var k = node.firstElementChild
        while k >= 0 {
            let child = nodes[Int(k)]
            if child.name >= 0 && predicate(child) { return XMLElement(document: document, index: k) }
            k = child.nextSibling
        }
        return nil
    }

    /// Every element child whose node satisfies `predicate`, in document order.
    func elements(where predicate: (XMLDocument.Node) -> Bool) -> [XMLElement] {
        let nodes = document.nodes
        var found: [XMLElement] = []
        var k = node.firstElementChild
        while k >= 0 {
            let child = nodes[Int(k)]
            if child.name >= 0 && predicate(child) { found.append(XMLElement(document: document, index: k)) }
            k = child.nextSibling
        }
        return found
    }

    /// Concatenated text of this element and all descendants.
    var textContent: String { document.textContent(of: index) }

    var hasElementChildren: Bool { node.firstElementChild >= 0 }

    /// Calls `body` with the UTF-8 bytes of this element's text, without making a `String`, when
    /// it has no element children (then its text is one run, possibly empty); `nil` otherwise.
    func withLeafText<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        let n = node
        guard n.firstElementChild < 0 else { return nil }
        guard n.firstChild >= 0 else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        let run = document.nodes[Int(n.firstChild)]
        return document.text.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[Int(run.textStart)..<Int(run.textEnd)])) }
    }

    /// The value of the attribute with local name `name` in `namespace` (`nil`: no namespace or an
    /// empty one), references decoded; `nil` when absent.
    func attribute(_ name: String, namespace: String? = nil) -> String? {
        let n = node
        var k = Int(n.firstAttribute)
        let end = k + Int(n.attributeCount)
        while k < end {
            let a = document.attributes[k]
            k += 1
            guard document.strings[Int(a.name)] == name else { continue }
            let ns = document.string(a.namespace)
            if ns == namespace || (namespace == nil && ns?.isEmpty != false) { return document.value(of: a) }
        }
        return nil
    }

    /// The first child element with this local name whose namespace is in `namespaces`
    /// (`nil` in the set matches elements with no namespace).
    func child(_ name: String, in namespaces: Set<String?>) -> XMLElement? {
        let strings = document.strings
        return firstElement { sameName(strings[Int($0.name)], name) && namespaces.contains(document.string($0.namespace)) }
    }

    func children(_ name: String, in namespaces: Set<String?>) -> [XMLElement] {
        let strings = document.strings
        return elements { sameName(strings[Int($0.name)], name) && namespaces.contains(document.string($0.namespace)) }
    }

    /// The element children of an element, in document order.
    struct Elements: Sequence {
        let document: XMLDocument
        let first: Int32

        struct Iterator: IteratorProtocol {
            let document: XMLDocument
            var cursor: Int32

            mutating func next() -> XMLElement? {
                while cursor >= 0 {
                    let index = cursor
                    let node = document.nodes[Int(index)]
                    cursor = node.nextSibling
                    if node.name >= 0 { return XMLElement(document: document, index: index) }
                }
                return nil
            }
        }

        func makeIterator() -> Iterator { Iterator(document: document, cursor: first) }
    }

    /// The text and element children of an element, in document order.
    struct Children: Sequence {
        let document: XMLDocument
        let first: Int32

        struct Iterator: IteratorProtocol {
            let document: XMLDocument
            var cursor: Int32

            mutating func next() -> Child? {
                guard cursor >= 0 else { return nil }
                let index = cursor
                let node = document.nodes[Int(index)]
                cursor = node.nextSibling
                return node.name >= 0 ? .element(XMLElement(document: document, index: index)) : .text(document.textContent(of: index))
            }
        }

        func makeIterator() -> Iterator { Iterator(document: document, cursor: first) }
    }
}

/// Name equality with the lengths compared first: most names a reader looks at are not the one it
/// looks for, and unequal lengths settle that without a full `String` comparison.
@inline(__always)
func sameName(_ a: String, _ b: String) -> Bool {
    a.utf8.count == b.utf8.count && a == b
}
