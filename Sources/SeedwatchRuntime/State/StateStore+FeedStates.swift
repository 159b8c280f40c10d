import Foundation
import GRDB

/// Feed HTTP state (table `feed_state`): validators, schedule and failures per configured URL.
extension StateStore {
    /// The stored state of a feed, by its configured URL.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func feedState(url: String) throws -> FeedHTTPState? {
        try readAccess("read feed state") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM feed_state WHERE url = ?", arguments: [url]).map(Self.feedState(row:))
        }
    }

    /// All stored feed states, by URL.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func allFeedStates() throws -> [FeedHTTPState] {
        try readAccess("read feed states") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM feed_state ORDER BY url").map(Self.feedState(row:))
        }
    }

    /// Inserts or replaces the state of `state.url`.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func saveFeedState(_ state: FeedHTTPState) throws {
        // A feed's HTTP state is a cache: losing the newest validators to a power cut only costs a
        // full fetch (items already decided stay decided). So this write skips the WAL sync that
        // decisions need (synchronous=NORMAL for this one statement); the next decision's commit
        // syncs the WAL, and with it this frame. Polling 1,000 unchanged feeds then costs no
        // 1,000 fsyncs.
        try writeAccess("save feed state", transaction: false) { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            defer { try? db.execute(sql: "PRAGMA synchronous = FULL") }
            try db.execute(sql: """
                INSERT OR REPLACE INTO feed_state (url, current_url, etag, last_modified, next_poll,
                    consecutive_failures, last_error, last_status, last_fetch, disabled, last_success, last_full_fetch)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [state.url, state.currentURL, state.etag, state.lastModified,
                                 state.nextPoll?.timeIntervalSince1970, state.consecutiveFailures, state.lastError,
                                 state.lastStatus, state.lastFetch?.timeIntervalSince1970, state.disabled,
                                 state.lastSuccess?.timeIntervalSince1970, state.lastFullFetch?.timeIntervalSince1970])
        }
    }

    private static func feedState(row: Row) -> FeedHTTPState {
        FeedHTTPState(url: row["url"], currentURL: row["current_url"], etag: row["etag"],
                      lastModified: row["last_modified"],
                      nextPoll: (row["next_poll"] as Double?).map(Date.init(timeIntervalSince1970:)),
                      consecutiveFailures: row["consecutive_failures"], lastError: row["last_error"],
                      lastStatus: row["last_status"],
                      lastFetch: (row["last_fetch"] as Double?).map(Date.init(timeIntervalSince1970:)),
                      lastSuccess: (row["last_success"] as Double?).map(Date.init(timeIntervalSince1970:)),
                      disabled: row["disabled"],
                      lastFullFetch: (row["last_full_fetch"] as Double?).map(Date.init(timeIntervalSince1970:)))
    }
}
