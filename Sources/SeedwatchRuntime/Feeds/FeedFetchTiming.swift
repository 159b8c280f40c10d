import Synchronization

/// One feed fetch as the metrics see it (`seedwatch_feed_fetch_duration_seconds`): how long the
/// transfer took and how it ended.
package struct FeedFetchTiming: Sendable, Equatable {
    /// How a fetch ended, at the HTTP level (a 200 whose body does not parse is still `ok`).
    package enum Outcome: String, Sendable, CaseIterable {
        /// A 2xx response.
        case ok
        /// 304 Not Modified (RFC 9110 §15.4.5): the conditional GET found the feed unchanged.
        case notModified = "not_modified"
        /// A transport error (DNS, connection, timeout, body too large) or any other HTTP status.
        case error
    }

    /// The transfer's duration, in seconds (``FeedResponse/transferSeconds``).
    package var seconds: Double
    package var outcome: Outcome

    package init(seconds: Double, outcome: Outcome) {
        self.seconds = seconds
        self.outcome = outcome
    }

    /// The timing of `response`, or nil when it carries no transfer time (a cancelled fetch).
    package init?(_ response: FeedResponse) {
        guard let seconds = response.transferSeconds, response.error != .cancelled else { return nil }
        let outcome: Outcome
        if response.error != nil {
            outcome = .error
        } else if response.status == 304 {
            outcome = .notModified
        } else if (200..<300).contains(response.status) {
            outcome = .ok
        } else {
            outcome = .error
        }
        self.init(seconds: seconds, outcome: outcome)
    }
}

/// The poller's observer of fetch timings (the daemon's metrics); none by default.
final class FeedFetchObserver: Sendable {
    private let observer = Mutex<(@Sendable (FeedFetchTiming) -> Void)?>(nil)

    func attach(_ observer: @escaping @Sendable (FeedFetchTiming) -> Void) {
        self.observer.withLock { $0 = observer }
    }

    func observe(_ response: FeedResponse) {
        guard let timing = FeedFetchTiming(response), let observer = observer.withLock({ $0 }) else { return }
        observer(timing)
    }
}
