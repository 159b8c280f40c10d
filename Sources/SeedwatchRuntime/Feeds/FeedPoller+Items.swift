import Foundation
import Logging
import SeedwatchCore

/// Deciding the items of one fetched document in bounded batches (issue 11).
extension FeedPoller {
    /// How many items one state transaction decides at most: bounds the time a stop waits for
    /// (the cancellation is also checked before every item) and the memory of one batch's articles.
    package static let itemBatchSize = 256

    /// How deciding a document's items ended.
    enum ItemsDecided: Equatable {
        /// Every item is decided.
        case allDecided
        /// Some decision failed; it is retried on the next full fetch.
        case someFailed
        /// The task was cancelled before every item was looked at.
        case stopped
    }

    /// Decides the items of one fetched document (``FeedIntake/articles(_:feedURL:document:sharedDescriptions:source:)``;
    /// see the type's notes on `max_age`), streamed in batches of ``itemBatchSize`` items, each
    /// batch one state transaction (``ArticleProcessor/decideBatch(_:origin:)``); items already
    /// decided are skipped, so a document interrupted by a stop is completed on its next fetch
    /// without deciding an item twice. Only one batch's items are held at a time (issue 11).
    func decideItems(_ items: FeedStream, of feed: SeedwatchConfiguration.Feed, firstSuccess: Bool, now: Date,
                     report: inout FeedPollReport) async -> ItemsDecided {
        report.items = items.count
        let document = FeedIntake.documentVersions(itemKeys: items.itemKeys, feedURL: feed.url)
        var stream = items.makeItems()
        var allDecided = true
        while true {
            if Task.isCancelled { return .stopped }
            var batchItems: [FeedItem] = []
            batchItems.reserveCapacity(Self.itemBatchSize)
            while batchItems.count < Self.itemBatchSize, let item = stream.next() { batchItems.append(item) }
            if batchItems.isEmpty { break }
            let articles = FeedIntake.articles(batchItems, feedURL: feed.url, document: document,
                                               sharedDescriptions: items.sharedDescriptionHashes) {
                .feed(feed.url, url: $0.link, guid: $0.guid)
            }
            var batch: [IncomingArticle] = []
            batch.reserveCapacity(batchItems.count)
            for (item, article) in zip(batchItems, articles) {
                var incoming = article
                incoming.recordWithoutAlert = firstSuccess
                    && FeedIntake.isOlderThanMaxAge(incoming.article.published, fetchedAt: now, maxAgeSeconds: feed.maxAgeSeconds)
                if !incoming.recordWithoutAlert, feed.fullText, item.content.isEmpty, item.summary.count < Self.fullTextSummaryLimit,
                   let link = item.link, await !processor.isDecided(articleKey: incoming.articleKey),
                   let body = await fullText(of: item, link: link, feed: feed) {
                    // The content hash stays the item's as the feed gives it (before the full text).
                    incoming.article.body = body
                }
                batch.append(incoming)
            }
            let result = await processor.decideBatch(batch, origin: feed.url)
            report.alerts += result.alerts
            report.absorbedAsOld += result.recordedWithoutAlert
            if !result.allDecided { allDecided = false }
            if result.stopped { return .stopped }
        }
        // The document's keys as the version lookup holds them (FeedArticleKeys): no String per item.
        touch(document.present, now: now)
        itemsInFeed.set(document.present, for: feed.url)
        if report.absorbedAsOld > 0 {
            logger.info("first fetch: items older than max_age recorded as seen without alerting", metadata: [
                "feed": "\(feed.url)", "items": "\(report.absorbedAsOld)", "max_age_seconds": "\(Int(feed.maxAgeSeconds))"])
        }
        return allDecided ? .allDecided : .someFailed
    }
}
