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
        let formerURLs = formerURLs(of: feed)
        // On a feed's first fetch: the feeds whose URL is this one spelled otherwise (tryout F21).
        let respelled = firstSuccess ? respelledFeeds(of: feed) : RespelledFeeds()
        var stream = items.makeItems()
        var allDecided = true
        while true {
            if Task.isCancelled { return .stopped }
            var batchItems: [FeedItem] = []
            batchItems.reserveCapacity(Self.itemBatchSize)
            while batchItems.count < Self.itemBatchSize, let item = stream.next() { batchItems.append(item) }
            if batchItems.isEmpty { break }
            let articles = FeedIntake.articles(batchItems, feedURL: feed.url, document: document,
                                               sharedDescriptions: items.sharedDescriptionHashes, sharedLinks: items.sharedLinks) {
                .feed(feed.url, url: $0.link, guid: $0.guid)
            }
            var batch: [IncomingArticle] = []
            batch.reserveCapacity(batchItems.count)
            for (item, article) in zip(batchItems, articles) {
                var incoming = article
                // A date in the future (a wrong year or time zone, a scheduled post) is replaced by
                // the fetch time, as Miniflux does: the alert's `published` is when it was seen.
                if let published = incoming.article.published, FutureItemDate.isInFuture(published, fetchedAt: now) {
                    incoming.article.published = FutureItemDate.asPublished(published, fetchedAt: now)
                    report.datedInFuture += 1
                }
                let olderThanMaxAge = FeedIntake.isOlderThanMaxAge(incoming.article.published, fetchedAt: now,
                                                                  maxAgeSeconds: feed.maxAgeSeconds)
                incoming.recordWithoutAlert = firstSuccess && olderThanMaxAge
                // An item edited under the same GUID is read again (ArticleProcessor+ContentChanges),
                // unless it is older than max_age: an old item's edit is history, not news.
                incoming.rereadsChangedContent = !olderThanMaxAge
                if !incoming.recordWithoutAlert, !formerURLs.isEmpty,
                   let former = await decidedUnder(formerURLs, articleKey: incoming.articleKey, of: feed) {
                    incoming.recordWithoutAlert = true
                    incoming.decidedUnderFormerURL = former
                    report.seenUnderFormerURL += 1
                }
                if !incoming.recordWithoutAlert, !respelled.urls.isEmpty,
                   let former = await respelled.decided(item, articleKey: incoming.articleKey, of: feed, poller: self) {
                    incoming.recordWithoutAlert = true
                    incoming.decidedUnderFormerURL = former
                    incoming.formerURLRespelled = true
                    report.seenUnderRespelledURL += 1
                }
                if !incoming.recordWithoutAlert, feed.fullText, item.content.isEmpty, item.summary.count < Self.fullTextSummaryLimit,
                   let link = item.link, await !processor.isDecided(articleKey: incoming.articleKey),
                   let body = await fullText(of: item, link: link, articleKey: incoming.articleKey, feed: feed) {
                    // The content hash stays the item's as the feed gives it (before the full text).
                    incoming.article.body = body
                }
                batch.append(incoming)
            }
            let result = await processor.decideBatch(batch, origin: feed.url)
            report.alerts += result.alerts
            report.absorbedAsOld += result.recordedWithoutAlert - batch.count { $0.decidedUnderFormerURL != nil }
            if !result.allDecided { allDecided = false }
            if result.stopped { return .stopped }
        }
        report.reusedGUIDs = document.reusedGUIDs
        // The document's keys as the version lookup holds them (FeedArticleKeys): no String per item.
        touch(document.present, now: now)
        itemsInFeed.set(document.present, for: feed.url)
        if report.seenUnderFormerURL > 0 {
            logger.info("items decided already under the URL of a feed that moved here recorded as seen without alerting", metadata: [
                "feed": "\(feed.url)", "items": "\(report.seenUnderFormerURL)", "moved_from": "\(formerURLs.joined(separator: ", "))"])
        }
        if report.seenUnderRespelledURL > 0 {
            logger.info("items decided already under another spelling of this feed's URL recorded as seen without alerting", metadata: [
                "feed": "\(feed.url)", "items": "\(report.seenUnderRespelledURL)", "spelled": "\(respelled.urls.joined(separator: ", "))"])
        }
        if report.datedInFuture > 0 {
            logger.debug("items dated in the future take the fetch time as their published date", metadata: [
                "feed": "\(feed.url)", "items": "\(report.datedInFuture)"])
        }
        if report.absorbedAsOld > 0 {
            logger.info("first fetch: items older than max_age recorded as seen without alerting", metadata: [
                "feed": "\(feed.url)", "items": "\(report.absorbedAsOld)", "max_age_seconds": "\(Int(feed.maxAgeSeconds))"])
        }
        return allDecided ? .allDecided : .someFailed
    }

    /// The configured URLs of the feeds that a permanent redirect moved to `feed`'s URL (see
    /// ``FeedStateBatch/feedURLs(movedTo:)``). Their items carry their own URL in the article key
    /// (DESIGN §7): without this, an analyst who writes the new URL into `feeds:`, as the
    /// "feed moved permanently" line suggests, would get every recent item alerted a second time.
    /// Empty when the states cannot be read (the items are then decided as usual).
    private func formerURLs(of feed: SeedwatchConfiguration.Feed) -> [String] {
        do {
            return try states.feedURLs(movedTo: feed.url)
        } catch {
            logger.error("cannot read feed states", metadata: ["feed": "\(feed.url)", "error": "\(error)"])
            return []
        }
    }

    /// The first of `formerURLs` under which the item of `articleKey` (a key of `feed`) was decided
    /// for every watch, or `nil`; only when the item is not decided under `feed`'s own key yet.
    func decidedUnder(_ formerURLs: [String], articleKey: String, of feed: SeedwatchConfiguration.Feed) async -> String? {
        let ownPrefix = ArticleIdentity.feedKey(feedURL: feed.url, itemKey: "")
        guard articleKey.hasPrefix(ownPrefix), await !processor.isDecided(articleKey: articleKey) else { return nil }
        let itemKey = String(articleKey.dropFirst(ownPrefix.count))
        for url in formerURLs where await processor.isDecided(articleKey: ArticleIdentity.feedKey(feedURL: url, itemKey: itemKey)) {
            return url
        }
        return nil
    }

    /// The feeds whose configured URL is `feed`'s spelled otherwise (``FeedURLIdentity/respellingKey(_:)``:
    /// `http`/`https`, `www.`, trailing `/`), among every feed with a stored state (removed ones
    /// included), with the normalised links of their stored items. Empty when the states cannot be read.
    private func respelledFeeds(of feed: SeedwatchConfiguration.Feed) -> RespelledFeeds {
        let key = FeedURLIdentity.respellingKey(feed.url)
        do {
            let urls = try store.allFeedStates().map(\.url).filter { $0 != feed.url && FeedURLIdentity.respellingKey($0) == key }
            var links: [String: String] = [:]
            for url in urls {
                for version in try store.storedVersions(scope: ArticleVersion.feedScope(feedURL: url), published: nil,
                                                        descriptionHash: nil, everyVersion: true) {
                    if let link = version.link { links[URIReference.normalizedLink(link)] = links[URIReference.normalizedLink(link)] ?? url }
                }
            }
            return RespelledFeeds(urls: urls, links: links)
        } catch {
            logger.error("cannot read feed states", metadata: ["feed": "\(feed.url)", "error": "\(error)"])
            return RespelledFeeds()
        }
    }

    /// The feeds that a newly added feed's URL re-spells, and their items' links.
    struct RespelledFeeds {
        var urls: [String] = []
        /// Normalised link → the re-spelled feed URL whose stored item has it.
        var links: [String: String] = [:]

        /// The re-spelled feed under which `item` was decided: the same item key under its URL for
        /// every watch, or a stored item of it with the same normalised link; `nil` when none.
        func decided(_ item: FeedItem, articleKey: String, of feed: SeedwatchConfiguration.Feed, poller: FeedPoller) async -> String? {
            if let former = await poller.decidedUnder(urls, articleKey: articleKey, of: feed) { return former }
            guard let link = item.link, await !poller.processor.isDecided(articleKey: articleKey) else { return nil }
            return links[URIReference.normalizedLink(link)]
        }
    }
}
