import Foundation
import SeedwatchCore
import SeedwatchRuntime
import SeedwatchTesting
import Testing

/// `full_text: true` through ``FakeFeedFetcher``: a short summary makes the poller fetch the item's page.
@Suite("FeedPoller full text")
struct FeedFullTextTests {
    static let feedURL = "https://desk.example/rss"
    static let rss = Array("""
        <rss version="2.0"><channel><title>Desk</title>
        <item><guid>d-1</guid><title>Envoy lands after talks</title><link>https://desk.example/a/1</link>
        <description>A short summary.</description><pubDate>Fri, 21 Aug 2026 04:00:00 GMT</pubDate></item>
        </channel></rss>
        """.utf8)
    static let page = Array("""
        <html><head><title>Envoy lands after talks</title></head><body><article>
        <p>Vladimir Putin's envoy landed in Pyongyang on Friday for talks with North Korea.</p>
        </article></body></html>
        """.utf8)

    func run(fullText: Bool) async throws -> (titles: [String], requests: [String]) {
        let fetcher = FakeFeedFetcher()
        fetcher.script(Self.feedURL, [FeedResponse(status: 200, finalURL: Self.feedURL, contentType: "application/rss+xml", body: Self.rss)])
        fetcher.script("https://desk.example/a/1", [FeedResponse(status: 200, finalURL: "https://desk.example/a/1",
                                                                 contentType: "text/html; charset=utf-8", body: Self.page)])
        let fixture = try FeedPollerFixture(watches: [PipelineTestModel.watch()], start: Date(timeIntervalSince1970: 1_787_288_400))
        defer { fixture.folder.remove() }
        var feed = feedConfig(Self.feedURL)
        feed.fullText = fullText
        let report = await fixture.poller([feed], fetcher: fetcher).poll(feed)
        #expect(report.status == 200)
        return (report.alerts.map(\.title), fetcher.requests.map(\.url))
    }

    @Test("with full_text the item's page is fetched and matched")
    func fetchesPage() async throws {
        let result = try await run(fullText: true)
        #expect(result.requests == [Self.feedURL, "https://desk.example/a/1"])
        #expect(result.titles == ["Envoy lands after talks"])
    }

    @Test("without full_text only the summary is matched")
    func summaryOnly() async throws {
        let result = try await run(fullText: false)
        #expect(result.requests == [Self.feedURL])
        #expect(result.titles.isEmpty)
    }
}
