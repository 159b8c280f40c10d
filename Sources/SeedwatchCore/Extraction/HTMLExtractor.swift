/// `.html` / `.htm`: one article from a web page.
///
/// Decoding: BOM, then the HTTP `charset=` (fetched documents only), then the encoding the page
/// declares (``HTMLCharset``: the HTML standard's prescan of its first 1,024 bytes, on bytes), then
/// UTF-8 with invalid bytes read as Windows-1252 (`CharsetDecoder`); libxml2 is then given UTF-8
/// (valid UTF-8 pages as they are, without a copy). One departure from a browser: a page whose
/// bytes are valid UTF-8 with some non-ASCII byte is read as UTF-8 even when its `<meta>` names
/// another encoding (``declaredEncoding(_:)``).
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

    /// The encoding `bytes` declare in a `<meta>` (``HTMLCharset/metaCharset(_:)``), except that
    /// valid UTF-8 with at least one non-ASCII byte is UTF-8 whatever the `<meta>` says: a page
    /// saved or converted to UTF-8 keeps its old declaration (readability's `qq` test page is UTF-8
    /// and declares GB2312), while text in a legacy 8-bit or multi-byte encoding is practically
    /// never valid UTF-8 once it has a few non-ASCII bytes.
    static func declaredEncoding(_ bytes: [UInt8]) -> String? {
        guard let declared = HTMLCharset.metaCharset(bytes) else { return nil }
        guard declared != "utf-8", bytes.contains(where: { $0 >= 0x80 }), UTF8Bytes.isValidUTF8(bytes) else { return declared }
        return "utf-8"
    }

    /// `liftsDepthLimit` and `flattenedDepth`: as ``HTMLDocumentTree/init(utf8:arena:liftsDepthLimit:flattenedDepth:)`` (tests only).
    static func extract(_ bytes: [UInt8], headerCharset: String?, liftsDepthLimit: Bool = true,
                        flattenedDepth: Int = HTMLDocumentTree.flattenedDepth) -> Article {
        let declared = [headerCharset, declaredEncoding(bytes)]
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
