import Foundation
import Logging
import SeedwatchCore
import SeedwatchRuntime
import SeedwatchTesting
import Synchronization
import Testing

/// A feed document's items are decided in bounded batches, with a stop check between items (issue 11).
@Suite("Feed items in batches")
struct FeedItemBatchTests {
    static let start = Date(timeIntervalSince1970: 1_787_288_400)  // 2026-08-21T05:00:00Z

    /// 600 items sharing one date; every 100th names Putin and Kim Jong Un (an alert of the test model).
    static let rss: [UInt8] = {
        var xml = "<rss version=\"2.0\"><channel><title>Desk</title>"
        for i in 0..<600 {
            let title = i % 100 == 0 ? "Putin meets Kim Jong Un, part \(i)" : "Weather report \(i)"
            xml += "<item><guid>g-\(i)</guid><title>\(title)</title><description>Report number \(i) of the day.</description>"
                + "<pubDate>Fri, 21 Aug 2026 04:00:00 GMT</pubDate></item>"
        }
        return Array((xml + "</channel></rss>").utf8)
    }()

    /// An alert sink in memory that records each delivery's size and, while armed, cancels the task
    /// delivering (the poll's task: the processor runs in it), as SIGTERM cancels the poller.
    final class StoppingSink: DurableAlertSink {
        let inner = InMemoryAlertSink()
        let armed = Atomic<Bool>(true)
        let deliveries = Mutex<[Int]>([])

        func append(_ line: [UInt8]) throws -> [AlertLogWarning] {
            try appendLines([line])
        }

        func appendLines(_ lines: [[UInt8]]) throws -> [AlertLogWarning] {
            let warnings = try inner.appendLines(lines)
            deliveries.withLock { $0.append(lines.count) }
            if armed.load(ordering: .relaxed) { withUnsafeCurrentTask { $0?.cancel() } }
            return warnings
        }

        func containsAlertID(_ id: String) throws -> Bool { try inner.containsAlertID(id) }
    }

    /// One poller of the 600-item feed on a loopback server, its state database in a temporary
    /// folder, and what the test reads; `close()` stops the server and removes the folder.
    final class Rig {
        let server: LoopbackHTTPServer
        let fetcher = CurlFetcher()
        let folder: TemporaryFolder
        let store: StateStore
        let feed: SeedwatchConfiguration.Feed
        let poller: FeedPoller

        /// `maxSeconds`: the group-commit age limit (256 articles at the most).
        init(_ name: String, sink: StoppingSink, maxSeconds: Double) throws {
            let routes = FeedRoutes()
            routes.set("/feed") { request, _ in
                FeedRoutes.conditional(request, body: FeedItemBatchTests.rss, etag: "\"600\"",
                                       lastModified: "Fri, 21 Aug 2026 04:00:00 GMT")
            }
            server = try routes.server()
            folder = try TemporaryFolder(name)
            store = try StateStore(path: folder.file("state.sqlite"))
            let clock = ManualFeedPollClock(start: FeedItemBatchTests.start)
            let processor = ArticleProcessor(watches: [try PipelineTestModel.watch()], store: store,
                                             outbox: OutboxDelivery(store: store, sink: sink), logger: LogRecorder().logger(),
                                             now: { clock.now() },
                                             groupLimits: GroupCommitLimits(maxArticles: 256, maxSeconds: maxSeconds))
            feed = feedConfig(server.baseURL + "/feed")
            poller = FeedPoller(feeds: [feed], fetcher: fetcher, store: store, processor: processor, clock: clock,
                                logger: LogRecorder().logger(), jitter: { 0 })
        }

        func close() {
            server.stop()
            fetcher.shutdown()
            folder.remove()
        }
    }

    @Test("a stop between batches commits what was decided; the next poll decides the rest, nothing twice")
    func stopAndResume() async throws {
        let sink = StoppingSink()
        let rig = try Rig("feed-batches", sink: sink, maxSeconds: 3600)
        defer { rig.close() }
        let (store, feed, poller, server) = (rig.store, rig.feed, rig.poller, rig.server)
        #expect(FeedPoller.itemBatchSize == 256)

        let first = await Task { await poller.poll(feed) }.value
        #expect(first.stopped)
        #expect(first.alerts.map(\.title) == ["Putin meets Kim Jong Un, part 0", "Putin meets Kim Jong Un, part 100",
                                              "Putin meets Kim Jong Un, part 200"])
        #expect(try store.counts().seenArticles == 256)
        #expect(try store.feedState(url: feed.url) == nil)  // not saved: fetched in full after the next start

        sink.armed.store(false, ordering: .relaxed)
        let second = await Task { await poller.poll(feed) }.value
        #expect(!second.stopped)
        #expect(second.alerts.map(\.title) == ["Putin meets Kim Jong Un, part 300", "Putin meets Kim Jong Un, part 400",
                                               "Putin meets Kim Jong Un, part 500"])
        #expect(try store.counts().seenArticles == 600)
        #expect(try store.counts().pendingAlerts == 0)
        #expect(try store.feedState(url: feed.url)?.etag == "\"600\"")
        #expect(sink.inner.lineTexts.count == 6)
        #expect(Set(sink.inner.lineTexts).count == 6)
        #expect(sink.deliveries.withLock { $0 } == [3, 3])  // one delivery (one sync) per batch with alerts
        #expect(server.requests.map { $0.header("If-None-Match") } == [nil, nil])
    }

    @Test("a document's items commit in groups that close at their age: one sync per group")
    func groupsCloseAtTheirAge() async throws {
        let sink = StoppingSink()
        sink.armed.store(false, ordering: .relaxed)
        // A group closes after every item (0 s): each alert is its own group and its own sync.
        let rig = try Rig("feed-groups", sink: sink, maxSeconds: 0)
        defer { rig.close() }
        let (store, feed, poller) = (rig.store, rig.feed, rig.poller)
        let report = await Task { await poller.poll(feed) }.value
        #expect(!report.stopped)
        #expect(report.alerts.map(\.title) == stride(from: 0, to: 600, by: 100).map { "Putin meets Kim Jong Un, part \($0)" })
        #expect(sink.deliveries.withLock { $0 } == [1, 1, 1, 1, 1, 1])
        #expect(try store.counts().seenArticles == 600)
        #expect(try store.counts().pendingAlerts == 0)
    }
}
