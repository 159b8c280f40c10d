import CLibXML2

/// Builds an ``XMLElement`` tree from prepared UTF-8 (see ``XMLPreparation``) with libxml2's
/// `xmlReader`: `XML_PARSE_NONET` (no network), `XML_PARSE_RECOVER` (keep what can be read of an
/// ill-formed feed), `XML_PARSE_NOCDATA` (CDATA arrives as the literal text it is), never
/// `XML_PARSE_NOENT` or `XML_PARSE_DTDLOAD`.
enum XMLTreeReader {
    private final class ErrorSink {
        var line = 0
        var message: String?
    }

    /// - Parameter recover: `true` (feeds) keeps what can be read of an ill-formed document; `false`
    ///   (an OPML file a user imports) throws at the first well-formedness error instead.
    /// - Throws: `FeedParseError.xml` with libxml2's 1-based line and message.
    /// - Parameter knownIllFormed: the document was already found not well-formed (by an
    ///   ``XMLSAXStream``): the SAX2 attempt is skipped.
    static func read(_ utf8: [UInt8], baseURL: String?, recover: Bool = true, knownIllFormed: Bool = false) throws(FeedParseError) -> XMLElement {
        let options = options(recover: recover)
        if !knownIllFormed, let tree = XMLSAXTreeBuilder.build(utf8, options: options, baseURL: baseURL) { return tree }
        let sink = ErrorSink()
        let reader: xmlTextReaderPtr? = utf8.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buf.count, 1)) { ptr in
                xmlReaderForMemory(ptr, Int32(buf.count), nil, "UTF-8", options)
            }
        }
        guard let reader else { throw .xml(line: 0, message: "libxml2 could not create a reader") }
        defer { xmlFreeTextReader(reader) }
        let context = Unmanaged.passUnretained(sink).toOpaque()
        xmlTextReaderSetStructuredErrorHandler(reader, { ctx, error in
            guard let ctx, let error else { return }
            let sink = Unmanaged<ErrorSink>.fromOpaque(ctx).takeUnretainedValue()
            guard sink.message == nil, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
            sink.line = Int(error.pointee.line)
            sink.message = error.pointee.message.map { String(cString: $0).trimmingWhitespace() } ?? "unknown error"
        }, context)

        var builder = XMLTreeBuilder(baseURL: baseURL, expectedBytes: utf8.count)
        var status: Int32 = 1
        while true {
            status = xmlTextReaderRead(reader)
            guard status == 1 else { break }
            switch xmlTextReaderNodeType(reader) {
            case ReaderNode.element:
                var name = builder.name(xmlTextReaderConstLocalName(reader))
                if name < 0 { name = builder.intern("") }
                let prefix = builder.name(xmlTextReaderConstPrefix(reader))
                let namespace = builder.name(xmlTextReaderConstNamespaceUri(reader))
                let empty = xmlTextReaderIsEmptyElement(reader) == 1
                builder.startElement(name: name, prefix: prefix, namespace: namespace)
                while xmlTextReaderMoveToNextAttribute(reader) == 1 {
                    let namespaceIndex = builder.name(xmlTextReaderConstNamespaceUri(reader))
                    var nameIndex = builder.name(xmlTextReaderConstLocalName(reader))
                    if nameIndex < 0 { nameIndex = builder.intern("") }
                    if builder.string(namespaceIndex) == "http://www.w3.org/2000/xmlns/" { continue }
                    builder.addAttribute(name: nameIndex, namespace: namespaceIndex,
                                         value: string(xmlTextReaderConstValue(reader)) ?? "")
                }
                xmlTextReaderMoveToElement(reader)
                if empty { builder.endElement() }
            case ReaderNode.endElement:
                builder.endElement()
            case ReaderNode.text, ReaderNode.cdata, ReaderNode.whitespace, ReaderNode.significantWhitespace:
                if let v = xmlTextReaderConstValue(reader) {
                    var n = 0
                    while v[n] != 0 { n += 1 }
                    builder.appendText(UnsafeBufferPointer(start: v, count: n))
                }
            case ReaderNode.entityReference: // only if one slipped through the preparation
                if let n = string(xmlTextReaderConstName(reader)), let v = HTMLEntities.named(n) { builder.appendText(v) }
            default:
                break
            }
        }
        if status != 0, !recover {
            throw .xml(line: max(sink.line, 1), message: sink.message ?? "not well-formed XML")
        }
        if status != 0, let recovered = readRecovering(utf8, options: options, baseURL: baseURL) {
            // The streaming reader stops at the first fatal error; libxml2's tree builder in
            // recovery mode keeps going (mismatched end tags, stray text after the root).
            return recovered
        }
        guard let root = builder.finish() else {
            throw .xml(line: max(sink.line, 1), message: sink.message ?? "no root element")
        }
        return root
    }

    /// The libxml2 options of every XML parse of a feed or OPML document.
    static func options(recover: Bool) -> Int32 {
        Int32((recover ? XML_PARSE_RECOVER.rawValue : 0) | XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue
            | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_COMPACT.rawValue)
    }

    /// The same tree from `xmlReadMemory` with `XML_PARSE_RECOVER`, for documents the reader gives up on.
    private static func readRecovering(_ utf8: [UInt8], options: Int32, baseURL: String?) -> XMLElement? {
        let doc: xmlDocPtr? = utf8.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buf.count, 1)) { ptr in
                xmlReadMemory(ptr, Int32(buf.count), nil, "UTF-8", options)
            }
        }
        guard let doc else { return nil }
        defer { xmlFreeDoc(doc) }
        guard let rootNode = xmlDocGetRootElement(doc) else { return nil }
        var builder = XMLTreeBuilder(baseURL: baseURL, expectedBytes: utf8.count)
        emit(rootNode, into: &builder)
        return builder.finish()
    }

    /// Feeds `node` and its descendants to `builder` as start, text and end events.
    private static func emit(_ node: xmlNodePtr, into builder: inout XMLTreeBuilder) {
        var name = builder.name(node.pointee.name)
        if name < 0 { name = builder.intern("") }
        let prefix = node.pointee.ns.map { builder.name($0.pointee.prefix) } ?? -1
        let namespace = node.pointee.ns.map { builder.name($0.pointee.href) } ?? -1
        builder.startElement(name: name, prefix: prefix, namespace: namespace)
        var property = node.pointee.properties
        while let p = property {
            var nameIndex = builder.name(p.pointee.name)
            if nameIndex < 0 { nameIndex = builder.intern("") }
            let namespaceIndex = p.pointee.ns.map { builder.name($0.pointee.href) } ?? -1
            var value = ""
            var valueNode = p.pointee.children
            while let v = valueNode {
                if let content = v.pointee.content { value += String(cString: content) }
                valueNode = v.pointee.next
            }
            builder.addAttribute(name: nameIndex, namespace: namespaceIndex, value: value)
            property = p.pointee.next
        }
        var child = node.pointee.children
        while let c = child {
            switch c.pointee.type {
            case XML_ELEMENT_NODE:
                emit(c, into: &builder)
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = c.pointee.content {
                    var n = 0
                    while content[n] != 0 { n += 1 }
                    builder.appendText(UnsafeBufferPointer(start: content, count: n))
                }
            case XML_ENTITY_REF_NODE:
                if let n = string(c.pointee.name), let v = HTMLEntities.named(n) { builder.appendText(v) }
            default:
                break
            }
            child = c.pointee.next
        }
        builder.endElement()
    }

    private static func string(_ p: UnsafePointer<xmlChar>?) -> String? {
        guard let p else { return nil }
        return String(cString: p)
    }
}


/// The node types of libxml2's `xmlTextReaderNodeType` that the reader handles (`xmlReaderTypes`).
private enum ReaderNode {
    static let element = Int32(XML_READER_TYPE_ELEMENT.rawValue)
    static let endElement = Int32(XML_READER_TYPE_END_ELEMENT.rawValue)
    static let text = Int32(XML_READER_TYPE_TEXT.rawValue)
    static let cdata = Int32(XML_READER_TYPE_CDATA.rawValue)
    static let whitespace = Int32(XML_READER_TYPE_WHITESPACE.rawValue)
    static let significantWhitespace = Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue)
    static let entityReference = Int32(XML_READER_TYPE_ENTITY_REFERENCE.rawValue)
}
