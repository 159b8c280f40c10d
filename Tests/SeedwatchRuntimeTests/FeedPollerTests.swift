import Foundation
import Logging
import SeedwatchCore
import SeedwatchRuntime
import SeedwatchTesting
import Testing

/// The CNA world snapshots served in time order, with validators per snapshot.
final class SnapshotFeed: @unchecked Sendable {
    private let lock = NSLock()
    private var phase = 0
    private var generation = "a"

    /// Serve snapshot `index` from now on.
    func serve(_ index: Int) { lock.withLock { phase = index } }
    /// Change every validator (a server that forgot its cache).
    func renewValidators() { lock.withLock { generation += "a" } }

    static func lastModified(_ index: Int) -> String {
        ["Tue, 18 Aug 2026 16:36:09 GMT", "Thu, 20 Aug 2026 03:49:10 GMT", "Fri, 21 Aug 2026 04:41:59 GMT",
         "Sat, 22 Aug 2026 21:50:17 GMT"][index]
    }

    func reply(_ request: LoopbackHTTPRequest) -> LoopbackHTTPReply {
        let (index, tag) = lock.withLock { (phase, "\"cna-\(phase)-\(generation)\"") }
        return FeedRoutes.conditional(request, body: FeedCorpus.cna(index), etag: tag, lastModified: Self.lastModified(index))
    }
}

@Suite("FeedPoller over loopback with the shipped model", .enabled(if: FeedCorpus.isAvailable, "../shared is absent: feed corpus tests skipped"))
struct FeedPollerTests {
    static let drillsTitle = "US, South Korea to cut length, scope of military drills after Trump order"
    static let warheadsTitle = "South Korea estimates North Korea has up to 120 nuclear warheads, far above Trump's figure"

    @Test("new items alert once, in time order; 304 in between; no item alerts twice across a restart")
    func snapshotsInOrder() async throws {
        let snapshots = SnapshotFeed()
        let routes = FeedRoutes()
        routes.set("/cna/world.xml") { request, _ in snapshots.reply(request) }
        let server = try routes.server()
        defer { server.stop() }
        let fetcher = CurlFetcher(concurrency: 4)
        defer { fetcher.shutdown() }
        let url = server.baseURL + "/cna/world.xml"
        let feed = feedConfig(url)
        let fixture = try FeedPollerFixture()
        defer { fixture.folder.remove() }
        let poller = fixture.poller([feed], fetcher: fetcher)

        let first = await poller.poll(feed)
        #expect(first.status == 200)
        #expect(first.items == 6)
        #expect(first.alerts.isEmpty)
        let notModified = await poller.poll(feed)
        #expect(notModified.status == 304)
        #expect(notModified.outcome == .success)

        snapshots.serve(1)
        let second = await poller.poll(feed)
        #expect(second.alerts.map(\.title) == [Self.drillsTitle])
        snapshots.serve(2)
        let third = await poller.poll(feed)
        #expect(third.alerts.map(\.title) == [Self.warheadsTitle])
        #expect(fixture.alertTitles() == [Self.drillsTitle, Self.warheadsTitle])

        let requests = server.requests
        #expect(requests.count == 4)
        #expect(requests[0].header("If-None-Match") == nil)
        #expect(requests[1].header("If-None-Match") == "\"cna-0-a\"")
        #expect(requests[1].header("If-Modified-Since") == "Tue, 18 Aug 2026 16:36:09 GMT")
        #expect(requests[2].header("If-None-Match") == "\"cna-0-a\"")
        #expect(requests[3].header("If-None-Match") == "\"cna-1-a\"")
        #expect(requests[3].header("If-Modified-Since") == "Thu, 20 Aug 2026 03:49:10 GMT")

        let alert = try #require(fixture.alertObjects().first)
        let source = try #require(alert["source"] as? [String: Any])
        #expect(source["type"] as? String == "feed")
        #expect(source["feed"] as? String == url)
        #expect(source["guid"] as? String == "3cc82409e4252ec9ce3168e1")
        #expect(alert["published"] as? String == "2026-08-19T14:33:00Z")

        let state = try #require(try fixture.store.feedState(url: url))
        #expect(state.etag == "\"cna-2-a\"")
        #expect(state.lastModified == "Fri, 21 Aug 2026 04:41:59 GMT")
        #expect(state.consecutiveFailures == 0)
        #expect(state.lastError == nil)
        #expect(state.lastStatus == 200)
        #expect(try fixture.store.seenArticleCount(articleKeyPrefix: ArticleIdentity.feedKey(feedURL: url, itemKey: "")) == 19)

        // Restart: a new pipeline and poller on the same state and log; the server forgot its validators.
        let restarted = try FeedPollerFixture(folder: fixture.folder)
        let again = restarted.poller([feed], fetcher: fetcher)
        snapshots.renewValidators()
        snapshots.serve(1)
        let replay1 = await again.poll(feed)
        snapshots.serve(2)
        let replay2 = await again.poll(feed)
        #expect(replay1.status == 200)
        #expect(replay2.status == 200)
        #expect(replay1.alerts.isEmpty)
        #expect(replay2.alerts.isEmpty)
        #expect(restarted.alertTitles() == [Self.drillsTitle, Self.warheadsTitle])
    }

    @Test("on the first fetch, items older than max_age are recorded without alerting; later items alert")
    func maxAgeOnFirstFetch() async throws {
        let snapshots = SnapshotFeed()
        snapshots.serve(1)
        let routes = FeedRoutes()
        routes.set("/feed") { request, _ in snapshots.reply(request) }
        let server = try routes.server()
        defer { server.stop() }
        let fetcher = CurlFetcher()
        defer { fetcher.shutdown() }
        let feed = feedConfig(server.baseURL + "/feed", maxAge: 86400)  // clock: 2026-08-21T05:00Z
        let fixture = try FeedPollerFixture()
        defer { fixture.folder.remove() }
        let poller = fixture.poller([feed], fetcher: fetcher)

        let first = await poller.poll(feed)
        #expect(first.items == 5)
        #expect(first.absorbedAsOld == 5)
        #expect(first.alerts.isEmpty)
        snapshots.serve(2)
        let second = await poller.poll(feed)
        #expect(second.absorbedAsOld == 0)
        #expect(second.alerts.map(\.title) == [Self.warheadsTitle])
        #expect(fixture.alertTitles() == [Self.warheadsTitle])
    }

    /// Snapshot 1 of the CNA feed served at `/moved.rss`, which `/old.rss` redirects to with a 301;
    /// `configure` adds routes before the server starts.
    static func movedFeed(_ configure: (FeedRoutes) -> Void = { _ in }) throws -> (SnapshotFeed, LoopbackHTTPServer) {
        let snapshots = SnapshotFeed()
        snapshots.serve(1)
        let routes = FeedRoutes()
        routes.set("/old.rss") { _, _ in FeedRoutes.redirect(301, to: "/moved.rss") }
        routes.set("/moved.rss") { request, _ in snapshots.reply(request) }
        configure(routes)
        return (snapshots, try routes.server())
    }

    @Test("301 and 308 persist the new URL without re-alerting; 302 does not persist")
    func permanentAndTemporaryRedirects() async throws {
        let (snapshots, server) = try Self.movedFeed { routes in
            routes.set("/cdn.rss") { _, _ in FeedRoutes.redirect(302, to: "/moved.rss") }
        }
        defer { server.stop() }
        let fetcher = CurlFetcher()
        defer { fetcher.shutdown() }
        let fixture = try FeedPollerFixture()
        defer { fixture.folder.remove() }
        let moved = feedConfig(server.baseURL + "/old.rss")
        let temporary = feedConfig(server.baseURL + "/cdn.rss")
        let poller = fixture.poller([moved, temporary], fetcher: fetcher)

        let first = await poller.poll(moved)
        #expect(first.alerts.map(\.title) == [Self.drillsTitle])
        #expect(try fixture.store.feedState(url: moved.url)?.currentURL == server.baseURL + "/moved.rss")
        #expect(fixture.recorder.lines(.info, "feed moved permanently; polling the new URL from now on").count == 1)
        // One "feed polled" line per successful poll, with what it found.
        let polled = fixture.recorder.lines(.info, "feed polled")
        #expect(polled.count == 1)
        #expect(polled.first?.metadata["feed"] == moved.url)
        #expect(polled.first?.metadata["status"] == "200")
        #expect(polled.first?.metadata["items"] == "\(first.items)")
        #expect(polled.first?.metadata["alerts"] == "1")

        snapshots.renewValidators()
        let second = await poller.poll(moved)
        #expect(second.requestedURL == server.baseURL + "/moved.rss")
        #expect(second.status == 200)
        #expect(second.alerts.isEmpty)
        #expect(server.requests.map(\.target) == ["/old.rss", "/moved.rss", "/moved.rss"])

        let viaCDN = await poller.poll(temporary)
        #expect(viaCDN.status == 200)
        #expect(try fixture.store.feedState(url: temporary.url)?.currentURL == nil)
        // Same items, but a different configured feed URL: each feed decides its own items once.
        #expect(viaCDN.alerts.map(\.title) == [Self.drillsTitle])
        #expect(fixture.recorder.lines(.info, "feed moved permanently; polling the new URL from now on").count == 1)
    }

    @Test("a feed configured at the URL another feed moved to (301) does not alert that feed's items again; new items alert")
    func configuredAtTheMovedURL() async throws {
        let (snapshots, server) = try Self.movedFeed()
        defer { server.stop() }
        let fetcher = CurlFetcher()
        defer { fetcher.shutdown() }
        let fixture = try FeedPollerFixture()
        defer { fixture.folder.remove() }
        let old = feedConfig(server.baseURL + "/old.rss")
        let first = await fixture.poller([old], fetcher: fetcher).poll(old)
        #expect(first.alerts.map(\.title) == [Self.drillsTitle])

        // The analyst writes the URL that "feed moved permanently" names into feeds: and reloads.
        let moved = feedConfig(server.baseURL + "/moved.rss")
        let poller = fixture.poller([moved], fetcher: fetcher)
        let again = await poller.poll(moved)
        #expect(again.status == 200)
        #expect(again.alerts.isEmpty)
        #expect(again.seenUnderFormerURL == first.items)
        #expect(again.absorbedAsOld == 0)
        let line = fixture.recorder.lines(.info, "items decided already under the URL of a feed that moved here recorded as seen without alerting")
        #expect(line.map { $0.metadata["moved_from"] } == [old.url])
        #expect(line.map { $0.metadata["items"] } == ["\(first.items)"])

        snapshots.serve(2)
        let third = await poller.poll(moved)
        #expect(third.alerts.map(\.title) == [Self.warheadsTitle])
        #expect(third.seenUnderFormerURL == 0)
        #expect(fixture.alertTitles() == [Self.drillsTitle, Self.warheadsTitle])
    }
}

/// Failure handling and timing, through the injected clock (no corpus needed).
@Suite("FeedPoller failures and timing")
struct FeedPollerTimingTests {
    static let start = Date(timeIntervalSince1970: 1_787_288_400)  // 2026-08-21T05:00:00Z
    static let rss = Array("""
        <rss version="2.0"><channel><title>Desk</title>
        <item><guid>z-1</guid><title>Putin meets Kim Jong Un in Pyongyang</title>
        <description>Russia and North Korea signed a mutual defence treaty.</description>
        <pubDate>Fri, 21 Aug 2026 04:00:00 GMT</pubDate></item></channel></rss>
        """.utf8)

    @Test("a redirect loop marks the feed failed and backs off; seen items are untouched")
    func redirectLoop() async throws {
        let routes = FeedRoutes()
        routes.set("/a") { _, _ in FeedRoutes.redirect(302, to: "/b") }
        routes.set("/b") { _, _ in FeedRoutes.redirect(302, to: "/a") }
        let server = try routes.server()
        defer { server.stop() }
        let fetcher = CurlFetcher()
        defer { fetcher.shutdown() }
        let fixture = try FeedPollerFixture(watches: [PipelineTestModel.watch()], start: Self.start)
        defer { fixture.folder.remove() }
        let feed = feedConfig(server.baseURL + "/a", interval: 600)
        let report = await fixture.poller([feed], fetcher: fetcher).poll(feed)
        #expect(report.outcome == .failed)
        let state = try #require(try fixture.store.feedState(url: feed.url))
        #expect(state.lastError == "too many redirects (more than 5)")
        #expect(state.consecutiveFailures == 1)
        #expect(state.nextPoll == Self.start.addingTimeInterval(600))
        #expect(state.disabled == false)
        #expect(try fixture.store.counts().seenArticles == 0)
        #expect(fixture.recorder.lines(.warning, "feed fetch failed; backing off").count == 1)
    }

    @Test("500 backs off exponentially, logged once per step; recovery returns to the interval")
    func backoffAndRecovery() async throws {
        let routes = FeedRoutes()
        routes.set("/feed") { _, count in
            count < 3 ? LoopbackHTTPReply(status: 500, body: .bytes(Array("oops".utf8)))
                : FeedRoutes.document(Self.rss, etag: "\"r\"", lastModified: "Fri, 21 Aug 2026 04:00:00 GMT")
        }
        let server = try routes.server()
        defer { server.stop() }
        let fetcher = CurlFetcher()
        defer { fetcher.shutdown() }
        let fixture = try FeedPollerFixture(watches: [PipelineTestModel.watch()], start: Self.start)
        defer { fixture.folder.remove() }
        let feed = feedConfig(server.baseURL + "/feed", interval: 60)
        let poller = fixture.poller([feed], fetcher: fetcher)

        var now = Self.start
        var delays: [Double] = []
        for _ in 0..<4 {
            let report = await poller.poll(feed)
            let next = try #require(report.nextPoll)
            delays.append(next.timeIntervalSince(now))
            now = next
            fixture.clock.advance(to: now)
        }
        #expect(delays == [60, 120, 240, 60])
        let state = try #require(try fixture.store.feedState(url: feed.url))
        #expect(state.consecutiveFailures == 0)
        #expect(state.lastError == nil)
        #expect(state.lastStatus == 200)
        #expect(fixture.recorder.lines(.warning, "feed fetch failed; backing off").count == 3)
        #expect(fixture.recorder.lines(.info, "feed recovered").count == 1)
        #expect(fixture.alertTitles() == ["Putin meets Kim Jong Un in Pyongyang"])
    }

    @Test("429 and 503 honour Retry-After in seconds and as an HTTP date; 410 disables the feed")
    func retryAfterAndGone() async throws {
        let routes = FeedRoutes()
        routes.set("/busy") { _, _ in LoopbackHTTPReply(status: 429, headers: [("Retry-After", "120")]) }
        routes.set("/down") { _, _ in LoopbackHTTPReply(status: 503, headers: [("Retry-After", "Fri, 21 Aug 2026 07:30:00 GMT")]) }
        routes.set("/gone") { _, _ in LoopbackHTTPReply(status: 410) }
        let server = try routes.server()
        defer { server.stop() }
        let fetcher = CurlFetcher()
        defer { fetcher.shutdown() }
        let fixture = try FeedPollerFixture(watches: [PipelineTestModel.watch()], start: Self.start)
        defer { fixture.folder.remove() }
        let busy = feedConfig(server.baseURL + "/busy"), down = feedConfig(server.baseURL + "/down"), gone = feedConfig(server.baseURL + "/gone")
        let poller = fixture.poller([busy, down, gone], fetcher: fetcher)

        let busyReport = await poller.poll(busy)
        #expect(busyReport.nextPoll == Self.start.addingTimeInterval(120))
        #expect(try fixture.store.feedState(url: busy.url)?.lastError == "HTTP 429; Retry-After: 120")
        #expect(try fixture.store.feedState(url: busy.url)?.consecutiveFailures == 1)

        let downReport = await poller.poll(down)
        #expect(downReport.nextPoll == Date(timeIntervalSince1970: 1_787_297_400))  // 2026-08-21T07:30:00Z

        let goneReport = await poller.poll(gone)
        #expect(goneReport.outcome == .gone)
        #expect(goneReport.nextPoll == nil)
        let state = try #require(try fixture.store.feedState(url: gone.url))
        #expect(state.disabled)
        #expect(state.lastStatus == 410)
        #expect(fixture.recorder.lines(.warning, "feed is gone (HTTP 410); polling stopped (to resume: seedwatch feeds reset URL, then reload the daemon)").count == 1)
        let before = server.requests.count
        let skipped = await poller.poll(gone)
        #expect(skipped.status == nil)
        #expect(server.requests.count == before)
    }

    @Test("a 503 holds the host's feeds once; the same feed answering 503 again holds only itself; 429 always holds the host")
    func repeated503HoldsOnlyItsFeed() async throws {
        let routes = FeedRoutes()
        routes.set("/dead") { _, _ in LoopbackHTTPReply(status: 503, headers: [("Retry-After", "120")]) }
        routes.set("/busy") { _, _ in LoopbackHTTPReply(status: 429, headers: [("Retry-After", "120")]) }
        let server = try routes.server()
        defer { server.stop() }
        let fetcher = CurlFetcher()
        defer { fetcher.shutdown() }
        let fixture = try FeedPollerFixture(watches: [PipelineTestModel.watch()], start: Self.start)
        defer { fixture.folder.remove() }
        let dead = feedConfig(server.baseURL + "/dead"), busy = feedConfig(server.baseURL + "/busy")
        let other = server.baseURL + "/other.xml"
        let poller = fixture.poller([dead], fetcher: fetcher)
        _ = await poller.poll(dead)
        #expect(poller.hosts.notBefore(other) == Self.start.addingTimeInterval(120))
        fixture.clock.advance(to: Self.start.addingTimeInterval(130))
        _ = await poller.poll(dead)
        #expect(try fixture.store.feedState(url: dead.url)?.consecutiveFailures == 2)
        #expect(poller.hosts.notBefore(other) == Self.start.addingTimeInterval(120))
        let busyPoller = fixture.poller([busy], fetcher: fetcher)
        _ = await busyPoller.poll(busy)
        fixture.clock.advance(to: Self.start.addingTimeInterval(260))
        _ = await busyPoller.poll(busy)
        #expect(busyPoller.hosts.notBefore(other) == Self.start.addingTimeInterval(380))
    }

    @Test("run() polls every feed at start-up, then each when due on the injected clock")
    func runLoop() async throws {
        let routes = FeedRoutes()
        routes.set("/one") { request, _ in FeedRoutes.conditional(request, body: Self.rss, etag: "\"1\"", lastModified: "Fri, 21 Aug 2026 04:00:00 GMT") }
        routes.set("/two") { _, _ in LoopbackHTTPReply(status: 500) }
        let server = try routes.server()
        defer { server.stop() }
        let fetcher = CurlFetcher()
        defer { fetcher.shutdown() }
        let fixture = try FeedPollerFixture(watches: [PipelineTestModel.watch()], start: Self.start)
        defer { fixture.folder.remove() }
        let one = feedConfig(server.baseURL + "/one", interval: 300), two = feedConfig(server.baseURL + "/two", interval: 60)
        let poller = fixture.poller([one, two], fetcher: fetcher)
        let task = Task { await poller.run() }
        defer { task.cancel() }

        try await waitUntil { fixture.clock.sleeperCount == 2 }  // the two feeds
        #expect(Set(server.requests.map(\.target)) == ["/one", "/two"])
        #expect(fixture.clock.earliestDeadline == Self.start.addingTimeInterval(60))
        fixture.clock.advance(to: Self.start.addingTimeInterval(60))
        try await waitUntil { server.requests.count == 3 && fixture.clock.sleeperCount == 2 }
        #expect(server.requests.last?.target == "/two")
        fixture.clock.advance(to: Self.start.addingTimeInterval(300))
        try await waitUntil { server.requests.count == 5 && fixture.clock.sleeperCount == 2 }
        #expect(server.requests.suffix(2).map(\.target).sorted() == ["/one", "/two"])
        #expect(server.requests.last { $0.target == "/one" }?.header("If-None-Match") == "\"1\"")
        task.cancel()
        await task.value
    }
}

/// Waits (up to 300 s) until `condition` holds. The wait ends as soon as it holds; the bound only
/// decides how long a failing test takes. It is long because a parallel test run blocks Swift's
/// cooperative thread pool (one thread per core) with synchronous tests that wait for a child
/// process: on a 2-core machine the poller's tasks then got no thread for over 30 s, the start-up
/// polls happened after the test had moved its clock on, and the test failed for the harness's
/// reason, not the poller's.
func waitUntil(_ condition: @Sendable () -> Bool) async throws {
    let deadline = Date().addingTimeInterval(300)
    while !condition() {
        guard Date() < deadline else {
            Issue.record("condition not met within 300 s")
            return
        }
        try await Task.sleep(for: .milliseconds(10))
    }
}
