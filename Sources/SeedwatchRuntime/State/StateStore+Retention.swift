import Foundation
import GRDB

/// Retention (`state.retention`, DESIGN §7): what is forgotten, and what never is.
extension StateStore {
    /// Forgets seen items of polled feeds whose `last_seen` is before `cutoff` (retention,
    /// `state.retention`: DESIGN §7 keeps them that long after they leave their feed), and written
    /// outbox rows older than `cutoff` that no output still has to deliver, and output deliveries
    /// delivered before `cutoff`. Pending alerts and dead letters are never pruned.
    ///
    /// Only keys of polled feed items (`feed:<url>␀…`) are pruned: dropped files (`file:…`) and items
    /// of feed files in the drop folder (`feed:file␀…`) are never touched by a poll, so their
    /// `last_seen` is their first decision; forgetting them would alert again on a copy or a
    /// rewrite of a file that is still in the drop folder months later. Version rows (edits of seen articles)
    /// whose article key has no seen mark left are removed too.
    /// - Returns: the number of seen marks removed.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    @discardableResult
    package func pruneSeen(olderThan cutoff: Date) throws -> Int {
        try writeAccess("prune seen articles") { db in
            let t = cutoff.timeIntervalSince1970
            let feedPrefix = Data("feed:".utf8)
            let feedFilePrefix = Data("feed:file\u{0}".utf8)
            try db.execute(sql: """
                DELETE FROM seen_article WHERE last_seen < ?
                    AND substr(article_key, 1, ?) = ? AND substr(article_key, 1, ?) != ?
                """, arguments: [t, feedPrefix.count, feedPrefix, feedFilePrefix.count, feedFilePrefix])
            let removed = db.changesCount
            try db.execute(sql: """
                DELETE FROM article_version
                WHERE NOT EXISTS (SELECT 1 FROM seen_article s WHERE s.article_key = article_version.article_key)
                """)
            try db.execute(sql: "DELETE FROM outbox_delivery WHERE state = 'delivered' AND delivered_at < ?", arguments: [t])
            // A digest whose rows are all gone (StateStore+OutputDigests).
            try db.execute(sql: """
                DELETE FROM output_digest WHERE period_end < ?
                    AND NOT EXISTS (SELECT 1 FROM outbox_delivery d WHERE d.digest = output_digest.id)
                """, arguments: [t])
            // An alert some output has not delivered yet (pending or a dead letter) keeps its line.
            try db.execute(sql: """
                DELETE FROM outbox WHERE state = 'written' AND written_at < ?
                    AND NOT EXISTS (SELECT 1 FROM outbox_delivery d WHERE d.alert_id = outbox.alert_id)
                """, arguments: [t])
            try db.execute(sql: "DELETE FROM article_event WHERE at < ?", arguments: [t])  // `seedwatch why` history
            return removed
        }
    }
}
