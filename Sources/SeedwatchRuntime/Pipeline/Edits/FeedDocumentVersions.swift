import Foundation
import SeedwatchCore
import Synchronization

/// The earlier versions that the new items of ONE fetched feed document may be edits of:
/// the feed's stored versions that are not in the document, read from the state store once (on the
/// first item that needs them) and indexed (``ArticleVersionIndex``). Every item of the document
/// then finds its candidates in time independent of the document's length, instead of reading
/// every stored version of the feed in its date window again (issue 11).
///
/// The result equals a per-item query of the store: the document's own items are never candidates
/// (they are in `present`), so the versions they add while the document is decided change nothing,
/// except that an edit replaces its original's stored title, which ``refresh(original:in:)`` mirrors.
package final class FeedDocumentVersions: Sendable, Hashable {
    /// `feed:` + the feed's first configured URL (``ArticleVersion/feedScope(feedURL:)``).
    package let scope: [UInt8]
    /// The article keys of every item of the document.
    package let present: FeedArticleKeys
    private let index = Mutex<ArticleVersionIndex?>(nil)
    /// Every stored version of the feed (present in the document or not) by normalised link, read
    /// with the index.
    private let byLink = Mutex<[String: [ArticleUpdateMatch.StoredVersion]]>([:])
    /// The GUIDs of the document found naming another article than the one first seen under them
    /// (``ArticleProcessor``'s check, tryout F19), as the poller reports them.
    private let reused = Mutex<[String]>([])

    package init(scope: [UInt8], present: FeedArticleKeys) {
        self.scope = scope
        self.present = present
    }

    /// The stored versions that may be earlier versions of `version` (same description hash, or
    /// published within ``ArticleUpdateMatch/correctionWindow``, or — undated — undated with the same
    /// title), oldest first, none of them in the document.
    /// - Throws: ``StateStoreError`` when the feed's versions cannot be read.
    func candidates(for version: ArticleVersion, in store: StateStore) throws -> [ArticleUpdateMatch.StoredVersion] {
        try index.withLock { index in
            if index == nil {
                try load(store, into: &index)
            }
            return index!.candidates(published: version.published, descriptionHash: version.descriptionHash,
                                     undatedTitle: version.title)
        }
    }

    /// The stored versions of the feed whose normalised link is `link`'s, present in the document
    /// or not, oldest first.
    /// - Throws: ``StateStoreError`` when the feed's versions cannot be read.
    func sameLink(_ link: String, in store: StateStore) throws -> [ArticleUpdateMatch.StoredVersion] {
        try index.withLock { index in
            if index == nil { try load(store, into: &index) }
        }
        return byLink.withLock { $0[URIReference.normalizedLink(link)] ?? [] }
    }

    private func load(_ store: StateStore, into index: inout ArticleVersionIndex?) throws {
        let stored = try store.storedVersions(scope: scope, published: nil, descriptionHash: nil, everyVersion: true)
        index = ArticleVersionIndex(stored.filter { !present.contains($0.articleKey) && !present.contains($0.originalKey) })
        var links: [String: [ArticleUpdateMatch.StoredVersion]] = [:]
        for version in stored {
            if let link = version.link { links[URIReference.normalizedLink(link), default: []].append(version) }
        }
        byLink.withLock { $0 = links }
    }

    /// Notes that the item under `guid` was found to be another article than the one stored under it.
    func noteReusedGUID(_ guid: String) {
        reused.withLock { $0.append(guid) }
    }

    /// The GUIDs noted by ``noteReusedGUID(_:)``, in the order found.
    package var reusedGUIDs: [String] { reused.withLock { $0 } }

    /// Reads `original`'s stored title again after an edit of it was decided (the store gave the
    /// original the edit's title). Nothing happens before the versions are loaded.
    /// - Throws: ``StateStoreError``.
    func refresh(original: String, in store: StateStore) throws {
        guard index.withLock({ $0 != nil }) else { return }
        guard let stored = try store.articleVersion(articleKey: original) else { return }
        index.withLock { $0?.setTitle(stored.title, ofVersion: original) }
    }

    package static func == (a: FeedDocumentVersions, b: FeedDocumentVersions) -> Bool { a === b }
    package func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}
