import Foundation
import Logging
import SeedwatchCore
@testable import SeedwatchRuntime
import SeedwatchTesting
import Testing

/// Back-off after an outage of this machine's network (reported against CommaFeed): every feed
/// backed off while the network was down, and the first fetch after it came hours late.
@Suite("Network outages do not escalate back-off")
struct FeedOutageTests {
    static let start = Date(timeIntervalSince1970: 1_787_288_400)  // 2026-08-21T05:00:00Z
    static let rss = Array("""
        <rss version="2.0"><channel><title>Desk</title>
        <item><guid>z-1</guid><title>Putin meets Kim Jong Un in Pyongyang</title></item></channel></rss>
        """.utf8)

    static func unresolved(_ url: String) -> FeedResponse {
        FeedResponse(status: 0, finalURL: url, error: .transport(code: 6, detail: "Could not resolve host: \(URIReference(url).authority ?? "")"))
    }

    static func ok(_ url: String) -> FeedResponse {
        FeedResponse(status: 200, finalURL: url, etag: "\"z\"", contentType: "application/rss+xml", body: rss)
    }

    @Test("8 h without DNS at start-up: no feed escalates past the first failure; the first success makes the others due at once; logged once each way")
    func outageAtStartUp() async throws {
        let urls = ["https://a.example/feed", "https://b.example/feed", "https://c.example/feed"]
        let fetcher = FakeFeedFetcher()
        for url in urls { fetcher.script(url, Array(repeating: Self.unresolved(url), count: 32) + [Self.ok(url)]) }
        let fixture = try FeedPollerFixture(watches: [PipelineTestModel.watch()], start: Self.start)
        defer { fixture.folder.remove() }
        let feeds = urls.map { feedConfig($0, interval: 900) }
        let poller = fixture.poller(feeds, fetcher: fetcher)

        // 32 rounds of 15 minutes: 8 hours offline.
        for round in 0..<32 {
            fixture.clock.advance(to: Self.start.addingTimeInterval(Double(round) * 900))
            for feed in feeds { _ = await poller.poll(feed) }
        }
        let offline = try urls.map { try #require(try fixture.store.feedState(url: $0)) }
        // The first feed failed before a second one showed that the network was down: one step.
        #expect(offline.map(\.consecutiveFailures) == [1, 0, 0])
        let lastRound = Self.start.addingTimeInterval(31 * 900)
        #expect(offline.map(\.nextPoll) == Array(repeating: lastRound.addingTimeInterval(900), count: 3))
        #expect(offline[1].lastError == "network unreachable: fetch failed (curl 6): Could not resolve host: b.example")
        #expect(fixture.recorder.lines(.warning, "network unreachable from this machine (every feed fails to resolve or connect); feeds keep their back-off until it is back").count == 1)
        #expect(fixture.recorder.lines(.warning, "feed fetch failed; backing off").count == 1)

        // The network is back five minutes later: the first success makes the other feeds due
        // within a minute (here at once: the test's jitter is 0), not at their next poll.
        let back = lastRound.addingTimeInterval(300)
        fixture.clock.advance(to: back)
        #expect(await poller.poll(feeds[0]).status == 200)
        #expect(try fixture.store.feedState(url: urls[1])?.nextPoll == back)
        #expect(try fixture.store.feedState(url: urls[2])?.nextPoll == back)
        #expect(try fixture.store.feedState(url: urls[0])?.consecutiveFailures == 0)
        let lines = fixture.recorder.lines(.info, "network is back; feeds that failed during the outage are polled within a minute")
        #expect(lines.count == 1)
        #expect(lines.first?.metadata["down_since"] == "2026-08-21T05:00:00Z")
        #expect(lines.first?.metadata["feeds"] == "2")
    }

    @Test("one feed whose host does not resolve while the others answer backs off as before")
    func deadHostBacksOff() async throws {
        let fetcher = FakeFeedFetcher()
        let good = "https://good.example/feed", dead = "https://dead.example/feed"
        fetcher.script(good, [Self.ok(good)])
        fetcher.script(dead, [Self.unresolved(dead)])
        let fixture = try FeedPollerFixture(watches: [PipelineTestModel.watch()], start: Self.start)
        defer { fixture.folder.remove() }
        let feeds = [feedConfig(good, interval: 900), feedConfig(dead, interval: 900)]
        let poller = fixture.poller(feeds, fetcher: fetcher)
        var delays: [Double] = []
        var now = Self.start
        for _ in 0..<3 {
            _ = await poller.poll(feeds[0])
            let next = try #require(await poller.poll(feeds[1]).nextPoll)
            delays.append(next.timeIntervalSince(now))
            now = next
            fixture.clock.advance(to: now)
        }
        #expect(delays == [900, 1800, 3600])
        #expect(try fixture.store.feedState(url: dead)?.consecutiveFailures == 3)
        #expect(fixture.recorder.lines(.warning, "network unreachable from this machine (every feed fails to resolve or connect); feeds keep their back-off until it is back").isEmpty)
    }

    @Test("connection refused on every feed (closed loopback ports) does not escalate; a server answering again ends the outage")
    func refusedEverywhereOverLoopback() async throws {
        // Two ports that were just closed: nothing listens there.
        var closed: [String] = []
        for _ in 0..<2 {
            let server = try LoopbackHTTPServer { _ in LoopbackHTTPReply(status: 500) }
            closed.append(server.baseURL + "/feed.xml")
            server.stop()
        }
        let live = try LoopbackHTTPServer { _ in FeedRoutes.document(Self.rss, etag: "\"z\"", lastModified: "Fri, 21 Aug 2026 04:00:00 GMT") }
        defer { live.stop() }
        let fetcher = CurlFetcher()
        defer { fetcher.shutdown() }
        let fixture = try FeedPollerFixture(watches: [PipelineTestModel.watch()], start: Self.start)
        defer { fixture.folder.remove() }
        let feeds = closed.map { feedConfig($0, interval: 900) } + [feedConfig(live.baseURL + "/feed.xml", interval: 900)]
        let poller = fixture.poller(feeds, fetcher: fetcher)
        for round in 0..<3 {
            fixture.clock.advance(to: Self.start.addingTimeInterval(Double(round) * 900))
            _ = await poller.poll(feeds[0])
            _ = await poller.poll(feeds[1])
        }
        let states = try closed.map { try #require(try fixture.store.feedState(url: $0)) }
        #expect(states.map(\.consecutiveFailures) == [1, 0])
        #expect(states.allSatisfy { $0.lastError?.contains("(curl 7)") == true })
        #expect(states.map(\.nextPoll) == Array(repeating: Self.start.addingTimeInterval(3 * 900), count: 2))

        fixture.clock.advance(to: Self.start.addingTimeInterval(2 * 900 + 300))
        #expect(await poller.poll(feeds[2]).status == 200)
        let back = Self.start.addingTimeInterval(2 * 900 + 300)
        #expect(try closed.map { try fixture.store.feedState(url: $0)?.nextPoll } == [back, back])
        #expect(fixture.recorder.lines(.info, "network is back; feeds that failed during the outage are polled within a minute").count == 1)
    }

    @Test("in the running poller, the first success after an outage wakes a feed that was waiting 6 h: it is fetched at once")
    func runningPollerWakesWaitingFeeds() async throws {
        let fetcher = FakeFeedFetcher()
        let urls = ["https://a.example/feed", "https://b.example/feed", "https://c.example/feed"]
        for url in urls { fetcher.script(url, [Self.unresolved(url), Self.ok(url)]) }
        let fixture = try FeedPollerFixture(watches: [PipelineTestModel.watch()], start: Self.start)
        defer { fixture.folder.remove() }
        let feeds = [feedConfig(urls[0], interval: 900), feedConfig(urls[1], interval: 6 * 3600), feedConfig(urls[2], interval: 900)]
        let poller = fixture.poller(feeds, fetcher: fetcher)
        let running = Task { await poller.run() }
        defer { running.cancel() }
        func requests(_ url: String) -> Int { fetcher.requests.filter { $0.url == url }.count }
        func waitUntil(_ condition: () -> Bool) async {
            let deadline = Date().addingTimeInterval(20)
            while !condition() && Date() < deadline { try? await Task.sleep(for: .milliseconds(10)) }
        }
        // Offline at start: every feed fails once; the outage is noticed; b waits until 11:00.
        await waitUntil { urls.allSatisfy { requests($0) == 1 } && fixture.clock.earliestDeadline == Self.start.addingTimeInterval(900) }
        #expect(try fixture.store.feedState(url: urls[1])?.nextPoll == Self.start.addingTimeInterval(6 * 3600))
        // 15 minutes later a and c are fetched and succeed: b is woken and fetched at 05:15, not at 11:00.
        fixture.clock.advance(to: Self.start.addingTimeInterval(900))
        await waitUntil { requests(urls[1]) == 2 }
        #expect(requests(urls[1]) == 2)
        #expect(fixture.clock.now() == Self.start.addingTimeInterval(900))
        await waitUntil { (try? fixture.store.feedState(url: urls[1])?.lastStatus) == 200 }
        #expect(try fixture.store.feedState(url: urls[1])?.consecutiveFailures == 0)
        #expect(fixture.recorder.lines(.info, "network is back; feeds that failed during the outage are polled within a minute").count == 1)
    }

    @Test("a feed's wait for its next poll ends at the earlier instant it is woken for")
    func wakeupsMoveAWait() async throws {
        let clock = ManualFeedPollClock(start: Self.start)
        let wakeups = FeedWakeups()
        let woke = Task { () -> Date in
            try await wakeups.sleep(feed: "f", until: Self.start.addingTimeInterval(3600), clock: clock)
            return clock.now()
        }
        while !wakeups.wake(feed: "f", at: Self.start.addingTimeInterval(30)) { await Task.yield() }
        #expect(wakeups.wake(feed: "other", at: Self.start) == false)
        while clock.earliestDeadline != Self.start.addingTimeInterval(30) { await Task.yield() }
        clock.advance(to: Self.start.addingTimeInterval(30))
        #expect(try await woke.value == Self.start.addingTimeInterval(30))
    }

    @Test("the outage verdicts: two feeds failing to connect with no server reached in between")
    func verdicts() {
        let outage = NetworkOutage()
        let refused = FeedResponse(status: 0, finalURL: "", error: .transport(code: 7, detail: "Connection refused"))
        let timedOut = FeedResponse(status: 0, finalURL: "", error: .timedOut(detail: "Operation timed out"))
        let t = Self.start
        #expect(outage.record(feed: "a", response: refused, feedCount: 3, now: t) == .normal)
        #expect(outage.record(feed: "c", response: timedOut, feedCount: 3, now: t) == .normal)
        #expect(outage.record(feed: "b", response: refused, feedCount: 3, now: t.addingTimeInterval(5)) == .networkDown(started: true))
        #expect(outage.record(feed: "a", response: refused, feedCount: 3, now: t.addingTimeInterval(900)) == .networkDown(started: false))
        #expect(outage.record(feed: "c", response: FeedResponse(status: 503, finalURL: ""), feedCount: 3, now: t.addingTimeInterval(999))
                == .recovered(since: t, victims: ["a", "b"]))
        #expect(outage.record(feed: "a", response: FeedResponse(status: 200, finalURL: ""), feedCount: 3, now: t) == .normal)
        // With one feed configured, its own connectivity failure is the network's.
        #expect(NetworkOutage().record(feed: "a", response: refused, feedCount: 1, now: t) == .networkDown(started: true))
    }
}
