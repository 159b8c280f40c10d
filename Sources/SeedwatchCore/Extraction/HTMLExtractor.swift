/// `.html` / `.htm`: one article from a web page.
///
/// Decoding: BOM, then the HTTP `charset=` (fetched documents only), then `<meta charset>` or
/// `<meta http-equiv="Content-Type">`, then UTF-8 with invalid bytes read as Windows-1252
/// (`CharsetDecoder`); libxml2 is then given UTF-8.
///
/// Body: the part of the page where the article's paragraphs are (``ContentScope``): the `article`
/// or `main` element holding them, else the best-scoring element and its scoring siblings; furniture,
/// figures and link lists inside it are dropped. See `HTMLTextWalker`
/// for line breaking and `HTMLMetadata` for title, date and URL. A first body line equal to the
/// title is dropped.
enum HTMLExtractor {
    typealias Tree = HTMLDocumentTree

    /// `liftsDepthLimit` and `flattenedDepth`: as ``HTMLDocumentTree/init(utf8:liftsDepthLimit:flattenedDepth:)`` (tests only).
    static func extract(_ bytes: [UInt8], headerCharset: String?, liftsDepthLimit: Bool = true,
                        flattenedDepth: Int = HTMLDocumentTree.flattenedDepth) -> Article {
        let declared = [headerCharset, HTMLCharset.metaCharset(bytes)]
        let text = CharsetDecoder.decodeText(bytes, declared: declared)
        guard let tree = Tree(utf8: text, liftsDepthLimit: liftsDepthLimit, flattenedDepth: flattenedDepth), let root = tree.root
        else { return Article(title: "", body: "") }
        let metadata = HTMLMetadata(root: root)
        let lines = ContentScope.lines(root: root)
        var article = withExtendedLifetime(tree) {
            TextLines.article(title: metadata.title, lines: lines, published: metadata.published, url: metadata.url)
        }
        if tree.droppedText {
            article.extractionWarning = "the page nests elements deeper than the HTML parser reads even when flattened: "
                + "its text after that depth is dropped"
        }
        return article
    }
}
