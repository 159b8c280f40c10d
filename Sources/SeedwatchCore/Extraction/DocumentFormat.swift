/// The formats a dropped file can hold, chosen by the extension of its name.
///
/// Adding a format means adding a case here, its extensions in `init(fileExtension:)`, and a
/// branch in `DocumentReader.items(of:)` (and `ArticleExtractor.extract(_:as:)` for an article format).
public enum DocumentFormat: Sendable, Hashable {
    /// `.txt`, `.text`: first non-empty line is the title.
    case plainText
    /// `.md`, `.markdown`: optional front matter, then Markdown.
    case markdown
    /// `.html`, `.htm`, `.xhtml`, and pages saved under a server's name (`.shtml`, `.php`, `.asp`,
    /// `.aspx`, `.jsp`), as wget and browsers save them.
    case html
    /// `.json`: one article object as news scrapers write it (or a JSON Feed).
    case json
    /// `.xml`, `.rss`, `.atom`, `.rdf`: a feed file (RSS 0.9x/2.0, Atom, RSS 1.0 RDF).
    case feedXML

    /// The format for a file extension (without the dot, any case), or `nil` when it is not one the
    /// drop folder reads.
    public init?(fileExtension: String) {
        switch fileExtension.lowercased() {
        case "txt", "text": self = .plainText
        case "md", "markdown": self = .markdown
        case "html", "htm", "xhtml", "shtml", "php", "asp", "aspx", "jsp": self = .html
        case "json": self = .json
        case "xml", "rss", "atom", "rdf": self = .feedXML
        default: return nil
        }
    }

    /// The format to read `bytes` as: a page saved as `.txt` or `.md` (its first bytes, after a
    /// UTF-8 byte order mark and white space, are `<!DOCTYPE html` or `<html`, any case) is HTML;
    /// read as text, its markup would be the title and the body.
    public func sniffed(_ bytes: [UInt8]) -> DocumentFormat {
        guard self == .plainText || self == .markdown else { return self }
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while i < bytes.count, bytes[i] == 0x20 || (bytes[i] >= 0x09 && bytes[i] <= 0x0D) { i += 1 }
        let head = bytes[i..<min(bytes.count, i + 14)].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        let isPage = head.starts(with: Array("<!doctype html".utf8)) || head.starts(with: Array("<html".utf8))
        return isPage ? .html : self
    }

    /// The extension of a file name: the part after the last `.` of its last path component,
    /// as written (not lower-cased); empty when there is none or the name is a dotfile without one.
    public static func fileExtension(of name: String) -> String {
        let last = name.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? name
        guard let dot = last.lastIndex(of: "."), dot != last.startIndex else { return "" }
        return String(last[last.index(after: dot)...])
    }
}
