import Foundation
import GRDB
import SeedwatchCore

/// History (`seedwatch why`) and the daemon's backlog (`seedwatch status`), migration v4.
extension StateStore {
    // MARK: - History

    /// Events inserted by one statement of ``recordEvents(_:)`` at most (9 parameters each: 576,
    /// far below SQLite's 32,766).
    static let eventsPerInsert = 64

    /// Appends events in one transaction, in order. History is a record for people, not part of exactly-once:
    /// like the feed cache it skips the WAL sync (synchronous=NORMAL; the next decision syncs it).
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func recordEvents(_ events: [ArticleEvent]) throws {
        guard !events.isEmpty else { return }
        try writeAccess("record history", transaction: false) { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            defer { try? db.execute(sql: "PRAGMA synchronous = FULL") }
            try db.inTransaction {
                // Up to ``eventsPerInsert`` rows per statement, in order (a group commit of a burst
                // notes three events per file: issue 15).
                var start = events.startIndex
                while start < events.endIndex {
                    let chunk = events[start..<min(start + Self.eventsPerInsert, events.endIndex)]
                    let rows = Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?)", count: chunk.count).joined(separator: ", ")
                    var arguments: [(any DatabaseValueConvertible)?] = []
                    arguments.reserveCapacity(chunk.count * 9)
                    for e in chunk {
                        arguments += [Data(e.subject), e.at.timeIntervalSince1970, e.kind.rawValue, e.watch, e.level,
                                      e.score, e.alertID, e.articleKey.map(Self.keyBytes), e.detail]
                    }
                    try db.cachedStatement(sql: """
                        INSERT INTO article_event (subject, at, kind, watch, level, score, alert_id, article_key, detail) VALUES \(rows)
                        """).execute(arguments: StatementArguments(arguments))
                    start = chunk.endIndex
                }
                return .commit
            }
        }
    }

    /// The history of `subject` (path bytes or a feed item's link), oldest first.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func events(subject: [UInt8]) throws -> [ArticleEvent] {
        try readAccess("read history") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM article_event WHERE subject = ? ORDER BY at, rowid",
                             arguments: [Data(subject)]).map(Self.event(row:))
        }
    }

    /// The history of the feed item `reference` names by its canonical link or its GUID
    /// (``FeedItemReference``), when no history is filed under the text itself: the events of every
    /// subject that matches, oldest first. History filed under a dropped file's path never matches.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func events(feedItem reference: FeedItemReference) throws -> [ArticleEvent] {
        try readAccess("read history") { db in
            // Feed items are filed under a link or an article key; dropped files under an absolute path.
            let rows = try Row.fetchAll(db, sql: """
                SELECT DISTINCT subject, article_key FROM article_event
                WHERE substr(subject, 1, 1) != x'2f'
                """)
            var subjects: [Data] = []
            for row in rows {
                let subject: Data = row["subject"]
                guard !subjects.contains(subject) else { continue }
                let articleKey = (row["article_key"] as Data?).map { String(decoding: $0, as: UTF8.self) }
                if reference.matches(subject: String(decoding: subject, as: UTF8.self), articleKey: articleKey) {
                    subjects.append(subject)
                }
            }
            guard !subjects.isEmpty else { return [] }
            let marks = Array(repeating: "?", count: subjects.count).joined(separator: ", ")
            return try Row.fetchAll(db, sql: "SELECT * FROM article_event WHERE subject IN (\(marks)) ORDER BY at, rowid",
                                    arguments: StatementArguments(subjects)).map(Self.event(row:))
        }
    }

    /// The newest `decided` event, if any.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func lastDecision() throws -> ArticleEvent? {
        try readAccess("read last decision") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM article_event WHERE kind = 'decided' ORDER BY at DESC, rowid DESC LIMIT 1")
                .map(Self.event(row:))
        }
    }

    /// Forgets history older than `cutoff` (`state.retention`).
    /// - Returns: the number of events removed.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    @discardableResult
    package func pruneHistory(olderThan cutoff: Date) throws -> Int {
        try writeAccess("prune history") { db in
            try db.execute(sql: "DELETE FROM article_event WHERE at < ?", arguments: [cutoff.timeIntervalSince1970])
            return db.changesCount
        }
    }

    private static func event(row: Row) -> ArticleEvent {
        ArticleEvent(subject: [UInt8](row["subject"] as Data), at: Date(timeIntervalSince1970: row["at"]),
                     kind: ArticleEvent.Kind(rawValue: row["kind"]) ?? .seen, watch: row["watch"], level: row["level"],
                     score: row["score"], alertID: row["alert_id"],
                     articleKey: (row["article_key"] as Data?).map { String(decoding: $0, as: UTF8.self) }, detail: row["detail"])
    }

    // MARK: - Daemon status

    /// The running daemon's backlog as last saved.
    package struct DaemonBacklog: Sendable, Hashable {
        /// Ready files not yet taken.
        package var queued: Int
        /// Files waiting for a retry after a state or alert-log error.
        package var deferred: Int
        /// When the daemon saved it.
        package var updatedAt: Date
    }

    /// Saves the daemon's backlog (one row; no WAL sync, as ``recordEvents(_:)``).
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func saveBacklog(queued: Int, deferred: Int, at: Date = Date()) throws {
        try writeAccess("save backlog", transaction: false) { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            defer { try? db.execute(sql: "PRAGMA synchronous = FULL") }
            try db.execute(sql: "INSERT OR REPLACE INTO daemon_status (id, updated_at, queued, deferred) VALUES (1, ?, ?, ?)",
                           arguments: [at.timeIntervalSince1970, queued, deferred])
        }
    }

    /// The backlog the daemon last saved, or nil when no daemon ever ran on this database.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func backlog() throws -> DaemonBacklog? {
        try readAccess("read backlog") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM daemon_status WHERE id = 1").map {
                DaemonBacklog(queued: $0["queued"], deferred: $0["deferred"], updatedAt: Date(timeIntervalSince1970: $0["updated_at"]))
            }
        }
    }

    /// Alerts written to the log at or after `since`, by level (`alert`, `notice`), from the outbox.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func alertCounts(since: Date) throws -> [String: Int] {
        try readAccess("count alerts") { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT json_extract(CAST(line AS TEXT), '$.level') AS level, COUNT(*) AS n FROM outbox
                WHERE created_at >= ? GROUP BY level
                """, arguments: [since.timeIntervalSince1970]) {
                if let level = row["level"] as String? { counts[level] = row["n"] }
            }
            return counts
        }
    }
}
