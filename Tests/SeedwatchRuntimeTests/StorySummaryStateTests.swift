import Foundation
import GRDB
import SeedwatchCore
import SeedwatchRuntime
import Testing

/// The summary row of each story (`story_summary`, migrations `v12-story-summary` and `v13-story-span`).
@Suite struct StorySummaryStateTests {
    typealias S = StoryStateTests

    static func member(_ id: String, story: String, level: AlertLevel, actors: Set<String>, hoursLater: Double = 0,
                       isDated: Bool = true) -> StoryMember {
        var fingerprint = S.fingerprint(S.body, link: nil, hoursLater: hoursLater)
        fingerprint.actors = actors
        fingerprint.isDated = isDated
        return StoryMember(alertID: id, watch: "w", story: story, level: level, fingerprint: fingerprint)
    }

    @Test("a story's summary counts each member once, unites their actors, keeps the highest level, and shrinks when members are pruned")
    func summaryFollowsRecordedAndPrunedMembers() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try StateStore(path: folder.file("state.sqlite"))
        let first = Self.member("00000000000000a1", story: "00000000000000a1", level: .notice, actors: ["north-korea"])
        try store.recordStoryMember(first, at: S.tuesday)
        try store.recordStoryMember(Self.member("00000000000000a2", story: "00000000000000a1", level: .alert, actors: ["japan"]),
                                    at: S.tuesday.addingTimeInterval(3600))
        try store.recordStoryMember(first, at: S.tuesday)   // recorded once
        try store.recordStoryMember(Self.member("00000000000000a3", story: "00000000000000a1", level: .notice, actors: ["russia"]),
                                    at: S.tuesday.addingTimeInterval(7200))
        #expect(try store.storySummary(story: "00000000000000a1")
                == StorySummary(size: 3, actors: ["north-korea", "japan", "russia"], highest: .alert))
        // The first two are pruned: the story keeps the third, a notice naming Russia.
        #expect(try store.pruneStories(olderThan: S.tuesday.addingTimeInterval(3601)) == 2)
        #expect(try store.storySummary(story: "00000000000000a1") == StorySummary(size: 1, actors: ["russia"], highest: .notice))
        #expect(try store.pruneStories(olderThan: S.tuesday.addingTimeInterval(7201)) == 1)
        #expect(try store.storySummary(story: "00000000000000a1") == nil)
    }

    @Test("migration v12-story-summary makes the summary of each story recorded before from its members")
    func migrationSummarizesTheMembersRecordedBefore() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("state.sqlite")
        do {
            let store = try StateStore(path: path)
            try store.recordStoryMember(Self.member("00000000000000a1", story: "00000000000000a1", level: .notice,
                                                    actors: ["north-korea", "japan"]), at: S.tuesday)
            try store.recordStoryMember(Self.member("00000000000000a2", story: "00000000000000a1", level: .alert, actors: ["china"]),
                                        at: S.tuesday)
            try store.recordStoryMember(Self.member("00000000000000b1", story: "00000000000000b1", level: .notice, actors: []),
                                        at: S.tuesday)
            try store.close()
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in
                try db.execute(sql: """
                    DROP TABLE story_summary; DELETE FROM grdb_migrations WHERE identifier IN ('v12-story-summary', 'v13-story-span')
                    """)
            }
            try queue.close()
        }
        let store = try StateStore(path: path)
        #expect(try store.appliedMigrations().suffix(5) == ["v12-story-summary", "v13-story-span", "v14-feed-state-current-url", "v15-article-version-text", "v16-feed-identity-notes"])
        #expect(try store.storySpan(story: "00000000000000a1") == S.tuesday...S.tuesday)
        #expect(try store.storySummary(story: "00000000000000a1")
                == StorySummary(size: 2, actors: ["north-korea", "japan", "china"], highest: .alert))
        #expect(try store.storySummary(story: "00000000000000b1") == StorySummary(size: 1, actors: [], highest: .notice))
    }

    @Test("a story's span runs from its earliest to its latest dated member; an undated member adds no instant; pruning makes it again")
    func spanFollowsDatedMembers() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try StateStore(path: folder.file("state.sqlite"))
        let story = "00000000000000a1"
        try store.recordStoryMember(Self.member("00000000000000a1", story: story, level: .notice, actors: ["north-korea"],
                                                hoursLater: 10, isDated: false), at: S.tuesday)
        #expect(try store.storySpan(story: story) == nil)
        try store.recordStoryMember(Self.member("00000000000000a2", story: story, level: .notice, actors: ["japan"], hoursLater: 5),
                                    at: S.tuesday.addingTimeInterval(3600))
        try store.recordStoryMember(Self.member("00000000000000a3", story: story, level: .notice, actors: ["japan"], hoursLater: 1),
                                    at: S.tuesday.addingTimeInterval(7200))
        try store.recordStoryMember(Self.member("00000000000000a4", story: story, level: .notice, actors: ["japan"], hoursLater: 30,
                                                isDated: false), at: S.tuesday.addingTimeInterval(7200))
        #expect(try store.storySpan(story: story) == S.tuesday.addingTimeInterval(3600)...S.tuesday.addingTimeInterval(5 * 3600))
        // The members recorded first (the undated one and the one published at +5 h) are pruned.
        #expect(try store.pruneStories(olderThan: S.tuesday.addingTimeInterval(3601)) == 2)
        #expect(try store.storySpan(story: story) == S.tuesday.addingTimeInterval(3600)...S.tuesday.addingTimeInterval(3600))
    }
}
