/// A failure of the state database; every case names the database file so the operator knows which.
package enum StateStoreError: Error, CustomStringConvertible, Sendable {
    /// The database could not be opened or created (missing folder, permissions, not a database).
    case cannotOpen(path: String, reason: String)
    /// Bringing the schema up to date failed; the database is left as it was.
    case migrationFailed(path: String, reason: String)
    /// A query failed; `operation` says what the store was doing.
    case operationFailed(path: String, operation: String, reason: String)

    package var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            return "cannot open state database \(path): \(reason) (check state.path, its folder and permissions)"
        case .migrationFailed(let path, let reason):
            return "cannot migrate state database \(path): \(reason)"
        case .operationFailed(let path, let operation, let reason):
            return "state database \(path): \(operation) failed: \(reason)"
        }
    }

    /// What went wrong, without the database's path, for a deferral's history line:
    /// `state database full: no space left on its file system (SQLite 13, SQLITE_FULL)`.
    package var cause: String {
        switch self {
        case .cannotOpen(_, let reason): return "cannot open the state database: \(reason)"
        case .migrationFailed(_, let reason): return "cannot migrate the state database: \(reason)"
        case .operationFailed(_, _, let reason): return reason
        }
    }
}
