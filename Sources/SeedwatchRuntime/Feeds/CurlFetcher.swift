import CCurl
import Foundation
import SeedwatchCore

/// Fetches feeds with libcurl's multi interface on one dedicated thread, never on Swift's
/// cooperative pool: up to `concurrency` transfers run at once and the rest wait in a queue.
///
/// Every transfer (see ``CurlTransfer``'s options): http and https only, also for redirects
/// (`CURLOPT_PROTOCOLS_STR`, `CURLOPT_REDIR_PROTOCOLS_STR`: redirects to other schemes are
/// refused); every content coding this libcurl decodes (`CURLOPT_ACCEPT_ENCODING ""`); at most 5
/// redirects; the connect, total and low-speed limits of ``Limits``; the decoded body capped at the
/// request's `maxBytes` in the write callback (so a gzip bomb stops at the cap); `CURLOPT_NOSIGNAL`;
/// the conditional GET headers `If-None-Match` and `If-Modified-Since` (RFC 9110 §13.1). The
/// transfers run on one thread (``CurlMultiLoop``).
package final class CurlFetcher: FeedFetching, Sendable {
    /// Per-transfer limits.
    package struct Limits: Sendable, Hashable {
        /// Seconds allowed to connect (CURLOPT_CONNECTTIMEOUT).
        package var connectTimeout: Int = 10
        /// Seconds allowed for the whole transfer (CURLOPT_TIMEOUT).
        package var totalTimeout: Int = 30
        /// The transfer aborts when slower than this many bytes per second …
        package var lowSpeedBytesPerSecond: Int = 100
        /// … for this many seconds (CURLOPT_LOW_SPEED_LIMIT / _TIME).
        package var lowSpeedSeconds: Int = 15
        /// Redirects followed at most (CURLOPT_MAXREDIRS; libcurl's own default was unlimited before 8.3.0).
        package var maxRedirects: Int = 5

        package init() {}
    }

    /// The `User-Agent` sent with every request.
    package static let userAgent = "seedwatch/\(SeedwatchVersion.string) (+https://github.com/seedwatch/seedwatch)"

    private let loop: CurlMultiLoop

    /// Starts the fetcher's thread.
    /// - Parameters:
    ///   - concurrency: transfers in flight at once (`fetch.concurrency`, at least 1).
    ///   - limits: per-transfer time and redirect limits.
    package init(concurrency: Int = 8, limits: Limits = Limits()) {
        loop = CurlMultiLoop(concurrency: max(1, concurrency), limits: limits)
    }

    deinit {
        loop.stop()
    }

    package func fetch(_ request: FeedRequest) async -> FeedResponse {
        await loop.fetch(request)
    }

    /// Changes how many transfers run at once (`fetch.concurrency` after a reload, at least 1).
    /// Transfers already running go on; queued ones start as slots free up under the new limit.
    package func setConcurrency(_ concurrency: Int) {
        loop.setConcurrency(max(1, concurrency))
    }

    /// Stops the thread; transfers still queued or running end with ``FeedFetchError/cancelled``.
    /// Blocks until the thread has finished (at most about a second).
    package func shutdown() {
        loop.stop()
    }
}
