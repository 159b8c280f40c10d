import Foundation
import GRDB
import SeedwatchCore

/// What each story holds so far, kept in `story_summary` (migration `v12-story-summary`): one row
/// per story with members in the window, its member count, highest level (0 notice, 1 alert) and
/// the union of its members' actor ids (space-separated, sorted). Reading it costs one row, where
/// counting the members costs the story's size: a story of n near-copies (a template alert that
/// every item of a feed repeats) made n joins O(n²) (issue 11). It is updated in the transaction
/// that records a member, and made again from the members of each story that pruning shrinks.
/// Migration `v13-story-span` adds the published instants of its earliest and latest dated member
/// (`earliest`, `latest`, Unix seconds; NULL when none is dated), which the same-event rule keeps
/// within 48 h (``StoryRule/keepsEventSpan(_:adding:)``).
extension StateStore {
    /// Migration `v12-story-summary`: the table (filled by `v13-story-span`, ``addStorySpans(_:)``).
    static func createStorySummaries(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE story_summary (
                story INTEGER PRIMARY KEY NOT NULL,
                size INTEGER NOT NULL,
                level INTEGER NOT NULL,
                actor_ids TEXT NOT NULL
            );
            """)
    }

    /// Migration `v13-story-span`: the columns `earliest` and `latest`, and every story's summary
    /// made from the members recorded before.
    static func addStorySpans(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE story_summary ADD COLUMN earliest REAL; ALTER TABLE story_summary ADD COLUMN latest REAL;")
        for story in try Int64.fetchAll(db, sql: "SELECT DISTINCT story FROM story_member") {
            try summarizeStory(db, story: story)
        }
    }

    /// Adds one newly recorded member (`level` 0 or 1, its `actors`, its published instant `time`
    /// in Unix seconds when dated) to the summary of `story`, in the transaction of `db`.
    static func addToStorySummary(_ db: Database, story: Int64, level: Int, actors: Set<String>, time: Double?) throws {
        var size = 1, highest = level, union = actors
        var earliest = time, latest = time
        if let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT size, level, actor_ids, earliest, latest FROM story_summary WHERE story = ?"),
                                      arguments: [story]) {
            size += row["size"] as Int
            highest = max(highest, row["level"] as Int)
            union.formUnion(storyIDs(row["actor_ids"]))
            if let e = row["earliest"] as Double?, let l = row["latest"] as Double? {
                earliest = min(e, time ?? e)
                latest = max(l, time ?? l)
            }
        }
        try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO story_summary (story, size, level, actor_ids, earliest, latest) VALUES (?, ?, ?, ?, ?, ?)
            """).execute(arguments: [story, size, highest, union.sorted().joined(separator: " "), earliest, latest])
    }

    /// Makes the summary of `story` again from its members (none left: no summary), in the
    /// transaction of `db`. Costs the story's size: for migrations and pruning only.
    static func summarizeStory(_ db: Database, story: Int64) throws {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT COUNT(*) AS size, MAX(level) AS level, MIN(CASE undated WHEN 0 THEN time END) AS earliest,
                   MAX(CASE undated WHEN 0 THEN time END) AS latest FROM story_member WHERE story = ?
            """, arguments: [story]), let size = row["size"] as Int?, size > 0 else {
            try db.execute(sql: "DELETE FROM story_summary WHERE story = ?", arguments: [story])
            return
        }
        var actors: Set<String> = []
        for text in try String.fetchAll(db, sql: "SELECT DISTINCT actor_ids FROM story_member WHERE story = ?", arguments: [story]) {
            actors.formUnion(storyIDs(text))
        }
        try db.execute(sql: "INSERT OR REPLACE INTO story_summary (story, size, level, actor_ids, earliest, latest) VALUES (?, ?, ?, ?, ?, ?)",
                       arguments: [story, size, row["level"] as Int? ?? 0, actors.sorted().joined(separator: " "),
                                   row["earliest"] as Double?, row["latest"] as Double?])
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

    /// The published instants of the earliest and latest dated member of `story` in the window,
    /// or `nil` when none is dated (or none is left).
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func storySpan(story: String) throws -> ClosedRange<Date>? {
        guard let id = Self.alertNumber(story) else { return nil }
        return try readAccess("read story span") { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT earliest, latest FROM story_summary WHERE story = ?"),
                                             arguments: [id]),
                  let earliest = row["earliest"] as Double?, let latest = row["latest"] as Double?, earliest <= latest else { return nil }
            return Date(timeIntervalSince1970: earliest)...Date(timeIntervalSince1970: latest)
        }
    }
}
