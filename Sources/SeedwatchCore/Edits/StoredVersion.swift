import Foundation

extension ArticleUpdateMatch {
    /// One stored version of an article: what the state store remembers about an article key.
    public struct StoredVersion: Sendable, Hashable {
        /// The version's own article key (DESIGN §7).
        public var articleKey: String
        /// The key of the article it is a version of (its own key for an original).
        public var originalKey: String
        /// The version's title.
        public var title: String
        /// The version's publication instant, if it had one.
        public var published: Date?
        /// ``descriptionHash(_:)`` of the version's description, `nil` when it had none.
        public var descriptionHash: String?
        /// The version's link as the feed gave it (`nil` for a dropped file or an item without one).
        public var link: String?
        /// ``descriptionWords(summary:content:)`` of the version's description, `nil` when unknown
        /// (no description, or recorded before the words were kept).
        public var descriptionWords: String?

        public init(articleKey: String, originalKey: String, title: String, published: Date?, descriptionHash: String?,
                    link: String? = nil, descriptionWords: String? = nil) {
            self.articleKey = articleKey
            self.originalKey = originalKey
            self.title = title
            self.published = published
            self.descriptionHash = descriptionHash
            self.link = link
            self.descriptionWords = descriptionWords
        }
    }
}
