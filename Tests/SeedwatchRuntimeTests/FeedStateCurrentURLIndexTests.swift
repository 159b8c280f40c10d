import Foundation
import GRDB
import SeedwatchCore
@testable import SeedwatchRuntime
import Testing

/// The moved-feed lookup (`feedURLs(movedTo:)`, every poll) reads an index on `current_url`
/// (migration `v14-feed-state-current-url`), also in a database made before the index.
@Suite("State store: the index of feed_state.current_url")
struct FeedStateCurrentURLIndexTests {
    @Test func aDatabaseOfTheReleaseBeforeGetsTheIndexAndKeepsItsFeedStates() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("state.sqlite")
        do {
            let pool = try DatabasePool(path: path)
            try StateSchema.migrator.migrate(pool, upTo: "v13-story-span")
            try pool.write { db in
                try db.execute(sql: """
                    INSERT INTO feed_state (url, current_url, consecutive_failures) VALUES
                        ('http://old.example.org/rss', 'https://new.example.org/rss', 0),
                        ('https://new.example.org/rss', 'https://new.example.org/rss', 0),
                        ('https://other.example.org/rss', NULL, 2)
                    """)
            }
            try pool.close()
        }
        let store = try StateStore(path: path)
        #expect(try store.appliedMigrations().suffix(4) == ["v13-story-span", "v14-feed-state-current-url", "v15-article-version-text", "v16-feed-identity-notes"])
        #expect(try store.feedURLs(movedTo: "https://new.example.org/rss") == ["http://old.example.org/rss"])
        #expect(try store.feedState(url: "https://other.example.org/rss")?.consecutiveFailures == 2)
        try store.close()
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        let plan = try queue.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT url FROM feed_state WHERE current_url = ? AND url <> ? ORDER BY url",
                             arguments: ["https://new.example.org/rss", "https://new.example.org/rss"]).map { $0["detail"] as String }
        }
        #expect(plan.first == "SEARCH feed_state USING INDEX feed_state_current_url (current_url=?)", "\(plan)")
    }
}
