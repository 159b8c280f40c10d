import CLibXML2

/// A small element tree built with libxml2's streaming reader: what the RSS and Atom readers walk.
final class XMLElement {
    enum Child {
        case element(XMLElement)
        case text(String)
    }

    struct Attribute {
        var name: String
        var namespace: String?
        var value: String
    }

    /// Local name (without prefix).
    let name: String
    /// Prefix as written (`content` in `content:encoded`), even when it was never declared.
    let prefix: String?
    /// Namespace URI, `nil` when none.
    let namespace: String?
    var attributes: [Attribute]
    /// Text and element children in document order; add with ``append(_:)``.
    var children: [Child] {
        if let leafText { return [.text(leafText)] }
        return storedChildren
    }
    /// The children when there is more than one, or one element.
    private var storedChildren: [Child] = []
    /// The only child when that is text (most feed elements): kept without an array.
    private var leafText: String?
    /// The element children alone, in document order.
    private(set) var elements: [XMLElement] = []
    /// The base URI in effect for this element: the document URL resolved with every `xml:base` on the way down.
    let base: String?

    init(name: String, prefix: String?, namespace: String?, attributes: [Attribute], base: String?) {
        self.name = name
        self.prefix = prefix
        self.namespace = namespace
        self.attributes = attributes
        self.base = base
    }

    func append(_ child: Child) {
        if storedChildren.isEmpty && leafText == nil, case .text(let t) = child {
            leafText = t
            return
        }
        if let t = leafText {
            storedChildren.append(.text(t))
            leafText = nil
        }
        storedChildren.append(child)
        if case .element(let e) = child { elements.append(e) }
    }

    /// Concatenated text of this element and all descendants.
    var textContent: String {
        if let leafText { return leafText }
        if storedChildren.isEmpty { return "" }
        var s = ""
        appendText(to: &s)
        return s
    }

    private func appendText(to s: inout String) {
        if let leafText { s += leafText; return }
        for child in storedChildren {
            switch child {
            case .text(let t): s += t
            case .element(let e): e.appendText(to: &s)
            }
        }
    }

    var hasElementChildren: Bool { !elements.isEmpty }

    func attribute(_ name: String, namespace: String? = nil) -> String? {
        attributes.first { $0.name == name && ($0.namespace == namespace || (namespace == nil && $0.namespace?.isEmpty != false)) }?.value
    }

    /// The first child element with this local name whose namespace is in `namespaces`
    /// (`nil` in the set matches elements with no namespace).
    func child(_ name: String, in namespaces: Set<String?>) -> XMLElement? {
        for e in elements where e.name == name && namespaces.contains(e.namespace) { return e }
        return nil
    }

    func children(_ name: String, in namespaces: Set<String?>) -> [XMLElement] {
        elements.filter { $0.name == name && namespaces.contains($0.namespace) }
    }

    /// A child written with an undeclared prefix (`<content:encoded>` without `xmlns:content`).
    func child(prefixed prefix: String, _ name: String) -> XMLElement? {
        elements.first { $0.namespace == nil && $0.prefix == prefix && $0.name == name }
    }
}

/// Builds an ``XMLElement`` tree from prepared UTF-8 (see ``XMLPreparation``) with libxml2's
/// `xmlReader`: `XML_PARSE_NONET` (no network), `XML_PARSE_RECOVER` (keep what can be read of an
/// ill-formed feed), `XML_PARSE_NOCDATA` (CDATA arrives as the literal text it is), never
/// `XML_PARSE_NOENT` or `XML_PARSE_DTDLOAD`.
enum XMLTreeReader {
    private final class ErrorSink {
        var line = 0
        var message: String?
    }

    static func read(_ utf8: [UInt8], baseURL: String?) throws(FeedParseError) -> XMLElement {
        let options = Int32(XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue
            | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_COMPACT.rawValue)
        if let tree = XMLSAXTreeBuilder.build(utf8, options: options, baseURL: baseURL) { return tree }
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

        var root: XMLElement?
        var stack: [XMLElement] = []
        var pendingText: [UInt8] = []
        var names = NameCache()
        func flushText() {
            if !pendingText.isEmpty, let top = stack.last { top.append(.text(String(decoding: pendingText, as: UTF8.self))) }
            pendingText.removeAll(keepingCapacity: true)
        }
        func popElement() {
            flushText()
            let e = stack.removeLast()
            if let parent = stack.last { parent.append(.element(e)) } else if root == nil { root = e }
        }
        var status: Int32 = 1
        while true {
            status = xmlTextReaderRead(reader)
            guard status == 1 else { break }
            switch xmlTextReaderNodeType(reader) {
            case 1: // element
                flushText()
                let name = names.string(xmlTextReaderConstLocalName(reader)) ?? ""
                let prefix = names.string(xmlTextReaderConstPrefix(reader))
                let namespace = names.string(xmlTextReaderConstNamespaceUri(reader))
                let empty = xmlTextReaderIsEmptyElement(reader) == 1
                var attributes: [XMLElement.Attribute] = []
                while xmlTextReaderMoveToNextAttribute(reader) == 1 {
                    let ans = names.string(xmlTextReaderConstNamespaceUri(reader))
                    if ans == "http://www.w3.org/2000/xmlns/" { continue }
                    attributes.append(.init(name: names.string(xmlTextReaderConstLocalName(reader)) ?? "", namespace: ans,
                                            value: string(xmlTextReaderConstValue(reader)) ?? ""))
                }
                xmlTextReaderMoveToElement(reader)
                let parentBase = stack.last?.base ?? baseURL
                var base = parentBase
                if let xmlBase = attributes.first(where: { $0.name == "base" && $0.namespace == xmlNamespace })?.value {
                    base = URIReference.resolve(xmlBase, against: parentBase)
                }
                if stack.isEmpty && root != nil { continue } // content after the root element
                stack.append(XMLElement(name: name, prefix: prefix, namespace: namespace, attributes: attributes, base: base))
                if empty { popElement() }
            case 15: // end element
                if !stack.isEmpty { popElement() }
            case 3, 4, 13, 14: // text, CDATA, whitespace
                if !stack.isEmpty, let v = xmlTextReaderConstValue(reader) {
                    var n = 0
                    while v[n] != 0 { n += 1 }
                    pendingText.append(contentsOf: UnsafeBufferPointer(start: v, count: n))
                }
            case 5: // entity reference (only if one slipped through the preparation)
                if !stack.isEmpty, let n = string(xmlTextReaderConstName(reader)), let v = HTMLEntities.named(n) { pendingText += v.utf8 }
            default:
                break
            }
        }
        while !stack.isEmpty { popElement() }
        if status != 0, let recovered = readRecovering(utf8, options: options, baseURL: baseURL) {
            // The streaming reader stops at the first fatal error; libxml2's tree builder in
            // recovery mode keeps going (mismatched end tags, stray text after the root).
            return recovered
        }
        guard let root else {
            throw .xml(line: max(sink.line, 1), message: sink.message ?? "no root element")
        }
        return root
    }

    static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"

    /// The tree of a well-formed document (namespaces included), built by libxml2's tree parser in
    /// one pass: faster than the streaming reader and, for such a document, the same tree. `nil` for
    /// anything else, which then goes through the reader and its recovery exactly as before.
    private static func readWellFormed(_ utf8: [UInt8], options: Int32, baseURL: String?) -> XMLElement? {
        guard let context = xmlNewParserCtxt() else { return nil }
        defer { xmlFreeParserCtxt(context) }
        let doc: xmlDocPtr? = utf8.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buf.count, 1)) { ptr in
                xmlCtxtReadMemory(context, ptr, Int32(buf.count), nil, "UTF-8", options)
            }
        }
        guard let doc else { return nil }
        defer { xmlFreeDoc(doc) }
        guard context.pointee.wellFormed == 1, context.pointee.nsWellFormed == 1,
              let rootNode = xmlDocGetRootElement(doc) else { return nil }
        var names = NameCache()
        var text: [UInt8] = []
        return convert(rootNode, parentBase: baseURL, names: &names, text: &text)
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
        var names = NameCache()
        var text: [UInt8] = []
        return convert(rootNode, parentBase: baseURL, names: &names, text: &text)
    }

    /// Converts `node` and its descendants. `text` is scratch space for text runs, empty on entry and on return.
    private static func convert(_ node: xmlNodePtr, parentBase: String?, names: inout NameCache, text: inout [UInt8]) -> XMLElement {
        var attributes: [XMLElement.Attribute] = []
        var property = node.pointee.properties
        while let p = property {
            let name = names.string(p.pointee.name) ?? ""
            let ns = p.pointee.ns.flatMap { names.string($0.pointee.href) }
            var value = ""
            var valueNode = p.pointee.children
            while let v = valueNode {
                if let content = v.pointee.content { value += String(cString: content) }
                valueNode = v.pointee.next
            }
            attributes.append(.init(name: name, namespace: ns, value: value))
            property = p.pointee.next
        }
        var base = parentBase
        if let xmlBase = attributes.first(where: { $0.name == "base" && $0.namespace == xmlNamespace })?.value {
            base = URIReference.resolve(xmlBase, against: parentBase)
        }
        let element = XMLElement(name: names.string(node.pointee.name) ?? "",
                                 prefix: node.pointee.ns.flatMap { names.string($0.pointee.prefix) },
                                 namespace: node.pointee.ns.flatMap { names.string($0.pointee.href) },
                                 attributes: attributes, base: base)
        var child = node.pointee.children
        func flushText() {
            if !text.isEmpty { element.append(.text(String(decoding: text, as: UTF8.self))); text.removeAll(keepingCapacity: true) }
        }
        while let c = child {
            switch c.pointee.type {
            case XML_ELEMENT_NODE:
                flushText()
                element.append(.element(convert(c, parentBase: base, names: &names, text: &text)))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = c.pointee.content {
                    var n = 0
                    while content[n] != 0 { n += 1 }
                    text.append(contentsOf: UnsafeBufferPointer(start: content, count: n))
                }
            case XML_ENTITY_REF_NODE:
                if let n = string(c.pointee.name), let v = HTMLEntities.named(n) { text += v.utf8 }
            default:
                break
            }
            child = c.pointee.next
        }
        flushText()
        return element
    }

    typealias NameCache = XMLNameCache

    private static func string(_ p: UnsafePointer<xmlChar>?) -> String? {
        guard let p else { return nil }
        return String(cString: p)
    }
}

/// Strings for the names libxml2 hands out (element and attribute names, prefixes, namespace
/// URIs), made once per distinct pointer. A cached entry is only used when its bytes still equal
/// the C string, so a pointer that is reused for another name never gives a stale string.
struct XMLNameCache {
    private var cache: [UnsafeRawPointer: String] = [:]

    mutating func string(_ p: UnsafePointer<xmlChar>?) -> String? {
        guard let p else { return nil }
        let key = UnsafeRawPointer(p)
        if let cached = cache[key], Self.equals(cached, p) { return cached }
        let s = String(cString: p)
        cache[key] = s
        return s
    }

    private static func equals(_ s: String, _ p: UnsafePointer<xmlChar>) -> Bool {
        s.withUTF8Bytes { b in
            for k in 0..<b.count where p[k] != b[k] { return false }
            return p[b.count] == 0
        }
    }
}

extension String {
    func trimmingWhitespace() -> String {
        // Fast path: a first and last byte that are ASCII and not whitespace mean nothing to trim
        // (an ASCII scalar other than LF never continues a grapheme cluster, and no whitespace
        // scalar starts one that it continues).
        let untouched: Bool = withUTF8Bytes { buf in
            guard let first = buf.first, let last = buf.last else { return true }
            return first < 0x80 && last < 0x80 && !UTF8Bytes.isASCIIWhitespace(first) && !UTF8Bytes.isASCIIWhitespace(last)
        }
        if untouched { return self }
        // ASCII whitespace around ASCII ends: every cluster there is one scalar (or CR LF), so
        // trimming bytes is trimming characters.
        let trimmed: String?? = withUTF8Bytes { buf in
            let n = buf.count
            var start = 0
            while start < n && UTF8Bytes.isASCIIWhitespace(buf[start]) { start += 1 }
            if start == n { return .some("") }
            var end = n
            while end > start && UTF8Bytes.isASCIIWhitespace(buf[end - 1]) { end -= 1 }
            guard buf[start] < 0x80 && buf[end - 1] < 0x80 else { return .none }
            return .some(String(decoding: UnsafeBufferPointer(rebasing: buf[start..<end]), as: UTF8.self))
        }
        if let trimmed { return trimmed! }
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }

    /// Runs of ASCII whitespace (space, tab, CR, LF, form feed) as one space, trimmed at both ends. NBSP is kept.
    func collapsingWhitespace() -> String {
        withUTF8Bytes { buf -> String in
            // Already collapsed: no leading or trailing whitespace, only single spaces between words.
            var clean = true
            var previousSpace = true
            for c in buf {
                if UTF8Bytes.isCollapsible(c) {
                    if c != 0x20 || previousSpace { clean = false; break }
                    previousSpace = true
                } else {
                    previousSpace = false
                }
            }
            if clean && (buf.isEmpty || !previousSpace) { return self }
            var out: [UInt8] = []
            out.reserveCapacity(buf.count)
            var pendingSpace = false
            for c in buf {
                if UTF8Bytes.isCollapsible(c) {
                    pendingSpace = !out.isEmpty
                } else {
                    if pendingSpace { out.append(0x20); pendingSpace = false }
                    out.append(c)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
