import CLibXML2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reduces HTML (feed descriptions, `content:encoded`, Atom `html`/`xhtml` content) to text by the
/// rules of ``HTMLElements``: entities decoded once, tags removed, the content of
/// ``HTMLElements/neverText`` dropped, each block element (`p`, `div`, `li`, headings, table rows,
/// …) and `<br>` a line break, a space after each table cell. Within a line, runs of ASCII whitespace
/// become one space; lines are trimmed and empty lines dropped. Parsed with libxml2's HTML parser
/// (`HTML_PARSE_NONET`, recovery on, errors silenced).
enum HTMLText {
    static func text(fromHTML html: String) -> String {
        text(fromHTML: html, dropsEmbedded: false)
    }

    /// A title declared as HTML (Atom `type="html"`, Atom 0.3 `text/html`) as one line of text: the
    /// HTML parsed once (that parse is the single entity pass: entities decoded exactly once), tags removed, the content
    /// of ``HTMLElements/neverText`` and of embedded, non-text elements (`applet`, `object`, `iframe`,
    /// `frameset`, …, ``HTMLElements/embedded``) dropped, whitespace (line breaks included) collapsed to single
    /// spaces and trimmed. `Use of the &lt;b&gt; tag` → `Use of the <b> tag`.
    static func title(fromHTML html: String) -> String {
        text(fromHTML: html, dropsEmbedded: true).collapsingWhitespace()
    }

    /// An XHTML title (Atom `type="xhtml"`, Atom 0.3 `application/xhtml+xml`) as one line of text,
    /// by the rules of ``title(fromHTML:)``.
    static func title(fromElement element: XMLElement) -> String {
        var assembler = TextAssembler()
        walk(element, into: &assembler, isRoot: true, dropsEmbedded: true)
        return assembler.finish().collapsingWhitespace()
    }

    private static func text(fromHTML html: String, dropsEmbedded: Bool) -> String {
        html.withUTF8Bytes { text(fromHTMLBytes: $0, dropsEmbedded: dropsEmbedded) }
    }

    /// ``text(fromHTML:)`` of UTF-8 bytes (valid UTF-8, e.g. an element's text in the feed document).
    static func text(fromHTMLBytes bytes: UnsafeBufferPointer<UInt8>, dropsEmbedded: Bool = false) -> String {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return "" }
        if memchr(base, Int32(UInt8(ascii: "<")), bytes.count) == nil {
            var a = TextAssembler(capacity: bytes.count)
            if memchr(base, Int32(UInt8(ascii: "&")), bytes.count) == nil {
                a.appendLines(bytes: bytes)
            } else {
                var decoded: [UInt8] = []
                HTMLEntities.decodeOnce(bytes, into: &decoded)
                decoded.withUnsafeBufferPointer { a.appendLines(bytes: $0) }
            }
            return a.finish()
        }
        if let text = scanText(fromHTMLBytes: bytes, dropsEmbedded: dropsEmbedded) { return text }
        let html = String(decoding: bytes, as: UTF8.self)
        var utf8 = Array(bytes)
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
            walk(n, into: &assembler, dropsEmbedded: dropsEmbedded)
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
        a.appendLines(text)
        return a.finish()
    }

    private static func walk(_ node: xmlNodePtr, into a: inout TextAssembler, dropsEmbedded: Bool) {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            if let c = node.pointee.content {
                var n = 0
                while c[n] != 0 { n += 1 }
                a.append(bytes: UnsafeBufferPointer(start: c, count: n))
            }
        case XML_ELEMENT_NODE:
            let kind = node.pointee.name.map(kind(ofName:)) ?? .other
            if kind == .skipped || (kind == .embedded && dropsEmbedded) { return }
            if kind == .lineBreak { a.lineBreak(); return }
            if kind == .block { a.lineBreak() }
            var child = node.pointee.children
            while let c = child {
                walk(c, into: &a, dropsEmbedded: dropsEmbedded)
                child = c.pointee.next
            }
            if kind == .block { a.lineBreak() } else if kind == .cell { a.append(" ") }
        default:
            break
        }
    }

    private static func walk(_ element: XMLElement, into a: inout TextAssembler, isRoot: Bool = false, dropsEmbedded: Bool = false) {
        let name = element.name.lowercased()
        if !isRoot {
            if skipped.contains(name) || (dropsEmbedded && embedded.contains(name)) { return }
            if name == "br" { a.lineBreak(); return }
        }
        let block = !isRoot && blocks.contains(name)
        if block { a.lineBreak() }
        for child in element.children {
            switch child {
            case .text(let t): a.append(t)
            case .element(let e): walk(e, into: &a, dropsEmbedded: dropsEmbedded)
            }
        }
        if block { a.lineBreak() }
    }

    /// What an HTML element name means for the text (``HTMLElements``): dropped with its content,
    /// embedded, `br`, a block, a table cell, void (never open, no text), or nothing.
    enum Kind { case skipped, embedded, lineBreak, block, cell, void, other }

    /// The kind of an ASCII element name given as bytes (any case); `nil` for a name with a
    /// non-ASCII byte. No name in the tables is longer than 16 bytes, so a longer one is `.other`.
    static func kind(ofASCIIName name: UnsafeBufferPointer<UInt8>) -> Kind? {
        if name.count > 16 { return .other }
        var key = (UInt64(0), UInt64(0))
        for n in 0..<name.count {
            let c = name[n]
            if c >= 0x80 { return nil }
            let lower = UInt64(c >= 0x41 && c <= 0x5A ? c + 0x20 : c)
            if n < 8 { key.0 |= lower << (8 * n) } else { key.1 |= lower << (8 * (n - 8)) }
        }
        return kindsByKey[PackedName(low: key.0, high: key.1)] ?? .other
    }

    /// The kind of an element name, matched without case (`String.lowercased()`), read from the C
    /// string without making a `String` when the name is ASCII.
    private static func kind(ofName p: UnsafePointer<xmlChar>) -> Kind {
        kind(ofASCIIName: UnsafeBufferPointer(start: p, count: strlen(p))) ?? kind(of: String(cString: p).lowercased())
    }

    private static func kind(of lowercasedName: String) -> Kind {
        if skipped.contains(lowercasedName) { return .skipped }
        if embedded.contains(lowercasedName) { return .embedded }
        if lowercasedName == "br" { return .lineBreak }
        if blocks.contains(lowercasedName) { return .block }
        if HTMLElements.cells.contains(lowercasedName) { return .cell }
        if HTMLElements.voids.contains(lowercasedName) { return .void }
        return .other
    }

    /// An ASCII name of at most 16 bytes, packed little-endian into two words.
    private struct PackedName: Hashable {
        var low: UInt64
        var high: UInt64

        init(low: UInt64, high: UInt64) {
            self.low = low
            self.high = high
        }

        init(_ name: String) {
            low = 0
            high = 0
            for (n, c) in name.utf8.enumerated() {
                if n < 8 { low |= UInt64(c) << (8 * n) } else { high |= UInt64(c) << (8 * (n - 8)) }
            }
        }
    }

    private static let kindsByKey: [PackedName: Kind] = {
        var map: [PackedName: Kind] = [:]
        for name in skipped.union(embedded).union(blocks).union(HTMLElements.cells).union(HTMLElements.voids) {
            map[PackedName(name)] = kind(of: name)
        }
        return map
    }()

    private static let skipped = HTMLElements.neverText
    private static let embedded = HTMLElements.embedded
    private static let blocks = HTMLElements.blocks
}

/// Collects text runs and line breaks into trimmed, whitespace-collapsed lines joined by `"\n"`.
/// Works on UTF-8 bytes: within a line, runs of space, tab, CR, LF and form feed become one space;
/// lines are trimmed and empty lines dropped.
struct TextAssembler {
    private var out: [UInt8] = []
    /// The current line has a non-whitespace byte.
    private var lineStarted = false
    /// Whitespace was seen after the current line's last non-whitespace byte.
    private var pendingSpace = false

    init() {}

    /// An assembler whose output buffer starts with room for `capacity` bytes.
    init(capacity: Int) {
        out.reserveCapacity(capacity)
    }

    mutating func append(_ text: String) {
        text.withUTF8Bytes { append(bytes: $0) }
    }

    /// Appends text bytes; each run of words separated by single spaces is copied at once.
    mutating func append(bytes: UnsafeBufferPointer<UInt8>) {
        var i = 0
        let n = bytes.count
        while i < n {
            if UTF8Bytes.isCollapsible(bytes[i]) {
                pendingSpace = lineStarted
                i += 1
                continue
            }
            // The run extends over single spaces between words: they are copied as they are.
            var j = i + 1
            while j < n {
                let c = bytes[j]
                if !UTF8Bytes.isCollapsible(c) { j += 1; continue }
                if c == 0x20 && j + 1 < n && !UTF8Bytes.isCollapsible(bytes[j + 1]) { j += 2; continue }
                break
            }
            if !lineStarted {
                if !out.isEmpty { out.append(0x0A) }
                lineStarted = true
            } else if pendingSpace {
                out.append(0x20)
            }
            pendingSpace = false
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<j]))
            i = j
        }
    }

    /// Appends `text` with each `"\n"` character a line break. A CR LF pair is one character
    /// (one grapheme cluster) that is not `"\n"`: it counts as whitespace, not as a break.
    mutating func appendLines(_ text: String) {
        text.withUTF8Bytes { appendLines(bytes: $0) }
    }

    /// ``appendLines(_:)`` of UTF-8 bytes.
    mutating func appendLines(bytes buf: UnsafeBufferPointer<UInt8>) {
        var start = 0
        for k in 0..<buf.count where buf[k] == 0x0A && (k == 0 || buf[k - 1] != 0x0D) {
            append(bytes: UnsafeBufferPointer(rebasing: buf[start..<k]))
            lineBreak()
            start = k + 1
        }
        append(bytes: UnsafeBufferPointer(rebasing: buf[start..<buf.count]))
    }

    mutating func lineBreak() {
        lineStarted = false
        pendingSpace = false
    }

    mutating func finish() -> String {
        lineBreak()
        return String(decoding: out, as: UTF8.self)
    }
}
