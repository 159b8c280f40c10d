/// Turns a `Document` holding one article file into its articles. Pure: no file I/O.
///
/// The format is chosen by the extension of `Document.nameHint`, case-insensitively
/// (see `DocumentFormat`). Text decoding never fails: bytes are decoded as `CharsetDecoder`
/// does (BOM, then declared charset, then UTF-8 with invalid bytes read as Windows-1252),
/// and no byte order mark reaches a title or body. Feed files are not articles: ``DocumentReader``
/// reads every format, feeds included.
public enum ArticleExtractor {
    /// Extracts the articles of `document`.
    ///
    /// - Returns: one article for `.txt`, `.md`/`.markdown`, `.html`/`.htm` and a news-scraper `.json`
    ///   object; one per element for a `.json` top-level array of article objects.
    /// - Throws: `ExtractionError.empty` for 0 bytes; `.binary(reason:)` for NUL bytes (without a
    ///   UTF-16 BOM) or a PDF/PNG/JPEG/GIF/ZIP/gzip/ELF signature; `.unsupportedType(extension:)` for
    ///   an unknown extension and for feed files (`.xml`, `.rss`, `.atom`, JSON Feed), which hold
    ///   items rather than one article; `.malformed(reason:)` for a `.json` that is not an article object.
    public static func extract(_ document: Document) throws(ExtractionError) -> [Article] {
        let fileExtension = DocumentFormat.fileExtension(of: document.nameHint)
        guard let format = DocumentFormat(fileExtension: fileExtension), format != .feedXML else {
            throw .unsupportedType(extension: fileExtension.lowercased())
        }
        return try extract(document, as: format.sniffed(document.bytes))
    }

    /// Extracts the articles of `document` read as `format` (any but `.feedXML`).
    /// - Throws: as ``extract(_:)``.
    static func extract(_ document: Document, as format: DocumentFormat) throws(ExtractionError) -> [Article] {
        switch format {
        case .plainText:
            // Read straight from the bytes (valid UTF-8 is not copied into a String first, and
            // invalid UTF-8 is repaired line by line, not copied whole: issue 15).
            let (bytes, needsRepair) = CharsetDecoder.textUTF8(try readableBytes(of: document), declared: [headerCharset(of: document)])
            return [bytes.withUnsafeBufferPointer { PlainTextExtractor.extract(utf8: $0, repairing: needsRepair) }]
        case .markdown:
            return [MarkdownExtractor.extract(try text(of: document))]
        case .html:
            let bytes = try readableBytes(of: document)
            return [HTMLExtractor.extract(bytes, headerCharset: headerCharset(of: document))]
        case .json:
            switch try JSONArticleExtractor.read(text(of: document)) {
            case .articles(let articles): return articles
            case .jsonFeed: throw .unsupportedType(extension: "json")
            }
        case .feedXML:
            throw .unsupportedType(extension: DocumentFormat.fileExtension(of: document.nameHint).lowercased())
        }
    }

    /// The document's bytes when they may be text.
    /// - Throws: `.empty` for 0 bytes, `.binary(reason:)` as ``BinarySniffer/binaryReason(_:)``.
    static func readableBytes(of document: Document) throws(ExtractionError) -> [UInt8] {
        if document.bytes.isEmpty { throw .empty }
        if let reason = BinarySniffer.binaryReason(document.bytes) { throw .binary(reason: reason) }
        return document.bytes
    }

    /// The document's text (``readableBytes(of:)`` decoded); it never starts with U+FEFF.
    static func text(of document: Document) throws(ExtractionError) -> String {
        decodeText(try readableBytes(of: document), headerCharset: headerCharset(of: document))
    }

    /// The `charset=` of the document's Content-Type, if any.
    private static func headerCharset(of document: Document) -> String? {
        ContentType.charset(document.contentType)
    }

    /// Decodes text content; the result never starts with U+FEFF.
    static func decodeText(_ bytes: [UInt8], headerCharset: String?) -> String {
        CharsetDecoder.decodeText(bytes, declared: [headerCharset])
    }
}
