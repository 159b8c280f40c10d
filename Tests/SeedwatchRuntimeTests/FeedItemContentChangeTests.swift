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

    /// One feed served from a ``MutableFeedDocument`` on a loopback server, polled by a
    /// ``FeedPollerFixture``'s poller (clock: 2026-08-21T05:00:00Z).
    struct ServedFeed {
        let document: MutableFeedDocument
        let server: LoopbackHTTPServer
        let fetcher: CurlFetcher
        let fixture: FeedPollerFixture
        let feed: SeedwatchConfiguration.Feed
        let poller: FeedPoller

        init(maxAge: Double = 365 * 86400) throws {
            let routes = FeedRoutes(), document = MutableFeedDocument(), fetcher = CurlFetcher()
            routes.set("/world.rss") { _, _ in document.reply() }
            let server = try routes.server()
            let feed = feedConfig(server.baseURL + "/world.rss", maxAge: maxAge)
            let fixture = try FeedPollerFixture()
            poller = fixture.poller([feed], fetcher: fetcher)
            (self.document, self.server, self.fetcher, self.feed, self.fixture) = (document, server, fetcher, feed, fixture)
        }

        func poll(_ rss: String) async -> FeedPollReport {
            document.serve(rss)
            return await poller.poll(feed)
        }

        func stop() {
            server.stop()
            fetcher.shutdown()
            fixture.folder.remove()
        }
    }

    @Test func anItemEditedUnderItsGUIDAlertsOnceWhenItNowMatchesAndNeverTwice() async throws {
        let served = try ServedFeed()
        defer { served.stop() }
        let fixture = served.fixture
        let url = served.feed.url
        let key = ArticleIdentity.feedKey(feedURL: url, itemKey: Self.guid)
        let alertID = ArticleIdentity.alertID(watch: Self.watch, articleKey: key, modelVersion: try FeedCorpus.shippedWatch().model.version)

        // Poll 1: a placeholder that matches nothing.
        #expect(await served.poll(Self.rss(title: "Developing story", description: "More details to follow.")).alerts.isEmpty)
        // Poll 2: the same GUID, now the story: it alerts, once, with the article's own alert id.
        #expect(await served.poll(Self.rss(title: Self.pact, description: Self.pactText)).alerts.map(\.title) == [Self.pact])
        let alerts = fixture.alertObjects()
        #expect(alerts.map { $0["id"] as? String } == [alertID])
        #expect(alerts.first?["level"] as? String == "alert")
        #expect(try fixture.store.seenMark(articleKey: key, watch: Self.watch)?.alertID == alertID)
        // The same document again: nothing. Poll 4: another edit of the alerted story: no second alert.
        #expect(await served.poll(Self.rss(title: Self.pact, description: Self.pactText)).alerts.isEmpty)
        #expect(await served.poll(Self.rss(title: Self.pact + " (updated)", description: Self.pactText + " China watched closely."))
            .alerts.isEmpty)
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

    /// After an upgrade from a release that hashed the extracted text, a seen item's mark holds that
    /// hash: the item is not read again (were extraction changed, it would look edited); its source
    /// hash is recorded on first sight, and a real edit afterwards is read again and alerts once.
    @Test func aMarkFromBeforeSourceHashesTakesTheSourceHashWithoutAReread() async throws {
        let served = try ServedFeed()
        defer { served.stop() }
        let fixture = served.fixture
        let key = ArticleIdentity.feedKey(feedURL: served.feed.url, itemKey: Self.guid)
        let placeholder = Self.rss(title: "Developing story", description: "More details to follow.")
        let source = "src1:df88662d4e1b5e98df69926f6149def6e760e6b8f8796371367fd78c46484cdc"  // "Developing story" NUL "More details to follow."
        #expect(await served.poll(placeholder).alerts.isEmpty)
        #expect(try fixture.store.seenMark(articleKey: key, watch: Self.watch)?.contentHash == source)
        // The mark as an earlier release left it: the hash of text that this release extracts differently.
        let legacy = ArticleIdentity.sha256Hex(Array("Developing story\nMore details to follow, as read before.".utf8))
        #expect(try fixture.store.commitContentChange(articleKey: key, watch: Self.watch, previousHash: source, contentHash: legacy,
                                                      alertID: nil, alertLine: nil))
        #expect(await served.poll(placeholder).alerts.isEmpty)
        #expect(try fixture.store.seenMark(articleKey: key, watch: Self.watch) == StateStore.SeenMark(contentHash: source, alertID: nil))
        #expect(try fixture.store.events(subject: Array(Self.link.utf8)).map(\.kind) == [.decided])
        // A real edit is read again and alerts once.
        #expect(await served.poll(Self.rss(title: Self.pact, description: Self.pactText)).alerts.map(\.title) == [Self.pact])
        #expect(try fixture.store.events(subject: Array(Self.link.utf8)).map(\.kind) == [.decided, .decided])
        #expect(fixture.alertObjects().count == 1)
    }

    /// An item older than `max_age` is history: its edit is recorded under its key, never read again.
    @Test func anItemOlderThanMaxAgeIsNotReadAgain() async throws {
        let served = try ServedFeed(maxAge: 86_400)
        defer { served.stop() }
        let tenDaysBefore = "Tue, 11 Aug 2026 04:00:00 +0000"
        #expect(await served.poll(Self.rss(title: "Developing story", description: "More details to follow.", pubDate: tenDaysBefore))
            .absorbedAsOld == 1)
        #expect(await served.poll(Self.rss(title: Self.pact, description: Self.pactText, pubDate: tenDaysBefore)).alerts.isEmpty)
        #expect(served.fixture.alertObjects().isEmpty)
        #expect(try served.fixture.store.events(subject: Array(Self.link.utf8)).map(\.kind) == [.recorded])
    }

    /// Miniflux's rule: a date in the future is replaced by the fetch time.
    @Test func anItemDatedInTheFutureTakesTheFetchTimeAsPublished() async throws {
        let served = try ServedFeed()
        defer { served.stop() }
        let report = await served.poll(Self.rss(title: Self.pact, description: Self.pactText, pubDate: "Mon, 01 Jul 2030 06:00:00 +0000"))
        #expect(report.datedInFuture == 1)
        #expect(report.alerts.map { $0.published.map(AlertTimestamp.format) } == ["2026-08-21T05:00:00Z"])
        #expect(served.fixture.alertObjects().map { $0["published"] as? String } == ["2026-08-21T05:00:00Z"])
    }
}
