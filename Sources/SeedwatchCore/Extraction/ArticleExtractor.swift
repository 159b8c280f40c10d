/// Turns a `Document` (a dropped file) into the articles it holds. Pure: no file I/O.
///
/// The format is chosen by the extension of `Document.nameHint`, case-insensitively
/// (see `DocumentFormat`). Text decoding never fails: bytes are decoded as `CharsetDecoder`
/// does (BOM, then declared charset, then UTF-8 with invalid bytes read as Windows-1252),
/// and no byte order mark reaches a title or body.
public enum ArticleExtractor {
    /// Extracts the articles of `document`.
    ///
    /// - Returns: one article for `.txt`, `.md`/`.markdown`, `.html`/`.htm` and a news-scraper `.json`
    ///   object; one per element for a `.json` top-level array of article objects.
    /// - Throws: `ExtractionError.empty` for 0 bytes; `.binary(reason:)` for NUL bytes (without a
    ///   UTF-16 BOM) or a PDF/PNG/JPEG/GIF/ZIP/gzip/ELF signature; `.unsupportedType(extension:)` for
    ///   an unknown extension and, for now, for feed files (`.xml`, `.rss`, `.atom`, JSON Feed);
    ///   `.malformed(reason:)` for a `.json` that is not an article object.
    public static func extract(_ document: Document) throws(ExtractionError) -> [Article] {
        let fileExtension = DocumentFormat.fileExtension(of: document.nameHint)
        guard let format = DocumentFormat(fileExtension: fileExtension) else {
            throw .unsupportedType(extension: fileExtension.lowercased())
        }
        let bytes = document.bytes
        if bytes.isEmpty { throw .empty }
        if let reason = BinarySniffer.binaryReason(bytes) { throw .binary(reason: reason) }
        let headerCharset = ContentType.charset(document.contentType)

        switch format {
        case .plainText:
            return [PlainTextExtractor.extract(decodeText(bytes, headerCharset: headerCharset))]
        case .markdown:
            return [MarkdownExtractor.extract(decodeText(bytes, headerCharset: headerCharset))]
        case .html:
            return [HTMLExtractor.extract(bytes, headerCharset: headerCharset)]
        case .json:
            return try JSONArticleExtractor.extract(decodeText(bytes, headerCharset: headerCharset))
        case .feedXML:
            throw .unsupportedType(extension: fileExtension.lowercased())
        }
    }

    /// Decodes text content; the result never starts with U+FEFF.
    static func decodeText(_ bytes: [UInt8], headerCharset: String?) -> String {
        CharsetDecoder.decodeText(bytes, declared: [headerCharset])
    }
}
