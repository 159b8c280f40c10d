import Foundation
import SeedwatchCore
import SeedwatchRuntime
import SeedwatchTesting
import Testing

/// A feed item that keeps its GUID while its text changes is read again: it alerts once if it now
/// matches and never alerted, and never alerts twice (an `updated` step in its history instead).
/// An item dated in the future takes the fetch time as its `published`.
@Suite("Feed items: content changed under the same GUID, dates in the future")
struct FeedItemContentChangeTests {
    static let guid = "tag:news.example.com,2026:world-88121"
    static let link = "https://news.example.com/world/88121"
    static let watch = "china-russia-north-korea"
    static let pact = "Putin and Kim Jong Un sign mutual defence pact in Pyongyang"
    static let pactText = "Vladimir Putin and Kim Jong Un signed a mutual defence pact in Pyongyang on Wednesday. Russia and "
        + "North Korea agreed on arms transfers, missiles and artillery shells for the war in Ukraine."

    static func rss(title: String, description: String, pubDate: String = "Fri, 21 Aug 2026 04:00:00 +0000") -> String {
        """
        <rss version="2.0"><channel><title>News</title>
        <item>
         <guid isPermaLink="false">\(guid)</guid>
         <link>\(link)</link>
         <title>\(title)</title>
         <description>\(description)</description>
         <pubDate>\(pubDate)</pubDate>
        </item>
        </channel></rss>
        """
    }

    @Test func anItemEditedUnderItsGUIDAlertsOnceWhenItNowMatchesAndNeverTwice() async throws {
        let document = MutableFeedDocument()
        let routes = FeedRoutes()
        routes.set("/world.rss") { _, _ in document.reply() }
        let server = try routes.server()
        defer { server.stop() }
        let fetcher = CurlFetcher()
        defer { fetcher.shutdown() }
        let url = server.baseURL + "/world.rss"
        let feed = feedConfig(url)
        let fixture = try FeedPollerFixture()
        defer { fixture.folder.remove() }
        let poller = fixture.poller([feed], fetcher: fetcher)
        let key = ArticleIdentity.feedKey(feedURL: url, itemKey: Self.guid)
        let alertID = ArticleIdentity.alertID(watch: Self.watch, articleKey: key, modelVersion: try FeedCorpus.shippedWatch().model.version)

        // Poll 1: a placeholder that matches nothing.
        document.serve(Self.rss(title: "Developing story", description: "More details to follow."))
        #expect(await poller.poll(feed).alerts.isEmpty)
        // Poll 2: the same GUID, now the story: it alerts, once, with the article's own alert id.
        document.serve(Self.rss(title: Self.pact, description: Self.pactText))
        #expect(await poller.poll(feed).alerts.map(\.title) == [Self.pact])
        let alerts = fixture.alertObjects()
        #expect(alerts.map { $0["id"] as? String } == [alertID])
        #expect(alerts.first?["level"] as? String == "alert")
        #expect(try fixture.store.seenMark(articleKey: key, watch: Self.watch)?.alertID == alertID)
        // The same document again: nothing. Poll 4: another edit of the alerted story: no second alert.
        #expect(await poller.poll(feed).alerts.isEmpty)
        document.serve(Self.rss(title: Self.pact + " (updated)", description: Self.pactText + " China watched closely."))
        #expect(await poller.poll(feed).alerts.isEmpty)
        #expect(fixture.alertObjects().count == 1)
        #expect(try fixture.store.pendingAlerts().isEmpty)

        let events = try fixture.store.events(subject: Array(Self.link.utf8))
        #expect(events.map(\.kind) == [.decided, .decided, .updated])
        #expect(events.map(\.alertID) == [nil, alertID, nil])
        #expect(events.map(\.detail) == [
            "Developing story",
            "content changed under the same GUID, read again: \(Self.pact)",
            "content changed under the same GUID, read again: alerted before (alert \(alertID)), not alerted again — \(Self.pact) (updated)",
        ])
        #expect(events.last?.watch == Self.watch && events.last?.articleKey == key)
    }

    /// An item older than `max_age` is history: its edit is recorded under its key, never read again.
    @Test func anItemOlderThanMaxAgeIsNotReadAgain() async throws {
        let document = MutableFeedDocument()
        let routes = FeedRoutes()
        routes.set("/old.rss") { _, _ in document.reply() }
        let server = try routes.server()
        defer { server.stop() }
        let fetcher = CurlFetcher()
        defer { fetcher.shutdown() }
        let feed = feedConfig(server.baseURL + "/old.rss", maxAge: 86_400)  // clock: 2026-08-21T05:00Z
        let fixture = try FeedPollerFixture()
        defer { fixture.folder.remove() }
        let poller = fixture.poller([feed], fetcher: fetcher)
        let tenDaysBefore = "Tue, 11 Aug 2026 04:00:00 +0000"
        document.serve(Self.rss(title: "Developing story", description: "More details to follow.", pubDate: tenDaysBefore))
        #expect(await poller.poll(feed).absorbedAsOld == 1)
        document.serve(Self.rss(title: Self.pact, description: Self.pactText, pubDate: tenDaysBefore))
        #expect(await poller.poll(feed).alerts.isEmpty)
        #expect(fixture.alertObjects().isEmpty)
        #expect(try fixture.store.events(subject: Array(Self.link.utf8)).map(\.kind) == [.recorded])
    }

    /// Miniflux's rule: a date in the future is replaced by the fetch time.
    @Test func anItemDatedInTheFutureTakesTheFetchTimeAsPublished() async throws {
        let document = MutableFeedDocument()
        let routes = FeedRoutes()
        routes.set("/future.rss") { _, _ in document.reply() }
        let server = try routes.server()
        defer { server.stop() }
        let fetcher = CurlFetcher()
        defer { fetcher.shutdown() }
        let feed = feedConfig(server.baseURL + "/future.rss")
        let fixture = try FeedPollerFixture()  // clock: 2026-08-21T05:00:00Z
        defer { fixture.folder.remove() }
        document.serve(Self.rss(title: Self.pact, description: Self.pactText, pubDate: "Mon, 01 Jul 2030 06:00:00 +0000"))
        let report = await fixture.poller([feed], fetcher: fetcher).poll(feed)
        #expect(report.datedInFuture == 1)
        #expect(report.alerts.map { $0.published.map(AlertTimestamp.format) } == ["2026-08-21T05:00:00Z"])
        #expect(fixture.alertObjects().map { $0["published"] as? String } == ["2026-08-21T05:00:00Z"])
    }
}
