/// The formats a dropped file can hold, chosen by the extension of its name.
///
/// Adding a format means adding a case here, its extensions in `init(fileExtension:)`, and a
/// branch in `DocumentReader.items(of:)` (and `ArticleExtractor.extract(_:as:)` for an article format).
public enum DocumentFormat: Sendable, Hashable {
    /// `.txt`: first non-empty line is the title.
    case plainText
    /// `.md`, `.markdown`: optional front matter, then Markdown.
    case markdown
    /// `.html`, `.htm`.
    case html
    /// `.json`: one article object as news scrapers write it (or a JSON Feed).
    case json
    /// `.xml`, `.rss`, `.atom`, `.rdf`: a feed file (RSS 0.9x/2.0, Atom, RSS 1.0 RDF).
    case feedXML

    /// The format for a file extension (without the dot, any case), or `nil` when it is not one the
    /// drop folder reads.
    public init?(fileExtension: String) {
        switch fileExtension.lowercased() {
        case "txt": self = .plainText
        case "md", "markdown": self = .markdown
        case "html", "htm": self = .html
        case "json": self = .json
        case "xml", "rss", "atom", "rdf": self = .feedXML
        default: return nil
        }
    }

    /// The extension of a file name: the part after the last `.` of its last path component,
    /// as written (not lower-cased); empty when there is none or the name is a dotfile without one.
    public static func fileExtension(of name: String) -> String {
        let last = name.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? name
        guard let dot = last.lastIndex(of: "."), dot != last.startIndex else { return "" }
        return String(last[last.index(after: dot)...])
    }
}
