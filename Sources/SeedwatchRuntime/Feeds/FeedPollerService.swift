import Foundation
import Logging
import ServiceLifecycle

/// Runs the ``FeedPoller`` until a graceful shutdown, then stops the fetcher's thread; transfers
/// still in flight end as cancelled and change no feed state.
struct FeedPollerService: Service {
    let poller: FeedPoller
    let fetcher: CurlFetcher

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await poller.run()
        }
        fetcher.shutdown()
    }
}
