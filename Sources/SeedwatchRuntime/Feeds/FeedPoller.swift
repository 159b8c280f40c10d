import Foundation
import Logging
import SeedwatchCore

/// Polls the configured feeds politely and sends every new item through the pipeline.
///
/// - The first poll of every feed happens at start-up; afterwards each feed follows its own
///   ``PollSchedule`` (interval ≥ 60 s plus jitter, exponential back-off capped at 24 h, `Retry-After`
///   for 429 and 503, 410 disables). Each feed runs in its own task, so one slow or failing host
///   never delays another; the fetcher bounds the transfers in flight.
/// - Conditional GET (RFC 9110 §13.1): the validators are sent back and refreshed on every 200 and 304.
/// - 301/308 chains persist the final URL as the feed's current URL (logged once); any 302, 303 or
///   307 hop keeps the URL (case 11). Article keys always use the first configured URL, so a move
///   re-alerts nothing.
/// - A body that is itself a gzip file (`1F 8B`, no `Content-Encoding`; case 12) is inflated before
///   parsing, under the same `max_bytes` cap (see ``FeedBody``).
/// - A failed fetch changes nothing that is recorded as seen; items are decided before the new
///   validators are saved, so a crash between the two re-reads the items instead of losing them.
/// - On a feed's first successful fetch, items published before `max_age` are recorded as seen
///   without alerting; items without a date count as new.
public final class FeedPoller: Sendable {
    private let fetcher: any FeedFetching
    private let store: StateStore
    private let processor: ArticleProcessor
    private let clock: any FeedPollClock
    private let logger: Logger
    private let jitter: @Sendable () -> Double
    private let itemsInFeed = ItemKeyMemory()
    private let registry: FeedRegistry

    /// Items whose summary is shorter than this many characters are fetched in full when the feed
    /// has `full_text: true` and the item carries no content.
    public static let fullTextSummaryLimit = 500

    /// - Parameters:
    ///   - feeds: the configured feeds (a URL listed twice is polled once, with its first settings).
    ///   - fetcher: HTTP (``CurlFetcher`` in the daemon).
    ///   - store: feed HTTP state and seen articles.
    ///   - processor: the pipeline that decides items and delivers alerts.
    ///   - clock: the time source and sleeper.
    ///   - retentionSeconds: how long seen items are remembered after they leave their feed (`state.retention`).
    ///   - jitter: a number in `0..<1` per scheduling decision (random by default).
    public init(feeds: [SeedwatchConfiguration.Feed], fetcher: any FeedFetching, store: StateStore, processor: ArticleProcessor,
                clock: any FeedPollClock = SystemFeedPollClock(), retentionSeconds: Double = 90 * 86400, logger: Logger,
                jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.registry = FeedRegistry(feeds: feeds, retentionSeconds: retentionSeconds)
        self.fetcher = fetcher
        self.store = store
        self.processor = processor
        self.clock = clock
        self.logger = logger
        self.jitter = jitter
    }

    /// The feeds polled now, in configured order.
    public var feeds: [SeedwatchConfiguration.Feed] { registry.feeds }

    /// Applies a reloaded `feeds:` list (SIGHUP) while ``run()`` goes on. Feeds are known by their
    /// configured URL:
    /// - an added feed is polled at once, then on its own schedule (its stored state, if any, is kept);
    /// - a removed feed is not polled again (a fetch in flight finishes); its state rows stay, so
    ///   adding it back later re-alerts nothing;
    /// - a feed whose `interval`, `max_age`, `max_bytes` or `full_text` changed uses the new values
    ///   from its next poll (the wait already scheduled is kept);
    /// - a feed whose polling had stopped (after 410, then `seedwatch feeds reset URL`) is started again.
    /// - Parameters:
    ///   - feeds: the new list.
    ///   - retentionSeconds: the new `state.retention`, in seconds, used from the next hourly prune.
    /// - Returns: the configured URLs added, removed and changed.
    @discardableResult
    public func apply(feeds: [SeedwatchConfiguration.Feed], retentionSeconds: Double) -> FeedListChange {
        registry.apply(feeds, retentionSeconds: retentionSeconds)
    }

    /// Polls every feed at once, then each again whenever it is due, until the task is cancelled;
    /// feeds added by ``apply(feeds:retentionSeconds:)`` join, removed ones leave.
    /// Seen items past retention are pruned at start and hourly.
    public func run() async {
        let (starts, continuation) = AsyncStream.makeStream(of: FeedRegistry.Start.self)
        registry.attach(continuation)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.pruneForever() }
            for await start in starts {
                group.addTask { await self.pollWhileConfigured(start) }
            }
            group.cancelAll()
        }
        registry.detach()
    }

    /// One feed's loop: polls while this loop is the feed's current one (the feed was not removed
    /// or re-added since), reading the feed's settings afresh before each poll.
    private func pollWhileConfigured(_ start: FeedRegistry.Start) async {
        defer { registry.loopEnded(start) }
        while !Task.isCancelled, let feed = registry.feed(for: start) {
            let report = await poll(feed)
            guard !Task.isCancelled, let next = report.nextPoll else { return }
            do {
                try await clock.sleep(until: next)
            } catch {
                return
            }
        }
    }

    private func pruneForever() async {
        while !Task.isCancelled {
            let now = clock.now()
            do {
                let removed = try store.pruneSeen(olderThan: now.addingTimeInterval(-registry.retentionSeconds))
                if removed > 0 { logger.info("pruned seen articles past retention", metadata: ["removed": "\(removed)"]) }
            } catch {
                logger.error("cannot prune seen articles", metadata: ["error": "\(error)"])
            }
            do {
                try await clock.sleep(until: now.addingTimeInterval(3600))
            } catch {
                return
            }
        }
    }

    /// Polls one feed once, now: fetch, decide new items, update and save its HTTP state.
    /// A disabled feed (after 410) is not fetched.
    public func poll(_ feed: SeedwatchConfiguration.Feed) async -> FeedPollReport {
        var state: FeedHTTPState
        do {
            state = try store.feedState(url: feed.url) ?? FeedHTTPState(url: feed.url)
        } catch {
            logger.error("cannot read feed state", metadata: ["feed": "\(feed.url)", "error": "\(error)"])
            return FeedPollReport(feedURL: feed.url, requestedURL: feed.url, error: "\(error)",
                                  nextPoll: clock.now().addingTimeInterval(PollSchedule.minimumInterval))
        }
        let requestedURL = state.currentURL ?? feed.url
        guard !state.disabled else {
            return FeedPollReport(feedURL: feed.url, requestedURL: requestedURL, error: state.lastError)
        }
        let request = FeedRequest(url: requestedURL, etag: state.etag, lastModified: state.lastModified, maxBytes: feed.maxBytes)
        let response = await fetcher.fetch(request)
        if response.error == .cancelled {
            return FeedPollReport(feedURL: feed.url, requestedURL: requestedURL, status: 0)
        }
        let now = clock.now()
        var report = FeedPollReport(feedURL: feed.url, requestedURL: requestedURL, status: response.status)
        state.lastFetch = now
        if response.status > 0 { state.lastStatus = response.status }

        let outcome: PollOutcome
        var failure: String?
        if let error = response.error {
            outcome = .failed
            failure = error.description
        } else {
            switch response.status {
            case 200:
                let body: [UInt8]
                do {
                    body = try FeedBody.unpacked(response.body, from: response.finalURL, maxBytes: feed.maxBytes)
                } catch {
                    outcome = .failed
                    failure = error.description
                    break
                }
                do {
                    let parsed = try FeedParser.parse(body, contentType: response.contentType, baseURL: response.finalURL)
                    let firstSuccess = state.lastSuccess == nil
                    let allDecided = await decideItems(parsed.items, of: feed, firstSuccess: firstSuccess, now: now, report: &report)
                    if allDecided {
                        state.etag = response.etag
                        state.lastModified = response.lastModified
                    } else {
                        // Keep the old validators: the next poll must get the items again (a 304
                        // would hide the ones whose decision failed, e.g. on a locked database).
                        logger.warning("some items could not be decided; the feed will be fetched in full next time",
                                       metadata: ["feed": "\(feed.url)"])
                    }
                    outcome = .success
                } catch {
                    outcome = .failed
                    failure = "not a readable feed: \(error)"
                }
            case 304:
                if response.etag != nil { state.etag = response.etag }
                if response.lastModified != nil { state.lastModified = response.lastModified }
                touch(keysOfLastDocument(feed, lastSuccess: state.lastSuccess), now: now)
                outcome = .success
            case 410:
                outcome = .gone
                failure = "HTTP 410 Gone"
            case 429, 503:
                outcome = .throttled(retryAfter: PollSchedule.retryAfter(response.retryAfter, now: now))
                failure = "HTTP \(response.status)" + (response.retryAfter.map { "; Retry-After: \($0)" } ?? "")
            default:
                outcome = .failed
                failure = "HTTP \(response.status)"
            }
        }

        if outcome == .success {
            if response.redirects.movesPermanently && response.finalURL != requestedURL {
                state.currentURL = response.finalURL
                logger.info("feed moved permanently; polling the new URL from now on", metadata: [
                    "feed": "\(feed.url)", "from": "\(requestedURL)", "to": "\(response.finalURL)",
                    "statuses": "\(response.redirects.map(\.status))",
                ])
            }
            if state.consecutiveFailures > 0 {
                logger.info("feed recovered", metadata: ["feed": "\(feed.url)", "after_failures": "\(state.consecutiveFailures)"])
            }
            state.consecutiveFailures = 0
            state.lastError = nil
            state.lastSuccess = now
        } else {
            state.consecutiveFailures += 1
            state.lastError = failure
        }
        let schedule = PollSchedule(intervalSeconds: feed.intervalSeconds)
        state.nextPoll = schedule.nextPoll(after: outcome, consecutiveFailures: state.consecutiveFailures, now: now, jitter: jitter())
        if outcome == .gone {
            state.disabled = true
            logger.warning("feed is gone (HTTP 410); polling stopped (to resume: seedwatch feeds reset URL, then reload the daemon)",
                           metadata: ["feed": "\(feed.url)", "url": "\(requestedURL)"])
        } else if let failure {
            logger.warning("feed fetch failed; backing off", metadata: [
                "feed": "\(feed.url)", "error": "\(failure)", "failures": "\(state.consecutiveFailures)",
                "next_poll": "\(state.nextPoll.map(AlertTimestamp.format) ?? "-")",
            ])
        }
        do {
            try store.saveFeedState(state)
        } catch {
            logger.error("cannot save feed state", metadata: ["feed": "\(feed.url)", "error": "\(error)"])
        }
        report.outcome = outcome
        report.error = failure
        report.nextPoll = state.nextPoll
        if outcome == .success {
            // One line per successful poll, like "file read" for a dropped file: info when the feed
            // had items, debug for an unchanged one (304), so a quiet feed does not fill the journal.
            // Built only when the level is enabled (the logger's metadata argument is an autoclosure).
            func metadata() -> Logger.Metadata {
                ["feed": "\(feed.url)", "status": "\(response.status)", "items": "\(report.items)",
                 "alerts": "\(report.alerts.count)", "next_poll": "\(state.nextPoll.map(AlertTimestamp.format) ?? "-")"]
            }
            if response.status == 304 { logger.debug("feed polled", metadata: metadata()) } else { logger.info("feed polled", metadata: metadata()) }
        }
        return report
    }

    /// Decides the items of one fetched document (see the type's notes on `max_age`).
    /// - Returns: false when some item's decision could not be recorded (it is retried on the next full fetch).
    private func decideItems(_ items: [FeedItem], of feed: SeedwatchConfiguration.Feed, firstSuccess: Bool, now: Date,
                             report: inout FeedPollReport) async -> Bool {
        var allDecided = true
        report.items = items.count
        let oldest = now.addingTimeInterval(-feed.maxAgeSeconds)
        let keys = items.map { ArticleIdentity.feedKey(feedURL: feed.url, itemKey: $0.itemKey) }
        let present = Set(keys)
        // Secondary keys (case 08); a description that two items of this document share identifies neither.
        let versions = items.map { ArticleVersion.feedItem($0, feedURL: feed.url) }
        var descriptionCounts: [String: Int] = [:]
        for hash in versions.compactMap(\.descriptionHash) { descriptionCounts[hash, default: 0] += 1 }
        for (index, item) in items.enumerated() {
            let articleKey = keys[index]
            let version = versions[index]
            var article = item.article
            let contentHash = ArticleIdentity.sha256Hex(Array((article.title + "\n" + article.body).utf8))
            if firstSuccess, let published = article.published, published < oldest {
                await processor.recordSeenWithoutAlert(articleKey: articleKey, contentHash: contentHash, origin: feed.url,
                                                       version: version)
                report.absorbedAsOld += 1
                continue
            }
            if await processor.isDecided(articleKey: articleKey) { continue }
            if feed.fullText, item.content.isEmpty, item.summary.count < Self.fullTextSummaryLimit, let link = item.link,
               let body = await fullText(link: link, feed: feed) {
                article.body = body
            }
            let alerts = await processor.decide(article, articleKey: articleKey, contentHash: contentHash,
                                                source: .feed(feed.url, url: item.link, guid: item.guid), origin: feed.url,
                                                lookup: .feedItem(version, present: present,
                                                                  descriptionShared: (version.descriptionHash.flatMap { descriptionCounts[$0] } ?? 0) > 1))
            report.alerts.append(contentsOf: alerts)
            if await !processor.isDecided(articleKey: articleKey) { allDecided = false }
        }
        touch(keys, now: now)
        itemsInFeed.set(keys, for: feed.url)
        if report.absorbedAsOld > 0 {
            logger.info("first fetch: items older than max_age recorded as seen without alerting", metadata: [
                "feed": "\(feed.url)", "items": "\(report.absorbedAsOld)", "max_age_seconds": "\(Int(feed.maxAgeSeconds))"])
        }
        return allDecided
    }

    /// Fetches an item's page and extracts its text like a dropped HTML file; `nil` on any failure.
    private func fullText(link: String, feed: SeedwatchConfiguration.Feed) async -> String? {
        let response = await fetcher.fetch(FeedRequest(url: link, maxBytes: feed.maxBytes))
        guard response.error == nil, response.status == 200 else {
            logger.debug("full text not fetched; using the summary", metadata: [
                "feed": "\(feed.url)", "link": "\(link)", "status": "\(response.status)",
                "error": "\(response.error.map(\.description) ?? "-")"])
            return nil
        }
        guard let body = try? FeedBody.unpacked(response.body, from: link, maxBytes: feed.maxBytes) else { return nil }
        let document = Document(bytes: body, origin: .feed(feedURL: feed.url), nameHint: "item.html",
                                contentType: response.contentType)
        guard let article = try? ArticleExtractor.extract(document).first, !article.body.isEmpty else { return nil }
        return article.body
    }

    /// The article keys of the feed's last fetched document, for a 304. After a restart this
    /// process has not read the document: its items are the feed's seen keys marked at the last
    /// successful poll (`lastSuccess`), as every poll marks its document's items at its own time.
    /// Without them an unchanged feed answering 304 for longer than retention would lose its items'
    /// seen marks, and they would alert again when the feed next changes.
    private func keysOfLastDocument(_ feed: SeedwatchConfiguration.Feed, lastSuccess: Date?) -> [String] {
        if let keys = itemsInFeed.knownKeys(for: feed.url) { return keys }
        guard let lastSuccess else { return [] }
        do {
            let keys = try store.seenArticleKeys(articleKeyPrefix: ArticleIdentity.feedKey(feedURL: feed.url, itemKey: ""),
                                                 seenSince: lastSuccess)
            itemsInFeed.set(keys, for: feed.url)
            return keys
        } catch {
            logger.error("cannot list the items of the feed's last document", metadata: ["feed": "\(feed.url)", "error": "\(error)"])
            return []
        }
    }

    private func touch(_ keys: [String], now: Date) {
        do {
            try store.touchSeen(articleKeys: keys, at: now)
        } catch {
            logger.error("cannot mark feed items as still present", metadata: ["error": "\(error)"])
        }
    }
}

/// The article keys of each feed's last fetched document, so a 304 can mark them still present.
private final class ItemKeyMemory: @unchecked Sendable {
    private let lock = NSLock()
    private var keysByFeed: [String: [String]] = [:]

    /// The keys of the feed's last document read by this process, or `nil` when it read none.
    func knownKeys(for feed: String) -> [String]? { lock.withLock { keysByFeed[feed] } }
    func set(_ keys: [String], for feed: String) { lock.withLock { keysByFeed[feed] = keys } }
}
