extension Normalizer {
    /// The normalised text of an article as the matcher reads it: the title, a line break and the
    /// body (``Article/extractedText``), or the body alone when there is no title, normalised
    /// without building the joined copy (``normalize(concatenationOf:)``).
    ///
    /// Normalise an article once and hand the result to every watch's matcher
    /// (``Matcher/match(_:normalized:language:)``) and to its story signature
    /// (``StoryFingerprint/init(alert:article:normalized:)``): normalising is the costliest step of a
    /// long plain text after the scan itself.
    /// - Returns: ``NormalizedText`` whose offsets are UTF-8 byte offsets into ``Article/extractedText``.
    public static func normalize(article: Article) -> NormalizedText {
        article.title.isEmpty ? normalize(article.body) : normalize(concatenationOf: [article.title, "\n", article.body])
    }
}
