import Foundation
import Logging
import SeedwatchCore

/// The feed-polling path as the daemon runs it, opened for the separate `Benchmarks` package.
///
/// Everything else in SeedwatchRuntime has `package` access (the `seedwatch` executable and the
/// tests are in this package); the benchmarks live in their own package to keep CI's build small,
/// so they reach the Runtime only through these probes.
///
/// It owns one ``CurlFetcher`` and, over a state database and alert log in `folder`, one
/// ``FeedPoller`` with no watch (every item is decided as "no alert"), as the daemon wires them.
public final class FeedPollingProbe: Sendable {
    private let fetcher: CurlFetcher
    private let store: StateStore
    private let poller: FeedPoller
    private let feeds: [SeedwatchConfiguration.Feed]

    /// - Parameters:
    ///   - urls: the feed URLs, one configured feed each (default settings).
    ///   - concurrency: the fetcher's number of transfers at once (`fetch.concurrency`).
    ///   - folder: a folder for `state.sqlite` and `alerts.jsonl`; created when missing.
    /// - Throws: ``StateStoreError`` or the alert log's error when either cannot be opened.
    public init(urls: [String], concurrency: Int, folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        fetcher = CurlFetcher(concurrency: concurrency)
        store = try StateStore(path: folder + "/state.sqlite")
        let writer = try AlertLogWriter(path: folder + "/alerts.jsonl")
        let logger = Logger(label: "seedwatch.bench") { _ in SwiftLogNoOpLogHandler() }
        let processor = ArticleProcessor(watches: [], store: store, outbox: OutboxDelivery(store: store, sink: writer),
                                         logger: logger)
        feeds = urls.map { SeedwatchConfiguration.Feed(url: $0) }
        poller = FeedPoller(feeds: feeds, fetcher: fetcher, store: store, processor: processor, logger: logger)
    }

    /// Fetches every URL once through the fetcher alone, at once, each with its ETag (`nil`: an
    /// unconditional GET). - Returns: the HTTP statuses, in completion order (0 for a transfer error).
    @discardableResult
    public func fetchAll(_ requests: [(url: String, etag: String?)]) async -> [Int] {
        let fetcher = self.fetcher
        return await withTaskGroup(of: Int.self) { group in
            for request in requests {
                group.addTask { await fetcher.fetch(FeedRequest(url: request.url, etag: request.etag)).status }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
    }

    /// Polls every feed once through the poller (state read, conditional GET, state write), at once.
    /// - Returns: each poll's HTTP status, `nil` where none was received, in completion order.
    @discardableResult
    public func pollAll() async -> [Int?] {
        let poller = self.poller
        return await withTaskGroup(of: Int?.self) { group in
            for feed in feeds { group.addTask { await poller.poll(feed).status } }
            return await group.reduce(into: []) { $0.append($1) }
        }
    }

    /// Stops the fetcher's transfer thread and closes the state database.
    public func shutdown() {
        fetcher.shutdown()
        try? store.close()
    }
}
