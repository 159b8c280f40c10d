import CLibXML2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An HTML page parsed by libxml2's HTML parser into a compact tree of its own: the nodes libxml2's
/// tree builder (`SAX2.c`) would make, as arrays of 24-byte records, and their text in one byte
/// buffer (the arena), in document order.
///
/// libxml2's own tree costs about 600 bytes per paragraph of a page (an element, a text node and a
/// whitespace node of 120 bytes each, with their allocations), three times the text of a page of
/// short paragraphs (issue 15: peak memory at most 3× an article's bytes). This tree is built from
/// the parser's SAX events by the rules of libxml2 2.9's `xmlSAX2StartElement`, `xmlSAX2Text`,
/// `xmlSAX2Comment` and `xmlSAX2ProcessingInstruction`, so it has the same nodes in the same
/// places: an element's name is the local part of a prefixed name (`o:p` is `p`); adjacent text
/// (or CDATA) is one node; comments and processing instructions are nodes (`other`) that separate
/// text; an element started with no element open becomes a child of the first element of the
/// document when that is the document's first node, else a node outside the root.
///
/// The page is given to the parser as UTF-8 through a read callback, a few kilobytes at a time, so
/// the parser holds no copy of the whole page. Options: `HTML_PARSE_NONET`, `NOERROR`,
/// `NOWARNING`, `RECOVER`, and `XML_PARSE_HUGE` (no nesting limit; without it, libxml2's limit of
/// `xmlParserMaxDepth` open elements stops the parser, as its tree builder does).
///
/// The arena holds each text node's bytes after one spare byte, so that the text of the page can
/// be rewritten in place, front to back, with one separator per node (``HTMLTextWalker``): it
/// needs at most ``arenaCapacity(forInputBytes:)`` bytes.
final class HTMLDocumentTree {
    /// A node: its index in document order.
    typealias Node = Int32

    enum Kind { case element, text, cdata, other }

    private struct Record {
        var parent: Int32 = -1
        var firstChild: Int32 = -1
        var next: Int32 = -1
        /// An element's name (index in ``names``), or one of the kind markers below.
        var name: UInt32
        /// Text: the offset of its bytes in the arena. Element: its first attribute.
        var start: UInt32 = 0
        /// Text: its length in bytes. Element: its number of attributes.
        var count: UInt32 = 0
    }

    private static let textMarker = UInt32.max
    private static let cdataMarker = UInt32.max - 1
    private static let otherMarker = UInt32.max - 2

    /// What an element name means to the extraction, worked out once per name.
    struct NameInfo {
        let name: String
        let isBlock: Bool
        let isCell: Bool
        /// ``HTMLTextWalker/droppedElements``: never text.
        let isDropped: Bool
        /// ``HTMLElements/furniture``.
        let isFurniture: Bool
        /// `a`: its text is link text.
        let isLink: Bool
        /// `article` or `main`.
        let isSemantic: Bool
        /// `h1` … `h6`.
        let isHeading: Bool
        /// ``BoilerplateClassifier/structuralElements``: never judged by their attributes.
        let isStructural: Bool

        init(name: String) {
            self.name = name
            isBlock = HTMLElements.blocks.contains(name)
            isCell = HTMLElements.cells.contains(name)
            isDropped = HTMLTextWalker.droppedElements.contains(name)
            isFurniture = HTMLElements.furniture.contains(name)
            isLink = name == "a"
            isSemantic = name == "article" || name == "main"
            isHeading = ["h1", "h2", "h3", "h4", "h5", "h6"].contains(name)
            isStructural = BoilerplateClassifier.structuralElements.contains(name)
        }
    }

    private var records: [Record] = []
    private(set) var nameInfos: [NameInfo] = []
    private var nameIDs: [String: UInt32] = [:]

    /// The attributes the extraction reads (``attribute(_:_:)``); others are not kept.
    static let keptAttributes: [String] = [
        "class", "id", "role", "style", "hidden", "aria-hidden", "content", "property", "name", "itemprop",
        "datetime", "rel", "href", "type",
    ]
    /// The kept attributes by index in ``keptAttributes``, for lookups without comparing names.
    private static let keptAttributeBytes: [[UInt8]] = keptAttributes.map { Array($0.utf8) }
    enum AttributeKey: UInt8 {
        case `class`, id, role, style, hidden, ariaHidden, content, property, name, itemprop, datetime, rel, href, type
    }
    private struct Attribute {
        var name: UInt8
        var start: UInt32
        var count: UInt32
    }
    private var attributes: [Attribute] = []
    private var attributeBytes: [UInt8] = []

    /// The text of the text nodes; ``HTMLTextWalker`` rewrites it in place.
    let arena: UnsafeMutablePointer<UInt8>
    let arenaCapacity: Int
    /// Bytes of the arena in use.
    private(set) var arenaCount = 0
    private let ownedArena: UnsafeMutablePointer<UInt8>?

    /// The first element of the document (`xmlDocGetRootElement`).
    private(set) var root: Node?

    /// True when libxml2 stopped before the end of the page even after ``HTMLNestingFlattener``
    /// (a nesting limit, or memory): text after that point is missing from the tree.
    private(set) var droppedText = false

    /// The nesting ``HTMLNestingFlattener`` keeps when libxml2 stopped at its limit: below 256
    /// (libxml2 without `XML_PARSE_HUGE`) and 2,048 (libxml2 2.12 and later with it).
    static let flattenedDepth = 200

    /// libxml2 must be initialised once before parsers run on several threads.
    private static let libraryInitialised: Bool = {
        xmlInitParser()
        return true
    }()

    /// The arena a page of `count` bytes needs at most: every text node holds at least one byte of
    /// the page (entities and character references are never longer decoded than written) and
    /// takes one spare byte more, and the page rewritten by ``HTMLNestingFlattener`` is no longer.
    static func arenaCapacity(forInputBytes count: Int) -> Int { 2 * count + 64 }

    /// Parses UTF-8 HTML into `arena` (at least ``arenaCapacity(forInputBytes:)`` bytes of `utf8`).
    /// Returns `nil` only when libxml2 cannot read the page at all.
    /// - Parameter liftsDepthLimit: `XML_PARSE_HUGE` (always, but in the tests of the flattening,
    ///   which need libxml2's limit of 256 to be reached).
    ///   `flattenedDepth`: ``HTMLNestingFlattener``'s limit (the tests raise it past libxml2's to
    ///   reach the text that is dropped).
    init?(utf8: UnsafeBufferPointer<UInt8>, arena: UnsafeMutableBufferPointer<UInt8>, liftsDepthLimit: Bool = true,
          flattenedDepth: Int = HTMLDocumentTree.flattenedDepth) {
        self.arena = arena.baseAddress!
        arenaCapacity = arena.count
        ownedArena = nil
        guard parseFlatteningIfStopped(utf8, liftsDepthLimit: liftsDepthLimit, flattenedDepth: flattenedDepth) else { return nil }
    }

    /// Parses UTF-8 HTML into an arena of its own (tests).
    convenience init?(utf8 text: String, liftsDepthLimit: Bool = true, flattenedDepth: Int = HTMLDocumentTree.flattenedDepth) {
        let bytes = Array(text.utf8)
        let capacity = Self.arenaCapacity(forInputBytes: bytes.count)
        let arena = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        self.init(ownedArena: arena, capacity: capacity)
        let parsed = bytes.withUnsafeBufferPointer {
            parseFlatteningIfStopped($0, liftsDepthLimit: liftsDepthLimit, flattenedDepth: flattenedDepth)
        }
        if !parsed { return nil }
    }

    private init(ownedArena: UnsafeMutablePointer<UInt8>, capacity: Int) {
        arena = ownedArena
        arenaCapacity = capacity
        self.ownedArena = ownedArena
    }

    deinit { ownedArena?.deallocate() }

    /// Parses `bytes`; when libxml2 stopped at its nesting limit, parses them again flattened.
    private func parseFlatteningIfStopped(_ bytes: UnsafeBufferPointer<UInt8>, liftsDepthLimit: Bool, flattenedDepth: Int) -> Bool {
        _ = Self.libraryInitialised
        // XML_PARSE_HUGE lifts libxml2's nesting limit of 256 elements, beyond which it drops the
        // rest of the body without a word (issue 11: old pages with hundreds of unclosed `<font>`).
        // The input is already bounded by `max_bytes`, and every walk over the tree is iterative.
        // libxml2 2.12 and later keep a limit of 2,048 even then: a page that reaches it is
        // flattened (``HTMLNestingFlattener``) and read again.
        guard let stopped = parse(bytes, huge: liftsDepthLimit) else { return false }
        droppedText = stopped
        if stopped {
            let flat = HTMLNestingFlattener.flattened(Array(bytes), limit: flattenedDepth)
            reset()
            guard let stoppedAgain = flat.withUnsafeBufferPointer({ parse($0, huge: liftsDepthLimit) }) else { return false }
            droppedText = stoppedAgain
        }
        return true
    }

    private func reset() {
        records.removeAll()
        attributes.removeAll()
        attributeBytes.removeAll()
        arenaCount = 0
        root = nil
    }

    /// Parses `bytes` (an empty page as `<html></html>`). Returns whether the parser stopped before
    /// their end (it halts, `disableSAX`, at its nesting limit or when memory runs out), or `nil`
    /// when it made no document.
    private func parse(_ bytes: UnsafeBufferPointer<UInt8>, huge: Bool) -> Bool? {
        if bytes.isEmpty {
            return Array("<html></html>".utf8).withUnsafeBufferPointer { parse($0, huge: huge) }
        }
        records.reserveCapacity(bytes.count / 32 + 64)
        guard let context = htmlNewParserCtxt() else { return nil }
        defer { htmlFreeParserCtxt(context) }
        let builder = HTMLTreeBuilder(tree: self, huge: huge)
        let sax = context.pointee.sax!
        sax.pointee.startElement = { context, name, attributes in HTMLTreeBuilder.of(context).startElement(context, name, attributes) }
        sax.pointee.endElement = { context, _ in HTMLTreeBuilder.of(context).endElement() }
        sax.pointee.characters = { context, bytes, count in HTMLTreeBuilder.of(context).text(context, bytes, count, cdata: false) }
        sax.pointee.cdataBlock = { context, bytes, count in HTMLTreeBuilder.of(context).text(context, bytes, count, cdata: true) }
        sax.pointee.comment = { context, _ in HTMLTreeBuilder.of(context).other() }
        sax.pointee.processingInstruction = { context, _, _ in HTMLTreeBuilder.of(context).other() }
        sax.pointee.internalSubset = { context, _, _, _ in HTMLTreeBuilder.of(context).documentType() }
        context.pointee._private = Unmanaged.passUnretained(builder).toOpaque()
        let options = Int32(bitPattern: HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_RECOVER.rawValue | (huge ? XML_PARSE_HUGE.rawValue : 0))
        var input = PageInput(bytes: bytes)
        let document = withUnsafeMutablePointer(to: &input) { input in
            htmlCtxtReadIO(context, { input, buffer, length in
                guard let input, let buffer, length > 0 else { return 0 }
                return input.assumingMemoryBound(to: PageInput.self).pointee.read(into: buffer, length: Int(length))
            }, nil, input, nil, "UTF-8", options)
        }
        withExtendedLifetime(builder) {}
        // The tree is ours; libxml2's document holds at most its DTD.
        guard let document else { return nil }
        xmlFreeDoc(document)
        return context.pointee.disableSAX != 0
    }

    /// The page as the parser's read callback sees it.
    private struct PageInput {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        mutating func read(into buffer: UnsafeMutablePointer<CChar>, length: Int) -> Int32 {
            let count = min(length, bytes.count - position)
            guard count > 0 else { return 0 }
            UnsafeMutableRawPointer(buffer).copyMemory(from: bytes.baseAddress! + position, byteCount: count)
            position += count
            return Int32(count)
        }
    }

    // MARK: building (HTMLTreeBuilder)

    var nodeCount: Int { records.count }

    func appendNode(name: UInt32, parent: Int32) -> Node {
        let node = Node(records.count)
        records.append(Record(parent: parent, name: name))
        return node
    }

    func removeLastNode() { records.removeLast() }

    func link(_ child: Node, to parent: Node, after lastChild: Node) {
        records[Int(child)].parent = parent
        if lastChild < 0 { records[Int(parent)].firstChild = child } else { records[Int(lastChild)].next = child }
    }

    func setRoot(_ node: Node) { if root == nil { root = node } }

    /// A name of at most 16 bytes, packed (little-endian) with its length: looked up without
    /// making a `String` for every element.
    private struct ShortName: Hashable {
        var low: UInt64 = 0
        var high: UInt64 = 0
        var count: Int

        init?(_ name: UnsafeBufferPointer<UInt8>) {
            guard name.count <= 16 else { return nil }
            count = name.count
            for (i, b) in name.enumerated() {
                if i < 8 { low |= UInt64(b) << (8 * UInt64(i)) } else { high |= UInt64(b) << (8 * UInt64(i - 8)) }
            }
        }
    }
    private var shortNameIDs: [ShortName: UInt32] = [:]

    func nameID(_ name: UnsafeBufferPointer<UInt8>) -> UInt32 {
        guard let short = ShortName(name) else { return nameID(string: name) }
        if let id = shortNameIDs[short] { return id }
        let id = nameID(string: name)
        shortNameIDs[short] = id
        return id
    }

    private func nameID(string name: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let key = String(decoding: name, as: UTF8.self)
        if let id = nameIDs[key] { return id }
        let id = UInt32(nameInfos.count)
        nameIDs[key] = id
        nameInfos.append(NameInfo(name: key))
        return id
    }

    static func textName(cdata: Bool) -> UInt32 { cdata ? cdataMarker : textMarker }
    static var otherName: UInt32 { otherMarker }

    /// Appends an attribute to the element created last, if it is one the extraction reads.
    func addAttribute(to node: Node, name: UnsafePointer<xmlChar>, value: UnsafePointer<xmlChar>?) {
        let nameLength = strlen(name)
        guard let kept = Self.keptAttributeBytes.firstIndex(where: { $0.count == nameLength && memcmp($0, name, nameLength) == 0 })
        else { return }
        // HTML's boolean attributes without a value read as their name (`xmlSAX2AttributeInternal`).
        let text = value ?? (htmlIsBooleanAttr(name) != 0 ? name : nil)
        let start = UInt32(attributeBytes.count)
        if let text { attributeBytes.append(contentsOf: UnsafeBufferPointer(start: text, count: strlen(text))) }
        if records[Int(node)].count == 0 { records[Int(node)].start = UInt32(attributes.count) }
        attributes.append(Attribute(name: UInt8(kept), start: start, count: UInt32(attributeBytes.count) - start))
        records[Int(node)].count += 1
    }

    /// Whether `count` more bytes (and a spare one) fit the arena.
    func arenaHasRoom(for count: Int) -> Bool { arenaCount + count + 1 <= arenaCapacity }

    /// Starts a text node's bytes: one spare byte, then `bytes`.
    func startText(_ node: Node, _ bytes: UnsafeBufferPointer<UInt8>) {
        arena[arenaCount] = 0x20
        arenaCount += 1
        records[Int(node)].start = UInt32(arenaCount)
        appendText(node, bytes)
    }

    /// Appends bytes to the text node created last (its bytes end the arena).
    func appendText(_ node: Node, _ bytes: UnsafeBufferPointer<UInt8>) {
        (arena + arenaCount).update(from: bytes.baseAddress!, count: bytes.count)
        arenaCount += bytes.count
        records[Int(node)].count += UInt32(bytes.count)
    }

    func textLength(_ node: Node) -> Int { Int(records[Int(node)].count) }

    // MARK: reading

    func kind(_ node: Node) -> Kind {
        switch records[Int(node)].name {
        case Self.textMarker: return .text
        case Self.cdataMarker: return .cdata
        case Self.otherMarker: return .other
        default: return .element
        }
    }

    func isElement(_ node: Node) -> Bool { records[Int(node)].name < Self.otherMarker }

    func isText(_ node: Node) -> Bool { records[Int(node)].name >= Self.cdataMarker }

    /// The parent element, or `nil` at the top of the document.
    func parent(_ node: Node) -> Node? {
        let p = records[Int(node)].parent
        return p < 0 ? nil : p
    }

    /// The element's tag name, lower-case (libxml2's HTML parser lower-cases names).
    func name(_ node: Node) -> String { isElement(node) ? nameInfos[Int(records[Int(node)].name)].name : "" }

    func info(_ node: Node) -> NameInfo { nameInfos[Int(records[Int(node)].name)] }

    /// The bytes of a text or CDATA node, entities already decoded by the parser; valid until
    /// the arena is rewritten.
    func textBytes(_ node: Node) -> UnsafeBufferPointer<UInt8> {
        let r = records[Int(node)]
        return UnsafeBufferPointer(start: arena + Int(r.start), count: Int(r.count))
    }

    /// The arena offset of a text node's bytes.
    func textOffset(_ node: Node) -> Int { Int(records[Int(node)].start) }

    func text(_ node: Node) -> String { String(decoding: textBytes(node), as: UTF8.self) }

    /// The value of an attribute (one of ``keptAttributes``, lower-case), or `nil` when absent.
    func attribute(_ node: Node, _ wanted: String) -> String? {
        guard let kept = Self.keptAttributes.firstIndex(of: wanted) else { return nil }
        return attribute(node, AttributeKey(rawValue: UInt8(kept))!)
    }

    /// The value of an attribute, or `nil` when absent.
    func attribute(_ node: Node, _ key: AttributeKey) -> String? {
        guard let range = attributeRange(node, key) else { return nil }
        return String(decoding: attributeBytes[range], as: UTF8.self)
    }

    /// Whether the element has the attribute (with or without a value).
    func hasAttribute(_ node: Node, _ key: AttributeKey) -> Bool { attributeRange(node, key) != nil }

    /// Where the attribute's value lies in `attributeBytes`.
    private func attributeRange(_ node: Node, _ key: AttributeKey) -> Range<Int>? {
        guard isElement(node) else { return nil }
        let r = records[Int(node)]
        var index = Int(r.start)
        let end = index + Int(r.count)
        while index < end {
            let a = attributes[index]
            if a.name == key.rawValue { return Int(a.start)..<Int(a.start + a.count) }
            index += 1
        }
        return nil
    }

    /// The index of the element's name among the names of this tree (0 ..< `nameInfos.count`).
    func nameIndex(_ node: Node) -> Int { Int(records[Int(node)].name) }

    /// The first child of `node`, or -1.
    func firstChild(_ node: Node) -> Node { records[Int(node)].firstChild }

    /// The next sibling of `node`, or -1.
    func nextSibling(_ node: Node) -> Node { records[Int(node)].next }

    /// Appends `make(child)` for each child of `node` to `stack`, the last child first, so that a
    /// depth-first walk popping `stack` meets them in document order (no array of children is made).
    func pushChildrenReversed<Step>(of node: Node, onto stack: inout [Step], _ make: (Node) -> Step) {
        let start = stack.count
        var child = records[Int(node)].firstChild
        while child >= 0 {
            stack.append(make(child))
            child = records[Int(child)].next
        }
        stack[start...].reverse()
    }

    func children(_ node: Node) -> [Node] {
        var result: [Node] = []
        var child = records[Int(node)].firstChild
        while child >= 0 {
            result.append(child)
            child = records[Int(child)].next
        }
        return result
    }

    /// Every element under `node` (itself included), in document order, without recursion.
    func elements(under node: Node) -> [Node] {
        var result: [Node] = []
        var stack: [Node] = [node]
        while let n = stack.popLast() {
            guard isElement(n) else { continue }
            result.append(n)
            pushChildrenReversed(of: n, onto: &stack) { $0 }
        }
        return result
    }

    /// All text under `node`, concatenated as is (for `<title>`, `<script>` contents).
    func textContent(_ node: Node) -> String {
        var result: [UInt8] = []
        var stack: [Node] = [node]
        while let n = stack.popLast() {
            if isText(n) { result.append(contentsOf: textBytes(n)) }
            pushChildrenReversed(of: n, onto: &stack) { $0 }
        }
        return String(decoding: result, as: UTF8.self)
    }
}
