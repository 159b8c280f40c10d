import Foundation
import Logging
import SeedwatchCore

/// Waits that outlive a restart (issue 11): a feed's stored next poll (its interval, a back-off or
/// a `Retry-After`) and a host's 429/503.
extension FeedPoller {
    /// When `feed` may be fetched: the later of its stored next poll (only when
    /// `honouringStoredNextPoll`: the loop's first poll, after a start or a reload; later polls
    /// sleep until the next poll they computed) and its host's wait (``HostPoliteness``). `nil`
    /// when nothing holds it back. A state that cannot be read holds nothing back (the poll logs it).
    func dueTime(of feed: SeedwatchConfiguration.Feed, honouringStoredNextPoll: Bool) -> Date? {
        let state = try? states.state(url: feed.url)
        let stored = honouringStoredNextPoll && state?.disabled != true ? state?.nextPoll : nil
        let host = hosts.notBefore(state?.currentURL ?? feed.url)
        switch (stored, host) {
        case let (a?, b?): return max(a, b)
        case let (a?, nil): return a
        case let (nil, b?): return b
        case (nil, nil): return nil
        }
    }

    /// At start: every host whose feed's last answer was 429 or 503 with a next poll still ahead
    /// waits until then, for all its feeds; and the stored states serve the feeds' first polls
    /// (``FeedStateBatch/prime(_:)``).
    func restoreHostWaits() {
        let now = clock.now()
        do {
            let stored = try store.allFeedStates()
            states.prime(stored)
            for state in stored {
                guard let status = state.lastStatus, status == 429 || status == 503, let next = state.nextPoll, next > now else { continue }
                hosts.throttle(state.currentURL ?? state.url, until: next)
                logger.info("host asked to wait; its feeds are not fetched before then", metadata: [
                    "feed": "\(state.url)", "status": "\(status)", "until": "\(AlertTimestamp.format(next))"])
            }
        } catch {
            logger.error("cannot read the stored feed states", metadata: ["error": "\(error)"])
        }
    }
}
