import Foundation
import GRDB
import SeedwatchCore

/// Secondary keys of articles: versions of an article under different article keys, for edits of a
/// seen article (``ArticleUpdateMatch``).
extension StateStore {
    /// The original article key a version was linked to (its own key for an original), or `nil`
    /// when `articleKey` was never recorded with secondary keys.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func originalKey(ofVersion articleKey: String) throws -> String? {
        try readAccess("look up article version") { db in
            try Data.fetchOne(db.cachedStatement(sql: "SELECT original_key FROM article_version WHERE article_key = ?"),
                              arguments: [Self.keyBytes(articleKey)]).map { String(decoding: $0, as: UTF8.self) }
        }
    }

    /// The stored version of `articleKey`, or `nil`.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func articleVersion(articleKey: String) throws -> StoredArticleVersion? {
        try readAccess("read article version") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM article_version WHERE article_key = ?",
                             arguments: [Self.keyBytes(articleKey)]).map { row in
                StoredArticleVersion(originalKey: String(decoding: row["original_key"] as Data, as: UTF8.self),
                                     title: row["title"], link: row["link"],
                                     published: (row["published"] as Double?).map(Date.init(timeIntervalSince1970:)),
                                     descriptionHash: row["description_hash"], descriptionWords: row["description_words"])
            }
        }
    }

    /// The stored versions in `scope` that could be earlier versions of an article with this
    /// description hash or a published instant within ``ArticleUpdateMatch/correctionWindow`` of
    /// `published`, or — when `published` is `nil` — no published instant either (`everyVersion`:
    /// every version in the scope), oldest first.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func storedVersions(scope: [UInt8], published: Date?, descriptionHash: String?,
                               everyVersion: Bool = false) throws -> [ArticleUpdateMatch.StoredVersion] {
        try readAccess("find article versions") { db in
            let rows: [Row]
            if everyVersion {
                rows = try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM article_version WHERE scope = ? ORDER BY recorded_at, article_key"),
                                        arguments: [Data(scope)])
            } else {
                let instant = published?.timeIntervalSince1970
                let window = ArticleUpdateMatch.correctionWindow
                // A cached statement: every new article asks (VersionLookup, issue 15).
                rows = try Row.fetchAll(db.cachedStatement(sql: """
                    SELECT * FROM article_version WHERE scope = ?
                        AND (description_hash = ? OR published BETWEEN ? AND ? OR (?5 IS NULL AND published IS NULL))
                    ORDER BY recorded_at, article_key
                    """), arguments: [Data(scope), descriptionHash, instant.map { $0 - window }, instant.map { $0 + window }, instant])
            }
            return rows.map { row in
                ArticleUpdateMatch.StoredVersion(
                    articleKey: String(decoding: row["article_key"] as Data, as: UTF8.self),
                    originalKey: String(decoding: row["original_key"] as Data, as: UTF8.self),
                    title: row["title"], published: (row["published"] as Double?).map(Date.init(timeIntervalSince1970:)),
                    descriptionHash: row["description_hash"], link: row["link"], descriptionWords: row["description_words"])
            }
        }
    }

    /// The original article key of the earliest dropped file (any path) whose extracted text has
    /// `textHash` (``ArticleVersion/textHash(title:body:)``), other than `articleKey`; `nil` when none.
    /// Files recorded before text hashes were kept (migration `v15-article-version-text`) have none.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func fileOriginal(textHash: String, excluding articleKey: String) throws -> String? {
        try readAccess("find a file with the same text") { db in
            // The scope's `file:` prefix as a range of BLOBs (`file:` <= scope < `file;`).
            try Data.fetchOne(db.cachedStatement(sql: """
                SELECT original_key FROM article_version
                WHERE description_hash = ? AND scope >= ? AND scope < ? AND article_key <> ?
                ORDER BY recorded_at, article_key LIMIT 1
                """), arguments: [textHash, Data("file:".utf8), Data("file;".utf8), Self.keyBytes(articleKey)])
                .map { String(decoding: $0, as: UTF8.self) }
        }
    }

    /// The decision recorded for (`articleKey`, `watch`), or `nil` when it is not seen.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func seenDecision(articleKey: String, watch: String) throws -> SeenDecision? {
        try readAccess("read seen decision") { db in
            try Row.fetchOne(db, sql: "SELECT alert_id, actor_ids FROM seen_article WHERE article_key = ? AND watch = ?",
                             arguments: [Self.keyBytes(articleKey), watch]).map { row in
                SeenDecision(alertID: row["alert_id"], alertedActorIDs: (row["actor_ids"] as String?).map(Self.actorIDs(from:)))
            }
        }
    }

    /// Records the decision for a new version of an already seen article, in one transaction
    /// (DESIGN §7's exactly-once step 1, as ``commitDecision(articleKey:watch:contentHash:alertID:alertLine:version:alertedActorIDs:at:)``):
    /// - the seen mark of `articleKey` for `watch`, carrying the original's alert id (`originalAlertID`,
    ///   or `alertID` when the original had none);
    /// - the version row of `articleKey`, linked to `originalKey`;
    /// - the original's stored title and link replaced by the version's;
    /// - the original's alerted actor ids for `watch` set to `alertedActorIDs`, and its alert id set
    ///   to `alertID` when it had none;
    /// - when `alertLine` is given, the update's alert as `pending` in the outbox, and `storyMember` (issue 12) with it.
    /// - Returns: `true` when the decision is new (and its alert, if any, pending); `false` when
    ///   (`articleKey`, `watch`) was already seen (nothing changes) or the alert id is already in the outbox.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``; nothing is committed then.
    package func commitUpdateDecision(articleKey: String, originalKey: String, watch: String, contentHash: String,
                                     version: ArticleVersion, originalAlertID: String?, alertedActorIDs: [String],
                                     alertID: String?, alertLine: [UInt8]?, storyMember: StoryMember? = nil,
                                     at: Date = Date()) throws -> Bool {
        precondition(alertLine == nil || alertID != nil, "an alert line needs its alert id")
        let now = at.timeIntervalSince1970
        let key = Self.keyBytes(articleKey), original = Self.keyBytes(originalKey)
        let routes = outputRoutes
        return try writeAccess("commit update decision") { db in
            try db.execute(sql: """
                INSERT INTO seen_article (article_key, watch, first_seen, last_seen, content_hash, alert_id)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (article_key, watch) DO NOTHING
                """, arguments: [key, watch, now, now, contentHash, originalAlertID ?? alertID])
            guard db.changesCount == 1 else { return false }
            try Self.insertVersion(db, key: key, originalKey: original, version: version, at: now)
            try db.execute(sql: "UPDATE article_version SET title = ?, link = ? WHERE article_key = ?",
                           arguments: [version.title, version.link, original])
            try db.execute(sql: """
                UPDATE seen_article SET actor_ids = ?, alert_id = COALESCE(alert_id, ?), last_seen = MAX(last_seen, ?)
                WHERE article_key = ? AND watch = ?
                """, arguments: [Self.actorIDsText(alertedActorIDs), alertID, now, original, watch])
            guard let alertID, let alertLine else { return true }
            let queued = try Self.insertPendingAlert(db, alertID: alertID, watch: watch, key: key, line: alertLine, routes: routes, at: now)
            if queued, let storyMember { try insertStoryMember(db, storyMember, at: now) }
            return queued
        }
    }

    /// Adds a pending outbox row (DESIGN §7, step 1) in the caller's transaction (`now` in seconds
    /// since 1970, as every time column of the store); `false` when an alert with this id is
    /// already in the outbox. The outputs of `routes` that accept the alert's level get a pending
    /// delivery row in the same transaction.
    static func insertPendingAlert(_ db: Database, alertID: String, watch: String, key: Data, line: [UInt8],
                                   routes: [OutputRoute], at now: TimeInterval) throws -> Bool {
        try db.cachedStatement(sql: """
            INSERT INTO outbox (alert_id, watch, article_key, line, state, created_at)
            VALUES (?, ?, ?, ?, 'pending', ?)
            ON CONFLICT (alert_id) DO NOTHING
            """).execute(arguments: [alertID, watch, key, Data(line), now])
        guard db.changesCount == 1 else { return false }
        BatchContext.current?.alerts.append(BatchedAlert(id: alertID, line: line))
        try insertOutputDeliveries(db, alertID: alertID, line: line, routes: routes, at: now)
        return true
    }

    /// Inserts the version row of an article key unless it exists (a version keeps its first link).
    static func insertVersion(_ db: Database, key: Data, originalKey: Data, version: ArticleVersion, at now: Double) throws {
        try db.cachedStatement(sql: """
            INSERT INTO article_version (article_key, scope, original_key, title, link, published, description_hash, recorded_at,
                description_words)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (article_key) DO NOTHING
            """).execute(arguments: [key, Data(version.scope), originalKey, version.title, version.link,
                             version.published?.timeIntervalSince1970, version.descriptionHash, now, version.descriptionWords])
    }

    /// Sorted, distinct actor ids as stored: separated by one space.
    static func actorIDsText(_ ids: [String]) -> String {
        Set(ids).sorted().joined(separator: " ")
    }

    static func actorIDs(from text: String) -> [String] {
        text.split(separator: " ").map(String.init)
    }
}
