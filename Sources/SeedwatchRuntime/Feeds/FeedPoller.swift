import Foundation
import Logging
import SeedwatchCore

/// Polls the configured feeds politely and sends every new item through the pipeline: the
/// scheduling (this file), one poll's HTTP handling (FeedPoller+Poll), its items (FeedPoller+Items,
/// through ``FeedIntake``).
///
/// - The first poll of every feed happens at start-up, unless its stored next poll (interval,
///   back-off or `Retry-After`) or its host's wait (``HostPoliteness``) is still ahead; afterwards each feed follows its own
///   ``PollSchedule`` (interval ≥ 60 s plus jitter, exponential back-off capped at 24 h, `Retry-After`
///   for 429 and 503, 410 disables). Each feed runs in its own task, so one slow or failing host
///   never delays another; the fetcher bounds the transfers in flight.
/// - Conditional GET (RFC 9110 §13.1): the validators are sent back and refreshed on every 200 and 304.
/// - Redirects: 301/308 chains persist the final URL as the feed's current URL (logged once); any
///   302, 303 or 307 hop keeps the URL. Article keys always use the first configured URL, so a move
///   re-alerts nothing.
/// - Gzip bodies without Content-Encoding (`1F 8B`: a `feed.xml.gz` served as is) are inflated
///   before parsing, under the same `max_bytes` cap (see ``FeedIntake``).
/// - A failed fetch changes nothing that is recorded as seen; items are decided before the new
///   validators are saved, so a crash between the two re-reads the items instead of losing them.
/// - On a feed's first successful fetch, items published before `max_age` are recorded as seen
///   without alerting; items without a date count as new.
package final class FeedPoller: Sendable {
    let fetcher: any FeedFetching
    let store: StateStore
    let processor: ArticleProcessor
    let clock: any FeedPollClock
    let logger: Logger
    let jitter: @Sendable () -> Double
    let itemsInFeed = ItemKeyMemory()
    /// Hosts that answered 429 or 503, and until when all their feeds wait.
    package let hosts = HostPoliteness()
    let registry: FeedRegistry
    /// `fetch.stale_after`, in seconds (see ``ConditionalRequest``); changed by a reload.
    let staleAfter: StaleAfterSetting
    let outage = NetworkOutage()
    let wakeups = FeedWakeups()
    let fetchObserver = FeedFetchObserver()
    /// Feed states and "still in the feed" marks, written in batches (issue 15 item 5).
    package let states: FeedStateBatch

    /// Items whose summary is shorter than this many characters are fetched in full when the feed
    /// has `full_text: true` and the item carries no content.
    package static let fullTextSummaryLimit = 500

    /// - Parameters:
    ///   - feeds: the configured feeds (a URL listed twice is polled once, with its first settings).
    ///   - fetcher: HTTP (``CurlFetcher`` in the daemon).
    ///   - store: feed HTTP state and seen articles.
    ///   - processor: the pipeline that decides items and delivers alerts.
    ///   - clock: the time source and sleeper.
    ///   - jitter: a number in `0..<1` per scheduling decision (random by default).
    ///   - staleAfterSeconds: `fetch.stale_after`: after this long with only 304s, one GET without validators.
    package init(feeds: [SeedwatchConfiguration.Feed], fetcher: any FeedFetching, store: StateStore, processor: ArticleProcessor,
                clock: any FeedPollClock = SystemFeedPollClock(), logger: Logger,
                jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }, staleAfterSeconds: Double = 86_400) {
        self.staleAfter = StaleAfterSetting(staleAfterSeconds)
        self.states = FeedStateBatch(store: store, logger: logger)
        self.registry = FeedRegistry(feeds: feeds)
        self.fetcher = fetcher
        self.store = store
        self.processor = processor
        self.clock = clock
        self.logger = logger
        self.jitter = jitter
    }

    /// Tells `observer` the duration and outcome of every fetch that ran a transfer (the daemon's
    /// `seedwatch_feed_fetch_duration_seconds`); called on the polling task, so it must be quick.
    package func attachFetchObserver(_ observer: @escaping @Sendable (FeedFetchTiming) -> Void) {
        fetchObserver.attach(observer)
    }

    /// The feeds polled now, in configured order.
    package var feeds: [SeedwatchConfiguration.Feed] { registry.feeds }

    /// Applies a reloaded `feeds:` list (SIGHUP) while ``run()`` goes on. Feeds are known by their
    /// configured URL:
    /// - an added feed is polled at once, then on its own schedule (its stored state, if any, is kept);
    /// - a removed feed is not polled again (a fetch in flight finishes); its state rows stay, so
    ///   adding it back later re-alerts nothing;
    /// - a feed whose `interval`, `max_age`, `max_bytes` or `full_text` changed uses the new values
    ///   from its next poll (the wait already scheduled is kept);
    /// - a feed whose polling had stopped (after 410, then `seedwatch feeds reset URL`) is started again.
    /// - Parameter feeds: the new list.
    /// - Returns: the configured URLs added, removed and changed.
    @discardableResult
    package func apply(feeds: [SeedwatchConfiguration.Feed]) -> FeedListChange {
        states.forgetPrimed()
        return registry.apply(feeds)
    }

    /// Polls every feed at once, then each again whenever it is due, until the task is cancelled;
    /// feeds added by ``apply(feeds:)`` join, removed ones leave. (Seen items past retention are
    /// pruned by the daemon's ``RetentionService``, with or without feeds.)
    package func run() async {
        restoreHostWaits()
        let (starts, continuation) = AsyncStream.makeStream(of: FeedRegistry.Start.self)
        registry.attach(continuation)
        await withTaskGroup(of: Void.self) { group in
            for await start in starts {
                group.addTask { await self.pollWhileConfigured(start) }
            }
            group.cancelAll()
        }
        registry.detach()
        states.flush()
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
                states.forgetPrimed(url: feed.url)  // read from the database after the wait
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
}
