import Foundation
import GRDB

/// Feed HTTP states and "still in the feed" marks written many at a time (issue 15 item 5).
extension StateStore {
    /// Articles to mark as seen by key range: every key starting with `articleKeyPrefix` that was
    /// seen (for any watch) at or after `seenSince` gets `last_seen` = `at` (see ``saveFeedStates(_:touches:rangeTouches:)``).
    package struct RangeTouch: Sendable, Hashable {
        package var articleKeyPrefix: String
        package var seenSince: Date
        package var at: Date

        package init(articleKeyPrefix: String, seenSince: Date, at: Date) {
            self.articleKeyPrefix = articleKeyPrefix
            self.seenSince = seenSince
            self.at = at
        }
    }

    /// Inserts or replaces each of `states` and marks each group of `touches` as seen at its time
    /// (as ``saveFeedState(_:)`` and ``touchSeen(articleKeys:at:)`` do one at a time), and each
    /// of `rangeTouches` as ``touchSeen(articleKeys:at:)`` would mark the keys that
    /// ``seenArticleKeys(articleKeyPrefix:seenSince:)`` lists (with the originals of their versions), in one
    /// transaction that skips the WAL sync: both are caches (losing the newest validators to a
    /// power cut costs a full fetch; a `last_seen` a poll old delays retention by one poll). The
    /// next decision's commit syncs the WAL, and these frames with it. A killed process loses
    /// nothing written here: the frames are in the WAL file.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``; nothing is written then.
    package func saveFeedStates(_ states: [FeedHTTPState], touches: [(keys: FeedArticleKeys, at: Date)] = [],
                                rangeTouches: [RangeTouch] = []) throws {
        guard !states.isEmpty || touches.contains(where: { $0.keys.count > 0 }) || !rangeTouches.isEmpty else { return }
        try writeAccess("save feed states", transaction: false) { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            defer { try? db.execute(sql: "PRAGMA synchronous = FULL") }
            try db.inTransaction(.immediate) {
                let save = try db.cachedStatement(sql: """
                    INSERT OR REPLACE INTO feed_state (url, current_url, etag, last_modified, next_poll,
                        consecutive_failures, last_error, last_status, last_fetch, disabled, last_success, last_full_fetch,
                        guid_unreliable_since, parse_warning)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                for state in states {
                    try save.execute(arguments: [state.url, state.currentURL, state.etag, state.lastModified,
                                                 state.nextPoll?.timeIntervalSince1970, state.consecutiveFailures, state.lastError,
                                                 state.lastStatus, state.lastFetch?.timeIntervalSince1970, state.disabled,
                                                 state.lastSuccess?.timeIntervalSince1970, state.lastFullFetch?.timeIntervalSince1970,
                                                 state.guidUnreliableSince?.timeIntervalSince1970, state.parseWarning])
                }
                let touch = try db.cachedStatement(sql: "UPDATE seen_article SET last_seen = ? WHERE article_key = ?")
                let touchOriginal = try db.cachedStatement(sql: """
                    UPDATE seen_article SET last_seen = ?1 WHERE article_key =
                        (SELECT original_key FROM article_version WHERE article_key = ?2 AND original_key != ?2)
                    """)
                for (keys, at) in touches {
                    try keys.forEachStoredKey { key in
                        try touch.execute(arguments: [at.timeIntervalSince1970, key])
                        try touchOriginal.execute(arguments: [at.timeIntervalSince1970, key])
                    }
                }
                if !rangeTouches.isEmpty {
                    // The originals first: both select the keys still at or after `since`. A mark
                    // never goes back (a key touch of the same batch may be newer).
                    let originals = try db.cachedStatement(sql: """
                        UPDATE seen_article SET last_seen = MAX(last_seen, ?1) WHERE article_key IN (
                            SELECT original_key FROM article_version WHERE original_key != article_key AND article_key IN (
                                SELECT article_key FROM seen_article WHERE article_key >= ?2 AND article_key < ?3 AND last_seen >= ?4))
                        """)
                    let range = try db.cachedStatement(sql: """
                        UPDATE seen_article SET last_seen = MAX(last_seen, ?1) WHERE article_key >= ?2 AND article_key < ?3 AND article_key IN (
                            SELECT article_key FROM seen_article WHERE article_key >= ?2 AND article_key < ?3 AND last_seen >= ?4)
                        """)
                    for marked in rangeTouches {
                        let (low, high) = Self.keyRange(marked.articleKeyPrefix)
                        let arguments: StatementArguments = [marked.at.timeIntervalSince1970, low, high, marked.seenSince.timeIntervalSince1970]
                        try originals.execute(arguments: arguments)
                        try range.execute(arguments: arguments)
                    }
                }
                return .commit
            }
        }
    }
}
