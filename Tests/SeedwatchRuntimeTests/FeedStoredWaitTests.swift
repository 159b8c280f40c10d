import Foundation
import SeedwatchCore
import SeedwatchRuntime
import SeedwatchTesting
import Testing

/// A restart honours every stored wait, and a 429 holds every feed of its host (issue 11).
@Suite("Feed waits across restarts and hosts")
struct FeedStoredWaitTests {
    static let start = Date(timeIntervalSince1970: 1_787_288_400)  // 2026-08-21T05:00:00Z
    static let rss = FeedPollerTimingTests.rss

    static func routes() -> FeedRoutes {
        let routes = FeedRoutes()
        routes.set("/busy") { request, count in  // 429 the first time only
            count == 0 ? LoopbackHTTPReply(status: 429, headers: [("Retry-After", "7200")])
                : FeedRoutes.conditional(request, body: Self.rss, etag: "\"2\"", lastModified: "Fri, 21 Aug 2026 04:00:00 GMT")
        }
        routes.set("/calm") { request, _ in
            FeedRoutes.conditional(request, body: Self.rss, etag: "\"1\"", lastModified: "Fri, 21 Aug 2026 04:00:00 GMT")
        }
        return routes
    }

    @Test("host keys: host lower-cased, the scheme's default port when none is written")
    func hostKeys() {
        #expect(HostPoliteness.hostKey(of: "https://News.Example/rss") == "news.example:443")
        #expect(HostPoliteness.hostKey(of: "http://news.example/rss") == "news.example:80")
        #expect(HostPoliteness.hostKey(of: "http://127.0.0.1:8080/a") == "127.0.0.1:8080")
        #expect(HostPoliteness.hostKey(of: "not a url") == nil)
    }

    @Test("a restart sends no request before a stored next poll or Retry-After ends")
    func restartHonoursStoredWaits() async throws {
        let server = try Self.routes().server()
        defer { server.stop() }
        let fetcher = CurlFetcher()
        defer { fetcher.shutdown() }
        let fixture = try FeedPollerFixture(watches: [PipelineTestModel.watch()], start: Self.start)
        defer { fixture.folder.remove() }
        let busy = feedConfig(server.baseURL + "/busy", interval: 900), calm = feedConfig(server.baseURL + "/calm", interval: 900)
        let before = fixture.poller([busy, calm], fetcher: fetcher)
        #expect(await before.poll(busy).nextPoll == Self.start.addingTimeInterval(7200))
        #expect(await before.poll(calm).nextPoll == Self.start.addingTimeInterval(900))
        #expect(server.requests.count == 2)

        // Restart six seconds later: a new poller over the same state.
        fixture.clock.advance(to: Self.start.addingTimeInterval(6))
        let after = fixture.poller([busy, calm], fetcher: fetcher)
        let task = Task { await after.run() }
        defer { task.cancel() }
        try await waitUntil { fixture.clock.sleeperCount == 2 }  // the two feeds
        #expect(server.requests.count == 2)
        // /calm's own next poll has come, but its host asked for 7200 s (restored from /busy's 429).
        fixture.clock.advance(to: Self.start.addingTimeInterval(900))
        try await waitUntil { fixture.clock.sleeperCount == 2 }
        try await Task.sleep(for: .milliseconds(100))
        #expect(server.requests.count == 2)
        fixture.clock.advance(to: Self.start.addingTimeInterval(7200))
        try await waitUntil { server.requests.count == 4 }
        #expect(Set(server.requests.suffix(2).map(\.target)) == ["/busy", "/calm"])
        #expect(server.requests.last { $0.target == "/calm" }?.header("If-None-Match") == "\"1\"")
        task.cancel()
        await task.value
    }

    @Test("a 429 from one host holds its other feeds until the Retry-After ends")
    func throttleCoversTheHost() async throws {
        let server = try Self.routes().server()
        defer { server.stop() }
        let fetcher = CurlFetcher()
        defer { fetcher.shutdown() }
        let fixture = try FeedPollerFixture(watches: [PipelineTestModel.watch()], start: Self.start)
        defer { fixture.folder.remove() }
        let busy = feedConfig(server.baseURL + "/busy", interval: 900), calm = feedConfig(server.baseURL + "/calm", interval: 300)
        let poller = fixture.poller([busy, calm], fetcher: fetcher)
        #expect(await poller.poll(calm).nextPoll == Self.start.addingTimeInterval(300))
        let task = Task { await poller.run() }  // /calm waits for its stored next poll; /busy answers 429
        defer { task.cancel() }
        try await waitUntil { fixture.clock.sleeperCount == 2 && server.requests.count == 2 }
        #expect(server.requests.map(\.target) == ["/calm", "/busy"])
        #expect(poller.hosts.notBefore(busy.url) == Self.start.addingTimeInterval(7200))
        fixture.clock.advance(to: Self.start.addingTimeInterval(300))
        try await waitUntil { fixture.clock.sleeperCount == 2 }
        try await Task.sleep(for: .milliseconds(100))
        #expect(server.requests.count == 2)
        fixture.clock.advance(to: Self.start.addingTimeInterval(7200))
        try await waitUntil { server.requests.count == 4 }
        #expect(Set(server.requests.suffix(2).map(\.target)) == ["/busy", "/calm"])
        task.cancel()
        await task.value
    }
}
