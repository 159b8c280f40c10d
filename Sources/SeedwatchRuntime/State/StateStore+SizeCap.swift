import GRDB

/// A cap on the state database's size, as a full disk would set one: tests of a full disk use it
/// to make SQLite answer `SQLITE_FULL` without filling a file system.
extension StateStore {
    /// Caps the database at its current number of pages (`PRAGMA max_page_count` on the writing
    /// connection; SQLite never lowers it below the current size): a write that needs one more page
    /// then fails with `SQLITE_FULL`, as on a full disk. `false` lifts the cap (SQLite's maximum).
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func capSizeAtCurrentPages(_ on: Bool) throws {
        try writeAccess("cap database size", transaction: false) { db in
            let pages = on ? try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0 : 4_294_967_294
            _ = try Int.fetchOne(db, sql: "PRAGMA max_page_count = \(pages)")
        }
    }
}
