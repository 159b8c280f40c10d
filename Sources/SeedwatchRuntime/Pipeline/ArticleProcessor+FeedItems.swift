import Foundation
import Logging
import SeedwatchCore

/// One item of a fetched feed document, ready to be decided by ``ArticleProcessor/decideFeedItems(_:origin:document:)``.
public struct FeedItemDecision: Sendable {
    /// The item as an article (its body already replaced by the full text when fetched).
    public var article: Article
    /// ``ArticleIdentity/feedKey(feedURL:itemKey:)``.
    public var articleKey: String
    /// Hex SHA-256 of the item's title, newline and body as the feed gives them (before any full text).
    public var contentHash: String
    public var source: AlertSource
    /// The item's secondary keys (case 08).
    public var version: ArticleVersion
    /// Another item of the document has the same description hash.
    public var descriptionShared: Bool
    /// On the feed's first fetch, an item older than `max_age`: recorded as seen without alerting.
    public var absorbAsOld: Bool

    public init(article: Article, articleKey: String, contentHash: String, source: AlertSource, version: ArticleVersion,
                descriptionShared: Bool, absorbAsOld: Bool) {
        self.article = article
        self.articleKey = articleKey
        self.contentHash = contentHash
        self.source = source
        self.version = version
        self.descriptionShared = descriptionShared
        self.absorbAsOld = absorbAsOld
    }
}

/// What ``ArticleProcessor/decideFeedItems(_:origin:document:)`` did with a batch.
public struct FeedBatchResult: Sendable {
    /// How many items, from the batch's start, were looked at (all unless ``stopped``).
    public var handled = 0
    /// The alert records written.
    public var alerts: [AlertRecord] = []
    /// Items recorded as seen without alerting (older than `max_age` on a first fetch).
    public var absorbedAsOld = 0
    /// Every handled item is decided for every watch (false after a failure: it is retried on the
    /// feed's next full fetch).
    public var allDecided = true
    /// The task was cancelled (SIGTERM): the items after ``handled`` were not looked at.
    public var stopped = false
}

extension ArticleProcessor {
    /// Decides a batch of one feed document's items in one state transaction (issue 11): one WAL
    /// sync for the batch, its alerts appended after the commit with one sync. The task's
    /// cancellation is checked before every item: on a stop, the items decided so far commit and
    /// the rest are left for the next fetch (they are not seen, so they are decided then; nothing is
    /// decided twice).
    ///
    /// Each item is decided as ``decide(_:articleKey:contentHash:source:origin:lookup:)`` with a
    /// ``VersionLookup/feedDocumentItem(_:document:descriptionShared:)`` lookup; items already
    /// decided are skipped; `absorbAsOld` items are recorded as ``recordSeenWithoutAlert(articleKey:contentHash:origin:version:)``.
    /// When the transaction fails, nothing of the batch stands and `allDecided` is false.
    /// - Parameters:
    ///   - items: the batch, in document order.
    ///   - origin: the feed's URL, for log lines.
    ///   - document: the document's stored versions (shared by all its batches).
    public func decideFeedItems(_ items: [FeedItemDecision], origin: String, document: FeedDocumentVersions) -> FeedBatchResult {
        let countersBefore = counters
        var result = FeedBatchResult()
        activity.begin(origin)
        defer {
            activity.end()
            flushHistory()  // after the batch's transaction: history is written on its own
        }
        do {
            let outcome = try outbox.decideBatch {
                for item in items {
                    if Task.isCancelled || activity.isStopRequested {
                        result.stopped = true
                        return
                    }
                    defer { result.handled += 1 }
                    if item.absorbAsOld {
                        recordSeenWithoutAlert(articleKey: item.articleKey, contentHash: item.contentHash, origin: origin,
                                               version: item.version)
                        result.absorbedAsOld += 1
                        continue
                    }
                    if isDecided(articleKey: item.articleKey) { continue }
                    let decided = decideForEveryWatch(
                        item.article, articleKey: item.articleKey, contentHash: item.contentHash, source: item.source,
                        origin: origin, quiet: false,
                        lookup: .feedDocumentItem(item.version, document: document, descriptionShared: item.descriptionShared))
                    result.alerts += decided.written
                    if let original = decided.originalKey {
                        do {
                            try document.refresh(original: original, in: store)
                        } catch {
                            counters.errors += 1
                            logger.error("cannot read an edited article's stored title", metadata: ["source": "\(origin)", "error": "\(error)"])
                        }
                    }
                    if decided.failures > 0 || !isDecided(articleKey: item.articleKey) { result.allDecided = false }
                }
            }
            if let error = outcome.deliveryError {
                counters.errors += 1
                logger.error("alerts committed but not yet in the alert log; they stay pending and are retried",
                             metadata: ["source": "\(origin)", "error": "\(error)"])
            }
        } catch {
            counters = countersBefore
            counters.errors += 1
            logger.error("decisions of a batch of feed items failed; they will be retried", metadata: [
                "source": "\(origin)", "items": "\(items.count)", "error": "\(error)"])
            return FeedBatchResult(handled: 0, alerts: [], absorbedAsOld: 0, allDecided: false, stopped: result.stopped)
        }
        return result
    }
}
