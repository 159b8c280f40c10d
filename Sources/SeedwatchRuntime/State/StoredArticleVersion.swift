import Foundation
import SeedwatchCore

/// What the state store remembers about one article version.
package struct StoredArticleVersion: Sendable, Hashable {
    /// The key of the article's first version (the version's own key for an original).
    package var originalKey: String
    /// For an original: the newest version's title; for a later version: its own title.
    package var title: String
    /// For an original: the newest version's link; for a later version: its own link.
    package var link: String?
    package var published: Date?
    package var descriptionHash: String?
    /// ``ArticleUpdateMatch/descriptionWords(summary:content:)`` of a feed item's description, `nil` when unknown.
    package var descriptionWords: String? = nil

    /// The version as ``ArticleUpdateMatch`` compares it, under `articleKey`.
    package func matchable(articleKey: String) -> ArticleUpdateMatch.StoredVersion {
        ArticleUpdateMatch.StoredVersion(articleKey: articleKey, originalKey: originalKey, title: title, published: published,
                                         descriptionHash: descriptionHash, link: link, descriptionWords: descriptionWords)
    }
}
