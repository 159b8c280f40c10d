import Foundation
import GRDB
import SeedwatchCore
import Synchronization

/// The outbox rows of the queued sinks, one per alert and sink (DESIGN §11 `outputs:`; migration
/// `v6-output-deliveries`); the alert log's row per alert is `outbox.state` (``StateStore/markWritten(alertID:at:)``).
extension StateStore {
    /// The outputs that alerts committed from now on are queued for; set at start-up from `outputs:`.
    package func setOutputRoutes(_ routes: [OutputRoute]) {
        self.routes.withLock { $0 = routes }
    }

    var outputRoutes: [OutputRoute] {
        routes.withLock { $0 }
    }

    /// Queues `line` for each route that accepts its level, in the caller's transaction.
    static func insertOutputDeliveries(_ db: Database, alertID: String, line: [UInt8], routes: [OutputRoute], at now: TimeInterval) throws {
        guard !routes.isEmpty else { return }
        let level = alertLevel(of: line)
        let isRepeat = routes.contains(where: \.skipsRepeats) && isStoryRepeat(line)
        for route in routes where (level.map({ $0 >= route.minimumLevel }) ?? true) && !(route.skipsRepeats && isRepeat) {
            try db.cachedStatement(sql: """
                INSERT INTO outbox_delivery (alert_id, output, state, attempts, started, next_attempt)
                VALUES (?, ?, 'pending', 0, ?, ?) ON CONFLICT (alert_id, output) DO NOTHING
                """).execute(arguments: [alertID, route.name, now, now])
        }
    }

    /// Whether an alert line is marked `"repeat": true` (issue 12).
    static func isStoryRepeat(_ line: [UInt8]) -> Bool {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else { return false }
        return object["repeat"] as? Bool == true
    }

    /// The `level` of an alert line; `nil` when it cannot be read (the alert then goes to every output).
    static func alertLevel(of line: [UInt8]) -> AlertLevel? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
              let text = object["level"] as? String else { return nil }
        return AlertLevel(rawValue: text)
    }

    /// Pending deliveries of `output` due at `now`, oldest first, at most `limit`.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func dueDeliveries(output: String, at now: Date = Date(), limit: Int = 100) throws -> [OutputDelivery] {
        try readAccess("list due deliveries") { db in
            try Row.fetchAll(db, sql: """
                SELECT d.alert_id, o.line, d.attempts, d.started FROM outbox_delivery d JOIN outbox o ON o.alert_id = d.alert_id
                WHERE d.output = ? AND d.state = 'pending' AND d.next_attempt <= ?
                ORDER BY d.next_attempt, d.started, d.alert_id LIMIT ?
                """, arguments: [output, now.timeIntervalSince1970, limit]).map { row in
                OutputDelivery(alertID: row["alert_id"], line: [UInt8](row["line"] as Data), attempts: row["attempts"],
                               started: Date(timeIntervalSince1970: row["started"]))
            }
        }
    }

    /// When the earliest pending delivery of `output` is due, or `nil` when none is pending.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func nextDeliveryDue(output: String) throws -> Date? {
        try readAccess("find next delivery") { db in
            try Double.fetchOne(db, sql: "SELECT MIN(next_attempt) FROM outbox_delivery WHERE output = ? AND state = 'pending'",
                                arguments: [output]).map(Date.init(timeIntervalSince1970:))
        }
    }

    /// Marks a delivery done.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func markDelivered(alertID: String, output: String, at: Date = Date()) throws {
        try writeAccess("mark delivery done") { db in
            try db.execute(sql: """
                UPDATE outbox_delivery SET state = 'delivered', delivered_at = ?1
                WHERE alert_id = ?2 AND output = ?3 AND state = 'pending'
                """, arguments: [at.timeIntervalSince1970, alertID, output])
        }
    }

    /// Records a failed attempt: the delivery stays pending until `nextAttempt`, or becomes a dead
    /// letter when `nextAttempt` is `nil`.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func recordFailedDelivery(alertID: String, output: String, error: String, nextAttempt: Date?, at: Date = Date()) throws {
        try writeAccess("record failed delivery") { db in
            try db.execute(sql: """
                UPDATE outbox_delivery SET attempts = attempts + 1, last_error_at = ?1, last_error = ?2,
                    state = CASE WHEN ?3 IS NULL THEN 'dead' ELSE 'pending' END, next_attempt = COALESCE(?3, next_attempt)
                WHERE alert_id = ?4 AND output = ?5 AND state = 'pending'
                """, arguments: [at.timeIntervalSince1970, error, nextAttempt?.timeIntervalSince1970, alertID, output])
        }
    }

    /// Makes every dead letter of `output` pending again, due now, with a fresh give-up clock
    /// (`seedwatch outputs retry NAME`).
    /// - Returns: how many deliveries were queued again.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    @discardableResult
    package func retryDeadLetters(output: String, at: Date = Date()) throws -> Int {
        try writeAccess("retry dead letters") { db in
            try db.execute(sql: """
                UPDATE outbox_delivery SET state = 'pending', attempts = 0, started = ?1, next_attempt = ?1
                WHERE output = ?2 AND state = 'dead'
                """, arguments: [at.timeIntervalSince1970, output])
            return db.changesCount
        }
    }

    /// The state of one delivery: `"pending"`, `"delivered"`, `"dead"`, or `nil` when there is no row.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func deliveryState(alertID: String, output: String) throws -> String? {
        try readAccess("look up delivery") { db in
            try String.fetchOne(db, sql: "SELECT state FROM outbox_delivery WHERE alert_id = ? AND output = ?",
                                arguments: [alertID, output])
        }
    }

    /// Counts per output name (only outputs with rows appear), and the alert log's counts under
    /// ``OutputConfiguration/alertLogName`` from the outbox's own state.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func outputDeliveryCounts(stuckBefore: Date? = nil) throws -> [String: OutputDeliveryCounts] {
        try readAccess("count deliveries") { db in
            var result: [String: OutputDeliveryCounts] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT output, state, COUNT(*) AS n FROM outbox_delivery GROUP BY output, state") {
                let n: Int = row["n"]
                let state: String = row["state"]
                var counts = result[row["output"], default: OutputDeliveryCounts()]
                switch state {
                case "pending": counts.pending = n
                case "delivered": counts.delivered = n
                default: counts.failed = n
                }
                result[row["output"]] = counts
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT output, last_error, MAX(last_error_at) AS at FROM outbox_delivery
                WHERE last_error IS NOT NULL GROUP BY output
                """) {
                result[row["output"]]?.lastError = row["last_error"]
                result[row["output"]]?.lastErrorAt = (row["at"] as Double?).map(Date.init(timeIntervalSince1970:))
            }
            if let stuckBefore {
                // Failed at least once (a digest waiting for its period has no error) and decided
                // before `stuckBefore`: the receiver has been unreachable or refusing for that long.
                for row in try Row.fetchAll(db, sql: """
                    SELECT output, COUNT(*) AS n FROM outbox_delivery
                    WHERE state = 'pending' AND last_error IS NOT NULL AND started < ? GROUP BY output
                    """, arguments: [stuckBefore.timeIntervalSince1970]) {
                    result[row["output"]]?.stuck = row["n"]
                }
            }
            var log = OutputDeliveryCounts()
            log.pending = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE state = 'pending'") ?? 0
            log.delivered = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE state = 'written'") ?? 0
            result[OutputConfiguration.alertLogName] = log
            return result
        }
    }
}
