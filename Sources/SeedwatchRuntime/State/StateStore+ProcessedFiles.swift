import Foundation
import GRDB

/// Processed drop-folder files (table `processed_file`): a file seen before with the same identity
/// is not read again.
extension StateStore {
    /// The content hash recorded for a file with exactly this identity, or `nil` when the file is new
    /// or changed. Identity: device, inode, size (bytes) and modification time (nanoseconds since 1970).
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func processedFileHash(device: UInt64, inode: UInt64, size: Int64, mtimeNanoseconds: Int64) throws -> String? {
        try readAccess("look up processed file") { db in
            // Cached statements here and in recordProcessedFile: every dropped file runs both (issue 15).
            try String.fetchOne(db.cachedStatement(sql: """
                SELECT content_hash FROM processed_file
                WHERE device = ? AND inode = ? AND size = ? AND mtime_ns = ?
                """), arguments: [Int64(bitPattern: device), Int64(bitPattern: inode), size, mtimeNanoseconds])
        }
    }

    /// Records a processed file; a later file with the same device and inode replaces the record.
    /// - Parameter path: the path as raw bytes (need not be UTF-8).
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func recordProcessedFile(path filePath: [UInt8], device: UInt64, inode: UInt64, size: Int64,
                                    mtimeNanoseconds: Int64, contentHash: String, at: Date = Date()) throws {
        try writeAccess("record processed file", savepoint: false) { db in
            try db.cachedStatement(sql: """
                INSERT INTO processed_file (device, inode, path, size, mtime_ns, content_hash, processed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (device, inode) DO UPDATE SET path = excluded.path, size = excluded.size,
                    mtime_ns = excluded.mtime_ns, content_hash = excluded.content_hash,
                    processed_at = excluded.processed_at
                """).execute(arguments: [Int64(bitPattern: device), Int64(bitPattern: inode), Data(filePath), size,
                                 mtimeNanoseconds, contentHash, at.timeIntervalSince1970])
        }
    }

    /// Forgets processed-file records made before `cutoff`; such a file, if still present, is hashed
    /// again and then recognised by its article key.
    /// - Returns: the number of records removed.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    @discardableResult
    package func pruneProcessedFiles(olderThan cutoff: Date) throws -> Int {
        try writeAccess("prune processed files") { db in
            try db.execute(sql: "DELETE FROM processed_file WHERE processed_at < ?", arguments: [cutoff.timeIntervalSince1970])
            return db.changesCount
        }
    }

    /// The path bytes recorded for a device and inode, if any.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func processedFilePath(device: UInt64, inode: UInt64) throws -> [UInt8]? {
        try readAccess("look up processed file path") { db in
            try Data.fetchOne(db, sql: "SELECT path FROM processed_file WHERE device = ? AND inode = ?",
                              arguments: [Int64(bitPattern: device), Int64(bitPattern: inode)]).map { [UInt8]($0) }
        }
    }
}
