import Foundation
import Logging
import SeedwatchCore
import SeedwatchRuntime
import SeedwatchTesting
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `metrics.listen`: the Prometheus exposition over HTTP on loopback, and the feed fetch-time
/// histogram (issue 13, Build 7).
@Suite("Metrics endpoint and feed fetch time")
struct MetricsEndpointTests {
    static func metrics() -> DaemonMetrics {
        let metrics = DaemonMetrics(startTime: Date(timeIntervalSince1970: 1_790_000_000))
        var counters = ArticleProcessor.Counters()
        counters.filesProcessed = 4
        counters.decisions = 4
        counters.alertsWritten = 2
        metrics.update(.init(counters: counters, bytesRead: 8192, queuedFiles: 7, deferredFiles: 0,
                             feeds: [("https://example.org/rss", 3, false)]))
        return metrics
    }

    static func lines(_ body: [UInt8]) -> Set<String> {
        Set(String(decoding: body, as: UTF8.self).split(separator: "\n").map(String.init))
    }

    @Test func getMetricsServesTheExpositionOnLoopbackAndOtherPathsAre404() async throws {
        let metrics = Self.metrics()
        let endpoint = try MetricsEndpoint(address: try MetricsListenAddress.parse("127.0.0.1:0"), logger: .init(label: "test")) {
            metrics.exposition()
        }
        let bound = try await endpoint.start()
        #expect(bound.host == "127.0.0.1")
        #expect(bound.port > 0)
        let fetcher = CurlFetcher(concurrency: 2)
        let response = await fetcher.fetch(FeedRequest(url: "http://\(bound)/metrics"))
        #expect(response.error == nil)
        #expect(response.status == 200)
        #expect(response.contentType == "text/plain; version=0.0.4; charset=utf-8")
        let lines = Self.lines(response.body)
        for expected in [
            "# HELP seedwatch_files_processed_total Drop-folder files read and decided.",
            "# TYPE seedwatch_files_processed_total counter",
            "seedwatch_files_processed_total 4", "seedwatch_decisions_total 4", "seedwatch_alerts_written_total 2",
            "seedwatch_read_bytes_total 8192", "seedwatch_drop_queue_files 7.0", "seedwatch_start_time_seconds 1790000000.0",
            "seedwatch_feed_consecutive_failures{feed=\"https://example.org/rss\"} 3.0",
            "# TYPE seedwatch_feed_fetch_duration_seconds histogram",
            "seedwatch_feed_fetch_duration_seconds_count{outcome=\"ok\"} 0",
        ] {
            #expect(lines.contains(expected), "missing \(expected)")
        }
        let other = await fetcher.fetch(FeedRequest(url: "http://\(bound)/"))
        #expect(other.status == 404)
        #expect(String(decoding: other.body, as: UTF8.self) == "not found: the metrics are at GET /metrics\n")
        await endpoint.stop()
        let afterStop = await fetcher.fetch(FeedRequest(url: "http://\(bound)/metrics"))
        #expect(afterStop.status == 0)
        #expect(afterStop.error != nil)
        fetcher.shutdown()
    }

    @Test func aTakenPortIsAnErrorNamingTheAddress() async throws {
        let first = try MetricsEndpoint(address: try MetricsListenAddress.parse("127.0.0.1:0"), logger: .init(label: "test")) { [] }
        let bound = try await first.start()
        let second = try MetricsEndpoint(address: bound, logger: .init(label: "test")) { [] }
        await #expect(throws: MetricsEndpoint.StartError.cannotListen(address: bound, errno: EADDRINUSE, reason: "Address already in use")) {
            _ = try await second.start()
        }
        #expect(MetricsEndpoint.StartError.cannotListen(address: bound, errno: EADDRINUSE, reason: "Address already in use").description
            == "metrics.listen 127.0.0.1:\(bound.port): cannot listen: Address already in use; "
            + "another program listens there: choose another port in metrics.listen")
        await first.stop()
    }

    @Test func fetchTimesFillTheHistogramByOutcome() {
        let metrics = DaemonMetrics()
        metrics.recordFeedFetch(FeedFetchTiming(seconds: 0.04, outcome: .notModified))
        metrics.recordFeedFetch(FeedFetchTiming(seconds: 0.3, outcome: .ok))
        metrics.recordFeedFetch(FeedFetchTiming(seconds: 1.5, outcome: .ok))
        metrics.recordFeedFetch(FeedFetchTiming(seconds: 30, outcome: .error))
        let lines = Self.lines(metrics.exposition())
        for expected in [
            "# HELP seedwatch_feed_fetch_duration_seconds Duration of one feed transfer, redirects included, by outcome (ok, not_modified, error).",
            "seedwatch_feed_fetch_duration_seconds_bucket{outcome=\"ok\",le=\"0.25\"} 0",
            "seedwatch_feed_fetch_duration_seconds_bucket{outcome=\"ok\",le=\"0.5\"} 1",
            "seedwatch_feed_fetch_duration_seconds_bucket{outcome=\"ok\",le=\"1.0\"} 1",
            "seedwatch_feed_fetch_duration_seconds_bucket{outcome=\"ok\",le=\"2.0\"} 2",
            "seedwatch_feed_fetch_duration_seconds_bucket{outcome=\"ok\",le=\"+Inf\"} 2",
            "seedwatch_feed_fetch_duration_seconds_count{outcome=\"ok\"} 2",
            "seedwatch_feed_fetch_duration_seconds_sum{outcome=\"ok\"} 1.8",
            "seedwatch_feed_fetch_duration_seconds_bucket{outcome=\"not_modified\",le=\"0.05\"} 1",
            "seedwatch_feed_fetch_duration_seconds_bucket{outcome=\"error\",le=\"20.0\"} 0",
            "seedwatch_feed_fetch_duration_seconds_bucket{outcome=\"error\",le=\"30.0\"} 1",
        ] {
            #expect(lines.contains(expected), "missing \(expected) in:\n\(lines.filter { $0.contains("fetch") }.sorted().joined(separator: "\n"))")
        }
    }

    /// The outcome of a response, and no timing for one that ran no transfer.
    @Test func timingOfAResponse() {
        func timing(_ status: Int, _ error: FeedFetchError? = nil, seconds: Double? = 0.2) -> FeedFetchTiming? {
            FeedFetchTiming(FeedResponse(status: status, finalURL: "https://example.org/rss", error: error, transferSeconds: seconds))
        }
        #expect(timing(200) == FeedFetchTiming(seconds: 0.2, outcome: .ok))
        #expect(timing(304) == FeedFetchTiming(seconds: 0.2, outcome: .notModified))
        #expect(timing(503) == FeedFetchTiming(seconds: 0.2, outcome: .error))
        #expect(timing(0, .timedOut(detail: "30 s")) == FeedFetchTiming(seconds: 0.2, outcome: .error))
        #expect(timing(0, .cancelled) == nil)
        #expect(timing(200, seconds: nil) == nil)
    }

    /// libcurl's total time reaches the response: a body sent after a 0.3 s pause takes at least that.
    @Test func curlReportsTheTransferTime() async throws {
        let server = try LoopbackHTTPServer { _ in
            LoopbackHTTPReply(status: 200, headers: [("Content-Type", "application/rss+xml")],
                              body: .slow(chunks: [Array("<rss version=\"2.0\"><channel></channel></rss>".utf8)], delay: 0.3))
        }
        defer { server.stop() }
        let fetcher = CurlFetcher(concurrency: 1)
        defer { fetcher.shutdown() }
        let response = await fetcher.fetch(FeedRequest(url: server.baseURL + "/rss"))
        #expect(response.status == 200)
        let seconds = try #require(response.transferSeconds)
        #expect(seconds >= 0.3 && seconds < 30, "transfer took \(seconds) s")
    }

    /// The poller tells its observer each fetch's transfer time and outcome; a cancelled fetch is not told.
    @Test func thePollerReportsEachFetchToItsObserver() async throws {
        let fixture = try FeedPollerFixture()
        defer { fixture.folder.remove() }
        let fetcher = FakeFeedFetcher()
        let url = "https://feeds.example.org/world.xml"
        fetcher.script(url, [
            FeedResponse(status: 304, finalURL: url, transferSeconds: 0.12),
            FeedResponse(status: 503, finalURL: url, transferSeconds: 2.5),
            FeedResponse(status: 0, finalURL: url, error: .cancelled),
        ])
        let poller = fixture.poller([feedConfig(url)], fetcher: fetcher)
        let seen = Timings()
        poller.attachFetchObserver { seen.append($0) }
        for _ in 0..<3 { _ = await poller.poll(feedConfig(url)) }
        #expect(seen.all == [FeedFetchTiming(seconds: 0.12, outcome: .notModified), FeedFetchTiming(seconds: 2.5, outcome: .error)])
    }
}

private final class Timings: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [FeedFetchTiming] = []
    func append(_ item: FeedFetchTiming) { lock.withLock { items.append(item) } }
    var all: [FeedFetchTiming] { lock.withLock { items } }
}
