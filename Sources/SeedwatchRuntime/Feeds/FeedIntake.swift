import Foundation
import SeedwatchCore

/// The feeds' intake without state: a fetched (or read) feed body → a ``Document`` → the
/// ``IncomingArticle``s of its items. The daemon's ``FeedPoller`` and `seedwatch feeds check` both
/// read feeds through it.
///
/// A body that is itself a gzip file (`1F 8B` without `Content-Encoding`: gzip bodies without
/// Content-Encoding) is inflated first (``FeedBody``). Each item's article key uses the feed's
/// first configured URL, so a feed that moves re-alerts nothing, and each item may be an edit of
/// a seen item of the same feed (``VersionLookup/feedDocumentItem(_:document:descriptionShared:linkShared:)``).
package enum FeedIntake {
    /// Why a feed body holds no items.
    package enum Failure: Error, Sendable, CustomStringConvertible {
        /// The body is gzip that does not inflate, or inflates past `max_bytes` (the fetcher's errors).
        case compressed(FeedFetchError)
        /// The body is not a readable feed (``FeedParseError``).
        case unreadable(FeedParseError)

        package var description: String {
            switch self {
            case .compressed(let error): return error.description
            case .unreadable(let error): return error.description
            }
        }
    }

    /// The items of one feed document, in document order, each with its item key.
    /// - Parameters:
    ///   - body: the bytes as fetched (after any `Content-Encoding` was decoded) or read.
    ///   - source: the URL or path the body came from, named in a gzip error.
    ///   - contentType: the response's `Content-Type`, if any (only its `charset=` is used).
    ///   - baseURL: the URL the body came from after redirects, against which relative links
    ///     resolve; `nil` for a file.
    ///   - origin: the document's origin.
    ///   - maxBytes: the cap on inflated gzip data, in bytes (`feeds[].max_bytes`).
    /// - Throws: ``Failure``.
    package static func items(body: [UInt8], from source: String, contentType: String?, baseURL: String?, origin: Document.Origin,
                             maxBytes: Int) throws(Failure) -> [FeedItem] {
        let unpacked: [UInt8]
        do {
            unpacked = try FeedBody.unpacked(body, from: source, maxBytes: maxBytes)
        } catch {
            throw .compressed(error)
        }
        let document = Document(bytes: unpacked, origin: origin, nameHint: source, contentType: contentType, baseURL: baseURL)
        do {
            return try DocumentReader.feedItems(of: document).compactMap(\.feedItem)
        } catch {
            throw .unreadable(error)
        }
    }

    /// One feed document as a ``FeedStream``: its items are handed out one at a time, so the
    /// daemon never holds every item's text of a large document at once (issue 11).
    /// Parameters and errors as ``items(body:from:contentType:baseURL:origin:maxBytes:)``.
    /// - Parameter keyedByLink: key items by link first (a feed whose GUIDs proved unreliable).
    package static func stream(body: [UInt8], from source: String, contentType: String?, baseURL: String?,
                              maxBytes: Int, keyedByLink: Bool = false) throws(Failure) -> FeedStream {
        let unpacked: [UInt8]
        do {
            unpacked = try FeedBody.unpacked(body, from: source, maxBytes: maxBytes)
        } catch {
            throw .compressed(error)
        }
        do {
            return try FeedStream(unpacked, contentType: contentType, baseURL: baseURL, keyedByLink: keyedByLink)
        } catch {
            throw .unreadable(error)
        }
    }

    /// The versions of a document whose items have `itemKeys` (all of them, in document order),
    /// for ``articles(_:feedURL:document:sharedDescriptions:source:)``.
    package static func documentVersions(itemKeys: ItemKeyList, feedURL: String) -> FeedDocumentVersions {
        FeedDocumentVersions(scope: ArticleVersion.feedScope(feedURL: feedURL),
                             present: FeedArticleKeys(feedURL: feedURL, itemKeys: itemKeys))
    }

    /// The articles of some of a document's items (a batch of a ``FeedStream``): as
    /// ``articles(_:feedURL:source:)``, with what the whole document decides given: its versions
    /// (``documentVersions(itemKeys:feedURL:)``) and the description hashes and normalised links its items share.
    package static func articles(_ items: [FeedItem], feedURL: String, document: FeedDocumentVersions, sharedDescriptions: Set<String>,
                                sharedLinks: Set<String> = [], source: (FeedItem) -> AlertSource) -> [IncomingArticle] {
        items.map { item in
            let article = item.article
            let version = ArticleVersion.feedItem(item, feedURL: feedURL)
            let descriptionShared = version.descriptionHash.map(sharedDescriptions.contains) ?? false
            let linkShared = !sharedLinks.isEmpty && item.link.map { sharedLinks.contains(URIReference.normalizedLink($0)) } ?? false
            return IncomingArticle(
                article: article, articleKey: ArticleIdentity.feedKey(feedURL: feedURL, itemKey: item.itemKey),
                contentHash: item.sourceHash ?? ArticleIdentity.sha256Hex(Array((article.title + "\n" + article.body).utf8)),
                source: source(item), origin: feedURL,
                earlierVersion: .feedDocumentItem(version, document: document, descriptionShared: descriptionShared,
                                                  linkShared: linkShared))
        }
    }

    /// The articles of a document's items, to decide (the daemon) or evaluate (`feeds check`).
    ///
    /// Each has the article key ``ArticleIdentity/feedKey(feedURL:itemKey:)``, the content hash of
    /// its title and body as the feed gives them (``FeedItem/sourceHash``), and its secondary keys; a description
    /// that two items of the document share identifies neither.
    /// - Parameters:
    ///   - items: the document's items, in document order.
    ///   - feedURL: the feed's first configured URL (for `feeds check` of a file: the path).
    ///   - source: each item's alert `source` (by default the feed's, with the item's link and GUID).
    package static func articles(_ items: [FeedItem], feedURL: String,
                                source: (FeedItem) -> AlertSource) -> [IncomingArticle] {
        let document = documentVersions(itemKeys: ItemKeyList(items.map(\.itemKey)), feedURL: feedURL)
        let versions = items.map { ArticleVersion.feedItem($0, feedURL: feedURL) }
        let sharedDescriptions = ArticleUpdateMatch.sharedDescriptionHashes(versions)
        var linkCounts: [String: Int] = [:]
        for link in items.compactMap(\.link) { linkCounts[URIReference.normalizedLink(link), default: 0] += 1 }
        return articles(items, feedURL: feedURL, document: document, sharedDescriptions: sharedDescriptions,
                        sharedLinks: Set(linkCounts.filter { $0.value > 1 }.keys), source: source)
    }

    /// The articles of a configured feed's items: ``articles(_:feedURL:source:)`` with the feed's source.
    package static func articles(_ items: [FeedItem], feedURL: String) -> [IncomingArticle] {
        articles(items, feedURL: feedURL) { .feed(feedURL, url: $0.link, guid: $0.guid) }
    }

    /// Whether an item published at `published` is older than `max_age` at `fetchedAt`: on a feed's
    /// first fetch such an item is recorded as seen without alerting. A date more than a day in
    /// the future says nothing of the item's age: the fetch time stands in (``FutureItemDate``).
    package static func isOlderThanMaxAge(_ published: Date?, fetchedAt: Date, maxAgeSeconds: Double) -> Bool {
        FutureItemDate.forMaxAge(published, fetchedAt: fetchedAt).map { $0 < fetchedAt.addingTimeInterval(-maxAgeSeconds) } ?? false
    }
}
