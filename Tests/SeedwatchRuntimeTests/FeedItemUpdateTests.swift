import Foundation
import SeedwatchCore
import SeedwatchRuntime
import SeedwatchTesting
import Testing

/// The document a ``FeedRoutes`` route serves, changed between polls.
final class MutableFeedDocument: @unchecked Sendable {
    private let lock = NSLock()
    private var body: [UInt8] = []

    func serve(_ text: String) { lock.withLock { body = Array(text.utf8) } }

    func reply() -> LoopbackHTTPReply {
        let bytes = lock.withLock { body }
        return LoopbackHTTPReply(status: 200, headers: [("Content-Type", "application/rss+xml; charset=utf-8")],
                                 body: .bytes(bytes))
    }
}

/// Edits of a seen article: an item whose GUID and link change with a headline fix is an update of the same
/// article, through the poller, its state store and the alert log, with and without a restart.
@Suite("Edits of a seen article: GUID changes on edit, through the FeedPoller")
struct FeedItemUpdateTests {
    static let pubDate = "Sat, 28 Nov 2026 06:00:00 +0000"
    static let description = "The North Korean leader arrived by train on Saturday."
    static let watch = "china-russia-north-korea"

    static func item(slug: String, title: String, description: String = FeedItemUpdateTests.description,
                     pubDate: String = FeedItemUpdateTests.pubDate) -> String {
        """
        <item>
         <guid isPermaLink="true">https://news.example.com/world/\(slug)-88121</guid>
         <link>https://news.example.com/world/\(slug)-88121</link>
         <title>\(title)</title>
         <description>\(description)</description>
         <pubDate>\(pubDate)</pubDate>
        </item>
        """
    }

    static func rss(_ items: String...) -> String {
        "<rss version=\"2.0\"><channel><title>News</title>\n" + items.joined(separator: "\n") + "\n</channel></rss>"
    }

    static func actorIDs(_ alert: [String: Any]) -> Set<String> {
        Set(((alert["actors"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String })
    }

    @Test("one alert for the typo fix; the stored article takes the new title and link; a new actor alerts with updates",
          arguments: [false, true])
    func guidChangesOnEdit(restartBetweenPolls: Bool) async throws {
        let document = MutableFeedDocument()
        let routes = FeedRoutes()
        routes.set("/world.rss") { _, _ in document.reply() }
        let server = try routes.server()
        defer { server.stop() }
        let fetcher = CurlFetcher()
        defer { fetcher.shutdown() }
        let url = server.baseURL + "/world.rss"
        let feed = feedConfig(url)
        var fixture = try FeedPollerFixture()
        let folder = fixture.folder
        defer { folder.remove() }
        func poll() async throws -> FeedPollReport {
            if restartBetweenPolls { fixture = try FeedPollerFixture(folder: folder) }
            return await fixture.poller([feed], fetcher: fetcher).poll(feed)
        }
        let key1 = ArticleIdentity.feedKey(feedURL: url, itemKey: "https://news.example.com/world/kim-jong-un-vists-beijing-88121")
        let key2 = ArticleIdentity.feedKey(feedURL: url, itemKey: "https://news.example.com/world/kim-jong-un-visits-beijing-88121")
        let key3 = ArticleIdentity.feedKey(feedURL: url,
                                           itemKey: "https://news.example.com/world/kim-jong-un-visits-beijing-meets-putin-88121")

        // Poll 1: the story with the typo alerts.
        document.serve(Self.rss(Self.item(slug: "kim-jong-un-vists-beijing", title: "Kim Jong Un vists Beijing")))
        let first = try await poll()
        #expect(first.status == 200)
        #expect(first.alerts.map(\.title) == ["Kim Jong Un vists Beijing"])
        let alerts1 = fixture.alertObjects()
        #expect(alerts1.count == 1)
        let alert1 = try #require(alerts1.first)
        let firstID = try #require(alert1["id"] as? String)
        #expect(firstID == ArticleIdentity.alertID(watch: Self.watch, articleKey: key1,
                                                   modelVersion: try FeedCorpus.shippedWatch().model.version))
        #expect(Self.actorIDs(alert1) == ["kim_jong_un", "china", "north_korea"])
        #expect(alert1["updates"] == nil)

        // Poll 2, thirty minutes later: the headline fix changes GUID and link; nothing alerts.
        document.serve(Self.rss(Self.item(slug: "kim-jong-un-visits-beijing", title: "Kim Jong Un visits Beijing")))
        let second = try await poll()
        #expect(second.status == 200)
        #expect(second.alerts.isEmpty)
        #expect(fixture.alertObjects().count == 1)
        let stored = try #require(try fixture.store.articleVersion(articleKey: key1))
        #expect(stored.originalKey == key1)
        #expect(stored.title == "Kim Jong Un visits Beijing")
        #expect(stored.link == "https://news.example.com/world/kim-jong-un-visits-beijing-88121")
        #expect(stored.published.map(AlertTimestamp.format) == "2026-11-28T06:00:00Z")
        #expect(try fixture.store.articleVersion(articleKey: key2)?.originalKey == key1)
        #expect(try fixture.store.seenDecision(articleKey: key1, watch: Self.watch)
                == SeenDecision(alertID: firstID, alertedActorIDs: ["china", "kim_jong_un", "north_korea"]))
        #expect(try fixture.store.seenDecision(articleKey: key2, watch: Self.watch)?.alertID == firstID)
        #expect(await fixture.processor.isDecided(articleKey: key2))

        // The same document again: nothing new.
        let repeated = try await poll()
        #expect(repeated.alerts.isEmpty)
        #expect(fixture.alertObjects().count == 1)

        // Poll 3: another headline edit whose description now names Putin: one more alert, naming the first.
        document.serve(Self.rss(Self.item(
            slug: "kim-jong-un-visits-beijing-meets-putin", title: "Kim Jong Un visits Beijing, meets Putin",
            description: "The North Korean leader arrived by train on Saturday and met Vladimir Putin.")))
        let third = try await poll()
        #expect(third.alerts.map(\.title) == ["Kim Jong Un visits Beijing, meets Putin"])
        let alerts3 = fixture.alertObjects()
        #expect(alerts3.count == 2)
        let alert3 = try #require(alerts3.last)
        let thirdID = try #require(alert3["id"] as? String)
        #expect(thirdID == ArticleIdentity.alertID(watch: Self.watch, articleKey: key3,
                                                   modelVersion: try FeedCorpus.shippedWatch().model.version))
        #expect(thirdID != firstID)
        #expect(alert3["updates"] as? String == firstID)
        // The edit's alert joins the story of the first alert, and adds an actor (issue 12).
        #expect(alert1["story"] as? String == firstID)
        #expect(alert3["story"] as? String == firstID)
        #expect(alert3["story_size"] as? Int == 2)
        #expect(alert3["repeat"] as? Bool == false)
        #expect(try fixture.store.storyMember(alertID: thirdID)?.story == firstID)
        #expect(Self.actorIDs(alert3) == ["kim_jong_un", "china", "north_korea", "vladimir_putin"])
        let source3 = try #require(alert3["source"] as? [String: Any])
        #expect(source3["url"] as? String == "https://news.example.com/world/kim-jong-un-visits-beijing-meets-putin-88121")
        #expect(try fixture.store.articleVersion(articleKey: key1)?.title == "Kim Jong Un visits Beijing, meets Putin")
        #expect(try fixture.store.articleVersion(articleKey: key3)?.originalKey == key1)
        #expect(try fixture.store.seenDecision(articleKey: key1, watch: Self.watch)
                == SeenDecision(alertID: firstID, alertedActorIDs: ["china", "kim_jong_un", "north_korea", "vladimir_putin"]))

        // Poll 4: an unrelated item with the same pubDate and another title is new and alerts on its own.
        document.serve(Self.rss(
            Self.item(slug: "kim-jong-un-visits-beijing-meets-putin", title: "Kim Jong Un visits Beijing, meets Putin",
                      description: "The North Korean leader arrived by train on Saturday and met Vladimir Putin."),
            Self.item(slug: "xi-jinping-hosts-putin-in-moscow", title: "Xi Jinping and Putin hold talks in Moscow",
                      description: "The Chinese leader met the Russian president on Saturday.")))
        let fourth = try await poll()
        #expect(fourth.alerts.map(\.title) == ["Xi Jinping and Putin hold talks in Moscow"])
        let alerts4 = fixture.alertObjects()
        #expect(alerts4.count == 3)
        #expect(alerts4.last?["updates"] == nil)
        let key4 = ArticleIdentity.feedKey(feedURL: url, itemKey: "https://news.example.com/world/xi-jinping-hosts-putin-in-moscow-88121")
        #expect(try fixture.store.articleVersion(articleKey: key4)?.originalKey == key4)
        #expect(alerts4.compactMap { $0["title"] as? String } == [
            "Kim Jong Un vists Beijing", "Kim Jong Un visits Beijing, meets Putin", "Xi Jinping and Putin hold talks in Moscow",
        ])
    }
}
