import Crypto
import Foundation

/// The digest of a feed item's title and body as the feed gave them (``FeedItem/sourceHash``): what
/// tells that an item kept under its GUID was edited (DESIGN §7; an edited item is read again).
///
/// It hashes the text of the title element and of the element the body is read from (RSS
/// `content:encoded` or the other content elements, else the summary; Atom `content`, else
/// `summary`; JSON Feed `content_html`/`content_text`, else `summary`), CDATA and XML references
/// decoded by the XML parser, each run of spaces, tabs, CR and LF taken as one space and none at
/// either end (a document read whole or as a stream may break its line ends differently), and
/// nothing else: no HTML reduced to text. So a release that reads HTML differently leaves every
/// hash as it was, and no item looks edited after an upgrade. The value is `src1:` and the hex
/// SHA-256 (FIPS 180-4) of the title's UTF-8 bytes, one NUL byte and the body's UTF-8 bytes (both
/// with whitespace so folded); an older seen mark holds the 64 hex digits of the extracted text's
/// hash instead (``isSourceHash(_:)`` tells them apart).
public enum FeedItemSource {
    /// The prefix of a source hash (version 1 of its definition).
    public static let prefix = "src1:"

    /// Whether `hash` is a source hash (``prefix``), not a hash of extracted text from an earlier release.
    public static func isSourceHash(_ hash: String) -> Bool { hash.hasPrefix(prefix) }

    /// The source hash of an item whose title and body are given as text.
    /// - Parameters:
    ///   - title: the title as the feed gave it (`nil`: no title).
    ///   - body: the body the item's article is read from, as the feed gave it (`nil`: none).
    public static func hash(title: String?, body: String?) -> String {
        var sha = SHA256()
        if let title { sha.update(data: folded(title)) }
        sha.update(data: [0])
        if let body { sha.update(data: folded(body)) }
        return prefix + Hex.encode(Array(sha.finalize()))
    }

    /// The UTF-8 bytes of `text` with each run of ASCII whitespace (space, tab, CR, LF) as one
    /// space, none at the start or the end.
    static func folded(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for byte in text.utf8 {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(0x20); pendingSpace = false }
            out.append(byte)
        }
        return out
    }

    /// The source hash of an item whose title and body are XML elements: of their whole text
    /// (``XMLElement/textContent``: all text descendants in document order, not the tags of child
    /// elements), since a document read in pieces (a stream) may hold an element's text in several
    /// runs and the hash must not depend on how it was read.
    static func hash(title: XMLElement?, body: XMLElement?) -> String {
        hash(title: title?.textContent, body: body?.textContent)
    }
}
