import Foundation

/// A feed item's link as an identity beside its GUID, and the words of its description as evidence
/// that two items under one headline are one article (tryout F16, F19). Pure.
///
/// - A GUID that some CMSs give by position ("1" is whatever item is first today) names another
///   article once its link and its text both change: the item under it is a new article.
/// - An item whose normalised link is a stored item's link (one of the same feed, not shared by
///   two items of the fetched document) is that stored item, whatever its GUID.
/// - The same headline on two items whose descriptions share few words ("North Korea fires
///   ballistic missile, Japan says", 29 h apart) is two events, not a correction.
extension ArticleUpdateMatch {
    /// How many characters of a description are read for its words (a teaser; the start of a body).
    public static let descriptionWordsPrefix = 600

    /// The words of four or more letters (``LongWords``) of a feed item's description — its summary,
    /// else its content, its first ``descriptionWordsPrefix`` characters — sorted, distinct, joined
    /// by one space; `nil` when there is none or the description is in a script written without
    /// spaces.
    public static func descriptionWords(summary: String, content: String) -> String? {
        let text = String((summary.isEmpty ? content : summary).prefix(descriptionWordsPrefix))
        guard let words = LongWords.of(Normalizer.normalize(text).folded), !words.isEmpty else { return nil }
        return words.map { String(decoding: $0, as: UTF8.self) }.sorted().joined(separator: " ")
    }

    /// The Sørensen–Dice coefficient of two word lists of ``descriptionWords(summary:content:)``
    /// (`2·|A∩B| / (|A|+|B|)`, in `0...1`), or `nil` when either is unknown.
    public static func descriptionSimilarity(_ a: String?, _ b: String?) -> Double? {
        guard let a, let b else { return nil }
        let x = Set(a.split(separator: " ")), y = Set(b.split(separator: " "))
        guard !x.isEmpty, !y.isEmpty else { return nil }
        return Double(2 * x.intersection(y).count) / Double(x.count + y.count)
    }

    /// Below this ``descriptionSimilarity(_:_:)`` two descriptions speak of different events: a
    /// correction keeps most of its teaser's words (a reworded teaser of one visit scores 0.88,
    /// the teasers of two launches under one wire headline 0.19).
    public static let relatedDescriptionThreshold = 0.5

    /// Whether both descriptions are known and share fewer than half their long words
    /// (``relatedDescriptionThreshold``): evidence that two items are different articles.
    public static func unrelatedDescriptions(_ a: String?, _ b: String?) -> Bool {
        descriptionSimilarity(a, b).map { $0 < relatedDescriptionThreshold } ?? false
    }

    /// Whether a normalised link (``URIReference/normalizedLink(_:)``) can name one article: it has
    /// a path other than `/` or a query. A feed that links every item to its home page names none.
    public static func isArticleLink(_ normalized: String) -> Bool {
        guard let scheme = normalized.range(of: "://") else { return false }
        let rest = normalized[scheme.upperBound...]
        guard let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) else { return false }
        let pathAndQuery = rest[slash...]
        return pathAndQuery != "/" && pathAndQuery != "/?" && pathAndQuery != "?"
    }

    /// The original that a feed item with `link` is, by its link: the one original among `stored`
    /// (versions of the same feed, present in the fetched document or not) with the same normalised
    /// link; `nil` when the item has no article link (``isArticleLink(_:)``), when another item of the
    /// document has the same link (`linkShared`), or when no original or more than one has it.
    public static func linkOriginal(link: String?, linkShared: Bool, stored: [StoredVersion]) -> String? {
        guard let link, !linkShared else { return nil }
        let normalized = URIReference.normalizedLink(link)
        guard isArticleLink(normalized) else { return nil }
        let originals = Set(stored.filter { $0.link.map(URIReference.normalizedLink) == normalized }.map(\.originalKey))
        return originals.count == 1 ? originals.first : nil
    }

    /// Whether an item that arrives under a seen GUID is another article than the one stored under
    /// it (a GUID given by position, or reused): its normalised link differs from the stored one,
    /// its title is not an edit of the stored title (``TitleSimilarity/score(_:_:)`` below
    /// ``TitleSimilarity/updateThreshold``), and its description is neither the stored one (same
    /// hash) nor related to it (``unrelatedDescriptions(_:_:)``, or unknown). A headline fix that
    /// moves the link, or a link that moves alone, stays the same item.
    public static func namesAnotherArticle(stored: StoredVersion, title: String, link: String?,
                                           descriptionHash: String?, descriptionWords: String?) -> Bool {
        guard let link, let storedLink = stored.link,
              URIReference.normalizedLink(link) != URIReference.normalizedLink(storedLink) else { return false }
        guard TitleSimilarity.score(title, stored.title) < TitleSimilarity.updateThreshold else { return false }
        if let descriptionHash, descriptionHash == stored.descriptionHash { return false }
        if let similarity = descriptionSimilarity(descriptionWords, stored.descriptionWords),
           similarity >= relatedDescriptionThreshold { return false }
        return true
    }
}
