import Foundation
import GRDB
import SeedwatchCore

/// The seen mark of an article read again: a feed item that keeps its article key (its GUID) but
/// changes its title or text (table `seen_article`, column `content_hash`).
extension StateStore {
    /// The seen mark of one article and watch, as the decide path reads it.
    package struct SeenMark: Sendable, Hashable {
        /// The ``IncomingArticle/contentHash`` the mark was decided on: for a feed item its
        /// ``FeedItem/sourceHash`` (`src1:…`), or, in a mark from an earlier release, the hex SHA-256
        /// of the extracted title, a newline and the body.
        package var contentHash: String
        /// The alert id recorded with the mark: the article's (or, for an edit under a new key, its
        /// original's) alert; `nil` when it never reached `notice`.
        package var alertID: String?

        package init(contentHash: String, alertID: String?) {
            self.contentHash = contentHash
            self.alertID = alertID
        }
    }

    /// The seen mark of (`articleKey`, `watch`), `nil` when the article is not decided for the watch.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func seenMark(articleKey: String, watch: String) throws -> SeenMark? {
        try readAccess("look up seen article") { db in
            // A cached statement: a feed document asks this for every item (issue 11); the
            // primary key's b-tree holds the columns (WITHOUT ROWID), so it reads no more than `isSeen`.
            try Row.fetchOne(db.cachedStatement(sql: "SELECT content_hash, alert_id FROM seen_article WHERE article_key = ? AND watch = ?"),
                             arguments: [Self.keyBytes(articleKey), watch]).map { row in
                SeenMark(contentHash: row["content_hash"], alertID: row["alert_id"])
            }
        }
    }

    /// Records, in one transaction (DESIGN §7's exactly-once step 1), that a seen article was read
    /// again because its content changed under the same key: its mark takes `contentHash`, and when
    /// `alertLine` is given and the article never alerted for `watch`, the alert is committed as
    /// pending with the mark's alert id (never a second alert for one article and watch).
    /// - Parameters:
    ///   - previousHash: the content hash read with the mark; the update applies only while the mark
    ///     still holds it.
    ///   - alertedActorIDs: the actor ids of the alert line, stored with it (`nil` keeps the stored ones).
    ///   - storyMember: the alert's story member (issue 12), recorded with the alert.
    /// - Returns: `true` when the mark was updated (and the alert, if any, is now pending);
    ///   `false` when the mark changed meanwhile, or already carries an alert id while an alert was given.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``; nothing is committed then.
    package func commitContentChange(articleKey: String, watch: String, previousHash: String, contentHash: String,
                                     alertID: String?, alertLine: [UInt8]?, alertedActorIDs: [String]? = nil,
                                     storyMember: StoryMember? = nil, at: Date = Date()) throws -> Bool {
        precondition(alertLine == nil || alertID != nil, "an alert line needs its alert id")
        let now = at.timeIntervalSince1970
        let routes = outputRoutes
        return try writeAccess("commit content change") { db in
            let key = Self.keyBytes(articleKey)
            if let alertID, let alertLine {
                try db.cachedStatement(sql: """
                    UPDATE seen_article SET content_hash = ?, alert_id = ?, actor_ids = COALESCE(?, actor_ids)
                    WHERE article_key = ? AND watch = ? AND content_hash = ? AND alert_id IS NULL
                    """).execute(arguments: [contentHash, alertID, alertedActorIDs.map(Self.actorIDsText), key, watch, previousHash])
                guard db.changesCount == 1 else { return false }
                let queued = try Self.insertPendingAlert(db, alertID: alertID, watch: watch, key: key, line: alertLine,
                                                         routes: routes, at: now)
                if queued, let storyMember { try insertStoryMember(db, storyMember, at: now) }
                return queued
            }
            try db.cachedStatement(sql: """
                UPDATE seen_article SET content_hash = ? WHERE article_key = ? AND watch = ? AND content_hash = ?
                """).execute(arguments: [contentHash, key, watch, previousHash])
            return db.changesCount == 1
        }
    }
}
