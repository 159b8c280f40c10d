/// Reads the feeds of an OPML file (opml.org/spec2.opml, OPML 1.0 and 2.0): every `<outline>` with
/// an `xmlUrl` attribute, at any depth — categories are outlines holding outlines — in document
/// order. An outline's `type` is not required to be `rss`: many exporters omit it or write
/// `atom`; an outline without `xmlUrl` (a category, a link) is counted, not imported.
public enum OPMLReader {
    /// What an OPML file lists.
    public struct Result: Sendable, Equatable {
        /// The feeds, in document order, duplicates kept (the caller reports them).
        public var feeds: [OPMLFeed]
        /// Outlines without `xmlUrl` (category outlines holding feeds are not counted).
        public var skippedOutlines: Int
    }

    /// Why a file is not a readable OPML document.
    public enum ReadError: Error, Equatable, CustomStringConvertible {
        /// The XML is not well-formed; `line` is 1-based (libxml2's).
        case xml(line: Int, message: String)
        /// The root element is not `<opml>`; `found` is its name.
        case notOPML(found: String)
        /// The document has no `<body>`.
        case noBody

        public var description: String {
            switch self {
            case .xml(let line, let message): "line \(line): XML error: \(message)"
            case .notOPML(let found): "not an OPML file: the root element is <\(found)>, not <opml>"
            case .noBody: "not an OPML file: <opml> has no <body>"
            }
        }
    }

    /// The feeds of an OPML document.
    /// - Parameter bytes: the file's bytes, decoded as feeds are (``FeedParser``: byte order mark,
    ///   then the XML declaration's `encoding=`, then UTF-8).
    /// - Throws: ``ReadError``; ill-formed XML is an error, never partly read.
    public static func read(_ bytes: [UInt8]) throws(ReadError) -> Result {
        let root: XMLElement
        do {
            root = try XMLTreeReader.read(XMLPreparation.prepare(utf8(bytes)), baseURL: nil, recover: false)
        } catch {
            if case .xml(let line, let message) = error { throw .xml(line: line, message: message) }
            throw .xml(line: 1, message: error.description)
        }
        guard root.name == "opml" else { throw .notOPML(found: root.name) }
        guard let body = root.elements.first(where: { $0.name == "body" }) else { throw .noBody }
        var result = Result(feeds: [], skippedOutlines: 0)
        collect(body, into: &result)
        return result
    }

    /// The document as UTF-8 starting at its first `<` (leading whitespace lines kept out of the count).
    private static func utf8(_ bytes: [UInt8]) -> [UInt8] {
        let declared = [FeedParser.xmlDeclarationEncoding(bytes)]
        if let start = FeedParser.utf8MarkupStart(bytes, declared: declared) { return start == 0 ? bytes : Array(bytes[start...]) }
        var text = Substring(CharsetDecoder.decode(bytes, declared: declared).text)
        while let f = text.first, f.isWhitespace || f == "\u{FEFF}" || f == "\0" { text.removeFirst() }
        return Array(text.utf8)
    }

    private static func collect(_ parent: XMLElement, into result: inout Result) {
        for outline in parent.elements where outline.name == "outline" {
            if let url = nonEmpty(outline.attribute("xmlUrl")).map(httpURL(ofFeedURL:)) {
                result.feeds.append(OPMLFeed(url: url, title: nonEmpty(outline.attribute("title")) ?? nonEmpty(outline.attribute("text"))))
            } else if !outline.hasElementChildren {
                result.skippedOutlines += 1
            }
            collect(outline, into: &result)
        }
    }

    /// A `feed:` URL of old OPML exports as the `http(s)` URL it stands for: `feed://host/path` →
    /// `http://host/path`, `feed:https://host/path` → `https://host/path` (the scheme is matched
    /// case-insensitively); any other URL as given.
    public static func httpURL(ofFeedURL url: String) -> String {
        guard url.lowercased().hasPrefix("feed:") else { return url }
        let rest = url.dropFirst(5)
        if rest.hasPrefix("//") { return "http:" + rest }
        let lowered = rest.lowercased()
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") { return String(rest) }
        return url
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingWhitespace(), !trimmed.isEmpty else { return nil }
        return trimmed
    }
}
