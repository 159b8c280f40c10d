import Foundation
import SeedwatchCore
import SeedwatchRuntime
import Testing

/// `seedwatch feeds` and `feeds check` name what used to stay silent: a feed quiet for long
/// compared with its history, items dated in the future.
@Suite("Command line: quiet feeds and future dates")
struct FeedsSilenceCommandTests {
    @Test func feedsFlagsAFeedQuietForLongComparedWithItsHistory() throws {
        let folder = try TemporaryFolder("seedwatch-feeds-quiet")
        let quiet = "http://127.0.0.1:9/quiet.xml", busy = "http://127.0.0.1:9/busy.xml"
        let config = try writeCommandConfig(in: folder.url, feeds: [quiet, busy])
        do {
            let store = try StateStore(path: folder.url.appendingPathComponent("state.sqlite").path)
            let now = Date()
            // One new item a day for ten days, the last one 5 days ago; the other feed's last came an hour ago.
            for day in 0..<10 {
                let seen = now.addingTimeInterval(Double(-(day + 5)) * 86_400)
                _ = try store.commitDecision(articleKey: ArticleIdentity.feedKey(feedURL: quiet, itemKey: "q-\(day)"), watch: "w",
                                             contentHash: "h", alertID: nil, alertLine: nil, at: seen)
                _ = try store.commitDecision(articleKey: ArticleIdentity.feedKey(feedURL: busy, itemKey: "b-\(day)"), watch: "w",
                                             contentHash: "h", alertID: nil, alertLine: nil, at: now.addingTimeInterval(Double(-day) * 86_400 - 3600))
            }
            try store.close()
        }
        let listed = try CommandLineTests.run(["feeds", "--config", config.path])
        #expect(listed.status == 0, "\(listed.stderr)")
        let blocks = listed.stdout.components(separatedBy: "http://127.0.0.1:9/").dropFirst().map { String($0) }
        #expect(blocks.count == 2)
        #expect(blocks[0].contains("QUIET: no new item for 5d 0h, usually one every 1d 0h or sooner (check the feed: seedwatch feeds check URL)"))
        #expect(blocks[1].contains("  newest item:   "))
        #expect(!blocks[1].contains("QUIET"))
    }

    @Test("feeds shows a feed's title and its newest item, also before it has the history that QUIET needs")
    func feedsShowsTitleAndNewestItemOfAYoungFeed() throws {
        let folder = try TemporaryFolder("seedwatch-feeds-young")
        let feed = "http://127.0.0.1:9/young.xml"
        let config = try writeCommandConfig(in: folder.url)
        try (String(contentsOf: config, encoding: .utf8) + "feeds:\n  - url: \(feed)\n    title: CNA World\n")
            .write(to: config, atomically: true, encoding: .utf8)
        let first = Date(timeIntervalSince1970: 1_790_000_000), second = first.addingTimeInterval(3600)
        do {
            let store = try StateStore(path: folder.url.appendingPathComponent("state.sqlite").path)
            for (key, seen) in [("y-1", first), ("y-2", second)] {
                _ = try store.commitDecision(articleKey: ArticleIdentity.feedKey(feedURL: feed, itemKey: key), watch: "w",
                                             contentHash: "h", alertID: nil, alertLine: nil, at: seen)
            }
            try store.close()
        }
        let listed = try CommandLineTests.run(["feeds", "--config", config.path])
        #expect(listed.status == 0, "\(listed.stderr)")
        let lines = listed.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == feed)
        #expect(lines.contains("  title:         CNA World"))
        #expect(lines.contains("  items seen:    2"))
        #expect(lines.contains("  newest item:   2026-09-21T15:13:20Z"))
    }

    @Test func feedsCheckFlagsItemsDatedInTheFuture() throws {
        let folder = try TemporaryFolder("seedwatch-feeds-future")
        let config = try writeCommandConfig(in: folder.url)
        let feed = folder.url.appendingPathComponent("desk.xml")
        try """
            <rss version="2.0"><channel><title>Desk</title>
            <item><guid>f-1</guid><title>Putin meets Kim Jong Un</title><pubDate>Fri, 01 Jan 2100 00:00:00 GMT</pubDate></item>
            <item><guid>f-2</guid><title>Xi Jinping meets Putin</title><pubDate>Fri, 21 Aug 2026 04:00:00 GMT</pubDate></item>
            </channel></rss>
            """.write(to: feed, atomically: true, encoding: .utf8)
        let checked = try CommandLineTests.run(["feeds", "check", "--config", config.path, feed.path])
        #expect(checked.status == 0, "\(checked.stderr)")
        let notes = checked.stdout.split(separator: "\n").filter { $0.hasPrefix("note: ") }
        #expect(notes == ["note: Putin meets Kim Jong Un: published 2100-01-01T00:00:00Z, more than a day in the future; max_age counts from the fetch time"])
    }
}
