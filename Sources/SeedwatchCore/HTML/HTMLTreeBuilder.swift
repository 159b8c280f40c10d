import CLibXML2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Builds an ``HTMLDocumentTree`` from libxml2's HTML SAX events by the rules of libxml2 2.9's own
/// tree builder (`SAX2.c`), node for node:
/// - `xmlSAX2StartElement`: the name is split as `xmlSplitQName` does (`o:p` is `p`); an element
///   started with no element open is the root when the document has no node yet, else a child of
///   the document's first node when that is an element, else a node outside the root; past
///   ``maximumDepth`` open elements without `XML_PARSE_HUGE` the parser stops (`nodePush`).
/// - `xmlSAX2Text`: text with no element open is dropped; text (or CDATA) after a text (or CDATA)
///   node of the same kind that is the open element's last child joins it; a text node past
///   `XML_MAX_TEXT_LENGTH` bytes without `XML_PARSE_HUGE` stops the parser.
/// - `xmlSAX2Comment`, `xmlSAX2ProcessingInstruction`: a node (`other`) in the open element, or
///   a node of the document.
/// - `xmlSAX2InternalSubset`: the first DOCTYPE becomes the document's first node.
final class HTMLTreeBuilder {
    typealias Node = HTMLDocumentTree.Node

    private unowned let tree: HTMLDocumentTree
    private let huge: Bool
    /// The open elements (libxml2's `nodeTab`), innermost last.
    private var open: [Node] = []
    /// Each node's last child while the tree is built.
    private var lastChild: [Node] = []
    /// The document's first node: none yet, an element, or another node (a DOCTYPE, a comment).
    private enum FirstNode { case none, element(Node), other }
    private var first = FirstNode.none
    private var hasDocumentType = false

    /// libxml2's `xmlParserMaxDepth` (256), which this process never changes.
    static let maximumDepth = 256

    init(tree: HTMLDocumentTree, huge: Bool) {
        self.tree = tree
        self.huge = huge
    }

    /// The builder of the parser context `context` (its `_private`).
    static func of(_ context: UnsafeMutableRawPointer?) -> HTMLTreeBuilder {
        let parser = context!.assumingMemoryBound(to: xmlParserCtxt.self)
        return Unmanaged<HTMLTreeBuilder>.fromOpaque(parser.pointee._private).takeUnretainedValue()
    }

    /// Stops the parser, as libxml2's tree builder does at its limits (`xmlHaltParser`).
    private func stop(_ context: UnsafeMutableRawPointer?) {
        xmlStopParser(context!.assumingMemoryBound(to: xmlParserCtxt.self))
    }

    private func newNode(name: UInt32) -> Node {
        let node = tree.appendNode(name: name, parent: -1)
        lastChild.append(-1)
        return node
    }

    private func append(_ child: Node, to parent: Node) {
        tree.link(child, to: parent, after: lastChild[Int(parent)])
        lastChild[Int(parent)] = child
    }

    func startElement(_ context: UnsafeMutableRawPointer?, _ fullName: UnsafePointer<xmlChar>?,
                      _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        guard let fullName else { return }
        let node = newNode(name: tree.nameID(Self.localName(UnsafeBufferPointer(start: fullName, count: strlen(fullName)))))
        var parent = open.last
        if parent == nil {
            switch first {
            case .none:
                first = .element(node)
                tree.setRoot(node)
            case .element(let element): parent = element
            case .other: tree.setRoot(node)
            }
        }
        if !huge && open.count > Self.maximumDepth {
            tree.removeLastNode()
            lastChild.removeLast()
            stop(context)
            return
        }
        open.append(node)
        if let parent { append(node, to: parent) }
        if var attribute = attributes {
            while let name = attribute.pointee {
                tree.addAttribute(to: node, name: name, value: attribute[1])
                attribute += 2
            }
        }
    }

    func endElement() {
        _ = open.popLast()
    }

    func text(_ context: UnsafeMutableRawPointer?, _ bytes: UnsafePointer<xmlChar>?, _ count: Int32, cdata: Bool) {
        guard let parent = open.last, let bytes, count > 0 else { return }
        let buffer = UnsafeBufferPointer(start: bytes, count: Int(count))
        guard tree.arenaHasRoom(for: buffer.count) else { stop(context); return }
        let last = lastChild[Int(parent)]
        if last >= 0, tree.kind(last) == (cdata ? .cdata : .text) {
            if !huge && tree.textLength(last) + buffer.count > Int(XML_MAX_TEXT_LENGTH) { stop(context); return }
            tree.appendText(last, buffer)
            return
        }
        let node = newNode(name: HTMLDocumentTree.textName(cdata: cdata))
        append(node, to: parent)
        tree.startText(node, buffer)
    }

    /// A comment or processing instruction.
    func other() {
        guard let parent = open.last else {
            if case .none = first { first = .other }
            return
        }
        append(newNode(name: HTMLDocumentTree.otherName), to: parent)
    }

    /// A DOCTYPE: libxml2 puts the first one before every other node of the document.
    func documentType() {
        guard !hasDocumentType else { return }
        hasDocumentType = true
        first = .other
    }

    /// The local part of an element name as `xmlSplitQName` splits it: after the first `:`, unless
    /// the name starts or ends with that `:`.
    static func localName(_ name: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard let colon = name.firstIndex(of: UInt8(ascii: ":")), colon > 0, colon < name.count - 1 else { return name }
        return UnsafeBufferPointer(rebasing: name[(colon + 1)...])
    }
}
