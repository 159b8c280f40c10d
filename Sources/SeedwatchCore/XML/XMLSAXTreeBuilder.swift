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
        // Only the events the tree needs; everything else (comments, processing instructions,
        // document start/end) is ignored, and libxml2 builds no tree of its own.
        sax.pointee = xmlSAXHandler()
        sax.pointee.initialized = XML_SAX2_MAGIC
        sax.pointee.startElementNs = { ctx, localname, prefix, uri, _, _, attributeCount, _, attributes in
            guard let ctx else { return }
            XMLSAXTreeBuilder.startElement(ctx.assumingMemoryBound(to: XMLTreeBuilder.self), localname: localname, prefix: prefix, uri: uri,
                         attributeCount: Int(attributeCount), attributes: attributes)
        }
        sax.pointee.endElementNs = { ctx, _, _, _ in
            ctx?.assumingMemoryBound(to: XMLTreeBuilder.self).pointee.endElement()
        }
        let characters: charactersSAXFunc = { ctx, bytes, count in
            guard let ctx, let bytes, count > 0 else { return }
            ctx.assumingMemoryBound(to: XMLTreeBuilder.self).pointee.appendText(UnsafeBufferPointer(start: bytes, count: Int(count)))
        }
        sax.pointee.characters = characters
        sax.pointee.ignorableWhitespace = characters
        sax.pointee.cdataBlock = characters
        sax.pointee.reference = { ctx, name in
            // Only if an entity reference slipped through the preparation.
            guard let ctx, let name, let value = HTMLEntities.named(String(cString: name)) else { return }
            ctx.assumingMemoryBound(to: XMLTreeBuilder.self).pointee.appendText(value)
        }
        // Errors only mark the document as not well-formed; they are not printed.
        sax.pointee.serror = { _, _ in }
        let builder = UnsafeMutablePointer<XMLTreeBuilder>.allocate(capacity: 1)
        builder.initialize(to: XMLTreeBuilder(baseURL: baseURL, expectedBytes: utf8.count))
        defer { builder.deinitialize(count: 1); builder.deallocate() }
        context.pointee.userData = UnsafeMutableRawPointer(builder)
        // The bytes are UTF-8 whatever a leftover declaration says (the caller decoded them).
        xmlCtxtUseOptions(context, options | Int32(XML_PARSE_IGNORE_ENC.rawValue))
        xmlSwitchEncoding(context, XML_CHAR_ENCODING_UTF8)
        xmlParseDocument(context)
        guard context.pointee.wellFormed == 1, context.pointee.nsWellFormed == 1, !builder.pointee.sawContentAfterRoot,
              !builder.pointee.isInsideRoot else { return nil }
        return builder.pointee.finish()
    }

    /// `attributes` holds `attributeCount` runs of five pointers: local name, prefix, namespace URI,
    /// value start, value end (libxml2 SAX2 `startElementNsSAX2Func`).
    fileprivate static func startElement(_ builder: UnsafeMutablePointer<XMLTreeBuilder>, localname: UnsafePointer<xmlChar>?,
                                     prefix: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?,
                                     attributeCount: Int, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        var name = builder.pointee.name(localname)
        if name < 0 { name = builder.pointee.intern("") }
        let prefixIndex = builder.pointee.name(prefix)
        let namespaceIndex = builder.pointee.name(uri)
        builder.pointee.startElement(name: name, prefix: prefixIndex, namespace: namespaceIndex)
        guard attributeCount > 0, let attributes else { return }
        for k in 0..<attributeCount {
            let a = attributes + 5 * k
            var attributeName = builder.pointee.name(a[0])
            if attributeName < 0 { attributeName = builder.pointee.intern("") }
            let attributeNamespace = builder.pointee.name(a[2])
            var value = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
            if let start = a[3], let end = a[4], end > start { value = UnsafeBufferPointer(start: start, count: end - start) }
            // Without entity substitution SAX2 hands attribute values over with their references
            // as written; after the preparation only the five XML entities and character
            // references are left, decoded by the builder.
            builder.pointee.addAttribute(name: attributeName,
                                         namespace: attributeNamespace, value: value, decodingReferences: true)
        }
    }
}
