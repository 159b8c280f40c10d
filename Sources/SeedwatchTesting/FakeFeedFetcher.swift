import Foundation
import SeedwatchCore
import SeedwatchRuntime

/// A scripted ``FeedFetching`` for tests and benchmarks: answers each URL from a queue of
/// responses (the last one repeats) and records every request it was given.
package final class FakeFeedFetcher: FeedFetching, @unchecked Sendable {
    private let lock = NSLock()
    private var scripts: [String: [FeedResponse]] = [:]
    private var received: [FeedRequest] = []

    package init() {}

    /// Queues `responses` for `url`; once one is left it answers every later request.
    package func script(_ url: String, _ responses: [FeedResponse]) {
        lock.withLock { scripts[url, default: []].append(contentsOf: responses) }
    }

    /// The requests received so far, in order.
    package var requests: [FeedRequest] {
        lock.withLock { received }
    }

    package func fetch(_ request: FeedRequest) async -> FeedResponse {
        lock.withLock {
            received.append(request)
            guard var queue = scripts[request.url], let first = queue.first else {
                return FeedResponse(status: 0, finalURL: request.url,
                                    error: .transport(code: 7, detail: "no scripted response for \(request.url)"))
            }
            if queue.count > 1 {
                queue.removeFirst()
                scripts[request.url] = queue
            }
            return first
        }
    }
}
