import Foundation
import GRDB
import SeedwatchCore

/// One e-mail digest (`output_digest`, migration `v8-output-digests`) with the alert lines tied to it.
package struct OutputDigest: Sendable, Hashable {
    package var id: Int64
    package var output: String
    /// The period the message shows.
    package var periodStart: Date
    package var periodEnd: Date
    /// The alert lines of its pending rows, each ending in `"\n"`, in decision order.
    package var lines: [[UInt8]]
    /// Failed attempts so far (the most of its rows).
    package var attempts: Int
    /// When its give-up clock started: when the digest was made (or its dead letters retried).
    package var started: Date
}

/// E-mail digests (issue 14): an output with `digest: hourly|daily` keeps its alerts as pending rows
/// of `outbox_delivery` until a period ends; then ``closeDigest(output:periodEnd:periodStart:at:)``
/// ties them to one `output_digest` row in one transaction, and the digest's delivery state is that
/// of its rows (sent, retried and made dead letters together).
extension StateStore {
    /// Makes the digest of `output` for the period ending at `periodEnd`, when none was made for it
    /// (or a later one) and some pending alert queued before `periodEnd` is in no digest yet. In one
    /// transaction, so a crash leaves either no digest or a digest with all its alerts.
    /// - Parameters:
    ///   - periodStart: the period's start for the earliest queued alert (the boundary at or before
    ///     its queue time); the digest shows the earlier of that and `nominalStart`.
    ///   - at: now; the rows' give-up clock restarts here.
    /// - Returns: the new digest's id, or `nil` when there is nothing to make.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    @discardableResult
    package func closeDigest(output: String, periodEnd: Date, nominalStart: Date, periodStart: (Date) -> Date,
                            at now: Date = Date()) throws -> Int64? {
        let end = periodEnd.timeIntervalSince1970
        return try writeAccess("make digest") { db -> Int64? in
            let later = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM output_digest WHERE output = ? AND period_end >= ?)",
                                          arguments: [output, end]) ?? false
            if later { return nil }
            guard let earliest = try Double.fetchOne(db, sql: """
                SELECT MIN(started) FROM outbox_delivery WHERE output = ? AND state = 'pending' AND digest IS NULL AND started < ?
                """, arguments: [output, end]) else { return nil }
            let start = min(nominalStart, periodStart(Date(timeIntervalSince1970: earliest)))
            try db.execute(sql: "INSERT INTO output_digest (output, period_start, period_end, created) VALUES (?, ?, ?, ?)",
                           arguments: [output, start.timeIntervalSince1970, end, now.timeIntervalSince1970])
            let id = db.lastInsertedRowID
            try db.execute(sql: """
                UPDATE outbox_delivery SET digest = ?1, started = ?2, next_attempt = ?2
                WHERE output = ?3 AND state = 'pending' AND digest IS NULL AND started < ?4
                """, arguments: [id, now.timeIntervalSince1970, output, end])
            return id
        }
    }

    /// The digests of `output` with pending rows due at `now`, oldest period first.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func dueDigests(output: String, at now: Date = Date()) throws -> [OutputDigest] {
        try readAccess("list due digests") { db in
            let heads = try Row.fetchAll(db, sql: """
                SELECT g.id, g.period_start, g.period_end, MAX(d.attempts) AS attempts, MIN(d.started) AS started
                FROM output_digest g JOIN outbox_delivery d ON d.digest = g.id AND d.output = g.output
                WHERE g.output = ? AND d.state = 'pending'
                GROUP BY g.id HAVING MIN(d.next_attempt) <= ? ORDER BY g.period_end
                """, arguments: [output, now.timeIntervalSince1970])
            return try heads.map { row in
                let id: Int64 = row["id"]
                let lines = try Data.fetchAll(db, sql: """
                    SELECT o.line FROM outbox_delivery d JOIN outbox o ON o.alert_id = d.alert_id
                    WHERE d.digest = ? AND d.output = ? AND d.state = 'pending' ORDER BY o.created_at, o.rowid
                    """, arguments: [id, output]).map { [UInt8]($0) }
                return OutputDigest(id: id, output: output, periodStart: Date(timeIntervalSince1970: row["period_start"]),
                                    periodEnd: Date(timeIntervalSince1970: row["period_end"]), lines: lines,
                                    attempts: row["attempts"], started: Date(timeIntervalSince1970: row["started"]))
            }
        }
    }

    /// Marks every pending row of a digest delivered.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func markDigestDelivered(_ digest: Int64, output: String, at: Date = Date()) throws {
        try writeAccess("mark digest sent") { db in
            try db.execute(sql: """
                UPDATE outbox_delivery SET state = 'delivered', delivered_at = ?1
                WHERE digest = ?2 AND output = ?3 AND state = 'pending'
                """, arguments: [at.timeIntervalSince1970, digest, output])
        }
    }

    /// Records a failed attempt on every pending row of a digest: pending until `nextAttempt`, or
    /// dead letters when `nextAttempt` is `nil`.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func recordFailedDigest(_ digest: Int64, output: String, error: String, nextAttempt: Date?, at: Date = Date()) throws {
        try writeAccess("record failed digest") { db in
            try db.execute(sql: """
                UPDATE outbox_delivery SET attempts = attempts + 1, last_error_at = ?1, last_error = ?2,
                    state = CASE WHEN ?3 IS NULL THEN 'dead' ELSE 'pending' END, next_attempt = COALESCE(?3, next_attempt)
                WHERE digest = ?4 AND output = ?5 AND state = 'pending'
                """, arguments: [at.timeIntervalSince1970, error, nextAttempt?.timeIntervalSince1970, digest, output])
        }
    }

    /// When the earliest made digest of `output` is due again, or `nil` when none waits.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func nextDigestDue(output: String) throws -> Date? {
        try readAccess("find next digest") { db in
            try Double.fetchOne(db, sql: """
                SELECT MIN(next_attempt) FROM outbox_delivery WHERE output = ? AND state = 'pending' AND digest IS NOT NULL
                """, arguments: [output]).map(Date.init(timeIntervalSince1970:))
        }
    }
}
