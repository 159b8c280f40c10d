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
            let prefix = Self.keyBytes(articleKeyPrefix)
            return try Double.fetchAll(db, sql: """
                SELECT MIN(first_seen) FROM seen_article WHERE substr(article_key, 1, ?) = ? GROUP BY article_key
                """, arguments: [prefix.count, prefix]).map(Date.init(timeIntervalSince1970:))
        }
    }

    /// How many distinct articles whose key starts with `articleKeyPrefix` are remembered as seen
    /// (for a feed: `feed:` + its first configured URL + NUL; see ``ArticleIdentity/feedKey(feedURL:itemKey:)``).
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func seenArticleCount(articleKeyPrefix: String) throws -> Int {
        try readAccess("count seen articles") { db in
            let prefix = Self.keyBytes(articleKeyPrefix)
            return try Int.fetchOne(db, sql: """
                SELECT COUNT(DISTINCT article_key) FROM seen_article WHERE substr(article_key, 1, ?) = ?
                """, arguments: [prefix.count, prefix]) ?? 0
        }
    }

    /// The distinct article keys starting with `articleKeyPrefix` whose `last_seen` is at or after
    /// `since`, in key order: after a restart, the items of a feed's last document (they were all
    /// marked seen at the poll that read it, which is the feed's `lastSuccess`).
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func seenArticleKeys(articleKeyPrefix: String, seenSince since: Date) throws -> [String] {
        try readAccess("list seen articles") { db in
            let prefix = Self.keyBytes(articleKeyPrefix)
            return try Data.fetchAll(db, sql: """
                SELECT DISTINCT article_key FROM seen_article WHERE substr(article_key, 1, ?) = ? AND last_seen >= ?
                ORDER BY article_key
                """, arguments: [prefix.count, prefix, since.timeIntervalSince1970]).map { String(decoding: $0, as: UTF8.self) }
        }
    }
}
