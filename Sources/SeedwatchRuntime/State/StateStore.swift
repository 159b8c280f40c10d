import Foundation
import GRDB
import SeedwatchCore
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The daemon's SQLite state (DESIGN §7): seen articles, feed HTTP state, processed files and the
/// alert **outbox**.
///
/// The database runs in WAL mode with `PRAGMA synchronous=FULL`, so a committed transaction
/// survives a power cut, not only a process crash (SQLite "pragma synchronous"). Writes are
/// serialised by GRDB's `DatabasePool`; reads run concurrently. Times are stored as Unix seconds.
///
/// Exactly-once alert delivery rests on ``commitDecision(articleKey:watch:contentHash:alertID:alertLine:at:)``:
/// the "seen" mark and the pending alert commit together, so after any crash either both exist
/// (and start-up reconciliation delivers the alert once) or neither does (and the article is
/// decided again).
public final class StateStore: Sendable {
    /// The database file.
    public let path: String
    private let pool: DatabasePool
    /// Device and inode of the database file once opened, to notice it being deleted or replaced.
    private let fileIdentity: (device: UInt64, inode: UInt64)?
    /// The outputs a new alert is queued for (see ``setOutputRoutes(_:)``).
    let routes = Mutex<[OutputRoute]>([])

    /// Opens (creating it and its folder when missing) and migrates the state database.
    ///
    /// - Parameters:
    ///   - path: the SQLite file (`state.path`); `-wal` and `-shm` files live beside it.
    ///   - busyTimeout: how long, in seconds, a write waits for another process's lock before failing.
    ///   - readOnly: open an existing database for reading only (`seedwatch status`, `why`): nothing
    ///     is created or migrated, and a member of the daemon's group with read access to the
    ///     folder, the database and its `-wal`/`-shm` files can read while the daemon runs (SQLite
    ///     reads a WAL database read-only when those files exist, "WAL mode: read-only databases").
    /// - Throws: ``StateStoreError/cannotOpen(path:reason:)`` or ``StateStoreError/migrationFailed(path:reason:)``.
    public init(path: String, busyTimeout: TimeInterval = 10, readOnly: Bool = false) throws {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty && !readOnly {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o750])
            } catch {
                throw StateStoreError.cannotOpen(path: path, reason: "cannot create folder \(folder): \(error)")
            }
        }
        var configuration = Configuration()
        configuration.label = "seedwatch.state"
        configuration.busyMode = .timeout(busyTimeout)
        configuration.readonly = readOnly
        if !readOnly {
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            // GRDB sets synchronous=NORMAL on the writer when it enables WAL, after prepareDatabase.
            if !readOnly {
                try pool.writeWithoutTransaction { db in
                    try db.execute(sql: "PRAGMA synchronous = FULL")
                }
            }
        } catch {
            throw StateStoreError.cannotOpen(path: path, reason: Self.reason(error))
        }
        if readOnly {
            fileIdentity = Self.identity(of: path)
            return
        }
        do {
            try StateSchema.migrator.migrate(pool)
        } catch {
            throw StateStoreError.migrationFailed(path: path, reason: Self.reason(error))
        }
        fileIdentity = Self.identity(of: path)
    }

    /// Whether the database file was deleted, or another file put at ``path``, since it was opened.
    /// The store then keeps working on the old file, which nobody will see again: what is decided
    /// from now on is lost at the next restart. The daemon logs this as an error.
    public var fileWasReplaced: Bool {
        guard let fileIdentity else { return false }
        guard let now = Self.identity(of: path) else { return true }
        return now != fileIdentity
    }

    private static func identity(of path: String) -> (device: UInt64, inode: UInt64)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return (UInt64(info.st_dev), UInt64(info.st_ino))
    }

    /// Closes the database's connections (at shutdown). Later calls on this store throw.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)`` when a connection is still in use.
    public func close() throws {
        do {
            try pool.close()
        } catch {
            throw StateStoreError.operationFailed(path: path, operation: "close", reason: Self.reason(error))
        }
    }

    // MARK: - Durability settings

    /// The writer connection's `journal_mode` (expected `wal`) and `synchronous` level
    /// (0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA; expected 2).
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    public func durability() throws -> (journalMode: String, synchronous: Int) {
        try writeAccess("read durability settings", transaction: false) { db in
            let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? ""
            let level = try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1
            return (mode, level)
        }
    }

    /// The names of the migrations applied, oldest first.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    public func appliedMigrations() throws -> [String] {
        try readAccess("list migrations") { db in
            try StateSchema.migrator.appliedMigrations(db)
        }
    }

    // MARK: - Seen articles and the outbox

    /// Whether `articleKey` has been decided for `watch`.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    public func isSeen(articleKey: String, watch: String) throws -> Bool {
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
    ///   - version: the article's secondary keys (case 08), recorded as an original version when
    ///     given (unless the key already has a version row); `nil` records none.
    ///   - alertedActorIDs: the actor ids of the alert line (`[]` without one), stored so that a
    ///     later version alerts only for actors not yet alerted on; `nil` stores none.
    ///   - at: the decision time.
    /// - Returns: `true` when the decision is new and, if a line was given, it is now pending delivery.
    ///   `false` when the pair was already seen — then nothing changes — or when the alert id is already
    ///   in the outbox (a pruned seen mark is restored; the alert is not queued again).
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``; nothing is committed then.
    public func commitDecision(articleKey: String, watch: String, contentHash: String, alertID: String?,
                               alertLine: [UInt8]?, version: ArticleVersion? = nil, alertedActorIDs: [String]? = nil,
                               at: Date = Date()) throws -> Bool {
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
            return try Self.insertPendingAlert(db, alertID: alertID, watch: watch, key: Self.keyBytes(articleKey), line: alertLine,
                                               routes: routes, at: now)
        }
    }

    /// Marks articles still present in their feed as seen at `at`, so retention counts from when an
    /// item leaves its feed (DESIGN §7). A later version of an article (case 08) keeps its original
    /// too, so the original's alert id and actors outlive the versions that link to it.
    /// Keys never decided are ignored.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    public func touchSeen(articleKeys: [String], at: Date = Date()) throws {
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

    /// Alerts committed but not yet confirmed in the alert log, oldest first.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    public func pendingAlerts() throws -> [(id: String, line: [UInt8])] {
        try readAccess("list pending alerts") { db in
            try Row.fetchAll(db, sql: "SELECT alert_id, line FROM outbox WHERE state = 'pending' ORDER BY created_at, rowid")
                .map { row in (id: row["alert_id"] as String, line: [UInt8](row["line"] as Data)) }
        }
    }

    /// Marks an outbox alert `written` (DESIGN §7, step 3). Unknown ids are ignored.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    public func markWritten(alertID: String, at: Date = Date()) throws {
        try writeAccess("mark alert written") { db in
            try db.execute(sql: "UPDATE outbox SET state = 'written', written_at = ? WHERE alert_id = ? AND state = 'pending'",
                           arguments: [at.timeIntervalSince1970, alertID])
        }
    }

    /// The outbox state of an alert: `"pending"`, `"written"`, or `nil` when unknown.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    public func outboxState(alertID: String) throws -> String? {
        try readAccess("look up outbox alert") { db in
            try String.fetchOne(db, sql: "SELECT state FROM outbox WHERE alert_id = ?", arguments: [alertID])
        }
    }

    /// Forgets seen items of polled feeds whose `last_seen` is before `cutoff` (retention,
    /// `state.retention`: DESIGN §7 keeps them that long after they leave their feed), and written
    /// outbox rows older than `cutoff` that no output still has to deliver, and output deliveries
    /// delivered before `cutoff`. Pending alerts and dead letters are never pruned.
    ///
    /// Only keys of polled feed items (`feed:<url>␀…`) are pruned: dropped files (`file:…`) and items
    /// of feed files in the drop folder (`feed:file␀…`) are never touched by a poll, so their
    /// `last_seen` is their first decision; forgetting them would alert again on a copy or a
    /// rewrite of a file that is still in the drop folder months later. Version rows (case 08)
    /// whose article key has no seen mark left are removed too.
    /// - Returns: the number of seen marks removed.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    @discardableResult
    public func pruneSeen(olderThan cutoff: Date) throws -> Int {
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
            // An alert some output has not delivered yet (pending or a dead letter) keeps its line.
            try db.execute(sql: """
                DELETE FROM outbox WHERE state = 'written' AND written_at < ?
                    AND NOT EXISTS (SELECT 1 FROM outbox_delivery d WHERE d.alert_id = outbox.alert_id)
                """, arguments: [t])
            try db.execute(sql: "DELETE FROM article_event WHERE at < ?", arguments: [t])  // `seedwatch why` history
            return removed
        }
    }

    // MARK: - Processed files

    /// The content hash recorded for a file with exactly this identity, or `nil` when the file is new
    /// or changed. Identity: device, inode, size (bytes) and modification time (nanoseconds since 1970).
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    public func processedFileHash(device: UInt64, inode: UInt64, size: Int64, mtimeNanoseconds: Int64) throws -> String? {
        try readAccess("look up processed file") { db in
            try String.fetchOne(db, sql: """
                SELECT content_hash FROM processed_file
                WHERE device = ? AND inode = ? AND size = ? AND mtime_ns = ?
                """, arguments: [Int64(bitPattern: device), Int64(bitPattern: inode), size, mtimeNanoseconds])
        }
    }

    /// Records a processed file; a later file with the same device and inode replaces the record.
    /// - Parameter path: the path as raw bytes (need not be UTF-8).
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    public func recordProcessedFile(path filePath: [UInt8], device: UInt64, inode: UInt64, size: Int64,
                                    mtimeNanoseconds: Int64, contentHash: String, at: Date = Date()) throws {
        try writeAccess("record processed file") { db in
            try db.execute(sql: """
                INSERT INTO processed_file (device, inode, path, size, mtime_ns, content_hash, processed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (device, inode) DO UPDATE SET path = excluded.path, size = excluded.size,
                    mtime_ns = excluded.mtime_ns, content_hash = excluded.content_hash,
                    processed_at = excluded.processed_at
                """, arguments: [Int64(bitPattern: device), Int64(bitPattern: inode), Data(filePath), size,
                                 mtimeNanoseconds, contentHash, at.timeIntervalSince1970])
        }
    }

    /// Forgets processed-file records made before `cutoff`; such a file, if still present, is hashed
    /// again and then recognised by its article key.
    /// - Returns: the number of records removed.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    @discardableResult
    public func pruneProcessedFiles(olderThan cutoff: Date) throws -> Int {
        try writeAccess("prune processed files") { db in
            try db.execute(sql: "DELETE FROM processed_file WHERE processed_at < ?", arguments: [cutoff.timeIntervalSince1970])
            return db.changesCount
        }
    }

    /// The path bytes recorded for a device and inode, if any.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    public func processedFilePath(device: UInt64, inode: UInt64) throws -> [UInt8]? {
        try readAccess("look up processed file path") { db in
            try Data.fetchOne(db, sql: "SELECT path FROM processed_file WHERE device = ? AND inode = ?",
                              arguments: [Int64(bitPattern: device), Int64(bitPattern: inode)]).map { [UInt8]($0) }
        }
    }

    // MARK: - Feed HTTP state

    /// The stored state of a feed, by its configured URL.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    public func feedState(url: String) throws -> FeedHTTPState? {
        try readAccess("read feed state") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM feed_state WHERE url = ?", arguments: [url]).map(Self.feedState(row:))
        }
    }

    /// All stored feed states, by URL.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    public func allFeedStates() throws -> [FeedHTTPState] {
        try readAccess("read feed states") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM feed_state ORDER BY url").map(Self.feedState(row:))
        }
    }

    /// Inserts or replaces the state of `state.url`.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    public func saveFeedState(_ state: FeedHTTPState) throws {
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

    /// How many distinct articles whose key starts with `articleKeyPrefix` are remembered as seen
    /// (for a feed: `feed:` + its first configured URL + NUL; see ``ArticleIdentity/feedKey(feedURL:itemKey:)``).
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    public func seenArticleCount(articleKeyPrefix: String) throws -> Int {
        try readAccess("count seen articles") { db in
            let prefix = Self.keyBytes(articleKeyPrefix)
            return try Int.fetchOne(db, sql: """
                SELECT COUNT(DISTINCT article_key) FROM seen_article WHERE substr(article_key, 1, ?) = ?
                """, arguments: [prefix.count, prefix]) ?? 0
        }
    }

    /// The distinct article keys starting with `articleKeyPrefix` whose `last_seen` is at or after
    /// `since`, in key order: after a restart, the items of a feed's last document (they were all
    /// marked seen at the poll that read it, which is the feed's `lastSuccess`).
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    public func seenArticleKeys(articleKeyPrefix: String, seenSince since: Date) throws -> [String] {
        try readAccess("list seen articles") { db in
            let prefix = Self.keyBytes(articleKeyPrefix)
            return try Data.fetchAll(db, sql: """
                SELECT DISTINCT article_key FROM seen_article WHERE substr(article_key, 1, ?) = ? AND last_seen >= ?
                ORDER BY article_key
                """, arguments: [prefix.count, prefix, since.timeIntervalSince1970]).map { String(decoding: $0, as: UTF8.self) }
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

    // MARK: - Status

    /// Row counts for status reports.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    public func counts() throws -> StateCounts {
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

    // MARK: - Access with typed errors

    /// An article key as stored: its UTF-8 bytes as a BLOB, so the NUL inside feed keys survives.
    static func keyBytes(_ key: String) -> Data {
        Data(key.utf8)
    }

    func readAccess<T>(_ operation: String, _ body: (Database) throws -> T) throws -> T {
        do {
            if let batch = currentBatch { return try body(batch.database) }
            return try pool.read(body)
        } catch {
            throw StateStoreError.operationFailed(path: path, operation: operation, reason: Self.reason(error))
        }
    }

    func writeAccess<T>(_ operation: String, transaction: Bool = true, _ body: (Database) throws -> T) throws -> T {
        do {
            if let batch = currentBatch {
                // Inside a batch (StateStore+Batch): a savepoint stands for the transaction.
                var value: T?
                try batch.database.inSavepoint {
                    value = try body(batch.database)
                    return .commit
                }
                return value!
            }
            return transaction ? try pool.write(body) : try pool.writeWithoutTransaction(body)
        } catch {
            throw StateStoreError.operationFailed(path: path, operation: operation, reason: Self.reason(error))
        }
    }

    static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return error.message.map { "\($0) (SQLite \(error.resultCode.rawValue))" } ?? error.description
        }
        return String(describing: error)
    }
}
