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

    /// Title and body bytes from which an article's normalised text is not kept for its story
    /// signature: 4,000,000. Kept, it lies beside the matched text while the article is scored (one
    /// more copy of the article: a 10 MB `.txt` peaked at 318 % of its size above the idle process
    /// instead of 215 %, issue 15's limit being 300 %); a longer article is normalised again for its
    /// signature once it is scored, as before.
    public static let sharedNormalizationLimit = 4_000_000

    /// ``normalize(article:)`` of an article shorter than ``sharedNormalizationLimit`` (title and
    /// body UTF-8 bytes), to hand to every watch and the story signature; `nil` for a longer one.
    public static func sharedNormalization(of article: Article) -> NormalizedText? {
        article.title.utf8.count + article.body.utf8.count < sharedNormalizationLimit ? normalize(article: article) : nil
    }
}
