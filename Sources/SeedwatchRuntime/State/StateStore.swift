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
/// Exactly-once alert delivery rests on ``commitDecision(articleKey:watch:contentHash:alertID:alertLine:version:alertedActorIDs:at:)``:
/// the "seen" mark and the pending alert commit together, so after any crash either both exist
/// (and start-up reconciliation delivers the alert once) or neither does (and the article is
/// decided again).
///
/// One file per table: ``StateStore`` holds the connection and typed-error access; the seen marks
/// (`+SeenArticles`), the outbox (`+Outbox` for the alert log, `+OutputDeliveries` for the other
/// sinks), processed files (`+ProcessedFiles`), feed HTTP state (`+FeedStates`), a feed's seen
/// items (`+FeedHistory`), article versions (`+ArticleVersions`), history and daemon status
/// (`+Operations`), retention (`+Retention`), batches (`+Batch`) and row counts (``StateCounts``).
package final class StateStore: Sendable {
    /// The database file.
    package let path: String
    private let pool: DatabasePool
    /// Device and inode of the database file once opened, to notice it being deleted or replaced.
    private let fileIdentity: (device: UInt64, inode: UInt64)?
    /// The outputs a new alert is queued for (see ``setOutputRoutes(_:)``).
    let routes = Mutex<[OutputRoute]>([])
    /// Story members decoded by story lookups (``StoryMemberCache``).
    let storyMembers = StoryMemberCache()
    /// Band-key holders and watch numbers of the story tables read by story lookups (``StoryBandBook``).
    let storyBands = StoryBandBook()

    /// SQLite statements started on this process's state connections (each `sqlite3_step` that
    /// starts one, SQLite's `SQLITE_TRACE_STMT`; trigger programs count too), counted only when the
    /// environment variable `SEEDWATCH_COUNT_STATEMENTS` is set: a measuring aid (issue 15,
    /// statements per article of a burst). Without it no trace callback is installed.
    package static let statementsStarted = Atomic<Int>(0)

    /// ``statementsStarted`` now.
    package static func statementCount() -> Int { statementsStarted.load(ordering: .relaxed) }

    /// Whether ``statementsStarted`` counts (`SEEDWATCH_COUNT_STATEMENTS` set at start-up).
    package static let countsStatements = ProcessInfo.processInfo.environment["SEEDWATCH_COUNT_STATEMENTS"] != nil

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
    package init(path: String, busyTimeout: TimeInterval = 10, readOnly: Bool = false) throws {
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
        if Self.countsStatements {
            configuration.prepareDatabase { db in
                db.trace(options: .statement) { _ in StateStore.statementsStarted.add(1, ordering: .relaxed) }
            }
        }
        if !readOnly {
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
                // Savepoint journals in memory: each decision of a group commit is a savepoint
                // (StateStore+Batch), and SQLite journals every page it changes that the group had
                // already changed. On disk that journal spills past 64 KiB to a temporary file: a
                // burst of 10,000 dropped files wrote 692 MB to it in 334,000 `pwrite`s (issue 15).
                // It holds one decision's pages at a time (emptied at each release), and is not
                // part of durability: the WAL is.
                try db.execute(sql: "PRAGMA temp_store = MEMORY")
            }
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            // GRDB sets synchronous=NORMAL on the writer when it enables WAL, after prepareDatabase.
            if !readOnly {
                try pool.writeWithoutTransaction { db in
                    try db.execute(sql: "PRAGMA synchronous = FULL")
                    // The writer's page cache: 16 MiB instead of SQLite's 2 MB, so that a group
                    // commit's inserts at random keys (seen marks, versions, outbox, band keys) find
                    // their index pages in memory instead of reading them again from the WAL, and a
                    // group's dirty pages are not spilled to the WAL before its commit (issue 15).
                    try db.execute(sql: "PRAGMA cache_size = -\(Self.writerCacheKiB)")
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
    package var fileWasReplaced: Bool {
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
    package func close() throws {
        do {
            try pool.close()
        } catch {
            throw StateStoreError.operationFailed(path: path, operation: "close", reason: Self.reason(error))
        }
    }

    /// The writer connection's `journal_mode` (expected `wal`) and `synchronous` level
    /// (0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA; expected 2).
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func durability() throws -> (journalMode: String, synchronous: Int) {
        try writeAccess("read durability settings", transaction: false) { db in
            let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? ""
            let level = try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1
            return (mode, level)
        }
    }

    /// The writer connection's page cache, in KiB (`PRAGMA cache_size` with a negative value).
    package static let writerCacheKiB = 16_384

    /// The writer connection's page cache in KiB (``writerCacheKiB``).
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func writerCacheSize() throws -> Int {
        try writeAccess("read cache_size", transaction: false) { db in
            -(try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? 0)
        }
    }

    /// Where the writer connection keeps temporary files and savepoint journals (`PRAGMA
    /// temp_store`: 0 default, 1 file, 2 memory; expected 2, see ``init(path:busyTimeout:readOnly:)``).
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func temporaryStorage() throws -> Int {
        try writeAccess("read temp_store", transaction: false) { db in
            try Int.fetchOne(db, sql: "PRAGMA temp_store") ?? -1
        }
    }

    /// The names of the migrations applied, oldest first.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func appliedMigrations() throws -> [String] {
        try readAccess("list migrations") { db in
            try StateSchema.migrator.appliedMigrations(db)
        }
    }

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

    /// Runs `body` on the writer: in its own transaction (`transaction`), or inside the open batch
    /// in a savepoint. `savepoint: false` is for a body of one statement: inside a batch it runs
    /// without a savepoint of its own (SQLite undoes a statement that fails, and it queues no
    /// alert), two statements less per dropped file (issue 15).
    func writeAccess<T>(_ operation: String, transaction: Bool = true, savepoint: Bool = true,
                        _ body: (Database) throws -> T) throws -> T {
        do {
            if let batch = currentBatch, !savepoint {
                return try body(batch.database)
            }
            if let batch = currentBatch {
                // Inside a batch (StateStore+Batch): a savepoint stands for the transaction. When it
                // rolls back, so do the pending alerts it queued for the batch's alert lines: a line
                // written for a decision that did not commit would be written again when the
                // decision is made again (DESIGN §7).
                //
                // The savepoint's statements are cached (GRDB's `inSavepoint` prepares its three
                // statements at each call, and a burst's files each take two savepoints: issue 15);
                // inside the batch's transaction GRDB checks each of them for an aborted transaction.
                let alertsBefore = batch.alerts.count
                let db = batch.database
                do {
                    try db.cachedStatement(sql: "SAVEPOINT decision").execute()
                    do {
                        let value = try body(db)
                        try db.cachedStatement(sql: "RELEASE SAVEPOINT decision").execute()
                        return value
                    } catch {
                        // Rolls back this decision alone. After SQLITE_FULL SQLite may have rolled the
                        // whole transaction back: no savepoint is left, and the batch's commit fails.
                        try? db.cachedStatement(sql: "ROLLBACK TRANSACTION TO SAVEPOINT decision").execute()
                        try? db.cachedStatement(sql: "RELEASE SAVEPOINT decision").execute()
                        forgetStoryState()
                        throw error
                    }
                } catch {
                    batch.alerts.removeSubrange(alertsBefore...)
                    throw error
                }
            }
            do {
                return transaction ? try pool.write(body) : try pool.writeWithoutTransaction(body)
            } catch {
                forgetStoryState()  // what the failed transaction recorded was rolled back
                throw error
            }
        } catch {
            throw StateStoreError.operationFailed(path: path, operation: operation, reason: Self.reason(error))
        }
    }

    /// Empties the story lookups' memory (``StoryMemberCache``, ``StoryBandBook``): called when rows
    /// it may hold were rolled back or deleted; it is filled again from the database.
    func forgetStoryState() {
        storyMembers.removeAll()
        storyBands.removeAll()
    }

    static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            // SQLite reports ENOSPC (and a full quota, or max_page_count) as SQLITE_FULL, in words
            // that do not say which file: say it is the state database.
            if error.resultCode == .SQLITE_FULL {
                return "state database full: no space left on its file system (SQLite \(error.resultCode.rawValue), SQLITE_FULL)"
            }
            return error.message.map { "\($0) (SQLite \(error.resultCode.rawValue))" } ?? error.description
        }
        return String(describing: error)
    }
}
