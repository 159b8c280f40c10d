import Foundation
import GRDB
import SeedwatchCore
import SeedwatchRuntime
import Testing

@Suite struct StoryStateTests {
    static let tuesday = Date(timeIntervalSince1970: 1_790_920_800)   // 2026-10-01T06:00:00Z

    static func fingerprint(_ body: String, link: String?, hoursLater: Double) -> StoryFingerprint {
        StoryFingerprint(title: "North Korea fires missile", body: body, url: link,
                         published: tuesday.addingTimeInterval(hoursLater * 3600), seen: tuesday,
                         actors: ["north-korea", "japan"], topics: ["missile-test"], leadWords: .commonOnly)
    }

    static let body = """
        North Korea fired a ballistic missile over northern Japan, prompting warnings for residents of Hokkaido \
        to take cover. The missile landed in the Pacific Ocean east of Cape Erimo after a flight of 15 minutes.
        """

    @Test func membersAreFoundByBandLinkAndTimeAndPrunedAfterTheWindow() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try StateStore(path: folder.file("state.sqlite"))
        let first = StoryMember(alertID: "00000000000000a1", watch: "w", story: "00000000000000a1", level: .notice,
                                fingerprint: Self.fingerprint(Self.body, link: "https://a.example.com/1", hoursLater: 0))
        let unrelated = StoryMember(alertID: "f0000000000000b2", watch: "w", story: "f0000000000000b2", level: .alert,
                                    fingerprint: Self.fingerprint("Typhoon closes schools in Okinawa and Kagoshima prefectures",
                                                                  link: nil, hoursLater: 24 * 6))
        let otherWatch = StoryMember(alertID: "00000000000000c3", watch: "v", story: "00000000000000c3", level: .alert,
                                     fingerprint: Self.fingerprint(Self.body, link: "https://a.example.com/1", hoursLater: 0))
        try store.recordStoryMember(first, at: Self.tuesday)
        try store.recordStoryMember(unrelated, at: Self.tuesday.addingTimeInterval(3600))
        try store.recordStoryMember(otherWatch, at: Self.tuesday)
        try store.recordStoryMember(first, at: Self.tuesday)   // recorded once

        // A copy published five days later is found by its bands (outside the time window), not the other watch's.
        let copy = Self.fingerprint(Self.body, link: nil, hoursLater: 24 * 5)
        #expect(try store.storyCandidates(watch: "w", fingerprint: copy, eventWindow: 48 * 3600).map(\.alertID)
                == ["00000000000000a1", "f0000000000000b2"])
        let found = try #require(try store.storyCandidates(watch: "w", fingerprint: copy, eventWindow: 3600).first)
        #expect(found == first)
        #expect(try store.storySummary(story: "00000000000000a1") == StorySummary(size: 1, actors: ["north-korea", "japan"], highest: .notice))
        #expect(try store.storySummary(story: "0000000000000fff") == nil)

        // By canonical link only (another text, far in time).
        let sameLink = Self.fingerprint("Residents of Hokkaido were told to shelter", link: "http://www.a.example.com/1/?utm_source=x",
                                        hoursLater: 24 * 3)
        #expect(try store.storyCandidates(watch: "w", fingerprint: sameLink, eventWindow: 3600).map(\.alertID) == ["00000000000000a1"])

        // Pruning forgets members recorded before the cutoff, and their bands.
        #expect(try store.pruneStories(olderThan: Self.tuesday.addingTimeInterval(60)) == 2)
        #expect(try store.storyCandidates(watch: "w", fingerprint: copy, eventWindow: 48 * 3600).map(\.alertID) == ["f0000000000000b2"])
        let queue = try DatabaseQueue(path: folder.file("state.sqlite"))
        #expect(try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM story_band") } == 16)
    }

    @Test func aDatabaseOfTheRoundBeforeGainsStoryTablesAndKeepsItsData() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("state.sqlite")
        // The previous schema: everything up to v6, with a decision in it.
        do {
            let store = try StateStore(path: path)
            #expect(try store.commitDecision(articleKey: "file:aa", watch: "w", contentHash: "aa", alertID: "00000000000000a1",
                                             alertLine: Array("{\"id\":\"00000000000000a1\"}\n".utf8)))
            try store.close()
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in
                try db.execute(sql: """
                    DROP TABLE story_band; DROP TABLE story_member; DROP TABLE story_watch; DROP TABLE story_summary;
                    DELETE FROM grdb_migrations WHERE identifier IN
                        ('v7-story-members', 'v9-story-lead', 'v10-story-undated', 'v11-story-compact', 'v12-story-summary',
                         'v13-story-span');
                    """)
            }
            try queue.close()
        }
        let store = try StateStore(path: path)
        #expect(try store.appliedMigrations().suffix(11)
                == ["v6-output-deliveries", "v7-story-members", "v8-output-digests", "v9-story-lead", "v10-story-undated",
                    "v11-story-compact", "v12-story-summary", "v13-story-span", "v14-feed-state-current-url", "v15-article-version-text", "v16-feed-identity-notes"])
        #expect(try store.isSeen(articleKey: "file:aa", watch: "w"))
        #expect(try store.outboxState(alertID: "00000000000000a1") == "pending")
        // The alert before the upgrade starts no story; a new one does.
        #expect(try store.storySummary(story: "00000000000000a1") == nil)
        let member = StoryMember(alertID: "00000000000000b1", watch: "w", story: "00000000000000b1", level: .alert,
                                 fingerprint: Self.fingerprint(Self.body, link: nil, hoursLater: 0))
        try store.recordStoryMember(member, at: Self.tuesday)
        #expect(try store.storySummary(story: "00000000000000b1")?.size == 1)
    }

    @Test func membersRecordedBeforeTheLeadSignatureAreReadWithAnEmptyOneAndStillJoinedByText() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("state.sqlite")
        let first = StoryMember(alertID: "00000000000000a1", watch: "w", story: "00000000000000a1", level: .alert,
                                fingerprint: Self.fingerprint(Self.body, link: nil, hoursLater: 0))
        do {
            let store = try StateStore(path: path)
            try store.recordStoryMember(first, at: Self.tuesday)
            try store.close()
            // As migration v7 left it: no lead columns filled.
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in try db.execute(sql: "UPDATE story_member SET lead_signature = NULL, lead_word_count = NULL") }
            try queue.close()
        }
        let store = try StateStore(path: path)
        let read = try #require(try store.storyMember(alertID: "00000000000000a1"))
        #expect(read.fingerprint.lead == MinHashSignature.empty)
        #expect(read.fingerprint.signature == first.fingerprint.signature)
        let copy = Self.fingerprint(Self.body, link: nil, hoursLater: 3)
        #expect(copy.lead.jaccard(read.fingerprint.lead) == 0)
        #expect(StoryRule.standard.relation(copy, read.fingerprint) == .nearDuplicate)
        // A member recorded now keeps its lead signature.
        let second = StoryMember(alertID: "00000000000000a2", watch: "w", story: "00000000000000a1", level: .alert, fingerprint: copy)
        try store.recordStoryMember(second, at: Self.tuesday)
        #expect(try store.storyMember(alertID: "00000000000000a2")?.fingerprint.lead == copy.lead)
        // The body is shorter than the lead (80 words): the lead signature is the whole text's.
        #expect(copy.lead == copy.signature)
    }
}

extension StoryStateTests {
    @Test("a member without a published date is stored as undated and read back so; the arrivals agree with memory")
    func undatedMembersAreStoredAsUndated() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try StateStore(path: folder.file("state.sqlite"))
        func undated(_ body: String) -> StoryFingerprint {
            StoryFingerprint(title: "North Korea fires missile", body: body, url: nil, published: nil, seen: Self.tuesday,
                             actors: ["north-korea", "japan"], topics: ["missile-test"], leadWords: .commonOnly)
        }
        let first = StoryMember(alertID: "00000000000000a1", watch: "w", story: "00000000000000a1", level: .alert,
                                fingerprint: undated(Self.body))
        try store.recordStoryMember(first, at: Self.tuesday)
        let read = try #require(try store.storyMember(alertID: "00000000000000a1"))
        #expect(read == first)
        #expect(read.fingerprint.isDated == false)
        // Another launch's report, also undated and seen at the same instant: a candidate by time, but no story.
        let other = undated("""
            North Korea fired two short-range ballistic missiles into the sea off its east coast, Japan's coast guard \
            said, warning ships near Hokkaido. The missiles flew for about 15 minutes from Sunan.
            """)
        let (keys, _) = try StoryAssignment.assign(alertID: "00000000000000b1", watch: "w", level: .alert, fingerprint: other, in: store)
        #expect(keys == StoryKeys(story: "00000000000000b1", size: 1, isRepeat: false, relation: nil))
        var dated = other
        dated.isDated = true
        var datedFirst = first
        datedFirst.fingerprint.isDated = true
        #expect(StoryRule.standard.relation(dated, datedFirst.fingerprint) == .sameEvent)
    }
}

extension StoryStateTests {
    @Test("migration v11-story-compact copies a member of the tables before: low bytes of its signatures, its link's key, new band keys")
    func compactTablesKeepTheMembersRecordedBefore() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("state.sqlite")
        let fingerprint = StoryFingerprint(title: "North Korea fires missile", body: Self.body, url: "https://www.a.example.com/1/",
                                           published: nil, seen: Self.tuesday, actors: ["north-korea", "japan"],
                                           topics: ["missile-test"], leadWords: .commonOnly)
        // 16 bits per minimum, as stored before: the low 12 bits are today's value, the high 4 anything.
        func sixteenBit(_ signature: MinHashSignature) -> Data {
            Data(signature.values.flatMap { [UInt8(truncatingIfNeeded: $0), UInt8($0 >> 8) | 0xA0] })
        }
        do {
            try StateStore(path: path).close()
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in
                try db.execute(sql: """
                    DROP TABLE story_band; DROP TABLE story_member; DROP TABLE story_watch; DROP TABLE story_summary;
                    DELETE FROM grdb_migrations WHERE identifier IN ('v11-story-compact', 'v12-story-summary', 'v13-story-span');
                    CREATE TABLE story_member (
                        member INTEGER PRIMARY KEY NOT NULL, watch TEXT NOT NULL, story INTEGER NOT NULL, time REAL NOT NULL,
                        recorded_at REAL NOT NULL, level TEXT NOT NULL, actor_ids TEXT NOT NULL, topic_ids TEXT NOT NULL,
                        link TEXT, title TEXT NOT NULL, word_count INTEGER NOT NULL, signature BLOB NOT NULL,
                        lead_word_count INTEGER, lead_signature BLOB, undated INTEGER NOT NULL DEFAULT 0);
                    CREATE INDEX story_member_time ON story_member(watch, time);
                    CREATE INDEX story_member_link ON story_member(link) WHERE link IS NOT NULL;
                    CREATE INDEX story_member_story ON story_member(story);
                    CREATE INDEX story_member_recorded ON story_member(recorded_at);
                    CREATE TABLE story_band (band INTEGER NOT NULL, member INTEGER NOT NULL, PRIMARY KEY (band, member)) WITHOUT ROWID;
                    """)
                try db.execute(sql: """
                    INSERT INTO story_member VALUES (161, 'w', 161, ?, ?, 'alert', 'japan north-korea', 'missile-test',
                                                     'a.example.com/1', 'North Korea fires missile', ?, ?, ?, ?, 1)
                    """, arguments: [Self.tuesday.timeIntervalSince1970, Self.tuesday.timeIntervalSince1970,
                                     fingerprint.signature.wordCount, sixteenBit(fingerprint.signature),
                                     fingerprint.lead.wordCount, sixteenBit(fingerprint.lead)])
                try db.execute(sql: "INSERT INTO story_band VALUES (1, 161), (2, 161)")
            }
            try queue.close()
        }
        let store = try StateStore(path: path)
        #expect(try store.appliedMigrations().suffix(6) == ["v11-story-compact", "v12-story-summary", "v13-story-span", "v14-feed-state-current-url", "v15-article-version-text", "v16-feed-identity-notes"])
        let read = try #require(try store.storyMember(alertID: "00000000000000a1"))
        #expect(read == StoryMember(alertID: "00000000000000a1", watch: "w", story: "00000000000000a1", level: .alert,
                                    fingerprint: fingerprint))
        #expect(read.fingerprint.isDated == false)
        #expect(read.fingerprint.linkKey == CanonicalLink.key("a.example.com/1"))
        // Found again by its new band keys (a copy five days later) and by its link.
        let copy = Self.fingerprint(Self.body, link: nil, hoursLater: 24 * 5)
        #expect(try store.storyCandidates(watch: "w", fingerprint: copy, eventWindow: 3600).map(\.alertID) == ["00000000000000a1"])
        let sameLink = Self.fingerprint("Typhoon", link: "http://a.example.com/1?utm_source=x", hoursLater: 24 * 5)
        #expect(try store.storyCandidates(watch: "w", fingerprint: sameLink, eventWindow: 3600).map(\.alertID) == ["00000000000000a1"])
        #expect(try store.storySummary(story: "00000000000000a1") == StorySummary(size: 1, actors: ["north-korea", "japan"], highest: .alert))
        try store.close()
        let queue = try DatabaseQueue(path: path)
        #expect(try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM story_band") } == 16)
        #expect(try queue.read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE name LIKE '%_v10'") } == [])
    }
}
