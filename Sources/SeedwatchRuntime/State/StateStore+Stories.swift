import Foundation
import GRDB
import SeedwatchCore

/// Stories (issue 12): the alerted articles of the `stories.window`, their MinHash signatures and
/// LSH band keys, so that a new alert can join the story of an earlier one.
extension StateStore {
    /// The tables of migration `v7-story-members` (``StateSchema``). Never edit: add a migration.
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

    /// The columns of migration `v9-story-lead` (``StateSchema``). Never edit: add a migration.
    static func addStoryLeadColumns(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE story_member ADD COLUMN lead_word_count INTEGER;
            ALTER TABLE story_member ADD COLUMN lead_signature BLOB;
            """)
    }

    /// The column of migration `v10-story-undated` (``StateSchema``). Never edit: add a migration.
    static func addStoryUndatedColumn(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE story_member ADD COLUMN undated INTEGER NOT NULL DEFAULT 0")
    }

    /// The members of `watch`'s stories that a new alert with `fingerprint` could join: those
    /// sharing an LSH band key (``LSHBands/keys(_:)``) or the canonical link (all of them), and
    /// those whose time is within `eventWindow` seconds of the fingerprint's: the `limit`/2 latest
    /// at or before it and the `limit`/2 earliest after it. A watch with more alerts than that
    /// within 48 h reaches older reports of an event only through the bands (near-duplicates).
    /// At most `bandLimit` members are taken from the bands (a burst of copies of one article all
    /// share its bands; any of them leads to the story). Each member is returned once, earliest first.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func storyCandidates(watch: String, fingerprint: StoryFingerprint, eventWindow: TimeInterval,
                                limit: Int, bandLimit: Int) throws -> [StoryMember] {
        let bands = LSHBands.keys(fingerprint.signature)
        let instant = fingerprint.time.timeIntervalSince1970
        return try readAccess("find story candidates") { db in
            var members: [Int64: StoryMember] = [:]
            func collect(_ rows: [Row]) {
                for row in rows {
                    let id: Int64 = row["member"]
                    if members[id] == nil, let member = Self.storyMember(row) { members[id] = member }
                }
            }
            if !bands.isEmpty {
                let marks = Array(repeating: "?", count: bands.count).joined(separator: ",")
                collect(try Row.fetchAll(db, sql: """
                    SELECT m.* FROM story_member m WHERE +m.watch = ? AND m.member IN
                        (SELECT DISTINCT member FROM story_band WHERE band IN (\(marks)) LIMIT ?)
                    """, arguments: StatementArguments([watch] + bands.map { $0 as (any DatabaseValueConvertible) } + [bandLimit])))
            }
            if let link = fingerprint.link {
                collect(try Row.fetchAll(db, sql: "SELECT * FROM story_member WHERE link = ? AND +watch = ?", arguments: [link, watch]))
            }
            // Two walks of the (watch, time) index outward from the instant: no sort, at most `limit` rows.
            collect(try Row.fetchAll(db, sql: """
                SELECT * FROM story_member WHERE watch = ? AND time BETWEEN ? AND ? ORDER BY time DESC LIMIT ?
                """, arguments: [watch, instant - eventWindow, instant, (limit + 1) / 2]))
            collect(try Row.fetchAll(db, sql: """
                SELECT * FROM story_member WHERE watch = ? AND time > ? AND time <= ? ORDER BY time LIMIT ?
                """, arguments: [watch, instant, instant + eventWindow, limit / 2]))
            return members.values.sorted { ($0.fingerprint.time, $0.alertID) < ($1.fingerprint.time, $1.alertID) }
        }
    }

    /// The recorded member of alert `alertID`, or `nil` when it has none (below the window, or an
    /// alert from before stories).
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func storyMember(alertID: String) throws -> StoryMember? {
        guard let id = Self.alertNumber(alertID) else { return nil }
        return try readAccess("read story member") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM story_member WHERE member = ?", arguments: [id]).flatMap(Self.storyMember)
        }
    }

    /// What `story` holds so far (members still in the window), or `nil` when none is left.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func storySummary(story: String) throws -> StorySummary? {
        guard let id = Self.alertNumber(story) else { return nil }
        return try readAccess("read story") { db in
            // Aggregated in SQLite: a story of thousands of copies costs no row decoding here.
            guard let row = try Row.fetchOne(db, sql: """
                SELECT COUNT(*) AS size, MAX(level = 'alert') AS alerted FROM story_member WHERE story = ?
                """, arguments: [id]), let size = row["size"] as Int?, size > 0 else { return nil }
            var actors: Set<String> = []
            for text in try String.fetchAll(db, sql: "SELECT DISTINCT actor_ids FROM story_member WHERE story = ?", arguments: [id]) {
                actors.formUnion(Self.ids(text))
            }
            return StorySummary(size: size, actors: actors, highest: (row["alerted"] as Int?) == 1 ? .alert : .notice)
        }
    }

    /// Records an alerted article as a member of its story, with its band keys. A member already
    /// recorded (same alert id) is left as it is.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``; nothing is recorded then.
    package func recordStoryMember(_ member: StoryMember, at: Date = Date()) throws {
        try writeAccess("record story member") { db in try Self.insertStoryMember(db, member, at: at.timeIntervalSince1970) }
    }

    /// Inserts `member` and its band keys in the transaction of `db` (the decision's, see
    /// ``commitDecision(articleKey:watch:contentHash:alertID:alertLine:version:alertedActorIDs:storyMember:at:)``).
    /// - Parameter at: Unix seconds of the decision (the member's `recorded_at`).
    static func insertStoryMember(_ db: Database, _ member: StoryMember, at: TimeInterval) throws {
        guard let id = alertNumber(member.alertID), let story = alertNumber(member.story) else {
            throw DatabaseError(message: "alert id '\(member.alertID)' or story '\(member.story)' is not 16 hex digits")
        }
        let f = member.fingerprint
        try db.cachedStatement(sql: """
            INSERT INTO story_member (member, watch, story, time, recorded_at, level, actor_ids, topic_ids, link, title,
                                      word_count, signature, lead_word_count, lead_signature, undated)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (member) DO NOTHING
            """).execute(arguments: [id, member.watch, story, f.time.timeIntervalSince1970, at,
                                     member.level.rawValue, f.actors.sorted().joined(separator: " "),
                                     f.topics.sorted().joined(separator: " "), f.link, f.title, f.signature.wordCount,
                                     Data(f.signature.bytes), f.lead.wordCount, Data(f.lead.bytes),
                                     f.isDated ? 0 : 1])
        guard db.changesCount == 1 else { return }
        let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO story_band (band, member) VALUES (?, ?)")
        for band in LSHBands.keys(f.signature) { try insert.execute(arguments: [band, id]) }
    }

    /// Forgets story members recorded before `cutoff` (now − `stories.window`) and their band keys.
    /// - Returns: the number of members forgotten.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    @discardableResult
    package func pruneStories(olderThan cutoff: Date) throws -> Int {
        try writeAccess("prune stories") { db in
            let at = cutoff.timeIntervalSince1970
            try db.execute(sql: """
                DELETE FROM story_band WHERE member IN (SELECT member FROM story_member WHERE recorded_at < ?)
                """, arguments: [at])
            try db.execute(sql: "DELETE FROM story_member WHERE recorded_at < ?", arguments: [at])
            return db.changesCount
        }
    }

    /// An alert id (16 hex digits) as the signed 64-bit integer it is stored as.
    static func alertNumber(_ id: String) -> Int64? {
        guard id.utf8.count == 16, let value = UInt64(id, radix: 16) else { return nil }
        return Int64(bitPattern: value)
    }

    /// The 16 hex digits of a stored alert number.
    static func alertID(_ number: Int64) -> String {
        let hex = String(UInt64(bitPattern: number), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    private static func ids(_ text: String) -> Set<String> {
        Set(text.split(separator: " ").map(String.init))
    }

    private static func storyMember(_ row: Row) -> StoryMember? {
        guard let signature = MinHashSignature(bytes: Array(row["signature"] as Data), wordCount: row["word_count"]),
              let level = AlertLevel(rawValue: row["level"]) else { return nil }
        var lead = MinHashSignature.empty
        if let bytes = row["lead_signature"] as Data?, let count = row["lead_word_count"] as Int?,
           let stored = MinHashSignature(bytes: Array(bytes), wordCount: count) {
            lead = stored
        }
        let fingerprint = StoryFingerprint(signature: signature, lead: lead, link: row["link"], title: row["title"],
                                           time: Date(timeIntervalSince1970: row["time"]),
                                           isDated: (row["undated"] as Int?) != 1, actors: ids(row["actor_ids"]), topics: ids(row["topic_ids"]))
        return StoryMember(alertID: alertID(row["member"]), watch: row["watch"], story: alertID(row["story"]),
                           level: level, fingerprint: fingerprint)
    }
}

extension StateStore: StoryMemberSource {
    /// ``storyCandidates(watch:fingerprint:eventWindow:limit:bandLimit:)`` with 40 members by time and 16 by band keys.
    package func storyCandidates(watch: String, fingerprint: StoryFingerprint, eventWindow: TimeInterval) throws -> [StoryMember] {
        try storyCandidates(watch: watch, fingerprint: fingerprint, eventWindow: eventWindow, limit: 40, bandLimit: 16)
    }
}
