import Foundation
import SeedwatchCore
import SeedwatchRuntime
import SeedwatchTesting
import Testing

/// Adversarial checks of case 08: a genuinely new article must not be taken for an edit.
@Suite("Edits of a seen article: no false merges")
struct UpdateFalseMergeTests {
    static let published = Date(timeIntervalSince1970: 1_795_845_600)  // 2026-11-28T06:00:00Z

    @Test("an item without a title is never an edit by title: two untitled items with one pubDate are two articles")
    func emptyTitlesNeverMatch() {
        let stored = [ArticleUpdateMatch.StoredVersion(articleKey: "k1", originalKey: "k1", title: "",
                                                      published: Self.published, descriptionHash: "h1")]
        #expect(ArticleUpdateMatch.feedItemOriginal(title: "", published: Self.published, descriptionHash: "h2",
                                                    stored: stored) == nil)
        // Punctuation only is as empty once compared.
        #expect(ArticleUpdateMatch.feedItemOriginal(title: "…", published: Self.published, descriptionHash: "h2",
                                                    stored: stored) == nil)
        #expect(ArticleUpdateMatch.fileOriginal(title: "", stored: stored) == nil)
        // A description hash still identifies an untitled edit.
        #expect(ArticleUpdateMatch.feedItemOriginal(title: "", published: Self.published, descriptionHash: "h1",
                                                    stored: stored) == "k1")
    }

    static func untitledItem(_ id: String, _ description: String) -> String {
        """
        <item>
         <guid isPermaLink="false">\(id)</guid>
         <description>\(description)</description>
         <pubDate>Sat, 28 Nov 2026 00:00:00 +0000</pubDate>
        </item>
        """
    }

    @Test("untitled items of a daily feed (one pubDate per day) each alert")
    func untitledItemsThroughThePoller() async throws {
        let url = "https://micro.example.com/kim.rss"
        let fetcher = FakeFeedFetcher()
        func response(_ items: String...) -> FeedResponse {
            FeedResponse(status: 200, finalURL: url, contentType: "application/rss+xml",
                         body: Array(("<rss version=\"2.0\"><channel><title>Micro</title>\n" + items.joined(separator: "\n")
                                      + "\n</channel></rss>").utf8))
        }
        fetcher.script(url, [
            response(Self.untitledItem("post-1", "North Korea shipped artillery shells to Russia. Kim Jong Un confirmed the arms transfer to Russia.")),
            response(Self.untitledItem("post-2", "North Korea will ship ballistic missiles to Russia. Kim Jong Un announced the new arms deal with Russia.")),
        ])
        let fixture = try FeedPollerFixture()
        defer { fixture.folder.remove() }
        let feed = feedConfig(url)
        let poller = fixture.poller([feed], fetcher: fetcher)
        let first = await poller.poll(feed)
        let second = await poller.poll(feed)
        #expect(first.items == 1 && first.absorbedAsOld == 0 && first.error == nil, "\(first)")
        #expect(first.alerts.count == 1)
        #expect(second.alerts.count == 1)
        let alerts = fixture.alertObjects()
        #expect(alerts.count == 2)
        #expect(alerts.last?["updates"] == nil)
        #expect(try fixture.store.articleVersion(articleKey: ArticleIdentity.feedKey(feedURL: url, itemKey: "post-2"))?.originalKey
                == ArticleIdentity.feedKey(feedURL: url, itemKey: "post-2"))
    }

    /// A boilerplate description shared across polls ("Read more") links nothing: a new, unrelated
    /// item with the same boilerplate is a new article, not an edit of the one it replaced.
    @Test func boilerplateDescriptionsAcrossPollsNeverLink() async throws {
        let url = "https://desk.example.com/asia.rss"
        let fetcher = FakeFeedFetcher()
        func response(_ guid: String, _ title: String, _ date: String) -> FeedResponse {
            FeedResponse(status: 200, finalURL: url, contentType: "application/rss+xml",
                         body: Array(("<rss version=\"2.0\"><channel><title>Desk</title><item><guid>\(guid)</guid><title>\(title)</title>"
                                      + "<description>Read more</description><pubDate>\(date)</pubDate></item></channel></rss>").utf8))
        }
        fetcher.script(url, [
            response("a-1", "Kim Jong Un visits Beijing for talks with Xi Jinping", "Sat, 28 Nov 2026 06:00:00 +0000"),
            response("b-2", "Putin and Kim Jong Un sign arms deal in Pyongyang", "Sun, 29 Nov 2026 07:00:00 +0000"),
        ])
        let fixture = try FeedPollerFixture()
        defer { fixture.folder.remove() }
        let feed = feedConfig(url)
        let poller = fixture.poller([feed], fetcher: fetcher)
        _ = await poller.poll(feed)
        _ = await poller.poll(feed)
        let alerts = fixture.alertObjects()
        #expect(alerts.map { $0["title"] as? String } == ["Kim Jong Un visits Beijing for talks with Xi Jinping",
                                                          "Putin and Kim Jong Un sign arms deal in Pyongyang"])
        #expect(alerts.last?["updates"] == nil)
    }

    /// A correction that changes the entry's id and link AND bumps Atom's `updated` (its only date)
    /// is an edit of the entry, not a new article: no second alert.
    @Test func atomCorrectionThatBumpsUpdatedIsAnEdit() async throws {
        let url = "https://desk.example.com/atom.xml"
        let fetcher = FakeFeedFetcher()
        func response(_ id: String, _ title: String, _ summary: String, _ updated: String) -> FeedResponse {
            FeedResponse(status: 200, finalURL: url, contentType: "application/atom+xml",
                         body: Array(("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Desk</title><entry><id>\(id)</id>"
                                      + "<title>\(title)</title><link href=\"https://desk.example.com/\(id)\"/>"
                                      + "<summary>\(summary)</summary><updated>\(updated)</updated></entry></feed>").utf8))
        }
        fetcher.script(url, [
            response("oil-1", "Russia ships oil to North Korea in breach of UN sanctions, satelite images show",
                     "Tankers unloaded Russian oil at the Rajin port in North Korea, breaching UN sanctions.", "2026-11-28T06:00:00Z"),
            response("oil-2", "Russia ships oil to North Korea in breach of UN sanctions, satellite images show",
                     "Tankers unloaded Russian oil at the Rajin harbour in North Korea, breaching UN sanctions.", "2026-11-28T09:30:00Z"),
        ])
        let fixture = try FeedPollerFixture()
        defer { fixture.folder.remove() }
        let feed = feedConfig(url)
        let poller = fixture.poller([feed], fetcher: fetcher)
        let first = await poller.poll(feed)
        let second = await poller.poll(feed)
        #expect(first.alerts.count == 1)
        #expect(second.alerts.isEmpty)
        #expect(fixture.alertObjects().count == 1)
        let edited = try fixture.store.articleVersion(articleKey: ArticleIdentity.feedKey(feedURL: url, itemKey: "oil-2"))
        #expect(edited?.originalKey == ArticleIdentity.feedKey(feedURL: url, itemKey: "oil-1"))
    }
}
