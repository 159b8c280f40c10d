import Foundation

/// What the state store remembers about one article version.
public struct StoredArticleVersion: Sendable, Hashable {
    /// The key of the article's first version (the version's own key for an original).
    public var originalKey: String
    /// For an original: the newest version's title; for a later version: its own title.
    public var title: String
    /// For an original: the newest version's link; for a later version: its own link.
    public var link: String?
    public var published: Date?
    public var descriptionHash: String?
}
