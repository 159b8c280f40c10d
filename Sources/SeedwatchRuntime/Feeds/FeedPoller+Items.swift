import Foundation
import Logging
import SeedwatchCore

/// Deciding the items of one fetched document in bounded batches (issue 11).
extension FeedPoller {
    /// How many items one state transaction decides at most: bounds the time a stop waits for
    /// (the cancellation is also checked before every item) and the memory of one batch's articles.
    public static let itemBatchSize = 256

    /// How deciding a document's items ended.
    enum ItemsDecided: Equatable {
        /// Every item is decided.
        case allDecided
        /// Some decision failed; it is retried on the next full fetch.
        case someFailed
        /// The task was cancelled before every item was looked at.
        case stopped
    }

    /// Decides the items of one fetched document (``FeedIntake/articles(_:feedURL:)``; see the type's
    /// notes on `max_age`), in batches of ``itemBatchSize`` items, each batch one state transaction
    /// (``ArticleProcessor/decideBatch(_:origin:)``); items already decided are skipped,
    /// so a document interrupted by a stop is completed on its next fetch without deciding an item twice.
    func decideItems(_ items: [FeedItem], of feed: SeedwatchConfiguration.Feed, firstSuccess: Bool, now: Date,
                     report: inout FeedPollReport) async -> ItemsDecided {
        report.items = items.count
        let articles = FeedIntake.articles(items, feedURL: feed.url)
        var allDecided = true
        var start = 0
        while start < items.count {
            if Task.isCancelled { return .stopped }
            let end = min(start + Self.itemBatchSize, items.count)
            var batch: [IncomingArticle] = []
            batch.reserveCapacity(end - start)
            for index in start..<end {
                let item = items[index]
                var incoming = articles[index]
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
            start = end
        }
        let keys = articles.map(\.articleKey)
        touch(keys, now: now)
        itemsInFeed.set(keys, for: feed.url)
        if report.absorbedAsOld > 0 {
            logger.info("first fetch: items older than max_age recorded as seen without alerting", metadata: [
                "feed": "\(feed.url)", "items": "\(report.absorbedAsOld)", "max_age_seconds": "\(Int(feed.maxAgeSeconds))"])
        }
        return allDecided ? .allDecided : .someFailed
    }
}
