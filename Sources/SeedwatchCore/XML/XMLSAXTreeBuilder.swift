import CLibXML2

/// Reads a well-formed document with libxml2's SAX2 parser into an ``XMLTreeBuilder``
/// (`startElementNs`, `endElementNs`, `characters`), without libxml2 building a tree of its own.
/// The parse uses the options of ``XMLTreeReader`` (`XML_PARSE_NONET`, `XML_PARSE_NOCDATA`, never
/// `XML_PARSE_NOENT` or `XML_PARSE_DTDLOAD`) plus `XML_PARSE_IGNORE_ENC`: the bytes are UTF-8.
///
/// For a document that libxml2 finds well-formed (XML 1.0 §2.1) and namespace-well-formed
/// (Namespaces in XML 1.0 §7), the result is the tree the streaming reader would build; for any
/// other document ``build(_:options:baseURL:)`` returns `nil` and the caller takes the recovering path.
enum XMLSAXTreeBuilder {
    /// The tree of `utf8` (prepared UTF-8, see ``XMLPreparation``), or `nil` when the document is not
    /// well-formed or not namespace-well-formed.
    static func build(_ utf8: [UInt8], options: Int32, baseURL: String?) -> XMLElement? {
        guard !utf8.isEmpty else { return nil }
        let context: xmlParserCtxtPtr? = utf8.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                xmlCreateMemoryParserCtxt($0, Int32(buf.count))
            }
        }
        guard let context, let sax = context.pointee.sax else {
            if let context { xmlFreeParserCtxt(context) }
            return nil
        }
        defer { xmlFreeParserCtxt(context) }
        sax.pointee = XMLSAXSession.handler()
        let session = XMLSAXSession(builder: XMLTreeBuilder(baseURL: baseURL, expectedBytes: utf8.count), selector: nil)
        context.pointee.userData = Unmanaged.passUnretained(session).toOpaque()
        // The bytes are UTF-8 whatever a leftover declaration says (the caller decoded them).
        xmlCtxtUseOptions(context, options | Int32(XML_PARSE_IGNORE_ENC.rawValue))
        xmlSwitchEncoding(context, XML_CHAR_ENCODING_UTF8)
        xmlParseDocument(context)
        return withExtendedLifetime(session) { session.finish(context) }
    }
}

/// Chooses, as a document streams, the elements whose subtrees are handed out one at a time
/// (``XMLSAXStream``): a feed's items.
protocol XMLSubtreeSelector: AnyObject {
    /// Called when an element has just started (``XMLTreeBuilder/depth`` is its depth, 1 for the
    /// root element), before its attributes. Returns a tag > 0 to detach the element when it ends, 0 not to.
    func select(_ builder: borrowing XMLTreeBuilder) -> Int
}

/// The state of one SAX2 parse: the builder, and for a stream the selector and the subtrees
/// detached since the caller last took them.
final class XMLSAXSession {
    var builder: XMLTreeBuilder
    let selector: (any XMLSubtreeSelector)?
    /// Detached subtrees in the order they ended, each with the selector's tag.
    var detached: [(element: XMLElement, tag: Int)] = []
    private var tagOfDetaching = 0

    init(builder: XMLTreeBuilder, selector: (any XMLSubtreeSelector)?) {
        self.builder = builder
        self.selector = selector
    }

    /// The tree left when the parse has ended: `nil` when the document is not well-formed or not
    /// namespace-well-formed, has an element after the root element, or is cut short.
    func finish(_ context: xmlParserCtxtPtr) -> XMLElement? {
        guard context.pointee.wellFormed == 1, context.pointee.nsWellFormed == 1, !builder.sawContentAfterRoot,
              !builder.isInsideRoot else { return nil }
        return builder.finish()
    }

    fileprivate func started() {
        guard let selector else { return }
        let tag = selector.select(builder)
        if tag > 0 {
            builder.beginDetaching()
            tagOfDetaching = tag
        }
    }

    fileprivate func ended() {
        if let element = builder.endElement() { detached.append((element, tagOfDetaching)) }
    }

    /// The SAX2 handler: only the events the tree needs; everything else (comments, processing
    /// instructions, document start/end) is ignored, and libxml2 builds no tree of its own.
    /// `userData` is an unretained ``XMLSAXSession``.
    static func handler() -> xmlSAXHandler {
        var sax = xmlSAXHandler()
        sax.initialized = XML_SAX2_MAGIC
        sax.startElementNs = { ctx, localname, prefix, uri, _, _, attributeCount, _, attributes in
            guard let ctx else { return }
            let session = Unmanaged<XMLSAXSession>.fromOpaque(ctx).takeUnretainedValue()
            session.startElement(localname: localname, prefix: prefix, uri: uri, attributeCount: Int(attributeCount), attributes: attributes)
        }
        sax.endElementNs = { ctx, _, _, _ in
            guard let ctx else { return }
            Unmanaged<XMLSAXSession>.fromOpaque(ctx).takeUnretainedValue().ended()
        }
        let characters: charactersSAXFunc = { ctx, bytes, count in
            guard let ctx, let bytes, count > 0 else { return }
            Unmanaged<XMLSAXSession>.fromOpaque(ctx).takeUnretainedValue().builder
                .appendText(UnsafeBufferPointer(start: bytes, count: Int(count)))
        }
        sax.characters = characters
        sax.ignorableWhitespace = characters
        sax.cdataBlock = characters
        sax.reference = { ctx, name in
            // Only if an entity reference slipped through the preparation.
            guard let ctx, let name, let value = HTMLEntities.named(String(cString: name)) else { return }
            Unmanaged<XMLSAXSession>.fromOpaque(ctx).takeUnretainedValue().builder.appendText(value)
        }
        // Errors only mark the document as not well-formed; they are not printed.
        sax.serror = { _, _ in }
        return sax
    }

    /// `attributes` holds `attributeCount` runs of five pointers: local name, prefix, namespace URI,
    /// value start, value end (libxml2 SAX2 `startElementNsSAX2Func`).
    private func startElement(localname: UnsafePointer<xmlChar>?, prefix: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?,
                              attributeCount: Int, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        var name = builder.name(localname)
        if name < 0 { name = builder.intern("") }
        let prefixIndex = builder.name(prefix)
        let namespaceIndex = builder.name(uri)
        builder.startElement(name: name, prefix: prefixIndex, namespace: namespaceIndex)
        started()
        guard attributeCount > 0, let attributes else { return }
        for k in 0..<attributeCount {
            let a = attributes + 5 * k
            var attributeName = builder.name(a[0])
            if attributeName < 0 { attributeName = builder.intern("") }
            let attributeNamespace = builder.name(a[2])
            var value = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
            if let start = a[3], let end = a[4], end > start { value = UnsafeBufferPointer(start: start, count: end - start) }
            // Without entity substitution SAX2 hands attribute values over with their references
            // as written; after the preparation only the five XML entities and character
            // references are left, decoded by the builder.
            builder.addAttribute(name: attributeName, namespace: attributeNamespace, value: value, decodingReferences: true)
        }
    }
}

/// A document parsed piece by piece with libxml2's push parser (`xmlParseChunk`), the same SAX2
/// events and options as ``XMLSAXTreeBuilder``: the subtrees a selector picks are handed out as
/// they end (``XMLSAXSession/detached``), so neither the prepared bytes nor the tree of a large
/// document are ever held whole (issue 11).
final class XMLSAXStream {
    let session: XMLSAXSession
    private let context: xmlParserCtxtPtr
    private var pieces: XMLPreparation.Pieces
    private var piece: [UInt8] = []
    private(set) var isFinished = false
    /// The prepared bytes handed to libxml2 so far, in bytes.
    private(set) var bytesParsed = 0
    /// Prepared bytes handed to libxml2 at a time.
    static let pieceSize = 64 << 10

    /// `utf8`: the UTF-8 document, unprepared (``XMLPreparation`` runs a piece at a time).
    /// `nil` when libxml2 cannot make a parser.
    init?(_ utf8: [UInt8], options: Int32, baseURL: String?, selector: any XMLSubtreeSelector) {
        session = XMLSAXSession(builder: XMLTreeBuilder(baseURL: baseURL, expectedBytes: 0), selector: selector)
        var sax = XMLSAXSession.handler()
        guard let context = xmlCreatePushParserCtxt(&sax, Unmanaged.passUnretained(session).toOpaque(), nil, 0, nil) else { return nil }
        self.context = context
        pieces = XMLPreparation.Pieces(utf8)
        xmlCtxtUseOptions(context, options | Int32(XML_PARSE_IGNORE_ENC.rawValue))
        xmlSwitchEncoding(context, XML_CHAR_ENCODING_UTF8)
    }

    deinit { xmlFreeParserCtxt(context) }

    /// Parses the next piece (the last call ends the document); `false` once the document has ended.
    func advance() -> Bool {
        guard !isFinished else { return false }
        pieces.fill(&piece, size: Self.pieceSize)
        let last = pieces.isFinished
        bytesParsed += piece.count
        piece.withUnsafeBufferPointer { buf in
            buf.baseAddress.map { p in
                p.withMemoryRebound(to: CChar.self, capacity: buf.count) { _ = xmlParseChunk(context, $0, Int32(buf.count), last ? 1 : 0) }
            } ?? { _ = xmlParseChunk(context, nil, 0, last ? 1 : 0) }()
        }
        if last { isFinished = true }
        return true
    }

    /// The tree left after the document has ended (detached subtrees are not part of it), or
    /// `nil` when it is not well-formed (see ``XMLSAXSession/finish(_:)``).
    func remainingTree() -> XMLElement? {
        precondition(isFinished)
        return session.finish(context)
    }
}
