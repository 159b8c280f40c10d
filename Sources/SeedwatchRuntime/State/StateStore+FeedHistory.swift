import Foundation
import GRDB

/// A feed's seen items (table `seen_article` by article key prefix): its history of new items for
/// ``FeedQuietness``, and the items of its last document after a restart.
extension StateStore {
    /// When each article whose key starts with `articleKeyPrefix` was first seen (the earliest
    /// `first_seen` over watches), one instant per article key, in no order. Seen marks pruned
    /// after `state.retention` are gone, so the history covers about that long.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func firstSeenInstants(articleKeyPrefix: String) throws -> [Date] {
        try readAccess("read feed history") { db in
            let (low, high) = Self.keyRange(articleKeyPrefix)
            return try Double.fetchAll(db, sql: """
                SELECT MIN(first_seen) FROM seen_article WHERE article_key >= ? AND article_key < ? GROUP BY article_key
                """, arguments: [low, high]).map(Date.init(timeIntervalSince1970:))
        }
    }

    /// How many distinct articles whose key starts with `articleKeyPrefix` are remembered as seen
    /// (for a feed: `feed:` + its first configured URL + NUL; see ``ArticleIdentity/feedKey(feedURL:itemKey:)``).
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func seenArticleCount(articleKeyPrefix: String) throws -> Int {
        try readAccess("count seen articles") { db in
            let (low, high) = Self.keyRange(articleKeyPrefix)
            return try Int.fetchOne(db, sql: """
                SELECT COUNT(DISTINCT article_key) FROM seen_article WHERE article_key >= ? AND article_key < ?
                """, arguments: [low, high]) ?? 0
        }
    }

    /// The distinct article keys starting with `articleKeyPrefix` whose `last_seen` is at or after
    /// `since`, in key order: after a restart, the items of a feed's last document (they were all
    /// marked seen at the poll that read it, which is the feed's `lastSuccess`).
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func seenArticleKeys(articleKeyPrefix: String, seenSince since: Date) throws -> [String] {
        try readAccess("list seen articles") { db in
            let (low, high) = Self.keyRange(articleKeyPrefix)
            // A cached statement: after a restart, each feed's first 304 asks (issue 15).
            return try Data.fetchAll(db.cachedStatement(sql: """
                SELECT DISTINCT article_key FROM seen_article WHERE article_key >= ? AND article_key < ? AND last_seen >= ?
                ORDER BY article_key
                """), arguments: [low, high, since.timeIntervalSince1970]).map { String(decoding: $0, as: UTF8.self) }
        }
    }

    /// The article keys starting with `prefix` (not empty) as a range of the `seen_article` primary
    /// key, so that a lookup reads that range instead of the whole table: every key `k` with
    /// `low <= k < high`, as SQLite compares BLOBs (byte by byte, a shorter one first when it is a
    /// prefix of the other). `high` is `prefix` with its last byte raised by one; UTF-8 has no
    /// 0xFF byte, so it never overflows.
    static func keyRange(_ prefix: String) -> (low: Data, high: Data) {
        precondition(!prefix.isEmpty, "an article key prefix is not empty")
        var high = Array(prefix.utf8)
        high[high.count - 1] += 1
        return (keyBytes(prefix), Data(high))
    }
}
