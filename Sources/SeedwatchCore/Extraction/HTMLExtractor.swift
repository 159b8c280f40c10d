/// `.html` / `.htm`: one article from a web page.
///
/// Decoding: BOM, then the HTTP `charset=` (fetched documents only), then `<meta charset>` or
/// `<meta http-equiv="Content-Type">`, then UTF-8 with invalid bytes read as Windows-1252
/// (`CharsetDecoder`); libxml2 is then given UTF-8 (valid UTF-8 pages as they are, without a copy).
///
/// Body: the part of the page where the article's paragraphs are (``ContentScope``): the `article`
/// or `main` element holding them, else the best-scoring element and its scoring siblings; furniture,
/// figures and link lists inside it are dropped. See `HTMLTextWalker`
/// for line breaking and `HTMLMetadata` for title, date and URL. A first body line equal to the
/// title is dropped.
///
/// Memory: the page's text is held once, in the buffer that becomes the body (``HTMLDocumentTree``
/// keeps its text nodes there, and the body is written over them), beside the page's bytes and
/// the tree's nodes (24 bytes each).
enum HTMLExtractor {
    typealias Tree = HTMLDocumentTree

    /// A body whose buffer's used part is at least this many bytes, and twice the body or more, is
    /// copied into a buffer of its own size (pages whose text is mostly scripts and furniture).
    static let compactionThreshold = 1 << 16

    /// `liftsDepthLimit` and `flattenedDepth`: as ``HTMLDocumentTree/init(utf8:arena:liftsDepthLimit:flattenedDepth:)`` (tests only).
    static func extract(_ bytes: [UInt8], headerCharset: String?, liftsDepthLimit: Bool = true,
                        flattenedDepth: Int = HTMLDocumentTree.flattenedDepth) -> Article {
        let declared = [headerCharset, HTMLCharset.metaCharset(bytes)]
        let page = CharsetDecoder.decodeTextUTF8(bytes, declared: declared)
        var metadata: HTMLMetadata?
        var droppedText = false
        var arenaUsed = 0
        var body = String(unsafeUninitializedCapacity: Tree.arenaCapacity(forInputBytes: page.count)) { arena in
            page.withUnsafeBufferPointer { utf8 in
                guard let tree = Tree(utf8: utf8, arena: arena, liftsDepthLimit: liftsDepthLimit, flattenedDepth: flattenedDepth),
                      let root = tree.root
                else { return 0 }
                let read = HTMLMetadata(tree: tree, root: root)
                metadata = read
                droppedText = tree.droppedText
                arenaUsed = tree.arenaCount
                return ContentScope.write(tree: tree, root: root, droppingLeadingLinesEqualTo: read.title)
            }
        }
        guard let metadata else { return Article(title: "", body: "") }
        if arenaUsed >= Self.compactionThreshold && body.utf8.count * 2 <= arenaUsed {
            body = String(decoding: Array(body.utf8), as: UTF8.self)
        }
        var article = Article(title: metadata.title, body: body, published: metadata.published, url: metadata.url)
        if droppedText {
            article.extractionWarning = "the page nests elements deeper than the HTML parser reads even when flattened: "
                + "its text after that depth is dropped"
        }
        return article
    }
}
