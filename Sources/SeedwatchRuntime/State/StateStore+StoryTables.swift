import Foundation
import GRDB
import SeedwatchCore

/// The story tables as each migration made them (``StateSchema``). Never edit a migration's
/// function: add a migration.
extension StateStore {
    /// The tables of migration `v7-story-members`.
    static func createStoryTables(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE story_member (
                member INTEGER PRIMARY KEY NOT NULL,
                watch TEXT NOT NULL,
                story INTEGER NOT NULL,
                time REAL NOT NULL,
                recorded_at REAL NOT NULL,
                level TEXT NOT NULL,
                actor_ids TEXT NOT NULL,
                topic_ids TEXT NOT NULL,
                link TEXT,
                title TEXT NOT NULL,
                word_count INTEGER NOT NULL,
                signature BLOB NOT NULL
            );
            CREATE INDEX story_member_time ON story_member(watch, time);
            CREATE INDEX story_member_link ON story_member(link) WHERE link IS NOT NULL;
            CREATE INDEX story_member_story ON story_member(story);
            CREATE INDEX story_member_recorded ON story_member(recorded_at);
            CREATE TABLE story_band (
                band INTEGER NOT NULL,
                member INTEGER NOT NULL,
                PRIMARY KEY (band, member)
            ) WITHOUT ROWID;
            """)
    }

    /// The columns of migration `v9-story-lead`.
    static func addStoryLeadColumns(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE story_member ADD COLUMN lead_word_count INTEGER;
            ALTER TABLE story_member ADD COLUMN lead_signature BLOB;
            """)
    }

    /// The column of migration `v10-story-undated`.
    static func addStoryUndatedColumn(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE story_member ADD COLUMN undated INTEGER NOT NULL DEFAULT 0")
    }

    /// Migration `v11-story-compact`: the story tables again, smaller (issue 12: under 1 KB per
    /// member at 300,000 articles a day). Each member gets a row number `id` (1–4 bytes) that its
    /// band keys refer to, instead of its 8-byte alert number; the watch is a number
    /// (`story_watch`); the link is kept as the 8-byte ``CanonicalLink/key(_:)`` of its canonical
    /// form; the level is 0 (notice) or 1 (alert); signatures keep 8 bits per minimum (128 bytes,
    /// ``MinHashSignature``); band keys are 32-bit (``LSHBands``). Members recorded before are
    /// copied: their signatures keep their low bytes, their band keys are made again.
    static func compactStoryTables(_ db: Database) throws {
        try db.execute(sql: """
            DROP INDEX story_member_time;
            DROP INDEX story_member_link;
            DROP INDEX story_member_story;
            DROP INDEX story_member_recorded;
            ALTER TABLE story_member RENAME TO story_member_v10;
            ALTER TABLE story_band RENAME TO story_band_v10;
            CREATE TABLE story_watch (
                id INTEGER PRIMARY KEY NOT NULL,
                name TEXT NOT NULL UNIQUE
            );
            CREATE TABLE story_member (
                id INTEGER PRIMARY KEY NOT NULL,
                alert INTEGER NOT NULL UNIQUE,
                watch INTEGER NOT NULL,
                story INTEGER NOT NULL,
                time REAL NOT NULL,
                recorded_at REAL NOT NULL,
                level INTEGER NOT NULL,
                undated INTEGER NOT NULL,
                actor_ids TEXT NOT NULL,
                topic_ids TEXT NOT NULL,
                link_key INTEGER,
                title TEXT NOT NULL,
                word_count INTEGER NOT NULL,
                signature BLOB NOT NULL,
                lead_word_count INTEGER,
                lead_signature BLOB
            );
            CREATE TABLE story_band (
                band INTEGER NOT NULL,
                member INTEGER NOT NULL,
                PRIMARY KEY (band, member)
            ) WITHOUT ROWID;
            """)
        let rows = try Row.fetchCursor(db, sql: "SELECT * FROM story_member_v10 ORDER BY recorded_at, member")
        while let row = try rows.next() {
            guard let signature = MinHashSignature(sixteenBitBytes: Array(row["signature"] as Data), wordCount: row["word_count"]),
                  let level = AlertLevel(rawValue: row["level"]) else { continue }
            var lead = MinHashSignature.empty
            if let bytes = row["lead_signature"] as Data?, let count = row["lead_word_count"] as Int?,
               let stored = MinHashSignature(sixteenBitBytes: Array(bytes), wordCount: count) {
                lead = stored
            }
            let fingerprint = StoryFingerprint(signature: signature, lead: lead,
                                               linkKey: (row["link"] as String?).map(CanonicalLink.key),
                                               title: row["title"], time: Date(timeIntervalSince1970: row["time"]),
                                               isDated: (row["undated"] as Int?) != 1,
                                               actors: storyIDs(row["actor_ids"]), topics: storyIDs(row["topic_ids"]))
            let member = StoryMember(alertID: alertID(row["member"]), watch: row["watch"], story: alertID(row["story"]),
                                     level: level, fingerprint: fingerprint)
            guard let watch = try insertStoryWatch(db, member.watch) else { continue }
            try insertStoryMemberRows(db, member, watch: watch, at: row["recorded_at"])
        }
        try db.execute(sql: """
            DROP TABLE story_band_v10;
            DROP TABLE story_member_v10;
            CREATE INDEX story_member_time ON story_member(watch, time);
            CREATE INDEX story_member_link ON story_member(link_key) WHERE link_key IS NOT NULL;
            CREATE INDEX story_member_story ON story_member(story);
            CREATE INDEX story_member_recorded ON story_member(recorded_at);
            """)
    }
}
