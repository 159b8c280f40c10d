import Foundation
import Logging
import SeedwatchCore

/// Polls the configured feeds politely and sends every new item through the pipeline.
///
/// - The first poll of every feed happens at start-up, unless its stored next poll (interval,
///   back-off or `Retry-After`) or its host's wait (``HostPoliteness``) is still ahead; afterwards each feed follows its own
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
    let fetcher: any FeedFetching
    let store: StateStore
    let processor: ArticleProcessor
    let clock: any FeedPollClock
    let logger: Logger
    let jitter: @Sendable () -> Double
    let itemsInFeed = ItemKeyMemory()
    /// Hosts that answered 429 or 503, and until when all their feeds wait.
    public let hosts = HostPoliteness()
    let registry: FeedRegistry
    /// `fetch.stale_after`, in seconds (see ``ConditionalRequest``); changed by a reload.
    let staleAfter: StaleAfterSetting
    let outage = NetworkOutage()
    let wakeups = FeedWakeups()

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
    ///   - staleAfterSeconds: `fetch.stale_after`: after this long with only 304s, one GET without validators.
    public init(feeds: [SeedwatchConfiguration.Feed], fetcher: any FeedFetching, store: StateStore, processor: ArticleProcessor,
                clock: any FeedPollClock = SystemFeedPollClock(), retentionSeconds: Double = 90 * 86400, logger: Logger,
                jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }, staleAfterSeconds: Double = 86_400) {
        self.staleAfter = StaleAfterSetting(staleAfterSeconds)
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
        restoreHostWaits()
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
        var first = true
        while !Task.isCancelled, let feed = registry.feed(for: start) {
            // A stored wait (next poll, back-off, Retry-After) outlives a restart; a host's 429/503 covers its feeds.
            if let due = dueTime(of: feed, honouringStoredNextPoll: first), due > clock.now() {
                first = false
                do {
                    try await wakeups.sleep(feed: feed.url, until: due, clock: clock)
                } catch {
                    return
                }
                continue
            }
            first = false
            let report = await poll(feed)
            guard !Task.isCancelled, let next = report.nextPoll else { return }
            do {
                try await wakeups.sleep(feed: feed.url, until: next, clock: clock)
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
        let request = conditionalRequest(feed, state: state, url: requestedURL)
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
        var throttledHost = false
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
                    let decided = await decideItems(parsed.items, of: feed, firstSuccess: firstSuccess, now: now, report: &report)
                    if decided == .stopped {
                        // SIGTERM mid-document: the items decided so far are committed; the state is
                        // not saved, so the feed is fetched again (in full) at the next start and the
                        // rest are decided then.
                        logger.info("stopping: feed items not yet decided are decided after the next start",
                                    metadata: ["feed": "\(feed.url)", "items": "\(report.items)"])
                        report.stopped = true
                        return report
                    }
                    state.lastFullFetch = now
                    noteImplausibleLastModified(feed, response: response, stored: state.lastModified, now: now)
                    if decided == .allDecided {
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
                throttledHost = true
                failure = "HTTP \(response.status)" + (response.retryAfter.map { "; Retry-After: \($0)" } ?? "")
            default:
                outcome = .failed
                failure = "HTTP \(response.status)"
            }
        }

        let network = outage.record(feed: feed.url, response: response, feedCount: registry.feeds.count, now: now)
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
        } else if case .networkDown = network {
            // This machine's network, not the feed: keep its back-off where it was.
            state.lastError = failure.map { "network unreachable: \($0)" }
        } else {
            state.consecutiveFailures += 1
            state.lastError = failure
        }
        let schedule = PollSchedule(intervalSeconds: feed.intervalSeconds)
        state.nextPoll = schedule.nextPoll(after: outcome, consecutiveFailures: max(state.consecutiveFailures, outcome == .success ? 0 : 1),
                                           now: now, jitter: jitter())
        if case .networkDown(let started) = network {
            noteNetworkDown(feed, failure: failure, started: started, nextPoll: state.nextPoll)
        } else if outcome == .gone {
            state.disabled = true
            logger.warning("feed is gone (HTTP 410); polling stopped (to resume: seedwatch feeds reset URL, then reload the daemon)",
                           metadata: ["feed": "\(feed.url)", "url": "\(requestedURL)"])
        } else if let failure {
            logger.warning("feed fetch failed; backing off", metadata: [
                "feed": "\(feed.url)", "error": "\(failure)", "failures": "\(state.consecutiveFailures)",
                "next_poll": "\(state.nextPoll.map(AlertTimestamp.format) ?? "-")",
            ])
        }
        if throttledHost, let next = state.nextPoll { hosts.throttle(requestedURL, until: next) }
        do {
            try store.saveFeedState(state)
        } catch {
            logger.error("cannot save feed state", metadata: ["feed": "\(feed.url)", "error": "\(error)"])
        }
        if case .recovered(let since, let victims) = network { networkIsBack(since: since, victims: victims, now: now) }
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

    func touch(_ keys: [String], now: Date) {
        do {
            try store.touchSeen(articleKeys: keys, at: now)
        } catch {
            logger.error("cannot mark feed items as still present", metadata: ["error": "\(error)"])
        }
    }
}

/// The article keys of each feed's last fetched document, so a 304 can mark them still present.
final class ItemKeyMemory: @unchecked Sendable {
    private let lock = NSLock()
    private var keysByFeed: [String: [String]] = [:]

    /// The keys of the feed's last document read by this process, or `nil` when it read none.
    func knownKeys(for feed: String) -> [String]? { lock.withLock { keysByFeed[feed] } }
    func set(_ keys: [String], for feed: String) { lock.withLock { keysByFeed[feed] = keys } }
}
