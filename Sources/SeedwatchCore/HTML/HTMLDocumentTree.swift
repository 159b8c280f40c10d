import CLibXML2

/// An HTML document parsed by libxml2's HTML parser, owned for the lifetime of this value.
///
/// The parser is given UTF-8 (the caller decodes first) with `HTML_PARSE_NONET`, `NOERROR`,
/// `NOWARNING`, `RECOVER` and `XML_PARSE_HUGE` (no nesting limit), so it never touches the network, never prints, and always
/// returns a tree for tag soup.
final class HTMLDocumentTree {
    typealias Node = UnsafeMutablePointer<xmlNode>

    private let document: htmlDocPtr

    /// libxml2 must be initialised once before parsers run on several threads.
    private static let libraryInitialised: Bool = {
        xmlInitParser()
        return true
    }()

    /// True when libxml2 stopped before the end of the page even after ``HTMLNestingFlattener``
    /// (a nesting limit, or memory): text after that point is missing from the tree.
    let droppedText: Bool

    /// The nesting ``HTMLNestingFlattener`` keeps when libxml2 stopped at its limit: below 256
    /// (libxml2 without `XML_PARSE_HUGE`) and 2,048 (libxml2 2.12 and later with it).
    static let flattenedDepth = 200

    /// Parses UTF-8 HTML. Returns `nil` only when libxml2 cannot produce a document at all.
    /// - Parameter liftsDepthLimit: `XML_PARSE_HUGE` (always, but in the tests of the flattening,
    ///   which need libxml2's limit of 256 to be reached).
    ///   `flattenedDepth`: ``HTMLNestingFlattener``'s limit (the tests raise it past libxml2's to
    ///   reach the text that is dropped).
    init?(utf8 text: String, liftsDepthLimit: Bool = true, flattenedDepth: Int = HTMLDocumentTree.flattenedDepth) {
        _ = Self.libraryInitialised
        // XML_PARSE_HUGE lifts libxml2's nesting limit of 256 elements, beyond which it drops the
        // rest of the body without a word (issue 11: old pages with hundreds of unclosed `<font>`).
        // The input is already bounded by `max_bytes`, and every walk over the tree is iterative.
        // libxml2 2.12 and later keep a limit of 2,048 even then: a page that reaches it is
        // flattened (``HTMLNestingFlattener``) and read again.
        let options = Int32(bitPattern: HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_RECOVER.rawValue | (liftsDepthLimit ? XML_PARSE_HUGE.rawValue : 0))
        var bytes = Array(text.utf8)
        if bytes.isEmpty { bytes = Array("<html></html>".utf8) }
        guard var (parsed, stopped) = Self.parse(bytes, options: options) else { return nil }
        if stopped, let flat = Self.parse(HTMLNestingFlattener.flattened(bytes, limit: flattenedDepth), options: options) {
            xmlFreeDoc(parsed)
            (parsed, stopped) = flat
        }
        document = parsed
        droppedText = stopped
    }

    /// The document libxml2 makes of `bytes`, and whether it stopped before their end (it halts
    /// the parser, `disableSAX`, at its nesting limit or when memory runs out).
    private static func parse(_ bytes: [UInt8], options: Int32) -> (htmlDocPtr, stopped: Bool)? {
        guard let context = htmlNewParserCtxt() else { return nil }
        defer { htmlFreeParserCtxt(context) }
        let parsed = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                htmlCtxtReadMemory(context, pointer, Int32(clamping: buffer.count), nil, "UTF-8", options)
            }
        }
        guard let parsed else { return nil }
        return (parsed, context.pointee.disableSAX != 0)
    }

    deinit { xmlFreeDoc(document) }

    var root: Node? { xmlDocGetRootElement(document) }

    static func isElement(_ node: Node) -> Bool { node.pointee.type == XML_ELEMENT_NODE }

    static func isText(_ node: Node) -> Bool {
        node.pointee.type == XML_TEXT_NODE || node.pointee.type == XML_CDATA_SECTION_NODE
    }

    /// The element's tag name, lower-case (libxml2's HTML parser lower-cases names).
    static func name(_ node: Node) -> String {
        guard let name = node.pointee.name else { return "" }
        return String(cString: name)
    }

    /// The text of a text or CDATA node, entities already decoded by the parser.
    static func text(_ node: Node) -> String {
        guard let content = node.pointee.content else { return "" }
        return String(cString: content)
    }

    /// The value of an attribute (name compared case-insensitively), or `nil` when absent.
    static func attribute(_ node: Node, _ wanted: String) -> String? {
        var attribute = node.pointee.properties
        while let a = attribute {
            if let name = a.pointee.name, String(cString: name).lowercased() == wanted {
                var value = ""
                var child = a.pointee.children
                while let c = child {
                    if let content = c.pointee.content { value += String(cString: content) }
                    child = c.pointee.next
                }
                return value
            }
            attribute = a.pointee.next
        }
        return nil
    }

    static func children(_ node: Node) -> [Node] {
        var result: [Node] = []
        var child = node.pointee.children
        while let c = child {
            result.append(c)
            child = c.pointee.next
        }
        return result
    }

    /// Every element under `node` (itself included), in document order, without recursion.
    static func elements(under node: Node) -> [Node] {
        var result: [Node] = []
        var stack: [Node] = [node]
        while let n = stack.popLast() {
            guard isElement(n) else { continue }
            result.append(n)
            stack.append(contentsOf: children(n).reversed())
        }
        return result
    }

    /// All text under `node`, concatenated as is (for `<title>`, `<script>` contents).
    static func textContent(_ node: Node) -> String {
        var result = ""
        var stack: [Node] = [node]
        while let n = stack.popLast() {
            if isText(n) { result += text(n) }
            stack.append(contentsOf: children(n).reversed())
        }
        return result
    }
}
