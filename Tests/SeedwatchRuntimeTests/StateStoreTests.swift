import Foundation
import GRDB
import SeedwatchCore
import SeedwatchRuntime
import Testing

@Suite struct StateStoreTests {
    @Test func freshDatabaseIsMigratedWithAllTables() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("nested/state/seedwatch.sqlite")
        let store = try StateStore(path: path)
        #expect(try store.appliedMigrations() == ["v1-state", "v2-feed-last-success", "v3-article-versions",
                                                 "v4-item-keys-without-tracking", "v4-feed-last-full-fetch",
                                                 "v5-history-and-daemon-status", "v6-output-deliveries",
                                                 "v7-story-members", "v8-output-digests", "v9-story-lead",
                                                 "v10-story-undated", "v11-story-compact", "v12-story-summary",
                                                 "v13-story-span", "v14-feed-state-current-url", "v15-article-version-text", "v16-feed-identity-notes"])
        let queue = try DatabaseQueue(path: path)
        let tables = try queue.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'grdb%' ORDER BY name")
        }
        #expect(tables == ["article_event", "article_version", "daemon_status", "feed_state", "outbox", "outbox_delivery", "output_digest", "processed_file", "seen_article", "story_band", "story_member", "story_summary", "story_watch"])
        let seenColumns = try queue.read { db in try db.columns(in: "seen_article").map(\.name) }
        #expect(seenColumns == ["article_key", "watch", "first_seen", "last_seen", "content_hash", "alert_id", "actor_ids"])
        let outboxColumns = try queue.read { db in try db.columns(in: "outbox").map(\.name) }
        #expect(outboxColumns == ["alert_id", "watch", "article_key", "line", "state", "created_at", "written_at"])
        // Opening again applies nothing new and keeps the data.
        _ = try store.commitDecision(articleKey: "file:aa", watch: "w", contentHash: "aa", alertID: nil, alertLine: nil)
        let reopened = try StateStore(path: path)
        #expect(try reopened.appliedMigrations() == ["v1-state", "v2-feed-last-success", "v3-article-versions",
                                                 "v4-item-keys-without-tracking", "v4-feed-last-full-fetch",
                                                 "v5-history-and-daemon-status", "v6-output-deliveries",
                                                 "v7-story-members", "v8-output-digests", "v9-story-lead",
                                                 "v10-story-undated", "v11-story-compact", "v12-story-summary",
                                                 "v13-story-span", "v14-feed-state-current-url", "v15-article-version-text", "v16-feed-identity-notes"])
        #expect(try reopened.isSeen(articleKey: "file:aa", watch: "w"))
    }

    @Test func usesWALAndSynchronousFull() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("state.sqlite")
        let store = try StateStore(path: path)
        let durability = try store.durability()
        #expect(durability.journalMode == "wal")
        #expect(durability.synchronous == 2) // FULL
        // A feed-state save relaxes the sync for its own statement only.
        try store.saveFeedState(FeedHTTPState(url: "https://example.org/rss", etag: "\"e\""))
        #expect(try store.durability().synchronous == 2)
        #expect(try store.feedState(url: "https://example.org/rss")?.etag == "\"e\"")
        // WAL is persistent: an independent connection sees it too.
        let mode = try DatabaseQueue(path: path).read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }

    @Test func decisionCommitsSeenMarkAndPendingAlertOnce() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try StateStore(path: folder.file("state.sqlite"))
        let key = AlertFixtures.articleKey("k-1")
        let id = AlertFixtures.alertID("k-1")
        let line = AlertFixtures.line("k-1")
        #expect(try !store.isSeen(articleKey: key, watch: AlertFixtures.watch))
        #expect(try store.commitDecision(articleKey: key, watch: AlertFixtures.watch, contentHash: "c1",
                                         alertID: id, alertLine: line))
        #expect(try store.isSeen(articleKey: key, watch: AlertFixtures.watch))
        #expect(try !store.isSeen(articleKey: key, watch: "other-watch"))
        let pending = try store.pendingAlerts()
        #expect(pending.map(\.id) == [id])
        #expect(pending.map(\.line) == [line])
        #expect(try store.outboxState(alertID: id) == "pending")

        // The same key again, even with another line: false, nothing changes.
        #expect(try !store.commitDecision(articleKey: key, watch: AlertFixtures.watch, contentHash: "c2",
                                          alertID: id, alertLine: Array("other\n".utf8)))
        #expect(try store.pendingAlerts().map(\.line) == [line])
        #expect(try store.counts() == StateCounts(seenArticles: 1, pendingAlerts: 1, writtenAlerts: 0, feeds: 0, processedFiles: 0))

        try store.markWritten(alertID: id)
        #expect(try store.pendingAlerts().isEmpty)
        #expect(try store.outboxState(alertID: id) == "written")
        #expect(try store.counts() == StateCounts(seenArticles: 1, pendingAlerts: 0, writtenAlerts: 1, feeds: 0, processedFiles: 0))
    }

    @Test func decisionBelowNoticeOnlyMarksSeen() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try StateStore(path: folder.file("state.sqlite"))
        #expect(try store.commitDecision(articleKey: "file:01", watch: "w", contentHash: "01", alertID: nil, alertLine: nil))
        #expect(try store.pendingAlerts().isEmpty)
        #expect(try !store.commitDecision(articleKey: "file:01", watch: "w", contentHash: "01", alertID: nil, alertLine: nil))
        #expect(try store.counts().seenArticles == 1)
    }

    @Test func retentionPrunesOnlyArticlesNotSeenSinceCutoff() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try StateStore(path: folder.file("state.sqlite"))
        let day: TimeInterval = 86_400
        let t0 = Date(timeIntervalSince1970: 1_700_000_000)
        _ = try store.commitDecision(articleKey: "feed:a", watch: "w", contentHash: "a", alertID: "000000000000000a",
                                     alertLine: Array("{\"id\":\"000000000000000a\"}\n".utf8), at: t0)
        try store.markWritten(alertID: "000000000000000a", at: t0)
        _ = try store.commitDecision(articleKey: "feed:b", watch: "w", contentHash: "b", alertID: nil, alertLine: nil, at: t0)
        _ = try store.commitDecision(articleKey: "feed:c", watch: "w", contentHash: "c", alertID: "000000000000000c",
                                     alertLine: Array("{\"id\":\"000000000000000c\"}\n".utf8), at: t0)
        _ = try store.commitDecision(articleKey: "file:0123", watch: "w", contentHash: "0123", alertID: nil, alertLine: nil, at: t0)
        // b is still in its feed 100 days later; a and c left it.
        try store.touchSeen(articleKeys: ["feed:b", "feed:unknown"], at: t0 + 100 * day)
        let removed = try store.pruneSeen(olderThan: t0 + 100 * day - 90 * day)
        #expect(removed == 2)
        // A dropped file's content is remembered for good: it never "leaves its feed".
        #expect(try store.isSeen(articleKey: "file:0123", watch: "w"))
        #expect(try !store.isSeen(articleKey: "feed:a", watch: "w"))
        #expect(try store.isSeen(articleKey: "feed:b", watch: "w"))
        #expect(try store.outboxState(alertID: "000000000000000a") == nil) // written and old: pruned
        #expect(try store.outboxState(alertID: "000000000000000c") == "pending") // never pruned while pending
        // A pruned article whose alert id is still in the outbox is not queued twice.
        #expect(try !store.commitDecision(articleKey: "feed:c", watch: "w", contentHash: "c", alertID: "000000000000000c",
                                          alertLine: Array("{\"id\":\"000000000000000c\"}\n".utf8)))
        #expect(try store.isSeen(articleKey: "feed:c", watch: "w"))
        #expect(try store.pendingAlerts().count == 1)
    }

    @Test func processedFilesKeepRawPathBytesAndMatchExactIdentity() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try StateStore(path: folder.file("state.sqlite"))
        let path: [UInt8] = Array("/srv/drop/caf".utf8) + [0xE9, 0xFF] + Array(".txt".utf8)
        let inode: UInt64 = 0xF000_0000_0000_0001 // high bit set: stored as a negative INTEGER
        #expect(try store.processedFileHash(device: 2049, inode: inode, size: 512, mtimeNanoseconds: 1_700_000_000_123_456_789) == nil)
        try store.recordProcessedFile(path: path, device: 2049, inode: inode, size: 512,
                                      mtimeNanoseconds: 1_700_000_000_123_456_789, contentHash: "abc")
        #expect(try store.processedFileHash(device: 2049, inode: inode, size: 512, mtimeNanoseconds: 1_700_000_000_123_456_789) == "abc")
        #expect(try store.processedFileHash(device: 2049, inode: inode, size: 512, mtimeNanoseconds: 1_700_000_000_123_456_790) == nil)
        #expect(try store.processedFileHash(device: 2049, inode: inode, size: 513, mtimeNanoseconds: 1_700_000_000_123_456_789) == nil)
        #expect(try store.processedFilePath(device: 2049, inode: inode) == path)
        // The same inode rewritten in place replaces the record.
        try store.recordProcessedFile(path: Array("/srv/drop/new.txt".utf8), device: 2049, inode: inode, size: 600,
                                      mtimeNanoseconds: 1_800_000_000_000_000_000, contentHash: "def")
        #expect(try store.processedFileHash(device: 2049, inode: inode, size: 600, mtimeNanoseconds: 1_800_000_000_000_000_000) == "def")
        #expect(try store.processedFileHash(device: 2049, inode: inode, size: 512, mtimeNanoseconds: 1_700_000_000_123_456_789) == nil)
        #expect(try store.counts().processedFiles == 1)
        #expect(try store.pruneProcessedFiles(olderThan: Date().addingTimeInterval(-3600)) == 0)
        #expect(try store.pruneProcessedFiles(olderThan: Date().addingTimeInterval(3600)) == 1)
        #expect(try store.processedFilePath(device: 2049, inode: inode) == nil)
    }

    @Test func feedStateRoundTrips() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try StateStore(path: folder.file("state.sqlite"))
        let state = FeedHTTPState(url: "https://news.example/rss", currentURL: "https://news.example/feed.xml",
                                  etag: "W/\"5e1\"", lastModified: "Wed, 19 Jun 2024 03:12:05 GMT",
                                  nextPoll: Date(timeIntervalSince1970: 1_718_767_625), consecutiveFailures: 2,
                                  lastError: "HTTP 503", lastStatus: 503,
                                  lastFetch: Date(timeIntervalSince1970: 1_718_766_725.5),
                                  lastSuccess: Date(timeIntervalSince1970: 1_718_700_000), disabled: false)
        try store.saveFeedState(state)
        #expect(try store.feedState(url: "https://news.example/rss") == state)
        #expect(try store.feedState(url: "https://other.example/rss") == nil)
        var updated = state
        updated.consecutiveFailures = 0
        updated.lastError = nil
        updated.lastStatus = 304
        updated.disabled = true
        try store.saveFeedState(updated)
        try store.saveFeedState(FeedHTTPState(url: "https://a.example/atom"))
        #expect(try store.allFeedStates() == [FeedHTTPState(url: "https://a.example/atom"), updated])
        #expect(try store.counts().feeds == 2)
    }

    @Test func seenArticleCountByFeedPrefix() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try StateStore(path: folder.file("state.sqlite"))
        let a = "https://a.example/rss", b = "https://a.example/rss2"
        for (feed, item, watch) in [(a, "1", "w1"), (a, "1", "w2"), (a, "2", "w1"), (b, "1", "w1")] {
            _ = try store.commitDecision(articleKey: ArticleIdentity.feedKey(feedURL: feed, itemKey: item), watch: watch,
                                         contentHash: "h", alertID: nil, alertLine: nil)
        }
        #expect(try store.seenArticleCount(articleKeyPrefix: ArticleIdentity.feedKey(feedURL: a, itemKey: "")) == 2)
        #expect(try store.seenArticleCount(articleKeyPrefix: ArticleIdentity.feedKey(feedURL: b, itemKey: "")) == 1)
        #expect(try store.seenArticleCount(articleKeyPrefix: ArticleIdentity.feedKey(feedURL: "https://c.example/", itemKey: "")) == 0)
    }

    @Test("a feed's seen keys are the keys after its prefix, not a neighbour's: its items' keys in key order, seen since the instant")
    func seenArticleKeysByFeedPrefixRange() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try StateStore(path: folder.file("state.sqlite"))
        // b's URL extends a's, c's sorts just after a's prefix; a's items include non-ASCII item keys.
        let a = "https://a.example/rss", b = "https://a.example/rss2", c = "https://a.example/rss/"
        let old = Date(timeIntervalSince1970: 1_787_000_000), new = Date(timeIntervalSince1970: 1_787_003_600)
        for (feed, item, at) in [(a, "z", new), (a, "\u{10FFFF}", new), (a, "é", new), (a, "1", new), (a, "old", old),
                                 (b, "1", new), (c, "1", new)] {
            _ = try store.commitDecision(articleKey: ArticleIdentity.feedKey(feedURL: feed, itemKey: item), watch: "w",
                                         contentHash: "h", alertID: nil, alertLine: nil, at: at)
        }
        #expect(try store.seenArticleKeys(articleKeyPrefix: ArticleIdentity.feedKey(feedURL: a, itemKey: ""), seenSince: new)
                == ["1", "z", "é", "\u{10FFFF}"].map { ArticleIdentity.feedKey(feedURL: a, itemKey: $0) })
        #expect(try store.seenArticleKeys(articleKeyPrefix: ArticleIdentity.feedKey(feedURL: c, itemKey: ""), seenSince: old)
                == [ArticleIdentity.feedKey(feedURL: c, itemKey: "1")])
        #expect(try store.seenArticleCount(articleKeyPrefix: ArticleIdentity.feedKey(feedURL: a, itemKey: "")) == 5)
        #expect(try store.firstSeenInstants(articleKeyPrefix: ArticleIdentity.feedKey(feedURL: b, itemKey: "")) == [new])
    }

    @Test func errorsNameTheDatabasePath() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("not-a-database.sqlite")
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: path))
        do {
            _ = try StateStore(path: path)
            Issue.record("opening a file that is not a database succeeded")
        } catch let error as StateStoreError {
            guard case .cannotOpen(let errorPath, _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(errorPath == path)
            #expect(error.description.contains(path))
        }
    }
}

@Suite struct StateStoreFeedKeyTests {
    /// Feed article keys hold a NUL between the feed URL and the item key (DESIGN §7); items of one
    /// feed must stay distinct articles.
    @Test func feedItemKeysWithNULStayDistinct() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try StateStore(path: folder.file("state.sqlite"))
        let k1 = AlertFixtures.articleKey("k-1")
        let k2 = AlertFixtures.articleKey("k-2")
        #expect(k1.utf8.contains(0))
        #expect(try store.commitDecision(articleKey: k1, watch: "w", contentHash: "1", alertID: nil, alertLine: nil))
        #expect(try !store.isSeen(articleKey: k2, watch: "w"))
        #expect(try !store.isSeen(articleKey: "feed:https://news.example/world/rss.xml", watch: "w"))
        #expect(try store.commitDecision(articleKey: k2, watch: "w", contentHash: "2", alertID: nil, alertLine: nil))
        #expect(try store.counts().seenArticles == 2)
    }
}

@Suite struct StateStoreCloseTests {
    @Test func closedStoreThrowsErrorsNamingThePath() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("state.sqlite")
        let store = try StateStore(path: path)
        try store.close()
        #expect {
            try store.isSeen(articleKey: "file:00", watch: "w")
        } throws: { error in
            guard case .operationFailed(let errorPath, let operation, _) = error as? StateStoreError else { return false }
            return errorPath == path && operation == "look up seen article"
        }
    }
}
