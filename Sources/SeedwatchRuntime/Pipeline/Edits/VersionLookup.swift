import Foundation
import SeedwatchCore

/// How an article under a key not yet seen looks for the seen article it may be an edit of: the
/// state store's stored versions of the same feed or path, judged by ``ArticleUpdateMatch``.
/// Each source states its rule when it builds an ``IncomingArticle``.
package struct VersionLookup: Sendable, Hashable {
    enum Rule: Sendable, Hashable {
        case feedDocumentItem(FeedDocumentVersions, descriptionShared: Bool, linkShared: Bool)
        case file
    }

    /// The article's secondary keys, recorded with its decision.
    package var version: ArticleVersion
    let rule: Rule

    /// A feed item of a fetched document: the stored item of the same feed with the same article
    /// link (in the document or not), else an edit of a stored item of the same feed, not in the
    /// document, with the same description hash, or the same published instant and a similar title
    /// (``ArticleUpdateMatch/feedItemOriginal(title:published:descriptionHash:descriptionShared:link:linkShared:descriptionWords:stored:present:sameLink:)``).
    /// The candidates come from the document's index of stored versions (read once per document,
    /// not once per item).
    /// - Parameters:
    ///   - descriptionShared: whether another item of the document has the same description hash.
    ///   - linkShared: whether another item of the document has the same normalised link.
    package static func feedDocumentItem(_ version: ArticleVersion, document: FeedDocumentVersions,
                                        descriptionShared: Bool, linkShared: Bool = false) -> VersionLookup {
        VersionLookup(version: version, rule: .feedDocumentItem(document, descriptionShared: descriptionShared, linkShared: linkShared))
    }

    /// The document this lookup reads its candidates from, if any.
    var document: FeedDocumentVersions? {
        if case .feedDocumentItem(let document, _, _) = rule { return document }
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
        case .feedDocumentItem(let document, let descriptionShared, let linkShared):
            // The document's items are not among the candidates, so `present` has nothing left to exclude;
            // the versions with the item's link may be in the document (a GUID given by position).
            let stored = try document.candidates(for: version, in: store)
            let sameLink = try version.link.map { try document.sameLink($0, in: store) } ?? []
            return ArticleUpdateMatch.feedItemOriginal(title: version.title, published: version.published,
                                                       descriptionHash: version.descriptionHash,
                                                       descriptionShared: descriptionShared, link: version.link,
                                                       linkShared: linkShared, descriptionWords: version.descriptionWords,
                                                       stored: stored, sameLink: sameLink)
        case .file:
            let stored = try store.storedVersions(scope: version.scope, published: nil, descriptionHash: nil, everyVersion: true)
            // A path read for the first time (every file of a burst) has no title to compare: the
            // title is not made comparable for nothing (issue 15).
            if !stored.isEmpty, let original = ArticleUpdateMatch.fileOriginal(title: version.title, stored: stored) { return original }
            guard let textHash = version.descriptionHash else { return nil }
            return try store.fileOriginal(textHash: textHash, excluding: articleKey)
        }
    }

    /// A seen feed item's article key that names another article now (tryout F19): when the stored
    /// version of `articleKey` (a key of this document's feed) has another link, and the item's
    /// title and description are not an edit of it (``ArticleUpdateMatch/namesAnotherArticle(stored:title:link:descriptionHash:descriptionWords:)``),
    /// the key the item is known by instead — the feed's key of its normalised link — and the link
    /// the key named before; `nil` otherwise (and always for a dropped file).
    /// - Throws: ``StateStoreError``.
    func reusedKey(_ articleKey: String, in store: StateStore) throws -> (key: String, formerLink: String)? {
        guard case .feedDocumentItem(let document, _, let linkShared) = rule, !linkShared, let link = version.link,
              let feedURL = FeedItemReference.feedURL(ofArticleKey: articleKey),
              let stored = try store.articleVersion(articleKey: articleKey), let formerLink = stored.link,
              ArticleUpdateMatch.namesAnotherArticle(stored: stored.matchable(articleKey: articleKey), title: version.title, link: link,
                                                     descriptionHash: version.descriptionHash,
                                                     descriptionWords: version.descriptionWords)
        else { return nil }
        let key = ArticleIdentity.feedKey(feedURL: feedURL, itemKey: URIReference.normalizedLink(link))
        guard key != articleKey else { return nil }
        if let guid = FeedItemReference.itemKey(ofArticleKey: articleKey) { document.noteReusedGUID(guid) }
        return (key, formerLink)
    }
}
