import Foundation

/// Tells failures of this machine's own network apart from a feed's own, so that an outage does not
/// push every feed into long back-off (with a 15 min interval, 8 h offline used to delay every feed
/// by another ~7.75 h).
///
/// A *connectivity failure* is a transfer that never reached a server: the host name did not resolve
/// (libcurl `CURLE_COULDNT_RESOLVE_HOST` 6, `CURLE_COULDNT_RESOLVE_PROXY` 5), the connection was
/// refused or had no route (`CURLE_COULDNT_CONNECT` 7), or the network interface failed
/// (`CURLE_INTERFACE_FAILED` 45). The network counts as **down** once two different feeds (one,
/// when only one feed is configured) have failed that way and no fetch has reached any server since
/// the first of them — every feed failing at once. One feed whose host is gone, while the others
/// answer, is that feed's failure and backs off as usual.
///
/// While the network is down, failures do not escalate a feed's back-off. The first response from
/// any server (any HTTP status) ends the outage: the feeds that failed during it are then due
/// within a minute, with jitter.
final class NetworkOutage: @unchecked Sendable {
    /// What one fetch says about the network.
    enum Verdict: Sendable, Equatable {
        /// Nothing to change: the fetch reached a server with no outage in progress, failed for
        /// its own reasons, or is a connectivity failure of a single feed so far.
        case normal
        /// The failure belongs to this machine's network; `started` is true for the fetch that
        /// revealed the outage (log it once).
        case networkDown(started: Bool)
        /// The fetch reached a server after an outage that began at `since`; `victims` are the
        /// other feeds that failed during it (configured URLs, sorted).
        case recovered(since: Date, victims: [String])
    }

    private let lock = NSLock()
    /// Feeds whose fetch failed to connect since any fetch last reached a server.
    private var unreachable: Set<String> = []
    private var firstFailure: Date?
    private var downSince: Date?

    /// Whether `error` is a connectivity failure (see the type's notes).
    static func isConnectivityFailure(_ error: FeedFetchError?) -> Bool {
        guard case .transport(let code, _)? = error else { return false }
        return [5, 6, 7, 45].contains(code)
    }

    /// Records one finished fetch of `feed` (its configured URL).
    /// - Parameters:
    ///   - response: what the fetcher returned (a cancelled fetch must not be recorded).
    ///   - feedCount: how many feeds are configured now.
    ///   - now: when the fetch ended.
    func record(feed: String, response: FeedResponse, feedCount: Int, now: Date) -> Verdict {
        lock.withLock {
            if Self.isConnectivityFailure(response.error) {
                if unreachable.isEmpty { firstFailure = now }
                unreachable.insert(feed)
                if downSince != nil { return .networkDown(started: false) }
                guard unreachable.count >= min(2, max(1, feedCount)) else { return .normal }
                downSince = firstFailure ?? now
                return .networkDown(started: true)
            }
            guard response.status > 0 else { return .normal }
            defer {
                unreachable.removeAll()
                firstFailure = nil
                downSince = nil
            }
            guard let since = downSince else { return .normal }
            return .recovered(since: since, victims: unreachable.subtracting([feed]).sorted())
        }
    }
}
