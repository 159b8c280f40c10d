import Foundation
import SeedwatchCore

/// How an article under a key not yet seen looks for the seen article it may be an edit of: the
/// state store's stored versions of the same feed or path, judged by ``ArticleUpdateMatch``.
/// Each source states its rule when it builds an ``IncomingArticle``.
package struct VersionLookup: Sendable, Hashable {
    enum Rule: Sendable, Hashable {
        case feedDocumentItem(FeedDocumentVersions, descriptionShared: Bool)
        case file
    }

    /// The article's secondary keys, recorded with its decision.
    package var version: ArticleVersion
    let rule: Rule

    /// A feed item of a fetched document: an edit of a stored item of the same feed, not in the
    /// document, with the same description hash, or the same published instant and a similar title
    /// (``ArticleUpdateMatch/feedItemOriginal(title:published:descriptionHash:descriptionShared:stored:present:)``).
    /// The candidates come from the document's index of stored versions (read once per document,
    /// not once per item).
    /// - Parameter descriptionShared: whether another item of the document has the same description hash.
    package static func feedDocumentItem(_ version: ArticleVersion, document: FeedDocumentVersions,
                                        descriptionShared: Bool) -> VersionLookup {
        VersionLookup(version: version, rule: .feedDocumentItem(document, descriptionShared: descriptionShared))
    }

    /// The document this lookup reads its candidates from, if any.
    var document: FeedDocumentVersions? {
        if case .feedDocumentItem(let document, _) = rule { return document }
        return nil
    }

    /// A dropped file's article: an edit of an article read earlier from the same path with a
    /// similar title (``ArticleUpdateMatch/fileOriginal(title:stored:)``), else the same article as
    /// one read earlier from any path with the same extracted text (``ArticleVersion/textHash(title:body:)``):
    /// a copy saved with other bytes (a trailing blank line, Markdown front matter) is not a new article.
    package static func file(path: [UInt8], article: Article) -> VersionLookup {
        VersionLookup(version: ArticleVersion(scope: ArticleVersion.fileScope(path: path), title: article.title, link: nil,
                                              published: article.published,
                                              descriptionHash: ArticleVersion.textHash(title: article.title, body: article.body)),
                      rule: .file)
    }

    /// The original article key that `articleKey` is a version of, or `nil` when it is an
    /// article of its own. A key already linked keeps its link (a retry decides the same way).
    /// - Throws: ``StateStoreError``.
    func original(of articleKey: String, in store: StateStore) throws -> String? {
        if let linked = try store.originalKey(ofVersion: articleKey) {
            return linked == articleKey ? nil : linked
        }
        switch rule {
        case .feedDocumentItem(let document, let descriptionShared):
            // The document's items are not among the candidates, so `present` has nothing left to exclude.
            let stored = try document.candidates(for: version, in: store)
            return ArticleUpdateMatch.feedItemOriginal(title: version.title, published: version.published,
                                                       descriptionHash: version.descriptionHash,
                                                       descriptionShared: descriptionShared, stored: stored)
        case .file:
            let stored = try store.storedVersions(scope: version.scope, published: nil, descriptionHash: nil, everyVersion: true)
            // A path read for the first time (every file of a burst) has no title to compare: the
            // title is not made comparable for nothing (issue 15).
            if !stored.isEmpty, let original = ArticleUpdateMatch.fileOriginal(title: version.title, stored: stored) { return original }
            guard let textHash = version.descriptionHash else { return nil }
            return try store.fileOriginal(textHash: textHash, excluding: articleKey)
        }
    }
}
