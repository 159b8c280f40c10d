import Foundation
import SeedwatchCore
import SeedwatchRuntime
import Testing

/// A feed server that honours `If-None-Match`: 304 while the client's ETag is current.
final class ConditionalFeedServer: FeedFetching, @unchecked Sendable {
    private let lock = NSLock()
    private var etag = "\"v1\""
    private var body: [UInt8] = []

    func publish(etag: String, rss: String) { lock.withLock { self.etag = etag; body = Array(rss.utf8) } }

    func fetch(_ request: FeedRequest) async -> FeedResponse {
        lock.withLock {
            if request.etag == etag { return FeedResponse(status: 304, finalURL: request.url, etag: etag) }
            return FeedResponse(status: 200, finalURL: request.url, etag: etag, contentType: "application/rss+xml", body: body)
        }
    }
}

/// Retention counts from when an item leaves its feed (DESIGN §7), also for a feed that answers
/// 304 for months across a restart.
@Suite("Retention of the items of a quiet feed across a restart")
struct QuietFeedRetentionTests {
    static let url = "https://quiet.example.com/world.rss"

    static func item(_ slug: String, _ title: String, _ description: String, _ pubDate: String) -> String {
        """
        <item>
         <guid isPermaLink="true">https://quiet.example.com/\(slug)</guid>
         <title>\(title)</title>
         <description>\(description)</description>
         <pubDate>\(pubDate)</pubDate>
        </item>
        """
    }

    static func rss(_ items: String...) -> String {
        "<rss version=\"2.0\"><channel><title>Quiet</title>\n" + items.joined(separator: "\n") + "\n</channel></rss>"
    }

    @Test("an item still in a feed that answered 304 for 100 days after a restart is not pruned and does not alert again")
    func quietFeedAfterRestart() async throws {
        let server = ConditionalFeedServer()
        let kim = Self.item("kim-jong-un-visits-beijing", "Kim Jong Un visits Beijing",
                            "The North Korean leader arrived by train on Saturday.", "Sat, 28 Nov 2026 06:00:00 +0000")
        server.publish(etag: "\"v1\"", rss: Self.rss(kim))
        let feed = feedConfig(Self.url)
        let start = Date(timeIntervalSince1970: 1_795_852_800)  // 2026-11-28T08:00:00Z
        let first = try FeedPollerFixture(start: start)
        defer { first.folder.remove() }
        #expect(await first.poller([feed], fetcher: server).poll(feed).alerts.map(\.title) == ["Kim Jong Un visits Beijing"])

        // Restart; the feed is unchanged for 100 days (polled, 304 or not), then retention (90 days) prunes.
        let later = start.addingTimeInterval(100 * 86400)
        let restarted = try FeedPollerFixture(folder: first.folder, start: later)
        // (`fetch.stale_after` beyond the 100 days, so that this poll takes the 304 path.)
        let poller = restarted.poller([feed], fetcher: server, staleAfterSeconds: 200 * 86400)
        let quiet = await poller.poll(feed)
        #expect(quiet.status == 304)
        #expect(quiet.alerts.isEmpty)
        try restarted.store.pruneSeen(olderThan: later.addingTimeInterval(-90 * 86400))

        // A new item appears beside the old one: only the new one alerts.
        server.publish(etag: "\"v2\"", rss: Self.rss(
            Self.item("putin-visits-pyongyang", "Vladimir Putin visits Pyongyang",
                      "The Russian president met Kim Jong Un on Monday.", "Mon, 08 Mar 2027 06:00:00 +0000"), kim))
        let changed = await poller.poll(feed)
        #expect(changed.status == 200)
        #expect(changed.alerts.map(\.title) == ["Vladimir Putin visits Pyongyang"])
        #expect(restarted.alertTitles() == ["Kim Jong Un visits Beijing", "Vladimir Putin visits Pyongyang"])
    }
}
