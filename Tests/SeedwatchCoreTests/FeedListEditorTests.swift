import Foundation
import SeedwatchCore
import Testing

/// `seedwatch feeds add` and `remove` edit the text of `feeds:` and nothing else.
@Suite("Feed list editor")
struct FeedListEditorTests {
    static let config = """
    watches:
      - ../seeds/china-russia-north-korea   # the shipped seed

    drop_folder:
      path: ../var/drop

    alerts:
      log: ../var/log/alerts.jsonl

    # Feeds we follow
    feeds:   # polled every 15m unless said
      # Asia desk
      - url: https://a.example/rss   # BBC Asia
        interval: 30m
      - url: "https://b.example/feed"
        full_text: true    # short summaries

    state:
      path: ../var/state/seedwatch.sqlite

    """

    @Test func addingAppendsAfterTheLastItemKeepingComments() throws {
        let edited = try FeedListEditor.adding(.init(url: "https://c.example/news.xml", title: #"C: "desk" # 1"#, interval: "1h"), to: Self.config)
        #expect(edited == Self.config.replacingOccurrences(of: """
                full_text: true    # short summaries

            """, with: """
                full_text: true    # short summaries
              - url: https://c.example/news.xml
                title: "C: \\"desk\\" # 1"
                interval: 1h

            """))
        let parsed = try ConfigurationReader.parse(edited, file: "/etc/seedwatch/seedwatch.yaml")
        #expect(parsed.feeds.map(\.url) == ["https://a.example/rss", "https://b.example/feed", "https://c.example/news.xml"])
        #expect(parsed.feeds.map(\.title) == [nil, nil, #"C: "desk" # 1"#])
        #expect(parsed.feeds.map(\.intervalSeconds) == [1800, 900, 3600])
    }

    @Test func removingTakesTheItemAndItsSettingsOnly() throws {
        let edited = try FeedListEditor.removing(url: "https://a.example/rss", from: Self.config)
        #expect(edited == Self.config.replacingOccurrences(of: """
              - url: https://a.example/rss   # BBC Asia
                interval: 30m

            """, with: ""))
        #expect(edited.contains("  # Asia desk\n  - url: \"https://b.example/feed\"\n"))
        let quoted = try FeedListEditor.removing(url: "https://b.example/feed", from: Self.config)
        #expect(quoted.contains("    interval: 30m\n\nstate:"))
    }

    @Test func addingThenRemovingGivesBackTheSameText() throws {
        let added = try FeedListEditor.adding(.init(url: "https://c.example/news.xml", title: "C"), to: Self.config)
        #expect(try FeedListEditor.removing(url: "https://c.example/news.xml", from: added) == Self.config)
    }

    @Test func removingTheLastFeedLeavesAnEmptyFlowList() throws {
        let one = try FeedListEditor.removing(url: "https://a.example/rss", from: Self.config)
        let none = try FeedListEditor.removing(url: "https://b.example/feed", from: one)
        #expect(none.contains("# Feeds we follow\nfeeds: []   # polled every 15m unless said\n  # Asia desk\n\nstate:"))
        #expect(try ConfigurationReader.parse(none, file: "/etc/seedwatch/seedwatch.yaml").feeds.isEmpty)
    }

    @Test func theSameFeedWrittenDifferentlyIsADuplicate() {
        #expect(throws: FeedListEditor.EditError.duplicate(existing: "https://a.example/rss", line: 13)) {
            try FeedListEditor.adding(.init(url: "HTTPS://A.Example:443/rss?utm_source=feedly#top"), to: Self.config)
        }
        #expect(throws: FeedListEditor.EditError.duplicate(existing: "https://b.example/feed", line: 15)) {
            try FeedListEditor.adding(.init(url: "https://b.example/feed"), to: Self.config)
        }
    }

    @Test func removingAnUnknownFeedNamesIt() {
        #expect(throws: FeedListEditor.EditError.unknownFeed("https://z.example/rss")) {
            try FeedListEditor.removing(url: "https://z.example/rss", from: Self.config)
        }
        #expect(FeedListEditor.EditError.unknownFeed("https://z.example/rss").description == "no feed https://z.example/rss in 'feeds:'")
    }

    @Test func aFlowListIsLeftForEditingByHand() {
        let flow = "watches:\n  - a\nfeeds: [{url: https://a.example/rss}]\n"
        #expect(throws: FeedListEditor.EditError.notABlockList(line: 3)) {
            try FeedListEditor.adding(.init(url: "https://c.example/"), to: flow)
        }
    }

    @Test func aFileWithoutFeedsGetsTheListAtItsEnd() throws {
        let edited = try FeedListEditor.adding(.init(url: "https://c.example/news.xml"), to: "watches:\n  - a\n")
        #expect(edited == "watches:\n  - a\nfeeds:\n  - url: https://c.example/news.xml\n")
    }

    /// The shipped configuration's `feeds: []` becomes a block list; its commented examples stay.
    @Test func theShippedConfigurationsEmptyListTakesAFeed() throws {
        let path = ShippedModel.packageRoot.appendingPathComponent("config/seedwatch.yaml").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let edited = try FeedListEditor.adding(.init(url: "https://www.nknews.org/feed/", title: "NK News"), to: text)
        #expect(edited == text.replacingOccurrences(of: "feeds: []\n# feeds:\n",
            with: "feeds:\n  - url: https://www.nknews.org/feed/\n    title: \"NK News\"\n# feeds:\n"))
        let parsed = try ConfigurationReader.parse(edited, file: path)
        #expect(parsed.feeds.map(\.url) == ["https://www.nknews.org/feed/"])
        #expect(try FeedListEditor.removing(url: "https://www.nknews.org/feed/", from: edited) == text)
    }

    @Test func feedURLIdentityIgnoresWhatDoesNotNameAnotherFeed() {
        #expect(FeedURLIdentity.key("HTTPS://Example.ORG:443/World/rss?utm_source=a&id=3#top") == "https://example.org/World/rss?id=3")
        #expect(FeedURLIdentity.key("http://feed.example.com") == "http://feed.example.com/")
        #expect(FeedURLIdentity.key("http://example.com:80/a") == "http://example.com/a")
        #expect(FeedURLIdentity.key("https://example.com:8443/a") == "https://example.com:8443/a")
        #expect(FeedURLIdentity.key("http://example.com:443/a") == "http://example.com:443/a")
    }
}
