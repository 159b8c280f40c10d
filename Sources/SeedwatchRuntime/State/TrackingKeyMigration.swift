import Foundation
import GRDB
import SeedwatchCore

/// The state-database migration `v4-item-keys-without-tracking`: stored feed-item keys that are
/// http(s) URLs with tracking parameters (``TrackingParameters``) are rewritten to the keys the
/// item-key rule gives now (DESIGN §7 as changed by ``ItemKey``: the same URL without them), so an
/// item seen before the upgrade is still seen after it and alerts nothing again.
///
/// Rewritten: the article key of `seen_article`, `article_version` (its own key and the key of its
/// original) and `outbox` rows. Several stored keys that become one (a feed that rotated its `utm_*`
/// values: one key per poll before) merge into one seen mark per watch: the earliest `first_seen`,
/// the latest `last_seen`, the first alert id and the union of the alerted actors. Keys of the
/// `sha256:` fallback (items sharing a link) hash the link and cannot be rewritten; those items
/// are still recognised by their title and date (``ArticleUpdateMatch``).
enum TrackingKeyMigration {
    /// The migration's name in GRDB's table of applied migrations.
    static let name = "v4-item-keys-without-tracking"

    /// The article key under the new rule, or `nil` when `key` does not change. Only the item-key
    /// part (after the NUL of `feed:<feed URL>␀<item key>`) is rewritten.
    static func migratedKey(_ key: String) -> String? {
        guard key.hasPrefix("feed:"), let nul = key.firstIndex(of: "\u{0}") else { return nil }
        let itemKey = String(key[key.index(after: nul)...])
        let stripped = TrackingParameters.stripped(fromURL: itemKey)
        return stripped == itemKey ? nil : String(key[...nul]) + stripped
    }

    /// Runs the migration inside GRDB's migration transaction.
    static func migrate(_ db: Database) throws {
        let question = Data("?".utf8)
        let seen = try Row.fetchAll(db, sql: """
            SELECT article_key, watch, first_seen, last_seen, alert_id, actor_ids FROM seen_article
            WHERE substr(article_key, 1, 5) = ? AND instr(article_key, ?) > 0 ORDER BY first_seen
            """, arguments: [Data("feed:".utf8), question])
        for row in seen {
            let oldBytes: Data = row["article_key"]
            guard let newKey = migratedKey(String(decoding: oldBytes, as: UTF8.self)) else { continue }
            let newBytes = StateStore.keyBytes(newKey)
            let watch: String = row["watch"]
            let exists = try Bool.fetchOne(db, sql: "SELECT 1 FROM seen_article WHERE article_key = ? AND watch = ?",
                                           arguments: [newBytes, watch]) ?? false
            if exists {
                try db.execute(sql: """
                    UPDATE seen_article SET first_seen = MIN(first_seen, ?), last_seen = MAX(last_seen, ?),
                        alert_id = COALESCE(alert_id, ?), actor_ids = ?
                    WHERE article_key = ? AND watch = ?
                    """, arguments: [row["first_seen"] as Double, row["last_seen"] as Double, row["alert_id"] as String?,
                                     try mergedActors(db, newBytes, watch, row["actor_ids"]), newBytes, watch])
                try db.execute(sql: "DELETE FROM seen_article WHERE article_key = ? AND watch = ?", arguments: [oldBytes, watch])
            } else {
                try db.execute(sql: "UPDATE seen_article SET article_key = ? WHERE article_key = ? AND watch = ?",
                               arguments: [newBytes, oldBytes, watch])
            }
        }
        let versions = try Data.fetchAll(db, sql: """
            SELECT article_key FROM article_version WHERE instr(article_key, ?) > 0 OR instr(original_key, ?) > 0
            """, arguments: [question, question])
        for oldBytes in versions {
            let old = String(decoding: oldBytes, as: UTF8.self)
            if let newKey = migratedKey(old) {
                let newBytes = StateStore.keyBytes(newKey)
                try db.execute(sql: "UPDATE article_version SET original_key = ? WHERE original_key = ?",
                               arguments: [newBytes, oldBytes])
                let exists = try Bool.fetchOne(db, sql: "SELECT 1 FROM article_version WHERE article_key = ?",
                                               arguments: [newBytes]) ?? false
                if exists {
                    try db.execute(sql: "DELETE FROM article_version WHERE article_key = ?", arguments: [oldBytes])
                } else {
                    try db.execute(sql: "UPDATE article_version SET article_key = ? WHERE article_key = ?",
                                   arguments: [newBytes, oldBytes])
                }
            }
        }
        // A version whose original's key changed (the original itself matched no filter above when
        // it was rewritten first): point it at the new key.
        let originals = try Data.fetchAll(db, sql: "SELECT DISTINCT original_key FROM article_version WHERE instr(original_key, ?) > 0",
                                          arguments: [question])
        for oldBytes in originals {
            guard let newKey = migratedKey(String(decoding: oldBytes, as: UTF8.self)) else { continue }
            try db.execute(sql: "UPDATE article_version SET original_key = ? WHERE original_key = ?",
                           arguments: [StateStore.keyBytes(newKey), oldBytes])
        }
        let outbox = try Row.fetchAll(db, sql: "SELECT alert_id, article_key FROM outbox WHERE instr(article_key, ?) > 0",
                                      arguments: [question])
        for row in outbox {
            guard let newKey = migratedKey(String(decoding: row["article_key"] as Data, as: UTF8.self)) else { continue }
            try db.execute(sql: "UPDATE outbox SET article_key = ? WHERE alert_id = ?",
                           arguments: [StateStore.keyBytes(newKey), row["alert_id"] as String])
        }
    }

    /// The union of the alerted actor ids stored on (`key`, `watch`) and `other` (NULL stays NULL
    /// only when both are).
    private static func mergedActors(_ db: Database, _ key: Data, _ watch: String, _ other: String?) throws -> String? {
        let current = try String.fetchOne(db, sql: "SELECT actor_ids FROM seen_article WHERE article_key = ? AND watch = ?",
                                          arguments: [key, watch])
        guard current != nil || other != nil else { return nil }
        let ids = (current ?? "").split(separator: " ").map(String.init) + (other ?? "").split(separator: " ").map(String.init)
        return StateStore.actorIDsText(ids)
    }
}
