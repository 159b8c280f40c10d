import Foundation
import Logging
import SeedwatchCore

/// The poller's defences against feeds that freeze or stall without a word: validators that are
/// not sent back (``ConditionalRequest``) and outages of this machine's network (``NetworkOutage``).
extension FeedPoller {
    /// `fetch.stale_after`, in seconds.
    var staleAfterSeconds: Double { staleAfter.seconds }

    /// Applies a reloaded `fetch.stale_after` (seconds), used from each feed's next poll.
    package func setStaleAfter(seconds: Double) { staleAfter.seconds = seconds }

    /// The GET for `feed`'s next poll: the stored validators that ``ConditionalRequest`` lets
    /// through. Logs (info) when validators are withheld because the feed answered only 304 for
    /// longer than `fetch.stale_after`.
    func conditionalRequest(_ feed: SeedwatchConfiguration.Feed, state: FeedHTTPState, url: String) -> FeedRequest {
        let choice = ConditionalRequest(etag: state.etag, lastModified: state.lastModified, lastFullFetch: state.lastFullFetch,
                                        now: clock.now(), staleAfter: staleAfterSeconds)
        if case .stale? = choice.withheld {
            logger.info("feed answered only 304 for longer than fetch.stale_after; fetching it once without validators",
                        metadata: ["feed": "\(feed.url)", "reason": "\(choice.withheld!)",
                                   "stale_after_seconds": "\(Int(staleAfterSeconds))"])
        }
        return FeedRequest(url: url, etag: choice.etag, lastModified: choice.lastModified, maxBytes: feed.maxBytes)
    }

    /// Logs (warning) a `Last-Modified` in the future or before 1995 when a 200 brings a new one:
    /// it is stored as received but never sent back.
    func noteImplausibleLastModified(_ feed: SeedwatchConfiguration.Feed, response: FeedResponse, stored: String?, now: Date) {
        guard let value = response.lastModified, value != stored,
              !ConditionalRequest.isPlausible(lastModified: value, now: now) else { return }
        logger.warning("feed's Last-Modified is in the future or before 1995; not sent back (the ETag still is)",
                       metadata: ["feed": "\(feed.url)", "last_modified": "\(value)", "etag": "\(response.etag ?? "-")"])
    }

    /// Logs a failure that belongs to this machine's network: one warning when the outage is
    /// noticed, debug lines for the feeds that fail during it.
    func noteNetworkDown(_ feed: SeedwatchConfiguration.Feed, failure: String?, started: Bool, nextPoll: Date?) {
        func metadata() -> Logger.Metadata {
            ["feed": "\(feed.url)", "error": "\(failure ?? "-")", "next_poll": "\(nextPoll.map(AlertTimestamp.format) ?? "-")"]
        }
        if started {
            logger.warning("network unreachable from this machine (every feed fails to resolve or connect); feeds keep their back-off until it is back",
                           metadata: metadata())
        } else {
            logger.debug("feed fetch failed while the network is unreachable", metadata: metadata())
        }
    }

    /// After an outage: the feeds that failed during it are due within a minute (with jitter);
    /// their stored next poll moves too. Logs one line.
    func networkIsBack(since: Date, victims: [String], now: Date) {
        var rescheduled = 0
        for url in victims {
            let due = now.addingTimeInterval(PollSchedule.minimumInterval * min(max(jitter(), 0), 1))
            do {
                if var state = try states.state(url: url), !state.disabled, (state.nextPoll ?? .distantFuture) > due {
                    state.nextPoll = due
                    states.save(state, now: true)
                }
            } catch {
                logger.error("cannot reschedule feed after the network came back", metadata: ["feed": "\(url)", "error": "\(error)"])
            }
            if wakeups.wake(feed: url, at: due) { rescheduled += 1 }
        }
        logger.info("network is back; feeds that failed during the outage are polled within a minute", metadata: [
            "down_since": "\(AlertTimestamp.format(since))", "down_seconds": "\(Int(now.timeIntervalSince(since)))",
            "feeds": "\(victims.count)", "woken": "\(rescheduled)"])
    }
}

/// `fetch.stale_after`, readable while a reload changes it.
final class StaleAfterSetting: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Double

    init(_ seconds: Double) { value = seconds }

    var seconds: Double {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}
