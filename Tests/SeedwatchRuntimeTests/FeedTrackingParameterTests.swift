import Foundation
import Logging
import GRDB
import SeedwatchCore
@testable import SeedwatchRuntime
import SeedwatchTesting
import Testing

/// Items whose links carry rotating tracking parameters (reported against node-rss): one alert per
/// item, however the links are tagged from poll to poll, also across the upgrade of the state database.
@Suite("Tracking parameters in item links, through the FeedPoller")
struct FeedTrackingParameterTests {
    static let title = "Putin and Kim Jong Un sign mutual defence pact as Russia seeks North Korean artillery shells"
    static let watch = "test-watch"

    /// An RSS item with no GUID, no description and no date: the link is its only identity.
    static func rss(link: String, title: String = FeedTrackingParameterTests.title) -> String {
        """
        <rss version="2.0"><channel><title>News</title>
        <item><title>\(title)</title><link>\(link)</link></item>
        </channel></rss>
        """
    }

    @Test("three polls, a new utm_campaign each time: one alert")
    func rotatingUTMValues() async throws {
        let document = MutableFeedDocument()
        let routes = FeedRoutes()
        routes.set("/world.rss") { _, _ in document.reply() }
        let server = try routes.server()
        defer { server.stop() }
        let fetcher = CurlFetcher()
        defer { fetcher.shutdown() }
        let url = server.baseURL + "/world.rss"
        let feed = feedConfig(url)
        let fixture = try FeedPollerFixture(watches: [PipelineTestModel.watch()])
        defer { fixture.folder.remove() }
        let poller = fixture.poller([feed], fetcher: fetcher)

        var alerts: [Int] = []
        for poll in 1...3 {
            document.serve(Self.rss(link: "https://news.example.com/world/pact-1?utm_source=rss&amp;utm_campaign=c\(poll)&amp;fbclid=x\(poll)"))
            let report = await poller.poll(feed)
            #expect(report.status == 200)
            alerts.append(report.alerts.count)
        }
        #expect(alerts == [1, 0, 0])
        #expect(fixture.alertTitles() == [Self.title])
        let key = ArticleIdentity.feedKey(feedURL: url, itemKey: "https://news.example.com/world/pact-1")
        #expect(try fixture.store.isSeen(articleKey: key, watch: Self.watch))
    }

    @Test("an undated item without GUID whose link changes on every poll (an unknown session parameter) is recognised by its title")
    func undatedItemKnownByTitle() async throws {
        let document = MutableFeedDocument()
        let routes = FeedRoutes()
        routes.set("/world.rss") { _, _ in document.reply() }
        let server = try routes.server()
        defer { server.stop() }
        let fetcher = CurlFetcher()
        defer { fetcher.shutdown() }
        let url = server.baseURL + "/world.rss"
        let feed = feedConfig(url)
        let fixture = try FeedPollerFixture(watches: [PipelineTestModel.watch()])
        defer { fixture.folder.remove() }
        let poller = fixture.poller([feed], fetcher: fetcher)

        var alerts: [Int] = []
        for poll in 1...3 {
            document.serve(Self.rss(link: "https://news.example.com/world/pact-1?sid=\(poll * 7919)"))
            alerts.append(await poller.poll(feed).alerts.count)
        }
        #expect(alerts == [1, 0, 0])
        #expect(fixture.alertTitles() == [Self.title])

        // Another undated item with another title is another item.
        document.serve(Self.rss(link: "https://news.example.com/world/pact-2?sid=1", title: "Kim Jong Un visits Beijing for talks with Xi Jinping on sanctions"))
        #expect(await poller.poll(feed).alerts.map(\.title) == ["Kim Jong Un visits Beijing for talks with Xi Jinping on sanctions"])
    }

    /// A state database as seedwatch wrote it before tracking parameters left item keys
    /// (migrations up to `v3-article-versions`), holding `keys` as seen for the shipped watch.
    static func databaseFromBefore(at path: String, keys: [(key: String, firstSeen: Double, alertID: String?)]) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let pool = try DatabasePool(path: path)
        try StateSchema.migrator.migrate(pool, upTo: "v3-article-versions")
        try pool.write { db in
            for entry in keys {
                let bytes = StateStore.keyBytes(entry.key)
                try db.execute(sql: """
                    INSERT INTO seen_article (article_key, watch, first_seen, last_seen, content_hash, alert_id, actor_ids)
                    VALUES (?, ?, ?, ?, 'hash', ?, ?)
                    """, arguments: [bytes, watch, entry.firstSeen, entry.firstSeen + 60, entry.alertID,
                                     entry.alertID == nil ? nil : "kim_jong_un north_korea russia vladimir_putin"])
                try db.execute(sql: """
                    INSERT INTO article_version (article_key, scope, original_key, title, link, published, description_hash, recorded_at)
                    VALUES (?, ?, ?, ?, ?, NULL, NULL, ?)
                    """, arguments: [bytes, Data("feed:x".utf8), bytes, title, "x", entry.firstSeen])
            }
        }
        try pool.close()
    }

    @Test("upgrade: an item seen under a key with utm parameters, polled again with another utm value, does not alert")
    func storedKeysMigrated() async throws {
        let document = MutableFeedDocument()
        let routes = FeedRoutes()
        routes.set("/world.rss") { _, _ in document.reply() }
        let server = try routes.server()
        defer { server.stop() }
        let fetcher = CurlFetcher()
        defer { fetcher.shutdown() }
        let url = server.baseURL + "/world.rss"
        let feed = feedConfig(url)
        let folder = try TemporaryFolder("tracking-migration")
        defer { folder.remove() }
        let oldKey1 = ArticleIdentity.feedKey(feedURL: url, itemKey: "https://news.example.com/world/pact-1?utm_source=rss&utm_campaign=c1")
        let oldKey2 = ArticleIdentity.feedKey(feedURL: url, itemKey: "https://news.example.com/world/pact-1?utm_source=rss&utm_campaign=c2")
        let untouched = ArticleIdentity.feedKey(feedURL: url, itemKey: "https://news.example.com/world/story?id=7")
        try Self.databaseFromBefore(at: folder.file("state/seedwatch.sqlite"), keys: [
            (oldKey1, 1_787_000_000, "00000000000000a1"), (oldKey2, 1_787_000_900, "00000000000000a2"), (untouched, 1_787_000_000, nil)])

        let fixture = try FeedPollerFixture(folder: folder, watches: [PipelineTestModel.watch()])
        #expect(try fixture.store.appliedMigrations().contains(TrackingKeyMigration.name))
        let newKey = ArticleIdentity.feedKey(feedURL: url, itemKey: "https://news.example.com/world/pact-1")
        // The two keys of one item became one seen mark: the first alert id, the earliest first_seen.
        #expect(try fixture.store.seenDecision(articleKey: newKey, watch: Self.watch)
                == SeenDecision(alertID: "00000000000000a1", alertedActorIDs: ["kim_jong_un", "north_korea", "russia", "vladimir_putin"]))
        #expect(try fixture.store.isSeen(articleKey: oldKey1, watch: Self.watch) == false)
        #expect(try fixture.store.isSeen(articleKey: oldKey2, watch: Self.watch) == false)
        #expect(try fixture.store.isSeen(articleKey: untouched, watch: Self.watch))
        #expect(try fixture.store.seenArticleCount(articleKeyPrefix: ArticleIdentity.feedKey(feedURL: url, itemKey: "")) == 2)
        #expect(try fixture.store.articleVersion(articleKey: newKey)?.originalKey == newKey)
        #expect(try fixture.store.firstSeenInstants(articleKeyPrefix: newKey) == [Date(timeIntervalSince1970: 1_787_000_000)])

        let poller = fixture.poller([feed], fetcher: fetcher)
        document.serve(Self.rss(link: "https://news.example.com/world/pact-1?utm_source=rss&amp;utm_campaign=c3"))
        let report = await poller.poll(feed)
        #expect(report.status == 200)
        #expect(report.items == 1)
        #expect(report.alerts.isEmpty)
        #expect(fixture.alertTitles().isEmpty)
    }

    @Test("migrated keys: only the item-key part of feed keys, only tracking parameters")
    func migratedKeys() {
        #expect(TrackingKeyMigration.migratedKey("feed:https://f.example/rss?utm_source=x\u{0}https://a.example/p?id=1&utm_medium=rss#c")
                == "feed:https://f.example/rss?utm_source=x\u{0}https://a.example/p?id=1#c")
        #expect(TrackingKeyMigration.migratedKey("feed:file\u{0}HTTP://A.example/p?fbclid=1") == "feed:file\u{0}HTTP://A.example/p")
        #expect(TrackingKeyMigration.migratedKey("feed:https://f.example/rss\u{0}https://a.example/p?id=1") == nil)
        #expect(TrackingKeyMigration.migratedKey("feed:https://f.example/rss\u{0}tag:a.example,2026:p?utm_source=1") == nil)
        #expect(TrackingKeyMigration.migratedKey("file:0123abcd") == nil)
    }
}
