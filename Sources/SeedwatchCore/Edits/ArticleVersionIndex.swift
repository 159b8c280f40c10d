import Foundation

/// The stored versions of one feed that can still be the earlier version of a new item, indexed so
/// that finding an item's candidates costs dictionary look-ups instead of a pass over every stored
/// version (issue 11: a document of n new items was O(n²)).
///
/// Keys (as ``ArticleUpdateMatch/feedItemOriginal(title:published:descriptionHash:descriptionShared:link:linkShared:descriptionWords:stored:present:sameLink:)``
/// compares them):
/// - the description hash (equality);
/// - the published instant, in buckets of ``ArticleUpdateMatch/correctionWindow`` seconds: a
///   window of ±48 h around an instant lies within its bucket and the two beside it;
/// - for undated versions, the title as ``TitleSimilarity/comparable(_:)`` makes it (an undated
///   item is the undated version with the same title).
///
/// ``candidates(published:descriptionHash:)`` returns exactly the versions the state store's
/// query returns (same description hash, or published within the correction window), in the
/// order they were given (the store's order: oldest first), so the match chosen is the same.
/// Built once per fetched document from the versions NOT in that document (an item still in the
/// document is never the earlier version of another), so the document's own new items never
/// become candidates and the cost per item does not grow with the document.
public struct ArticleVersionIndex: Sendable {
    private var versions: [ArticleUpdateMatch.StoredVersion]
    private var byDescriptionHash: [String: [Int]] = [:]
    private var byBucket: [Int64: [Int]] = [:]
    private var byArticleKey: [String: Int] = [:]
    private var undatedByTitle: [String: [Int]] = [:]

    /// - Parameter versions: stored versions, oldest first (ties in the store's order).
    public init(_ versions: [ArticleUpdateMatch.StoredVersion]) {
        self.versions = versions
        for (position, version) in versions.enumerated() {
            if let hash = version.descriptionHash { byDescriptionHash[hash, default: []].append(position) }
            if let published = version.published { byBucket[Self.bucket(published), default: []].append(position) }
            byArticleKey[version.articleKey] = position
            if version.published == nil { undatedByTitle[Self.titleKey(version.title), default: []].append(position) }
        }
    }

    /// The comparable form of a title, as a dictionary key.
    private static func titleKey(_ title: String) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: TitleSimilarity.comparable(title))
        return String(scalars)
    }

    /// How many versions the index holds.
    public var count: Int { versions.count }

    /// The versions with description hash `descriptionHash`, or published within
    /// ``ArticleUpdateMatch/correctionWindow`` seconds of `published` (bounds included), or — for an
    /// undated item with `undatedTitle` — the undated versions with the same comparable title, in
    /// the order given to ``init(_:)``; `nil` keys match nothing.
    public func candidates(published: Date?, descriptionHash: String?, undatedTitle: String? = nil) -> [ArticleUpdateMatch.StoredVersion] {
        var positions: [Int] = []
        if published == nil, let undatedTitle, let same = undatedByTitle[Self.titleKey(undatedTitle)] { positions += same }
        if let descriptionHash, let same = byDescriptionHash[descriptionHash] { positions += same }
        if let published {
            let window = ArticleUpdateMatch.correctionWindow
            let t = published.timeIntervalSince1970
            let bucket = Self.bucket(published)
            for b in (bucket - 1)...(bucket + 1) {
                for position in byBucket[b] ?? [] {
                    guard let other = versions[position].published?.timeIntervalSince1970 else { continue }
                    if other >= t - window && other <= t + window { positions.append(position) }
                }
            }
        }
        guard !positions.isEmpty else { return [] }
        var seen = Set<Int>()
        return positions.sorted().filter { seen.insert($0).inserted }.map { versions[$0] }
    }

    /// Sets the stored title of the version with key `articleKey` (the store replaces an original's
    /// title with its newest edit's); unknown keys are ignored.
    public mutating func setTitle(_ title: String, ofVersion articleKey: String) {
        guard let position = byArticleKey[articleKey] else { return }
        if versions[position].published == nil {
            undatedByTitle[Self.titleKey(versions[position].title)]?.removeAll { $0 == position }
            undatedByTitle[Self.titleKey(title), default: []].append(position)
            undatedByTitle[Self.titleKey(title)]?.sort()
        }
        versions[position].title = title
    }

    private static func bucket(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / ArticleUpdateMatch.correctionWindow).rounded(.down))
    }
}
