import Foundation
import GRDB
import SeedwatchCore

/// What each story holds so far, kept in `story_summary` (migration `v12-story-summary`): one row
/// per story with members in the window, its member count, highest level (0 notice, 1 alert) and
/// the union of its members' actor ids (space-separated, sorted). Reading it costs one row, where
/// counting the members costs the story's size: a story of n near-copies (a template alert that
/// every item of a feed repeats) made n joins O(n²) (issue 11). It is updated in the transaction
/// that records a member, and made again from the members of each story that pruning shrinks.
extension StateStore {
    /// Migration `v12-story-summary`: the table, filled from the members recorded before.
    static func createStorySummaries(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE story_summary (
                story INTEGER PRIMARY KEY NOT NULL,
                size INTEGER NOT NULL,
                level INTEGER NOT NULL,
                actor_ids TEXT NOT NULL
            );
            """)
        for story in try Int64.fetchAll(db, sql: "SELECT DISTINCT story FROM story_member") {
            try summarizeStory(db, story: story)
        }
    }

    /// Adds one newly recorded member (`level` 0 or 1, its `actors`) to the summary of `story`, in
    /// the transaction of `db`.
    static func addToStorySummary(_ db: Database, story: Int64, level: Int, actors: Set<String>) throws {
        var size = 1, highest = level, union = actors
        if let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT size, level, actor_ids FROM story_summary WHERE story = ?"),
                                      arguments: [story]) {
            size += row["size"] as Int
            highest = max(highest, row["level"] as Int)
            union.formUnion(storyIDs(row["actor_ids"]))
        }
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO story_summary (story, size, level, actor_ids) VALUES (?, ?, ?, ?)")
            .execute(arguments: [story, size, highest, union.sorted().joined(separator: " ")])
    }

    /// Makes the summary of `story` again from its members (none left: no summary), in the
    /// transaction of `db`. Costs the story's size: for migrations and pruning only.
    static func summarizeStory(_ db: Database, story: Int64) throws {
        guard let row = try Row.fetchOne(db, sql: "SELECT COUNT(*) AS size, MAX(level) AS level FROM story_member WHERE story = ?",
                                         arguments: [story]), let size = row["size"] as Int?, size > 0 else {
            try db.execute(sql: "DELETE FROM story_summary WHERE story = ?", arguments: [story])
            return
        }
        var actors: Set<String> = []
        for text in try String.fetchAll(db, sql: "SELECT DISTINCT actor_ids FROM story_member WHERE story = ?", arguments: [story]) {
            actors.formUnion(storyIDs(text))
        }
        try db.execute(sql: "INSERT OR REPLACE INTO story_summary (story, size, level, actor_ids) VALUES (?, ?, ?, ?)",
                       arguments: [story, size, row["level"] as Int? ?? 0, actors.sorted().joined(separator: " ")])
    }

    /// What `story` holds so far (members still in the window), or `nil` when none is left.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func storySummary(story: String) throws -> StorySummary? {
        guard let id = Self.alertNumber(story) else { return nil }
        return try readAccess("read story") { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT size, level, actor_ids FROM story_summary WHERE story = ?"),
                                             arguments: [id]) else { return nil }
            return StorySummary(size: row["size"], actors: Self.storyIDs(row["actor_ids"]),
                                highest: (row["level"] as Int) == 1 ? .alert : .notice)
        }
    }
}
