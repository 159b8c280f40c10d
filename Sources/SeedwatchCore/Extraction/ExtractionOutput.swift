/// What `seedwatch extract` prints for one article: the text the matcher reads, as a readable
/// view or as one JSON line.
public enum ExtractionOutput {
    /// The readable view: the title on the first line (an empty line when the article has none),
    /// then the body, one block per line, ending with `"\n"`. Apart from that first line, this is
    /// ``Article/extractedText``, the text matching reads and evidence offsets point into.
    public static func text(_ article: Article) -> String {
        article.title + "\n" + (article.body.isEmpty ? "" : article.body + "\n")
    }

    /// One JSON object (RFC 8259) and `"\n"`, keys in this order: `path` (the input's path as
    /// given, ``PathText`` for bytes that are not UTF-8; `-` for standard input; `PATH#N` for item N
    /// of a feed or JSON array, as the labels name items), `title`, `text`
    /// (the body, blocks separated by `"\n"`), `published` (RFC 3339 UTC, second precision, or
    /// `null`), `url` (or `null`), `language` (ISO 639-1 code from ``Article/language`` or `null`).
    /// Strings are escaped so that the line holds no raw line break (``JSONLineBuilder``).
    ///
    /// - Parameters:
    ///   - path: the input's path (with `#N` for an item), raw bytes.
    ///   - article: one article of that input (a feed file gives one per item).
    public static func jsonLine(path: [UInt8], article: Article) -> [UInt8] {
        var json = JSONLineBuilder()
        json.beginObject()
        json.key("path"); json.string(PathText.encode(path))
        json.key("title"); json.string(article.title)
        json.key("text"); json.string(article.body)
        json.key("published"); json.optionalString(article.published.map(AlertTimestamp.format))
        json.key("url"); json.optionalString(article.url)
        json.key("language"); json.optionalString(article.language)
        json.endObject()
        return json.bytes + [0x0A]
    }
}
