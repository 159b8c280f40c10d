import Foundation
import GRDB

/// Feed HTTP state (table `feed_state`): validators, schedule and failures per configured URL.
extension StateStore {
    /// The stored state of a feed, by its configured URL.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func feedState(url: String) throws -> FeedHTTPState? {
        try readAccess("read feed state") { db in
            // A cached statement: every poll reads its feed's state (issue 15).
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM feed_state WHERE url = ?"), arguments: [url]).map(Self.feedState(row:))
        }
    }

    /// All stored feed states, by URL.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func allFeedStates() throws -> [FeedHTTPState] {
        try readAccess("read feed states") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM feed_state ORDER BY url").map(Self.feedState(row:))
        }
    }

    /// The configured URLs of the feeds that a permanent redirect (301/308) moved to `url`: their
    /// stored `current_url` is `url` (compared as written). Their items were decided under their
    /// own URL's article keys.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func feedURLs(movedTo url: String) throws -> [String] {
        try readAccess("read feed states") { db in
            try String.fetchAll(db, sql: "SELECT url FROM feed_state WHERE current_url = ? AND url <> ? ORDER BY url",
                                arguments: [url, url])
        }
    }

    /// Inserts or replaces the state of `state.url`, without a WAL sync (a cache: see
    /// ``saveFeedStates(_:touches:)``, which the poller uses to write many at once).
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func saveFeedState(_ state: FeedHTTPState) throws {
        try saveFeedStates([state])
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
                      lastFullFetch: (row["last_full_fetch"] as Double?).map(Date.init(timeIntervalSince1970:)),
                      guidUnreliableSince: (row["guid_unreliable_since"] as Double?).map(Date.init(timeIntervalSince1970:)),
                      parseWarning: row["parse_warning"])
    }
}
