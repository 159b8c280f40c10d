import Foundation
import GRDB

/// The alert log's state in the outbox (table `outbox`, DESIGN §7): each alert's line, `pending`
/// until the log holds it, then `written`. The other sinks' rows are in `outbox_delivery`
/// (``StateStore/dueDeliveries(output:at:limit:)``).
extension StateStore {
    /// Alerts committed but not yet confirmed in the alert log, oldest first.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func pendingAlerts() throws -> [(id: String, line: [UInt8])] {
        try readAccess("list pending alerts") { db in
            try Row.fetchAll(db, sql: "SELECT alert_id, line FROM outbox WHERE state = 'pending' ORDER BY created_at, rowid")
                .map { row in (id: row["alert_id"] as String, line: [UInt8](row["line"] as Data)) }
        }
    }

    /// Marks an outbox alert `written` (DESIGN §7, step 3). Unknown ids are ignored.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func markWritten(alertID: String, at: Date = Date()) throws {
        try writeAccess("mark alert written") { db in
            try db.execute(sql: "UPDATE outbox SET state = 'written', written_at = ? WHERE alert_id = ? AND state = 'pending'",
                           arguments: [at.timeIntervalSince1970, alertID])
        }
    }

    /// The outbox state of an alert: `"pending"`, `"written"`, or `nil` when unknown.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func outboxState(alertID: String) throws -> String? {
        try readAccess("look up outbox alert") { db in
            try String.fetchOne(db, sql: "SELECT state FROM outbox WHERE alert_id = ?", arguments: [alertID])
        }
    }
}
