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

    /// Decides the items of one fetched document (see the type's notes on `max_age`), in batches of
    /// ``itemBatchSize`` items, each batch one state transaction; items already decided are skipped,
    /// so a document interrupted by a stop is completed on its next fetch without deciding an item twice.
    func decideItems(_ items: [FeedItem], of feed: SeedwatchConfiguration.Feed, firstSuccess: Bool, now: Date,
                     report: inout FeedPollReport) async -> ItemsDecided {
        report.items = items.count
        let oldest = now.addingTimeInterval(-feed.maxAgeSeconds)
        let keys = items.map { ArticleIdentity.feedKey(feedURL: feed.url, itemKey: $0.itemKey) }
        let document = FeedDocumentVersions(scope: ArticleVersion.feedScope(feedURL: feed.url), present: Set(keys))
        // Secondary keys (case 08); a description that two items of this document share identifies neither.
        var descriptionCounts: [String: Int] = [:]
        let versions = items.map { ArticleVersion.feedItem($0, feedURL: feed.url) }
        for hash in versions.compactMap(\.descriptionHash) { descriptionCounts[hash, default: 0] += 1 }

        var allDecided = true
        var start = 0
        while start < items.count {
            if Task.isCancelled { return .stopped }
            let end = min(start + Self.itemBatchSize, items.count)
            var batch: [FeedItemDecision] = []
            batch.reserveCapacity(end - start)
            for index in start..<end {
                let item = items[index]
                var article = item.article
                // The content hash is of the item as the feed gives it (before any full text), as before batches.
                let contentHash = ArticleIdentity.sha256Hex(Array((article.title + "\n" + article.body).utf8))
                // A date more than a day in the future says nothing of the item's age: the fetch time stands in.
                let absorb = firstSuccess && (FutureItemDate.forMaxAge(article.published, fetchedAt: now).map { $0 < oldest } ?? false)
                if !absorb, feed.fullText, item.content.isEmpty, item.summary.count < Self.fullTextSummaryLimit,
                   let link = item.link, await !processor.isDecided(articleKey: keys[index]),
                   let body = await fullText(of: item, link: link, feed: feed) {
                    article.body = body
                }
                let version = versions[index]
                batch.append(FeedItemDecision(
                    article: article, articleKey: keys[index],
                    contentHash: contentHash,
                    source: .feed(feed.url, url: item.link, guid: item.guid), version: version,
                    descriptionShared: (version.descriptionHash.flatMap { descriptionCounts[$0] } ?? 0) > 1,
                    absorbAsOld: absorb))
            }
            let result = await processor.decideFeedItems(batch, origin: feed.url, document: document)
            report.alerts += result.alerts
            report.absorbedAsOld += result.absorbedAsOld
            if !result.allDecided { allDecided = false }
            if result.stopped { return .stopped }
            start = end
        }
        touch(keys, now: now)
        itemsInFeed.set(keys, for: feed.url)
        if report.absorbedAsOld > 0 {
            logger.info("first fetch: items older than max_age recorded as seen without alerting", metadata: [
                "feed": "\(feed.url)", "items": "\(report.absorbedAsOld)", "max_age_seconds": "\(Int(feed.maxAgeSeconds))"])
        }
        return allDecided ? .allDecided : .someFailed
    }
}
