import Foundation
import Logging
import SeedwatchCore
import SeedwatchRuntime
import SeedwatchTesting
import Testing

/// A server that answers conditional GETs as RFC 9110 §13.1 lets it: 304 when `If-None-Match` names
/// its current ETag, or — without `If-None-Match` — when `If-Modified-Since` equals its
/// `Last-Modified` (nginx's default, `if_modified_since exact`) or is not earlier than the
/// document's last change. Its `Last-Modified` header can be a bogus clock's.
final class ValidatingFeedServer: @unchecked Sendable {
    private let lock = NSLock()
    private var body = ""
    private var changed = Date(timeIntervalSince1970: 1_787_280_000)  // 2026-08-21T02:40:00Z
    private var etag: String?
    private var lastModifiedHeader = "Fri, 21 Aug 2026 02:40:00 GMT"
    private var frozenETag = false

    /// Serves `text`, changed at `date`; `lastModified` is the header sent (a bogus one when given).
    func serve(_ text: String, changed date: Date, lastModified: String? = nil, etag: String? = nil) {
        lock.withLock {
            body = text
            changed = date
            lastModifiedHeader = lastModified ?? HTTPDateFormat.format(date)
            if !frozenETag { self.etag = etag }
        }
    }

    /// From now on the ETag stays what it is, whatever changes (a cache layer stuck on one version).
    func freezeETag() { lock.withLock { frozenETag = true } }

    func reply(_ request: LoopbackHTTPRequest) -> LoopbackHTTPReply {
        lock.withLock {
            var headers = [("Content-Type", "application/rss+xml; charset=utf-8"), ("Last-Modified", lastModifiedHeader)]
            if let etag { headers.append(("ETag", etag)) }
            if let match = request.header("If-None-Match") {
                if match == etag { return LoopbackHTTPReply(status: 304, headers: headers) }
            } else if let since = request.header("If-Modified-Since"),
                      since == lastModifiedHeader || (HTTPDate.parse(since).map { $0 >= changed } ?? false) {
                return LoopbackHTTPReply(status: 304, headers: headers)
            }
            return LoopbackHTTPReply(status: 200, headers: headers, body: .bytes(Array(body.utf8)))
        }
    }
}

/// IMF-fixdate (RFC 9110 §5.6.7) for test servers.
enum HTTPDateFormat {
    static func format(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }
}

/// Feeds frozen by bogus validators (reported against FreshRSS and CommaFeed): new items were never
/// fetched, nothing was logged, and the feed looked healthy.
@Suite("Feeds frozen by validators, through the FeedPoller over loopback")
struct FeedFreezeTests {
    static let start = Date(timeIntervalSince1970: 1_787_288_400)  // 2026-08-21T05:00:00Z

    static func rss(_ items: [(guid: String, title: String)]) -> String {
        "<rss version=\"2.0\"><channel><title>Desk</title>\n"
            + items.map { "<item><guid>\($0.guid)</guid><title>\($0.title)</title>"
                + "<description>Russia and North Korea signed a mutual defence treaty.</description></item>" }.joined(separator: "\n")
            + "\n</channel></rss>"
    }

    static let first = (guid: "a-1", title: "Putin meets Kim Jong Un in Pyongyang")
    static let second = (guid: "a-2", title: "Kim Jong Un sends more artillery shells to Russia")

    @Test("a Last-Modified in the future or before 1995 is never sent back; the ETag is; new items arrive",
          arguments: ["Tue, 01 Jan 2041 00:00:00 GMT", "Thu, 01 Jan 1970 00:00:00 GMT"])
    func bogusLastModified(_ bogus: String) async throws {
        let server = ValidatingFeedServer()
        let loopback = try LoopbackHTTPServer { request in server.reply(request) }
        defer { loopback.stop() }
        let fetcher = CurlFetcher()
        defer { fetcher.shutdown() }
        let fixture = try FeedPollerFixture(watches: [PipelineTestModel.watch()], start: Self.start)
        defer { fixture.folder.remove() }
        let feed = feedConfig(loopback.baseURL + "/feed.xml")
        let poller = fixture.poller([feed], fetcher: fetcher)

        // Without an ETag: the bogus date, sent back, would make this server answer 304 for ever.
        server.serve(Self.rss([Self.first]), changed: Self.start.addingTimeInterval(-3600), lastModified: bogus)
        #expect(await poller.poll(feed).alerts.map(\.title) == [Self.first.title])
        #expect(try fixture.store.feedState(url: feed.url)?.lastModified == bogus)
        fixture.clock.advance(to: Self.start.addingTimeInterval(900))
        server.serve(Self.rss([Self.second, Self.first]), changed: Self.start.addingTimeInterval(600), lastModified: bogus)
        let second = await poller.poll(feed)
        #expect(second.status == 200)
        #expect(second.alerts.map(\.title) == [Self.second.title])

        // With an ETag: it is still sent, the bogus date is not.
        server.serve(Self.rss([Self.second, Self.first]), changed: Self.start.addingTimeInterval(600), lastModified: bogus, etag: "\"v2\"")
        fixture.clock.advance(to: Self.start.addingTimeInterval(1800))
        #expect(await poller.poll(feed).status == 200)
        fixture.clock.advance(to: Self.start.addingTimeInterval(2700))
        #expect(await poller.poll(feed).status == 304)
        let requests = loopback.requests
        #expect(requests.count == 4)
        #expect(requests.map { $0.header("If-Modified-Since") } == [nil, nil, nil, nil])
        #expect(requests.map { $0.header("If-None-Match") } == [nil, nil, nil, "\"v2\""])
        #expect(fixture.recorder.lines(.warning, "feed's Last-Modified is in the future or before 1995; not sent back (the ETag still is)").count == 1)
    }

    @Test("a feed answering 304 for longer than fetch.stale_after gets one unconditional GET, then conditional ones again")
    func staleAfterUnconditionalGET() async throws {
        let server = ValidatingFeedServer()
        let loopback = try LoopbackHTTPServer { request in server.reply(request) }
        defer { loopback.stop() }
        let fetcher = CurlFetcher()
        defer { fetcher.shutdown() }
        let fixture = try FeedPollerFixture(watches: [PipelineTestModel.watch()], start: Self.start)
        defer { fixture.folder.remove() }
        let feed = feedConfig(loopback.baseURL + "/feed.xml", interval: 3600)
        let poller = FeedPoller(feeds: [feed], fetcher: fetcher, store: fixture.store, processor: fixture.processor,
                                clock: fixture.clock, logger: fixture.recorder.logger(), jitter: { 0 }, staleAfterSeconds: 6 * 3600)

        server.serve(Self.rss([Self.first]), changed: Self.start.addingTimeInterval(-3600), etag: "\"v1\"")
        server.freezeETag()
        #expect(await poller.poll(feed).alerts.map(\.title) == [Self.first.title])
        // A new item, but the server's ETag is stuck: every conditional GET is a 304.
        server.serve(Self.rss([Self.second, Self.first]), changed: Self.start.addingTimeInterval(60))
        var statuses: [Int?] = []
        var alerts: [String] = []
        for hour in 1...7 {
            fixture.clock.advance(to: Self.start.addingTimeInterval(Double(hour) * 3600))
            let report = await poller.poll(feed)
            statuses.append(report.status)
            alerts += report.alerts.map(\.title)
        }
        #expect(statuses == [304, 304, 304, 304, 304, 304, 200])
        #expect(alerts == [Self.second.title])
        fixture.clock.advance(to: Self.start.addingTimeInterval(8 * 3600))
        #expect(await poller.poll(feed).status == 304)
        let sent = loopback.requests.map { $0.header("If-None-Match") }
        #expect(sent == [nil, "\"v1\"", "\"v1\"", "\"v1\"", "\"v1\"", "\"v1\"", "\"v1\"", nil, "\"v1\""])
        #expect(try fixture.store.feedState(url: feed.url)?.lastFullFetch == Self.start.addingTimeInterval(7 * 3600))
        #expect(fixture.recorder.lines(.info, "feed answered only 304 for longer than fetch.stale_after; fetching it once without validators").count == 1)
    }

    @Test("a 304 to a request that sent no validators is a failure, logged and counted, not an unchanged feed")
    func notModifiedWithoutValidators() async throws {
        let loopback = try LoopbackHTTPServer { _ in LoopbackHTTPReply(status: 304) }
        defer { loopback.stop() }
        let fetcher = CurlFetcher()
        defer { fetcher.shutdown() }
        let fixture = try FeedPollerFixture(watches: [PipelineTestModel.watch()], start: Self.start)
        defer { fixture.folder.remove() }
        let feed = feedConfig(loopback.baseURL + "/always-304.xml", interval: 3600)
        let poller = FeedPoller(feeds: [feed], fetcher: fetcher, store: fixture.store, processor: fixture.processor,
                                clock: fixture.clock, logger: fixture.recorder.logger(), jitter: { 0 })
        var errors: [String?] = []
        for hour in 0..<2 {
            fixture.clock.advance(to: Self.start.addingTimeInterval(Double(hour) * 7200))
            let report = await poller.poll(feed)
            #expect(report.status == 304)
            errors.append(report.error)
        }
        #expect(errors == Array(repeating: "HTTP 304 Not Modified to a request without validators", count: 2))
        let state = try #require(try fixture.store.feedState(url: feed.url))
        #expect(state.consecutiveFailures == 2)
        #expect(state.lastError == "HTTP 304 Not Modified to a request without validators")
        #expect(state.lastSuccess == nil)
        #expect(loopback.requests.map { $0.header("If-None-Match") } == [nil, nil])
        #expect(fixture.recorder.lines(.warning, "feed fetch failed; backing off").count == 2)
    }
}
