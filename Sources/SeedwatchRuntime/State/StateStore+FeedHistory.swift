import Foundation
import GRDB

/// A feed's history of new items, for ``FeedQuietness``.
extension StateStore {
    /// When each article whose key starts with `articleKeyPrefix` was first seen (the earliest
    /// `first_seen` over watches), one instant per article key, in no order. Seen marks pruned
    /// after `state.retention` are gone, so the history covers about that long.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    public func firstSeenInstants(articleKeyPrefix: String) throws -> [Date] {
        try readAccess("read feed history") { db in
            let prefix = Self.keyBytes(articleKeyPrefix)
            return try Double.fetchAll(db, sql: """
                SELECT MIN(first_seen) FROM seen_article WHERE substr(article_key, 1, ?) = ? GROUP BY article_key
                """, arguments: [prefix.count, prefix]).map(Date.init(timeIntervalSince1970:))
        }
    }
}
