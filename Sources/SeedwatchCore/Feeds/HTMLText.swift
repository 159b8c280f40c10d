import CLibXML2

/// Reduces HTML (feed descriptions, `content:encoded`, Atom `html`/`xhtml` content) to text:
/// entities decoded once, tags removed, `script`/`style` dropped, each block element (`p`, `div`,
/// `li`, headings, table rows, …) and `<br>` a line break. Within a line, runs of ASCII whitespace
/// become one space; lines are trimmed and empty lines dropped. Parsed with libxml2's HTML parser
/// (`HTML_PARSE_NONET`, recovery on, errors silenced).
enum HTMLText {
    static func text(fromHTML html: String) -> String {
        if !html.utf8.contains(UInt8(ascii: "<")) {
            return lines(HTMLEntities.decodeOnce(html))
        }
        var utf8 = Array(html.utf8)
        if utf8.isEmpty { return "" }
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOIMPLIED.rawValue | HTML_PARSE_COMPACT.rawValue)
        // A wrapper keeps leading text and several top-level elements in one tree.
        utf8 = Array("<div>".utf8) + utf8 + Array("</div>".utf8)
        let doc: htmlDocPtr? = utf8.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                htmlReadMemory($0, Int32(buf.count), nil, "UTF-8", options)
            }
        }
        guard let doc else { return lines(html) }
        defer { xmlFreeDoc(doc) }
        var assembler = TextAssembler()
        var node = doc.pointee.children
        while let n = node {
            walk(n, into: &assembler)
            node = n.pointee.next
        }
        return assembler.finish()
    }

    /// The text of an element tree (Atom `type="xhtml"`, or markup written unescaped inside an RSS element).
    static func text(fromElement element: XMLElement) -> String {
        var assembler = TextAssembler()
        walk(element, into: &assembler, isRoot: true)
        return assembler.finish()
    }

    /// Plain text: each source line trimmed and whitespace-collapsed, empty lines dropped.
    static func lines(_ text: String) -> String {
        var a = TextAssembler()
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            a.append(String(line))
            a.lineBreak()
        }
        return a.finish()
    }

    private static func walk(_ node: xmlNodePtr, into a: inout TextAssembler) {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            if let c = node.pointee.content { a.append(String(cString: c)) }
        case XML_ELEMENT_NODE:
            let name = node.pointee.name.map { String(cString: $0).lowercased() } ?? ""
            if skipped.contains(name) { return }
            if name == "br" { a.lineBreak(); return }
            let block = blocks.contains(name)
            if block { a.lineBreak() }
            var child = node.pointee.children
            while let c = child {
                walk(c, into: &a)
                child = c.pointee.next
            }
            if block { a.lineBreak() } else if name == "td" || name == "th" { a.append(" ") }
        default:
            break
        }
    }

    private static func walk(_ element: XMLElement, into a: inout TextAssembler, isRoot: Bool = false) {
        let name = element.name.lowercased()
        if !isRoot {
            if skipped.contains(name) { return }
            if name == "br" { a.lineBreak(); return }
        }
        let block = !isRoot && blocks.contains(name)
        if block { a.lineBreak() }
        for child in element.children {
            switch child {
            case .text(let t): a.append(t)
            case .element(let e): walk(e, into: &a)
            }
        }
        if block { a.lineBreak() }
    }

    // Elements whose content is never text. (`iframe`, `object` and `embed` are walked: libxml2 puts
    // the text that follows an unclosed one inside it.)
    private static let skipped: Set<String> = ["script", "style", "noscript", "template", "head", "title"]
    private static let blocks: Set<String> = [
        "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
        "table", "tr", "thead", "tbody", "tfoot", "caption", "section", "article", "header", "footer", "aside", "nav",
        "figure", "figcaption", "hr", "address", "main", "form", "fieldset", "details", "summary", "body", "html",
    ]
}

/// Collects text runs and line breaks into trimmed, whitespace-collapsed lines joined by `"\n"`.
struct TextAssembler {
    private var lines: [String] = []
    private var current = ""

    mutating func append(_ text: String) { current += text }

    mutating func lineBreak() {
        let line = current.collapsingWhitespace()
        if !line.isEmpty { lines.append(line) }
        current = ""
    }

    mutating func finish() -> String {
        lineBreak()
        return lines.joined(separator: "\n")
    }
}
