import GRDB

/// Row counts of the state database, for `STATUS=` and logs.
package struct StateCounts: Sendable, Hashable {
    /// (article, watch) pairs remembered as seen.
    package var seenArticles: Int
    /// Outbox alerts committed but not yet confirmed in the alert log.
    package var pendingAlerts: Int
    /// Outbox alerts written to the alert log.
    package var writtenAlerts: Int
    /// Feeds with stored HTTP state.
    package var feeds: Int
    /// Dropped files recorded as processed.
    package var processedFiles: Int

    package init(seenArticles: Int, pendingAlerts: Int, writtenAlerts: Int, feeds: Int, processedFiles: Int) {
        self.seenArticles = seenArticles
        self.pendingAlerts = pendingAlerts
        self.writtenAlerts = writtenAlerts
        self.feeds = feeds
        self.processedFiles = processedFiles
    }
}

extension StateStore {
    /// Row counts for status reports.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func counts() throws -> StateCounts {
        try readAccess("count rows") { db in
            func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql) ?? 0 }
            return StateCounts(
                seenArticles: try count("SELECT COUNT(*) FROM seen_article"),
                pendingAlerts: try count("SELECT COUNT(*) FROM outbox WHERE state = 'pending'"),
                writtenAlerts: try count("SELECT COUNT(*) FROM outbox WHERE state = 'written'"),
                feeds: try count("SELECT COUNT(*) FROM feed_state"),
                processedFiles: try count("SELECT COUNT(*) FROM processed_file"))
        }
    }
}
