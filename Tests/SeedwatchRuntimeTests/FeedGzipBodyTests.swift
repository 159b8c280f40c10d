import Foundation
import Logging
import SeedwatchCore
import SeedwatchRuntime
import SeedwatchTesting
import Testing

/// A `feed.xml.gz` URL: gzip bodies with no `Content-Encoding`, through the poller and the drop folder.
@Suite("Gzip feed bodies without Content-Encoding")
struct FeedGzipBodyTests {
    static let start = Date(timeIntervalSince1970: 1_787_288_400)  // 2026-08-21T05:00:00Z
    /// The smallest gzip feed body without Content-Encoding.
    static let xml = Array("<rss version=\"2.0\"><channel><title>Z</title><item><guid>z-1</guid><title>Putin meets Kim Jong Un</title></item></channel></rss>".utf8)

    static func gzipReply(_ body: [UInt8]) -> LoopbackHTTPReply {
        LoopbackHTTPReply(status: 200, headers: [("Content-Type", "application/x-gzip")], body: .bytes(body))
    }

    @Test("application/x-gzip with no Content-Encoding is inflated: the item alerts with Putin and Kim Jong Un")
    func gzipFeed() async throws {
        let compressed = try gzip(Self.xml)
        let routes = FeedRoutes()
        routes.set("/feed.xml.gz") { _, _ in Self.gzipReply(compressed) }
        let server = try routes.server()
        defer { server.stop() }
        let fetcher = CurlFetcher()
        defer { fetcher.shutdown() }
        // The test model: the shipped one scores this bare title 14, under its notice threshold (16,
        // with a topic required), so it would decide the item without a line.
        let fixture = try FeedPollerFixture(watches: [PipelineTestModel.watch()], start: Self.start)
        defer { fixture.folder.remove() }
        let feed = feedConfig(server.baseURL + "/feed.xml.gz")

        let report = await fixture.poller([feed], fetcher: fetcher).poll(feed)
        #expect(server.requests.first?.header("Content-Encoding") == nil)
        #expect(report.status == 200)
        #expect(report.outcome == .success)
        #expect(report.error == nil)
        #expect(report.items == 1)
        #expect(report.alerts.map(\.title) == ["Putin meets Kim Jong Un"])
        let alerts = fixture.alertObjects()
        #expect(alerts.count == 1)
        #expect(alerts.first?["title"] as? String == "Putin meets Kim Jong Un")
        #expect(["alert", "notice"].contains(alerts.first?["level"] as? String ?? "-"))
        let actors = Set((alerts.first?["actors"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
        #expect(actors == ["vladimir_putin", "kim_jong_un"])
        #expect((alerts.first?["source"] as? [String: Any])?["guid"] as? String == "z-1")
        #expect(try fixture.store.feedState(url: feed.url)?.lastError == nil)
    }

    @Test("a 100 KB gzip bomb without Content-Encoding stops at max_bytes: body too large, nothing parsed")
    func bomb() async throws {
        let bomb = try gzip([UInt8](repeating: 0x20, count: 22 << 20))
        #expect(bomb.count > 90_000 && bomb.count < 110_000)
        let routes = FeedRoutes()
        routes.set("/bomb.xml.gz") { _, _ in Self.gzipReply(bomb) }
        let server = try routes.server()
        defer { server.stop() }
        let fetcher = CurlFetcher()
        defer { fetcher.shutdown() }
        let fixture = try FeedPollerFixture(watches: [PipelineTestModel.watch()], start: Self.start)
        defer { fixture.folder.remove() }
        let feed = feedConfig(server.baseURL + "/bomb.xml.gz", interval: 600, maxBytes: 1 << 20)

        let report = await fixture.poller([feed], fetcher: fetcher).poll(feed)
        #expect(report.status == 200)
        #expect(report.outcome == .failed)
        #expect(report.error == "body too large: exceeds max_bytes (1048576 bytes)")
        #expect(report.items == 0)
        #expect(report.alerts.isEmpty)
        let state = try #require(try fixture.store.feedState(url: feed.url))
        #expect(state.lastError == "body too large: exceeds max_bytes (1048576 bytes)")
        #expect(state.consecutiveFailures == 1)
        #expect(state.nextPoll == Self.start.addingTimeInterval(600))
        #expect(try fixture.store.counts().seenArticles == 0)
    }

    @Test("a corrupt gzip body is the feed's last error, naming the URL; the next feed still alerts")
    func corrupt() async throws {
        var bytes = try gzip(Self.xml)
        bytes[bytes.count - 8] ^= 0xFF  // the CRC-32 of the trailer
        let corrupt = bytes
        let good = Array("""
            <rss version="2.0"><channel><title>Desk</title>
            <item><guid>d-1</guid><title>Xi Jinping hosts Putin in Beijing</title></item></channel></rss>
            """.utf8)
        let routes = FeedRoutes()
        routes.set("/corrupt.xml.gz") { _, _ in Self.gzipReply(corrupt) }
        routes.set("/desk.xml") { _, _ in FeedRoutes.document(good, etag: "\"d\"", lastModified: "Fri, 21 Aug 2026 04:00:00 GMT") }
        let server = try routes.server()
        defer { server.stop() }
        let fetcher = CurlFetcher()
        defer { fetcher.shutdown() }
        let fixture = try FeedPollerFixture(watches: [PipelineTestModel.watch()], start: Self.start)
        defer { fixture.folder.remove() }
        let broken = feedConfig(server.baseURL + "/corrupt.xml.gz", interval: 600)
        let desk = feedConfig(server.baseURL + "/desk.xml", interval: 600)
        let poller = fixture.poller([broken, desk], fetcher: fetcher)

        let failed = await poller.poll(broken)
        let expected = "cannot gunzip the body of \(broken.url): corrupt gzip data: incorrect data check"
        #expect(failed.outcome == .failed)
        #expect(failed.error == expected)
        let state = try #require(try fixture.store.feedState(url: broken.url))
        #expect(state.lastError == expected)
        #expect(state.consecutiveFailures == 1)
        #expect(state.lastSuccess == nil)
        #expect(fixture.recorder.lines(.warning, "feed fetch failed; backing off").count == 1)

        let worked = await poller.poll(desk)
        #expect(worked.outcome == .success)
        #expect(worked.alerts.map(\.title) == ["Xi Jinping hosts Putin in Beijing"])
        #expect(try fixture.store.feedState(url: desk.url)?.lastError == nil)
        #expect(fixture.alertTitles() == ["Xi Jinping hosts Putin in Beijing"])
        #expect(try fixture.store.feedState(url: broken.url)?.lastError == expected)
    }

    @Test("a feed file dropped as world.xml.gz alerts its item; a corrupt one is skipped with the gzip reason")
    func droppedFile() async throws {
        let f = try PipelineFixture()
        defer { f.folder.remove() }
        await f.process(try f.drop(Array("world.xml.gz".utf8), try gzip(Self.xml)))
        #expect(f.alerts.count == 1)
        #expect(f.alerts.first?["title"] as? String == "Putin meets Kim Jong Un")
        #expect(f.alerts.first.map(f.actorIDs) == ["vladimir_putin", "kim_jong_un"])
        #expect(((f.alerts.first?["source"] as? [String: Any])?["path"] as? String)?.hasSuffix("/drop/world.xml.gz") == true)

        await f.process(try f.drop(Array("cut.xml.gz".utf8), Array(try gzip(Self.xml).prefix(30))))
        let skipped = f.recorder.lines(.warning, "skipping file")
        #expect(skipped.map(\.reason) == ["truncated gzip data: it ends inside a member after 30 bytes"])
        #expect(skipped.first?.path?.hasSuffix("/drop/cut.xml.gz") == true)
        #expect(f.alerts.count == 1)
        let counters = await f.processor.counters
        #expect(counters.filesProcessed == 1)
        #expect(counters.filesSkipped == 1)
    }
}
