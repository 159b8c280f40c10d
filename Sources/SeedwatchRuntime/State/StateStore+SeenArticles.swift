import Foundation
import GRDB
import SeedwatchCore

/// The seen marks (table `seen_article`, DESIGN §7): which articles have been decided for which
/// watch, committed together with their pending alert.
extension StateStore {
    /// Whether `articleKey` has been decided for `watch`.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func isSeen(articleKey: String, watch: String) throws -> Bool {
        try readAccess("look up seen article") { db in
            // A cached statement: a feed document asks this for every item (issue 11).
            try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM seen_article WHERE article_key = ? AND watch = ?"),
                              arguments: [Self.keyBytes(articleKey), watch]) ?? false
        }
    }

    /// Records the decision for (`articleKey`, `watch`) in one transaction: the seen mark and, when
    /// `alertLine` is given, the alert in the outbox with state `pending` (DESIGN §7, step 1).
    ///
    /// - Parameters:
    ///   - articleKey: the article key (DESIGN §7).
    ///   - watch: the watch name.
    ///   - contentHash: hex SHA-256 of the article's content, to notice edits later.
    ///   - alertID: the alert id (``ArticleIdentity/alertID(watch:articleKey:modelVersion:)``); required with `alertLine`.
    ///   - alertLine: the complete alert line (ending in `"\n"`), or `nil` when the article stays below `notice`.
    ///   - version: the article's secondary keys (to recognise a later edit of it), recorded as an original version when
    ///     given (unless the key already has a version row); `nil` records none.
    ///   - alertedActorIDs: the actor ids of the alert line (`[]` without one), stored so that a
    ///     later version alerts only for actors not yet alerted on; `nil` stores none.
    ///   - storyMember: the alert's story member (issue 12), recorded with the alert; `nil` records none.
    ///   - at: the decision time.
    /// - Returns: `true` when the decision is new and, if a line was given, it is now pending delivery.
    ///   `false` when the pair was already seen — then nothing changes — or when the alert id is already
    ///   in the outbox (a pruned seen mark is restored; the alert is not queued again).
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``; nothing is committed then.
    package func commitDecision(articleKey: String, watch: String, contentHash: String, alertID: String?,
                               alertLine: [UInt8]?, version: ArticleVersion? = nil, alertedActorIDs: [String]? = nil,
                               storyMember: StoryMember? = nil, at: Date = Date()) throws -> Bool {
        precondition(alertLine == nil || alertID != nil, "an alert line needs its alert id")
        let now = at.timeIntervalSince1970
        let routes = outputRoutes
        return try writeAccess("commit decision") { db in
            try db.cachedStatement(sql: """
                INSERT INTO seen_article (article_key, watch, first_seen, last_seen, content_hash, alert_id, actor_ids)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (article_key, watch) DO NOTHING
                """).execute(arguments: [Self.keyBytes(articleKey), watch, now, now, contentHash, alertID,
                                 alertedActorIDs.map(Self.actorIDsText)])
            guard db.changesCount == 1 else { return false }
            if let version {
                try Self.insertVersion(db, key: Self.keyBytes(articleKey), originalKey: Self.keyBytes(articleKey),
                                       version: version, at: now)
            }
            guard let alertID, let alertLine else { return true }
            let queued = try Self.insertPendingAlert(db, alertID: alertID, watch: watch, key: Self.keyBytes(articleKey), line: alertLine,
                                                     routes: routes, at: now)
            if queued, let storyMember { try insertStoryMember(db, storyMember, at: now) }
            return queued
        }
    }

    /// Marks articles still present in their feed as seen at `at`, so retention counts from when an
    /// item leaves its feed (DESIGN §7). A later version of an article (its edit under a new key) keeps its original
    /// too, so the original's alert id and actors outlive the versions that link to it.
    /// Keys never decided are ignored.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func touchSeen(articleKeys: [String], at: Date = Date()) throws {
        guard !articleKeys.isEmpty else { return }
        try writeAccess("touch seen articles") { db in
            let statement = try db.cachedStatement(sql: "UPDATE seen_article SET last_seen = ? WHERE article_key = ?")
            let original = try db.cachedStatement(sql: """
                UPDATE seen_article SET last_seen = ?1 WHERE article_key =
                    (SELECT original_key FROM article_version WHERE article_key = ?2 AND original_key != ?2)
                """)
            for key in articleKeys {
                try statement.execute(arguments: [at.timeIntervalSince1970, Self.keyBytes(key)])
                try original.execute(arguments: [at.timeIntervalSince1970, Self.keyBytes(key)])
            }
        }
    }
}
