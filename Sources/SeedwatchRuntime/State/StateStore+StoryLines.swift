import Foundation
import GRDB
import SeedwatchCore

/// The alert lines of a story, for the single-alert e-mail's story lines (issue 14: stories in
/// message bodies). Lines come from the outbox, so a story's members whose lines were pruned
/// (`state.retention`) or that left the `stories.window` are not among them.
extension StateStore {
    /// The lines of `story`'s members committed up to and including `alertID`'s, in the order
    /// they were committed (the outbox's), at most the first `limit`.
    /// - Returns: `[]` when the story or the alert is unknown.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func storyLines(story: String, upTo alertID: String, limit: Int = 200) throws -> [[UInt8]] {
        guard let storyNumber = Self.alertNumber(story) else { return [] }
        return try readAccess("read story lines") { db in
            guard let until = try Int64.fetchOne(db, sql: "SELECT rowid FROM outbox WHERE alert_id = ?", arguments: [alertID]) else { return [] }
            var rows: [(order: Int64, line: [UInt8])] = []
            for member in try Int64.fetchAll(db, sql: "SELECT alert FROM story_member WHERE story = ?", arguments: [storyNumber]) {
                if let row = try Row.fetchOne(db, sql: "SELECT rowid, line FROM outbox WHERE alert_id = ? AND rowid <= ?",
                                              arguments: [Self.alertID(member), until]) {
                    rows.append((row[0], [UInt8](row[1] as Data)))
                }
            }
            return rows.sorted { $0.order < $1.order }.prefix(limit).map(\.line)
        }
    }
}
