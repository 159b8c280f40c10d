import Foundation

/// Recognises an article that arrives under a new article key as an edit of a seen article (a
/// headline fix that changes an item's GUID and link, or a dropped file rewritten at the same
/// path). Pure: the caller supplies the stored versions of the same feed or path.
public enum ArticleUpdateMatch {
    /// The original article a feed item is an edit of, among the stored versions of the SAME feed:
    /// a version whose description hash equals the item's, or else one with the same published
    /// instant and a title with ``TitleSimilarity/score(_:_:)`` ≥ ``TitleSimilarity/updateThreshold``
    /// (a headline fix), or else — a correction that also moved the date, as publishers and Atom's
    /// `updated` do — one published within ``correctionWindow`` whose title scores at least
    /// ``movedDateThreshold`` and has the same numbers (so "Morning brief 28 Nov" is not an edit
    /// of "Morning brief 27 Nov"). The most similar wins; on a tie the first in `stored`. An empty
    /// title (after ``TitleSimilarity/comparable(_:)``) never matches by title.
    ///
    /// An undated item is the stored undated item with the same title (equal after
    /// ``TitleSimilarity/comparable(_:)``: case folded, punctuation as spaces), the first in
    /// `stored`: a feed whose links change on every poll (a rotating session or tracking
    /// parameter that ``TrackingParameters`` does not know) and that gives no GUID, date or
    /// description has nothing else that stays.
    ///
    /// Before every rule, an item whose article link is a stored item's (``linkOriginal(link:linkShared:stored:)``,
    /// over `sameLink`, or `stored` when `nil`, present in the document or not) is that item: its
    /// GUID changed (or was given by position) while its link stayed.
    ///
    /// Guards against merging distinct items:
    /// - articles in `present` (the article keys of the fetched document: an original still in the
    ///   feed beside the new item is another item, not its earlier version) are never chosen;
    /// - a description hash matches only when it names exactly one original among `stored`, and
    ///   `descriptionShared` is false (the caller sets it when another item of the same document
    ///   has the same description, e.g. a boilerplate "Read more");
    /// - a title rule never joins two items whose descriptions are both known and unrelated
    ///   (``unrelatedDescriptions(_:_:)`` of `descriptionWords` and the version's): the identical
    ///   wire headline of a second launch a day later is another article.
    /// - Returns: the original's article key, or `nil` when the item is new.
    public static func feedItemOriginal(title: String, published: Date?, descriptionHash: String?,
                                        descriptionShared: Bool = false, link: String? = nil, linkShared: Bool = false,
                                        descriptionWords: String? = nil, stored: [StoredVersion],
                                        present: Set<String> = [], sameLink: [StoredVersion]? = nil) -> String? {
        if let byLink = linkOriginal(link: link, linkShared: linkShared, stored: sameLink ?? stored) { return byLink }
        let candidates = stored.filter {
            !present.contains($0.articleKey) && !present.contains($0.originalKey)
                && !unrelatedDescriptions(descriptionWords, $0.descriptionWords)
        }
        // No stored version to compare with (a feed's first document, most new items): every rule
        // below gives nil, and the title is not normalised for nothing (4 % of the CPU time of
        // deciding 10,000 new items of one feed, issue 11).
        guard !candidates.isEmpty else { return nil }
        if let descriptionHash, !descriptionShared {
            let originals = Set(candidates.filter { $0.descriptionHash == descriptionHash }.map(\.originalKey))
            if originals.count == 1 { return originals.first }
        }
        guard let published else { return sameTitle(title, among: candidates.filter { $0.published == nil }) }
        // A date without a time of day (midnight UTC: feeds that date every item of a day alike)
        // does not say that two items are one: only the same title does ("North Korea fires
        // another missile" the same day is another item).
        if isDateOnly(published) { return sameTitle(title, among: candidates.filter { $0.published == published }) }
        if let sameDate = mostSimilar(title: title, among: candidates.filter { $0.published == published }) { return sameDate }
        let numbers = digits(TitleSimilarity.comparable(title))
        let moved = candidates.filter { version in
            guard let other = version.published, other != published,
                  abs(other.timeIntervalSince(published)) <= correctionWindow else { return false }
            return digits(TitleSimilarity.comparable(version.title)) == numbers
        }
        return mostSimilar(title: title, among: moved, threshold: movedDateThreshold)
    }

    /// Whether `date` is a midnight UTC, as a date given without a time of day is read.
    static func isDateOnly(_ date: Date) -> Bool {
        date.timeIntervalSince1970.truncatingRemainder(dividingBy: 86_400) == 0
    }

    /// How far, in seconds, a correction may move an item's date and still be matched by its title
    /// (48 hours).
    public static let correctionWindow: TimeInterval = 48 * 3600
    /// The title similarity a correction that moved the date needs (stricter than the same-date 0.8).
    public static let movedDateThreshold = 0.9

    /// The first version whose comparable title equals `title`'s; never for an empty one.
    private static func sameTitle(_ title: String, among versions: [StoredVersion]) -> String? {
        let comparable = TitleSimilarity.comparable(title)
        guard !comparable.isEmpty else { return nil }
        return versions.first { TitleSimilarity.comparable($0.title) == comparable }?.originalKey
    }

    /// The runs of numeric scalars of a comparable title, in order.
    private static func digits(_ comparable: [Unicode.Scalar]) -> [ArraySlice<Unicode.Scalar>] {
        comparable.split { $0.properties.numericType == nil }
    }

    /// The original article a dropped file's article is an edit of, among the stored versions of
    /// articles read from the SAME path with the same numbers in the title: the one whose title is
    /// most similar, when its ``TitleSimilarity/score(_:_:)`` ≥ ``TitleSimilarity/updateThreshold``
    /// (on a tie the first in `stored`); an empty title (after ``TitleSimilarity/comparable(_:)``)
    /// never matches. The numbers keep a brief rewritten daily at one path ("North Korea daily
    /// brief: 8 December" over "… 7 December") a new article each day.
    /// - Returns: the original's article key, or `nil` when the article is new.
    public static func fileOriginal(title: String, stored: [StoredVersion]) -> String? {
        let numbers = digits(TitleSimilarity.comparable(title))
        return mostSimilar(title: title, among: stored.filter { digits(TitleSimilarity.comparable($0.title)) == numbers })
    }

    /// A title that is empty once compared (absent, or punctuation only) never matches: untitled
    /// items (microblog feeds, RSS items with only a description) would all score 1 with each other.
    private static func mostSimilar(title: String, among versions: [StoredVersion],
                                    threshold: Double = TitleSimilarity.updateThreshold) -> String? {
        guard !TitleSimilarity.comparable(title).isEmpty else { return nil }
        var best: (score: Double, key: String)?
        for version in versions {
            let score = TitleSimilarity.score(title, version.title)
            if score >= threshold, score > (best?.score ?? -1) {
                best = (score, version.originalKey)
            }
        }
        return best?.key
    }
}
