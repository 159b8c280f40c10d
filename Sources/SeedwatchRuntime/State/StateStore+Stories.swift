import Foundation
import GRDB
import SeedwatchCore

/// Stories (issue 12): the alerted articles of the `stories.window`, their MinHash signatures and
/// LSH band keys, so that a new alert can join the story of an earlier one. The tables are those of
/// migration `v11-story-compact` (``compactStoryTables(_:)``): `story_member` (one row per member,
/// `id` its row number, `alert` its alert id as a signed 64-bit number), `story_band` (band key,
/// member row number) and `story_watch` (watch names by number).
extension StateStore {
    /// The members of `watch`'s stories that a new alert with `fingerprint` could join: those
    /// sharing an LSH band key (``LSHBands/keys(_:)``) or the canonical link (all of them), and
    /// those whose time is within `eventWindow` seconds of the fingerprint's: the `limit`/2 latest
    /// at or before it and the `limit`/2 earliest after it. A watch with more alerts than that
    /// within 48 h reaches older reports of an event only through the bands (near-duplicates).
    /// Of each band key, only the ``LSHBands/newestMembersPerKey`` newest holders are read (a key
    /// held by thousands of members is a template). At most `bandLimit` members are taken from
    /// them, those sharing the most band keys first (the most alike), then the earliest recorded
    /// (a burst of copies of one article all share its bands; any of them leads to the story). Each member is returned once, earliest first.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func storyCandidates(watch: String, fingerprint: StoryFingerprint, eventWindow: TimeInterval,
                                limit: Int, bandLimit: Int) throws -> [StoryMember] {
        let bands = Set(LSHBands.keys(fingerprint.signature)).sorted()
        let instant = fingerprint.time.timeIntervalSince1970
        return try readAccess("find story candidates") { db in
            guard let watchID = try storyWatchNumber(db, watch) else { return [] }
            var members: [Int64: StoryMember] = [:]
            let byID = try db.cachedStatement(sql: "SELECT * FROM story_member WHERE id = ?")
            // A member by row number: from ``storyMembers`` when decoded before, else its row read and decoded.
            func collect(_ id: Int64) throws {
                guard members[id] == nil else { return }
                if let member = storyMembers.member(id: id, watch: watch) {
                    members[id] = member
                } else if let row = try Row.fetchOne(byID, arguments: [id]), let member = self.storyMember(row, id: id, watch: watch) {
                    members[id] = member
                }
            }
            // Band keys: the newest holders of each key, counted and ranked (those sharing the most
            // keys first, then the earliest recorded) in memory (``StoryBandBook``): a key not held
            // yet is read from `story_band` with the others missing in one statement, then held. A
            // burst of copies of one article fills every key's 64 holders, and reading those 1,024
            // rows again for each copy was the bulk of a lookup's SQL (issue 15).
            for id in try rankedBandHolders(db, keys: bands, watch: watchID, limit: bandLimit) { try collect(id) }
            if let link = fingerprint.linkKey {
                for id in try Int64.fetchAll(db.cachedStatement(sql: "SELECT id FROM story_member WHERE link_key = ? AND +watch = ?"),
                                             arguments: [link, watchID]) {
                    try collect(id)
                }
            }
            // Two walks of the (watch, time) index outward from the instant: no sort, at most
            // `limit` rows, row numbers only (the index holds them; members come from the cache).
            for id in try Int64.fetchAll(db.cachedStatement(sql: """
                SELECT id FROM story_member WHERE watch = ? AND time BETWEEN ? AND ? ORDER BY time DESC LIMIT ?
                """), arguments: [watchID, instant - eventWindow, instant, (limit + 1) / 2]) {
                try collect(id)
            }
            for id in try Int64.fetchAll(db.cachedStatement(sql: """
                SELECT id FROM story_member WHERE watch = ? AND time > ? AND time <= ? ORDER BY time LIMIT ?
                """), arguments: [watchID, instant, instant + eventWindow, limit / 2]) {
                try collect(id)
            }
            return members.values.sorted { ($0.fingerprint.time, $0.alertID) < ($1.fingerprint.time, $1.alertID) }
        }
    }

    /// The row numbers of the members of watch number `watch` sharing the most of band keys `keys`
    /// (distinct), at most `limit`: ``StoryBandBook/ranked(_:watch:limit:)`` of the keys' holders
    /// in ``storyBands``, the keys it does not hold read in one statement and then held.
    private func rankedBandHolders(_ db: Database, keys: [Int64], watch: Int64, limit: Int) throws -> [Int64] {
        guard !keys.isEmpty else { return [] }
        var lists: [[StoryBandBook.Holder]] = []
        var missing: [Int64] = []
        for (key, held) in zip(keys, storyBands.holders(of: keys)) {
            if let held { lists.append(held) } else { missing.append(key) }
        }
        if !missing.isEmpty {
            let read = try Self.bandHolders(db, keys: missing)
            storyBands.learn(read, keys: missing)
            lists += missing.map { read[$0] ?? [] }
        }
        return StoryBandBook.ranked(lists, watch: watch, limit: limit)
    }

    /// The row numbers of the members of `watch` sharing the most of band keys `keys` (distinct),
    /// at most `limit`, ranked as a story lookup ranks them: in memory (``StoryBandBook``, filled
    /// from `story_band` as needed) or, with `viaStatement`, by ``bandHoldersSQL(keys:)``. For tests.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func bandHolderRanking(watch: String, keys: [Int64], limit: Int, viaStatement: Bool) throws -> [Int64] {
        try readAccess("rank band-key holders") { db in
            guard let watchID = try storyWatchNumber(db, watch) else { return [] }
            guard viaStatement else { return try rankedBandHolders(db, keys: keys, watch: watchID, limit: limit) }
            guard !keys.isEmpty else { return [] }
            var arguments: [(any DatabaseValueConvertible)?] = [LSHBands.newestMembersPerKey, watchID, limit]
            arguments += keys.map { $0 as (any DatabaseValueConvertible)? }
            return try Int64.fetchAll(db, sql: Self.bandHoldersSQL(keys: keys.count), arguments: StatementArguments(arguments))
        }
    }

    /// Number of band keys whose newest holders the store keeps in memory (``StoryBandBook``).
    package var storyBandKeysHeld: Int { storyBands.count }

    /// The number of `watch` in `story_watch` (``StoryBandBook`` keeps it once read), or `nil`
    /// when no member of it was ever recorded.
    private func storyWatchNumber(_ db: Database, _ watch: String) throws -> Int64? {
        if let known = storyBands.watchNumber(watch) { return known }
        guard let number = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM story_watch WHERE name = ?"),
                                              arguments: [watch]) else { return nil }
        storyBands.learnWatch(watch, number: number)
        return number
    }

    /// The newest ``LSHBands/newestMembersPerKey`` holders of each of `keys` with their watch, read
    /// in one statement (per key the primary key (band, member) read backwards; CROSS JOIN keeps it
    /// first). A key that no member holds is absent.
    static func bandHolders(_ db: Database, keys: [Int64]) throws -> [Int64: [StoryBandBook.Holder]] {
        let perKey = (0..<keys.count).map {
            "SELECT band, member FROM (SELECT band, member FROM story_band WHERE band = ?\($0 + 2) ORDER BY member DESC LIMIT ?1)"
        }
        let sql = """
            SELECT h.band, h.member, m.watch FROM (\(perKey.joined(separator: " UNION ALL "))) h
            CROSS JOIN story_member m ON m.id = h.member
            """
        var arguments: [(any DatabaseValueConvertible)?] = [LSHBands.newestMembersPerKey]
        arguments += keys.map { $0 as (any DatabaseValueConvertible)? }
        var holders: [Int64: [StoryBandBook.Holder]] = [:]
        let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: StatementArguments(arguments))
        while let row = try rows.next() {
            holders[row[0], default: []].append(StoryBandBook.Holder(member: row[1], watch: row[2]))
        }
        return holders
    }

    /// The statement that ranks the holders of `keys` band keys as ``StoryBandBook/ranked(_:watch:limit:)``
    /// does in memory (the lookup's before issue 15's band book; kept as the reference its tests
    /// compare with) (parameters: ?1 the holders read per key, ?2 the
    /// watch's number, ?3 how many members to return, ?4… the keys): per key its newest holders,
    /// counted per member, then those of the watch, most keys first, ties by row number. The watch
    /// is looked up once per member, after counting (a member's watch is the same whatever key
    /// brought it): a burst of copies of one article brings the same 64 members through all 16 keys.
    static func bandHoldersSQL(keys: Int) -> String {
        let perKey = (0..<keys).map { "SELECT member FROM (SELECT member FROM story_band WHERE band = ?\($0 + 4) ORDER BY member DESC LIMIT ?1)" }
        return """
            SELECT g.member FROM (SELECT member, COUNT(*) AS shared FROM (\(perKey.joined(separator: " UNION ALL "))) GROUP BY member) g
            CROSS JOIN story_member w ON w.id = g.member AND +w.watch = ?2
            ORDER BY g.shared DESC, g.member LIMIT ?3
            """
    }

    /// The recorded member of alert `alertID`, or `nil` when it has none (below the window, or an
    /// alert from before stories).
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    package func storyMember(alertID: String) throws -> StoryMember? {
        guard let id = Self.alertNumber(alertID) else { return nil }
        return try readAccess("read story member") { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT m.*, w.name AS watch_name FROM story_member m JOIN story_watch w ON w.id = m.watch WHERE m.alert = ?
                """, arguments: [id]) else { return nil }
            return Self.storyMember(row, watch: row["watch_name"])
        }
    }

    /// Records an alerted article as a member of its story, with its band keys. A member already
    /// recorded (same alert id) is left as it is.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``; nothing is recorded then.
    package func recordStoryMember(_ member: StoryMember, at: Date = Date()) throws {
        try writeAccess("record story member") { db in try insertStoryMember(db, member, at: at.timeIntervalSince1970) }
    }

    /// Inserts `member`, its band keys and its story's summary (``addToStorySummary(_:story:level:actors:time:)``)
    /// in the transaction of `db` (the decision's, see
    /// ``commitDecision(articleKey:watch:contentHash:alertID:alertLine:version:alertedActorIDs:storyMember:at:)``),
    /// and adds it to the band keys that ``storyBands`` holds (a failure of the transaction empties it).
    /// - Parameter at: Unix seconds of the decision (the member's `recorded_at`).
    func insertStoryMember(_ db: Database, _ member: StoryMember, at: TimeInterval) throws {
        let watch: Int64
        if let known = storyBands.watchNumber(member.watch) {
            watch = known
        } else {
            guard let number = try Self.insertStoryWatch(db, member.watch) else { return }
            storyBands.learnWatch(member.watch, number: number)
            watch = number
        }
        guard let (id, keys) = try Self.insertStoryMemberRows(db, member, watch: watch, at: at),
              let story = Self.alertNumber(member.story) else { return }
        storyBands.record(member: id, watch: watch, keys: keys)
        let f = member.fingerprint
        try Self.addToStorySummary(db, story: story, level: member.level == .alert ? 1 : 0, actors: f.actors,
                                   time: f.isDated ? f.time.timeIntervalSince1970 : nil)
    }

    /// The number of watch `name` in `story_watch`, inserted when missing, in the transaction of `db`.
    static func insertStoryWatch(_ db: Database, _ name: String) throws -> Int64? {
        try db.cachedStatement(sql: "INSERT INTO story_watch (name) VALUES (?) ON CONFLICT (name) DO NOTHING").execute(arguments: [name])
        return try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM story_watch WHERE name = ?"), arguments: [name])
    }

    /// Inserts `member` of watch number `watch` and its band keys in the transaction of `db`, the
    /// keys in one statement. Migration `v11-story-compact` copies the members recorded before with
    /// it (before `story_summary` exists): a later change of `story_member` or `story_band` must give
    /// that migration its own copy of this function.
    /// - Returns: the new member's row number and its distinct band keys; `nil` when a member with
    ///   its alert id was already recorded (it is left as it is).
    /// - Throws: `DatabaseError` (an alert id or story that is not 16 hex digits among them).
    @discardableResult
    static func insertStoryMemberRows(_ db: Database, _ member: StoryMember, watch: Int64, at: TimeInterval) throws
        -> (id: Int64, keys: [Int64])? {
        guard let alert = alertNumber(member.alertID), let story = alertNumber(member.story) else {
            throw DatabaseError(message: "alert id '\(member.alertID)' or story '\(member.story)' is not 16 hex digits")
        }
        let f = member.fingerprint
        let lead = f.lead.isEmpty ? nil : f.lead
        try db.cachedStatement(sql: """
            INSERT INTO story_member (alert, watch, story, time, recorded_at, level, undated, actor_ids, topic_ids, link_key,
                                      title, word_count, signature, lead_word_count, lead_signature)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (alert) DO NOTHING
            """).execute(arguments: [alert, watch, story, f.time.timeIntervalSince1970, at, member.level == .alert ? 1 : 0,
                                     f.isDated ? 0 : 1, f.actors.sorted().joined(separator: " "),
                                     f.topics.sorted().joined(separator: " "), f.linkKey, f.title, f.signature.wordCount,
                                     Data(f.signature.bytes), lead?.wordCount, lead.map { Data($0.bytes) }])
        guard db.changesCount == 1 else { return nil }
        let id = db.lastInsertedRowID
        let keys = Array(Set(LSHBands.keys(f.signature)))
        guard !keys.isEmpty else { return (id, keys) }
        let values = (0..<keys.count).map { "(?\($0 + 2), ?1)" }.joined(separator: ", ")
        var arguments: [(any DatabaseValueConvertible)?] = [id]
        arguments += keys.map { $0 as (any DatabaseValueConvertible)? }
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO story_band (band, member) VALUES \(values)")
            .execute(arguments: StatementArguments(arguments))
        return (id, keys)
    }

    /// Forgets story members recorded before `cutoff` (now − `stories.window`) and their band keys,
    /// and makes the summaries of the stories they leave again.
    /// - Returns: the number of members forgotten.
    /// - Throws: ``StateStoreError/operationFailed(path:operation:reason:)``.
    @discardableResult
    package func pruneStories(olderThan cutoff: Date) throws -> Int {
        try writeAccess("prune stories") { db in
            let at = cutoff.timeIntervalSince1970
            try db.execute(sql: """
                DELETE FROM story_band WHERE member IN (SELECT id FROM story_member WHERE recorded_at < ?)
                """, arguments: [at])
            let shrunk = try Int64.fetchAll(db, sql: "SELECT DISTINCT story FROM story_member WHERE recorded_at < ?", arguments: [at])
            try db.execute(sql: "DELETE FROM story_member WHERE recorded_at < ?", arguments: [at])
            let forgotten = db.changesCount
            forgetStoryState()
            for story in shrunk { try Self.summarizeStory(db, story: story) }
            return forgotten
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

    /// The ids of a stored `actor_ids` or `topic_ids` (space-separated). Split on its UTF-8 bytes:
    /// a story lookup reads these of every candidate member, and splitting the `String` by
    /// `Character` was 4 % of a burst's CPU (issue 15).
    static func storyIDs(_ text: String) -> Set<String> {
        var ids = Set<String>()
        for id in text.utf8.split(separator: UInt8(ascii: " ")) { ids.insert(String(decoding: id, as: UTF8.self)) }
        return ids
    }

    /// The member of a `story_member` row (row number `id`), decoded and remembered in ``storyMembers``.
    private func storyMember(_ row: Row, id: Int64, watch: String) -> StoryMember? {
        guard let member = Self.storyMember(row, watch: watch) else { return nil }
        storyMembers.remember(member, id: id)
        return member
    }

    private static func storyMember(_ row: Row, watch: String) -> StoryMember? {
        guard let signature = MinHashSignature(bytes: Array(row["signature"] as Data), wordCount: row["word_count"]) else { return nil }
        var lead = MinHashSignature.empty
        if let bytes = row["lead_signature"] as Data?, let count = row["lead_word_count"] as Int?,
           let stored = MinHashSignature(bytes: Array(bytes), wordCount: count) {
            lead = stored
        }
        let fingerprint = StoryFingerprint(signature: signature, lead: lead, linkKey: row["link_key"], title: row["title"],
                                           time: Date(timeIntervalSince1970: row["time"]),
                                           isDated: (row["undated"] as Int) != 1,
                                           actors: storyIDs(row["actor_ids"]), topics: storyIDs(row["topic_ids"]))
        return StoryMember(alertID: alertID(row["alert"]), watch: watch, story: alertID(row["story"]),
                           level: (row["level"] as Int) == 1 ? .alert : .notice, fingerprint: fingerprint)
    }
}

extension StateStore: StoryMemberSource {
    /// ``storyCandidates(watch:fingerprint:eventWindow:limit:bandLimit:)`` with 40 members by time and 16 by band keys.
    package func storyCandidates(watch: String, fingerprint: StoryFingerprint, eventWindow: TimeInterval) throws -> [StoryMember] {
        try storyCandidates(watch: watch, fingerprint: fingerprint, eventWindow: eventWindow, limit: 40, bandLimit: 16)
    }
}
