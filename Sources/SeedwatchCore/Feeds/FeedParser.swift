import CLibXML2
import Foundation

/// Parses RSS 0.90–0.94 and 2.0, RSS 1.0 (RDF), Atom 0.3 and 1.0, and JSON Feed 1.0 and 1.1 from raw
/// bytes. The format is sniffed from the content (feeds served with the wrong Content-Type); the Content-Type only contributes its
/// `charset=`.
///
/// Encoding (a Content-Type without charset; a BOM or UTF-16): a byte order mark, then the HTTP `charset=`, then the XML declaration's
/// `encoding=`, then UTF-8 with each invalid byte read as Windows-1252 (``CharsetDecoder``).
/// XML goes through libxml2 without network access, DTD loading or entity expansion (external entities and entity bombs; see
/// ``XMLPreparation``). Titles, summaries and content that are UTF-8 decoded twice are repaired
/// (``DoubleEncodedUTF8``).
public enum FeedParser {
    /// Parses one feed document.
    ///
    /// - Parameters:
    ///   - bytes: the body exactly as received or read (transfer encodings already removed).
    ///   - contentType: the HTTP `Content-Type` value, if any; only its `charset=` parameter is used.
    ///   - baseURL: the document's URL (after redirects), against which relative links and `xml:base`
    ///     are resolved (RFC 3986 §5.2).
    /// - Returns: the feed and its items in document order, each with its item key (DESIGN §7).
    /// - Throws: ``FeedParseError/empty`` for an empty body, ``FeedParseError/notAFeed(found:)`` when the
    ///   content is not one of the formats, ``FeedParseError/xml(line:message:)`` when libxml2 finds no
    ///   root element, ``FeedParseError/json(message:)`` for malformed JSON.
    public static func parse(_ bytes: [UInt8], contentType: String? = nil, baseURL: String? = nil) throws(FeedParseError) -> ParsedFeed {
        try parse(bytes, contentType: contentType, baseURL: baseURL, streamingXML: true)
    }

    /// ``parse(_:contentType:baseURL:)``; with `streamingXML` false, XML is read as one tree even
    /// when well-formed (what the stream must equal: the tests compare the two).
    static func parse(_ bytes: [UInt8], contentType: String?, baseURL: String?, streamingXML: Bool) throws(FeedParseError) -> ParsedFeed {
        let (body, encoding) = try sniff(bytes, contentType: contentType)
        var feed: ParsedFeed
        switch body {
        case .xml(let utf8):
            feed = try streamingXML ? readXML(utf8, encoding: encoding, baseURL: baseURL)
                : readWholeXML(utf8, encoding: encoding, baseURL: baseURL)
        case .json(let utf8): feed = try JSONFeedReader.read(utf8, encoding: encoding, baseURL: baseURL)
        }
        DoubleEncodedUTF8.repair(&feed.title)
        for i in feed.items.indices { repair(&feed.items[i]) }
        ItemKey.assign(&feed.items)
        return feed
    }

    /// Text that is UTF-8 decoded twice (WordPress-style `&#226;&#128;&#153;`) is read once more as UTF-8.
    static func repair(_ item: inout FeedItem) {
        DoubleEncodedUTF8.repair(&item.title)
        DoubleEncodedUTF8.repair(&item.summary)
        DoubleEncodedUTF8.repair(&item.content)
    }

    /// A feed body as UTF-8, by syntax.
    enum Body {
        /// XML from its first `<`.
        case xml([UInt8])
        /// JSON from its `{`.
        case json([UInt8])
    }

    /// The body decoded (see the type's notes on encodings) and sniffed, with the encoding's label.
    /// - Throws: ``FeedParseError/empty``, ``FeedParseError/notAFeed(found:)`` for text that starts with neither `<` nor `{`.
    static func sniff(_ bytes: [UInt8], contentType: String?) throws(FeedParseError) -> (Body, encoding: String) {
        _ = libxml2Initialised
        let declared = [ContentType.charset(contentType), xmlDeclarationEncoding(bytes)]
        if let start = utf8MarkupStart(bytes, declared: declared) {
            // Valid UTF-8 XML: its bytes are already what decoding and re-encoding would give.
            return (.xml(start == 0 ? bytes : Array(bytes[start...])), label(.utf8))
        }
        if let start = utf8Start(of: UInt8(ascii: "{"), in: bytes, declared: declared) {
            // Valid UTF-8 JSON, likewise: no decoded String of the whole document and no second copy of its bytes (issue 11).
            return (.json(start == 0 ? bytes : Array(bytes[start...])), label(.utf8))
        }
        let decoded = CharsetDecoder.decode(bytes, declared: declared)
        let encoding = label(decoded.encoding)
        var text = Substring(decoded.text)
        while let f = text.first, f.isWhitespace || f == "\u{FEFF}" || f == "\0" { text.removeFirst() }
        guard let first = text.first else { throw .empty }
        if first == "{" {
            return (.json(Array(text.utf8)), encoding)
        } else if first == "<" {
            return (.xml(text.utf8.withContiguousStorageIfAvailable { Array($0) } ?? Array(text.utf8)), encoding)
        }
        throw .notAFeed(found: "text starting \"\(text.prefix(20))\"")
    }

    /// Reads decoded XML (UTF-8 bytes starting at its first `<`): streamed item by item
    /// (``FeedXMLItemStream``) when well-formed, else whole by the recovering readers.
    private static func readXML(_ utf8: [UInt8], encoding: String, baseURL: String?) throws(FeedParseError) -> ParsedFeed {
        if let stream = FeedXMLItemStream(utf8, baseURL: baseURL) {
            var items: [FeedItem] = []
            while let item = stream.next() { items.append(item) }
            switch stream.end(encoding: encoding) {
            case .feed(let format, let title, let link):
                return ParsedFeed(format: format, title: title, link: link, encoding: encoding, items: items)
            case .notAFeed(let error):
                throw error
            case .notWellFormed:
                break
            }
        }
        return try readWholeXML(utf8, encoding: encoding, baseURL: baseURL, knownIllFormed: true)
    }

    /// Reads decoded XML as one tree (the recovering readers for a document that is not well-formed).
    /// - Throws: ``FeedParseError/xml(line:message:)`` with libxml2's first error when the document
    ///   is not well-formed, holds item tags, and recovery leaves no item: a feed whose channel `<title>` is never
    ///   closed swallows every item, and such a feed must fail (its items are lost otherwise, while
    ///   it looks polled and healthy), not read as an empty feed. Recovered items are kept as they
    ///   are (a feed cut off mid-item still gives its first items).
    static func readWholeXML(_ utf8: [UInt8], encoding: String, baseURL: String?, knownIllFormed: Bool = false) throws(FeedParseError) -> ParsedFeed {
        let prepared = XMLPreparation.prepare(utf8)
        let root = try XMLTreeReader.read(prepared, baseURL: baseURL, knownIllFormed: knownIllFormed)
        guard let format = format(of: root) else {
            throw .notAFeed(found: "root element <\(root.prefix.map { $0 + ":" } ?? "")\(root.name)>")
        }
        let feed: ParsedFeed
        switch format {
        case .atom03, .atom10: feed = AtomReader.read(root, format: format, encoding: encoding)
        default: feed = RSSReader.read(root, format: format, encoding: encoding)
        }
        if feed.items.isEmpty && holdsAnItemTag(prepared) {
            // Rare (a document with item tags of which recovery kept none): read again without
            // recovery, which throws at the first well-formedness error, if there is one.
            _ = try XMLTreeReader.read(prepared, baseURL: baseURL, recover: false)
        }
        return feed
    }

    /// libxml2's first well-formedness error of decoded XML (1-based line and message), `nil` when
    /// the document is well-formed: what a recovered feed's warning names (tryout F26). Reads the
    /// document once more without recovery; only called for a document already found ill-formed.
    public static func firstWellFormednessError(_ utf8: [UInt8], baseURL: String?) -> (line: Int, message: String)? {
        do {
            _ = try XMLTreeReader.read(XMLPreparation.prepare(utf8), baseURL: baseURL, recover: false)
            return nil
        } catch {
            if case .xml(let line, let message) = error { return (line, message) }
            return (0, "\(error)")
        }
    }

    /// Whether UTF-8 XML holds an `<item` or `<entry` start tag (any prefix, ASCII case ignored,
    /// followed by `>`, `/` or whitespace): items were written, so a read without any lost them.
    static func holdsAnItemTag(_ utf8: [UInt8]) -> Bool {
        let names: [[UInt8]] = [Array("item".utf8), Array("entry".utf8)]
        var i = 0
        while i < utf8.count {
            guard utf8[i] == UInt8(ascii: "<") else { i += 1; continue }
            var nameStart = i + 1
            var j = nameStart
            while j < utf8.count, j - nameStart < 64, utf8[j] != UInt8(ascii: ">"), utf8[j] != UInt8(ascii: "/"), utf8[j] > 0x20 {
                if utf8[j] == UInt8(ascii: ":") { nameStart = j + 1 }
                j += 1
            }
            let length = j - nameStart
            if j < utf8.count, length > 0, names.contains(where: { name in
                name.count == length && zip(name, utf8[nameStart..<j]).allSatisfy { $0 == ($1 | 0x20) }
            }) {
                return true
            }
            i += 1
        }
        return false
    }

    /// The byte offset of the leading `<` when `bytes` would be decoded as UTF-8 by
    /// ``CharsetDecoder/decode(_:declared:)`` (no byte order mark, no UTF-16 signature, no other
    /// charset recognised first), are valid UTF-8, and start with ASCII whitespace or NUL bytes and
    /// then `<` followed by an ASCII byte (so `<` is a whole `Character`). `nil` otherwise: such
    /// bytes take the general decoding path.
    static func utf8MarkupStart(_ bytes: [UInt8], declared: [String?]) -> Int? {
        utf8Start(of: UInt8(ascii: "<"), in: bytes, declared: declared)
    }

    /// ``utf8MarkupStart(_:declared:)`` for a document whose first character is the ASCII byte
    /// `opening` (`<` for XML, `{` for a JSON Feed): its byte offset, or `nil` when the bytes take
    /// the general decoding path.
    static func utf8Start(of opening: UInt8, in bytes: [UInt8], declared: [String?]) -> Int? {
        var start = 0
        while start < bytes.count && (UTF8Bytes.isASCIIWhitespace(bytes[start]) || bytes[start] == 0) { start += 1 }
        guard start < bytes.count, bytes[start] == opening,
              start + 1 == bytes.count || bytes[start + 1] < 0x80 else { return nil }
        if CharsetDecoder.byteOrderMark(bytes) != nil { return nil }
        if bytes.count >= 4 {
            if bytes[0] == 0x3C && bytes[1] == 0 && bytes[2] == 0x3F && bytes[3] == 0 { return nil }
            if bytes[0] == 0 && bytes[1] == 0x3C && bytes[2] == 0 && bytes[3] == 0x3F { return nil }
        }
        for label in declared {
            guard let label, let encoding = CharsetDecoder.encoding(forLabel: label) else { continue }
            if case .utf16LE = encoding, !bytes.contains(0) { continue }
            if case .utf16BE = encoding, !bytes.contains(0) { continue }
            guard case .utf8 = encoding else { return nil }
            break
        }
        return UTF8Bytes.isValidUTF8(bytes) ? start : nil
    }

    /// What the format sniffing reads of the root's children that a stream detached (RSS 1.0 and
    /// 0.90 items beside the channel).
    struct DetachedRootChildren {
        var anyInRSS090Namespace = false
        var anyNamedItem = false

        mutating func note(name: String, namespace: String?) {
            if namespace == FeedNamespace.rss090 { anyInRSS090Namespace = true }
            if name == "item" { anyNamedItem = true }
        }
    }

    /// The format named by the root element (never by the Content-Type); `detachedChildren`: the
    /// root's children no longer in the tree.
    static func format(of root: XMLElement, detachedChildren: DetachedRootChildren = DetachedRootChildren()) -> FeedFormat? {
        switch root.name.lowercased() {
        case "rss":
            switch root.attribute("version")?.trimmingWhitespace() {
            case "0.91": return .rss091
            case "0.92": return .rss092
            case "0.90", "0.9": return .rss090
            default: return .rss20
            }
        case "rdf":
            let children = root.elements
            if root.namespace == FeedNamespace.rss090 || detachedChildren.anyInRSS090Namespace
                || children.contains(where: { $0.namespace == FeedNamespace.rss090 }) { return .rss090 }
            if detachedChildren.anyNamedItem || children.contains(where: { $0.name == "channel" || $0.name == "item" }) { return .rss10 }
            return nil
        case "feed":
            if root.namespace == FeedNamespace.atom03 || root.attribute("version")?.hasPrefix("0.") == true { return .atom03 }
            return .atom10
        default:
            return nil
        }
    }

    /// The `encoding=` of an XML declaration written in an ASCII-compatible encoding (after an optional UTF-8 BOM).
    static func xmlDeclarationEncoding(_ bytes: [UInt8]) -> String? {
        var i = 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { i = 3 }
        while i < bytes.count && XMLPreparation.isSpace(bytes[i]) { i += 1 }
        guard XMLPreparation.startsWith(bytes, i, "<?xml"), let end = XMLPreparation.find(bytes, i, "?>"), end - i < 400 else { return nil }
        if !bytes[i..<end].contains(where: { $0 >= 0x80 }) {
            // ASCII declaration (the usual case): the same reading on bytes.
            guard let at = XMLPreparation.find(bytes, i, "encoding"), at + 8 <= end else { return nil }
            // Skips space, tab, CR and LF, but not a CR LF pair: that is one `Character`, which the
            // general path below does not drop either.
            func skipSpace(_ k: inout Int) {
                while k < end && XMLPreparation.isSpace(bytes[k])
                        && !(bytes[k] == 0x0D && k + 1 < end && bytes[k + 1] == 0x0A) { k += 1 }
            }
            var k = at + 8
            skipSpace(&k)
            guard k < end, bytes[k] == UInt8(ascii: "=") else { return nil }
            k += 1
            skipSpace(&k)
            guard k < end, bytes[k] == UInt8(ascii: "\"") || bytes[k] == UInt8(ascii: "'") else { return nil }
            let quote = bytes[k]
            let start = k + 1
            var stop = start
            while stop < end && bytes[stop] != quote { stop += 1 }
            return stop > start ? String(decoding: bytes[start..<stop], as: UTF8.self) : nil
        }
        let decl = String(decoding: bytes[i..<end], as: UTF8.self)
        guard let r = decl.range(of: "encoding") else { return nil }
        var rest = decl[r.upperBound...].drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard rest.first == "=" else { return nil }
        rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let q = rest.first, q == "\"" || q == "'" else { return nil }
        let value = rest.dropFirst().prefix { $0 != q }
        return value.isEmpty ? nil : String(value)
    }

    /// The label reported in ``ParsedFeed/encoding``.
    static func label(_ encoding: CharsetDecoder.Encoding) -> String {
        switch encoding {
        case .utf8: return "utf-8"
        case .utf16LE: return "utf-16le"
        case .utf16BE: return "utf-16be"
        case .windows1252: return "windows-1252"
        case .other(let l): return l
        }
    }

    private static let libxml2Initialised: Bool = {
        xmlInitParser()
        return true
    }()
}
