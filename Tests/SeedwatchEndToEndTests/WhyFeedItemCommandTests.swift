import Foundation
import SeedwatchCore
import SeedwatchRuntime
import Testing

/// `seedwatch why` names a feed item by its link as the feed gave it, by that link's canonical
/// form (tracking parameters, fragment, `www.`, trailing `/` left out), or by its GUID.
@Suite("Command line: why for a feed item")
struct WhyFeedItemCommandTests {
    static let time = Date(timeIntervalSince1970: 1_790_000_000)  // 2026-09-21T14:13:20Z
    static let link = "https://www.example.org/world/kim-replies/?utm_source=rss&fbclid=IwAR1#top"
    static let guid = "tag:example.org,2026:kim-replies"

    /// A configuration whose state database holds the history of two feed items.
    static func configWithHistory(in folder: URL) throws -> URL {
        let config = try writeCommandConfig(in: folder)
        let store = try StateStore(path: folder.appendingPathComponent("state.sqlite").path)
        let key = ArticleIdentity.feedKey(feedURL: "https://example.org/rss", itemKey: guid)
        let other = "https://example.org/world/other-story"
        try store.recordEvents([
            ArticleEvent(subject: Array(link.utf8), at: time, kind: .fullTextNotUsed,
                         detail: "not used, the summary is matched: HTTP 403"),
            ArticleEvent(subject: Array(link.utf8), at: time.addingTimeInterval(60), kind: .decided,
                         watch: "china-russia-north-korea", level: "alert", score: 41.5, alertID: "3f7c0a9d2e4b1c58",
                         articleKey: key, detail: "Kim Jong Un replies"),
            ArticleEvent(subject: Array(other.utf8), at: time, kind: .decided, watch: "china-russia-north-korea",
                         score: 3, articleKey: ArticleIdentity.feedKey(feedURL: "https://example.org/rss", itemKey: other),
                         detail: "Another story"),
        ])
        return config
    }

    static let expected = """
          feed item \(link)
          2026-09-21T14:13:20Z  full_text not used, the summary is matched: HTTP 403
          2026-09-21T14:14:20Z  decided   china-russia-north-korea: alert, score 41.50, alert 3f7c0a9d2e4b1c58 — Kim Jong Un replies (feed https://example.org/rss)

        """

    @Test func aFeedItemIsFoundByItsLinkWithoutTrackingParameters() throws {
        let folder = try TemporaryFolder("seedwatch-why-canonical")
        let config = try Self.configWithHistory(in: folder.url)
        for given in ["https://example.org/world/kim-replies", "http://example.org/world/kim-replies/?utm_campaign=b2"] {
            let why = try CommandLineTests.run(["why", "--config", config.path, given])
            #expect(why.status == 0, "\(why.stderr)")
            #expect(why.stdout == given + "\n" + Self.expected)
        }
    }

    @Test func aFeedItemIsFoundByItsGUID() throws {
        let folder = try TemporaryFolder("seedwatch-why-guid")
        let config = try Self.configWithHistory(in: folder.url)
        let why = try CommandLineTests.run(["why", "--config", config.path, Self.guid])
        #expect(why.status == 0, "\(why.stderr)")
        #expect(why.stdout == Self.guid + "\n" + Self.expected)
    }

    @Test func theExactLinkNeedsNoFeedItemLineAndAnotherPageIsNotFound() throws {
        let folder = try TemporaryFolder("seedwatch-why-exact")
        let config = try Self.configWithHistory(in: folder.url)
        let exact = try CommandLineTests.run(["why", "--config", config.path, Self.link])
        #expect(exact.status == 0, "\(exact.stderr)")
        #expect(exact.stdout == Self.link + "\n" + Self.expected.split(separator: "\n", omittingEmptySubsequences: false).dropFirst()
            .joined(separator: "\n"))
        let unknown = try CommandLineTests.run(["why", "--config", config.path, "https://example.org/world/kim-replies-2"])
        #expect(unknown.status == 66)
        #expect(unknown.stdout == "")
        #expect(unknown.stderr == "https://example.org/world/kim-replies-2: nothing recorded (not seen by the daemon, or older than state.retention)\n")
    }

    /// An item carried by two feeds: each decision names its feed, by title (when configured) and URL.
    @Test func eachDecisionOfAnItemCarriedByTwoFeedsNamesItsFeed() throws {
        let folder = try TemporaryFolder("seedwatch-why-two-feeds")
        let config = folder.url.appendingPathComponent("c.yaml")
        try """
            watches: [\(Paths.packageRoot.appendingPathComponent("seeds/china-russia-north-korea").path)]
            drop_folder: {path: drop}
            alerts: {log: alerts.jsonl}
            state: {path: state.sqlite}
            feeds:
              - {url: "https://example.org/rss", title: Example World}
              - url: https://mirror.example.net/feed.xml

            """.write(to: config, atomically: true, encoding: .utf8)
        let link = "https://example.org/world/summit"
        let store = try StateStore(path: folder.url.appendingPathComponent("state.sqlite").path)
        try store.recordEvents([
            ArticleEvent(subject: Array(link.utf8), at: Self.time, kind: .decided, watch: "china-russia-north-korea", level: "alert",
                         score: 41.5, alertID: "3f7c0a9d2e4b1c58",
                         articleKey: ArticleIdentity.feedKey(feedURL: "https://example.org/rss", itemKey: link), detail: "Summit in Pyongyang"),
            ArticleEvent(subject: Array(link.utf8), at: Self.time.addingTimeInterval(60), kind: .decided, watch: "china-russia-north-korea",
                         score: 3, articleKey: ArticleIdentity.feedKey(feedURL: "https://mirror.example.net/feed.xml", itemKey: link),
                         detail: "Summit in Pyongyang"),
        ])
        let why = try CommandLineTests.run(["why", "--config", config.path, link])
        #expect(why.status == 0, "\(why.stderr)")
        #expect(why.stdout == """
            \(link)
              2026-09-21T14:13:20Z  decided   china-russia-north-korea: alert, score 41.50, alert 3f7c0a9d2e4b1c58 — Summit in Pyongyang (feed "Example World" https://example.org/rss)
              2026-09-21T14:14:20Z  decided   china-russia-north-korea: below notice, score 3.00 — Summit in Pyongyang (feed https://mirror.example.net/feed.xml)

            """)
        let json = try CommandLineTests.run(["why", "--config", config.path, "--json", link])
        #expect(json.status == 0, "\(json.stderr)")
        let feeds = json.stdout.split(separator: "\n").map { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["feed"] as? String
        }
        #expect(feeds == ["https://example.org/rss", "https://mirror.example.net/feed.xml"])
    }

    /// A dropped file named by another spelling of its path is not shown as a feed item.
    @Test func aFileNamedByAnotherSpellingOfItsPathIsNoFeedItem() throws {
        let folder = try TemporaryFolder("seedwatch-why-path")
        let config = try Self.configWithHistory(in: folder.url)
        let path = folder.url.appendingPathComponent("drop/a.txt").path
        try StateStore(path: folder.url.appendingPathComponent("state.sqlite").path).recordEvents([
            ArticleEvent(subject: Array(path.utf8), at: Self.time, kind: .seen, detail: "101 bytes"),
        ])
        let given = folder.url.path + "/./drop/a.txt"
        let why = try CommandLineTests.run(["why", "--config", config.path, given])
        #expect(why.status == 0, "\(why.stderr)")
        #expect(why.stdout == given + "\n  2026-09-21T14:13:20Z  seen      101 bytes\n")
    }
}
