import CLibXML2

/// Builds the ``XMLElement`` tree of a well-formed document straight from libxml2's SAX2 events
/// (`startElementNs`, `endElementNs`, `characters`), without libxml2 building a tree of its own
/// first. The parse uses the same options as ``XMLTreeReader`` (`XML_PARSE_NONET`, `XML_PARSE_NOCDATA`,
/// never `XML_PARSE_NOENT` or `XML_PARSE_DTDLOAD`).
///
/// For a document that libxml2 finds well-formed (XML 1.0 §2.1) and namespace-well-formed
/// (Namespaces in XML 1.0 §7), the result is the tree ``XMLTreeReader`` would build; for any other
/// document ``build(_:options:baseURL:)`` returns `nil` and the caller takes the recovering path.
final class XMLSAXTreeBuilder {
    private let baseURL: String?
    private var root: XMLElement?
    private var stack: [XMLElement] = []
    private var text: [UInt8] = []
    private var names = XMLNameCache()
    /// Set when an element follows the root element (not well-formed; libxml2 reports it too).
    private var extraRoot = false

    private init(baseURL: String?) {
        self.baseURL = baseURL
        text.reserveCapacity(4096)
    }

    /// The tree of `utf8` (prepared UTF-8, see ``XMLPreparation``), or `nil` when the document is not
    /// well-formed or not namespace-well-formed.
    static func build(_ utf8: [UInt8], options: Int32, baseURL: String?) -> XMLElement? {
        guard !utf8.isEmpty else { return nil }
        let builder = XMLSAXTreeBuilder(baseURL: baseURL)
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
        // Only the events the tree needs; everything else (comments, processing instructions,
        // document start/end) is ignored, and libxml2 builds no tree of its own.
        sax.pointee = xmlSAXHandler()
        sax.pointee.initialized = XML_SAX2_MAGIC
        sax.pointee.startElementNs = { ctx, localname, prefix, uri, _, _, attributeCount, _, attributes in
            guard let ctx else { return }
            XMLSAXTreeBuilder.builder(ctx).startElement(localname: localname, prefix: prefix, uri: uri,
                                           attributeCount: Int(attributeCount), attributes: attributes)
        }
        sax.pointee.endElementNs = { ctx, _, _, _ in
            guard let ctx else { return }
            XMLSAXTreeBuilder.builder(ctx).endElement()
        }
        let characters: charactersSAXFunc = { ctx, bytes, count in
            guard let ctx, let bytes, count > 0 else { return }
            XMLSAXTreeBuilder.builder(ctx).characters(UnsafeBufferPointer(start: bytes, count: Int(count)))
        }
        sax.pointee.characters = characters
        sax.pointee.ignorableWhitespace = characters
        sax.pointee.cdataBlock = characters
        sax.pointee.reference = { ctx, name in
            guard let ctx, let name else { return }
            XMLSAXTreeBuilder.builder(ctx).reference(String(cString: name))
        }
        // Errors only mark the document as not well-formed; they are not printed.
        sax.pointee.serror = { _, _ in }
        let unmanaged = Unmanaged.passRetained(builder)
        defer { unmanaged.release() }
        context.pointee.userData = unmanaged.toOpaque()
        // The bytes are UTF-8 whatever a leftover declaration says (the caller decoded them).
        xmlCtxtUseOptions(context, options | Int32(XML_PARSE_IGNORE_ENC.rawValue))
        xmlSwitchEncoding(context, XML_CHAR_ENCODING_UTF8)
        xmlParseDocument(context)
        guard context.pointee.wellFormed == 1, context.pointee.nsWellFormed == 1, !builder.extraRoot,
              builder.stack.isEmpty, let root = builder.root else { return nil }
        return root
    }

    private static func builder(_ ctx: UnsafeMutableRawPointer) -> XMLSAXTreeBuilder {
        Unmanaged<XMLSAXTreeBuilder>.fromOpaque(ctx).takeUnretainedValue()
    }

    /// `attributes` holds `attributeCount` runs of five pointers: local name, prefix, namespace URI,
    /// value start, value end (libxml2 SAX2 `startElementNsSAX2Func`).
    private func startElement(localname: UnsafePointer<xmlChar>?, prefix: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?,
                              attributeCount: Int, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        flushText()
        if stack.isEmpty && root != nil { extraRoot = true; return }
        var list: [XMLElement.Attribute] = []
        var xmlBase: String?
        if attributeCount > 0, let attributes {
            list.reserveCapacity(attributeCount)
            for k in 0..<attributeCount {
                let a = attributes + 5 * k
                let name = names.string(a[0]) ?? ""
                let namespace = names.string(a[2])
                var value = ""
                if let start = a[3], let end = a[4], end > start {
                    let bytes = UnsafeBufferPointer(start: start, count: end - start)
                    value = String(decoding: bytes, as: UTF8.self)
                    // Without entity substitution SAX2 hands attribute values over with their
                    // references as written; after the preparation only the five XML entities and
                    // character references are left (XML 1.0 §4.6, §4.1), decoded here.
                    if bytes.contains(UInt8(ascii: "&")) { value = HTMLEntities.decodeOnce(value) }
                }
                if name == "base" && namespace == XMLTreeReader.xmlNamespace { xmlBase = value }
                list.append(.init(name: name, namespace: namespace, value: value))
            }
        }
        let parentBase = stack.last?.base ?? baseURL
        let base = xmlBase.map { URIReference.resolve($0, against: parentBase) } ?? parentBase
        stack.append(XMLElement(name: names.string(localname) ?? "", prefix: names.string(prefix),
                                namespace: names.string(uri), attributes: list, base: base))
    }

    private func endElement() {
        flushText()
        guard let element = stack.popLast() else { return }
        if let parent = stack.last { parent.append(.element(element)) } else if root == nil { root = element }
    }

    private func characters(_ bytes: UnsafeBufferPointer<xmlChar>) {
        guard !stack.isEmpty else { return }
        text.append(contentsOf: bytes)
    }

    /// An entity reference libxml2 did not expand (only if one slipped through the preparation).
    private func reference(_ name: String) {
        guard !stack.isEmpty, let value = HTMLEntities.named(name) else { return }
        text.append(contentsOf: value.utf8)
    }

    private func flushText() {
        guard !text.isEmpty else { return }
        if let top = stack.last { top.append(.text(String(decoding: text, as: UTF8.self))) }
        text.removeAll(keepingCapacity: true)
    }
}
