import Foundation
import SeedwatchCore
import SeedwatchRuntime
import Testing

/// The decoded-member cache of the story lookup: a row number used again by another member is never
/// answered from the cache, and the oldest entries go first once it is full.
@Suite struct StoryMemberCacheTests {
    static func member(_ alertID: String, story: String? = nil, body: String = StoryStateTests.body) -> StoryMember {
        StoryMember(alertID: alertID, watch: "w", story: story ?? alertID, level: .alert,
                    fingerprint: StoryStateTests.fingerprint(body, link: nil, hoursLater: 0))
    }

    @Test func anEntryAnswersOnlyForTheSameAlertAndStory() {
        var cache = StoryMemberCache()
        let first = Self.member("00000000000000a1")
        cache.insert(first, row: 1, alert: 0xa1, story: 0xa1)
        #expect(cache.member(row: 1, alert: 0xa1, story: 0xa1) == first)
        #expect(cache.member(row: 1, alert: 0xa2, story: 0xa1) == nil)   // row 1 now holds another alert
        #expect(cache.member(row: 1, alert: 0xa1, story: 0xb7) == nil)   // or the same alert in another story
        #expect(cache.member(row: 2, alert: 0xa1, story: 0xa1) == nil)
        cache.removeAll()
        #expect(cache.member(row: 1, alert: 0xa1, story: 0xa1) == nil)
    }

    @Test func theOldestEntryGoesFirstOnceFull() {
        var cache = StoryMemberCache()
        let member = Self.member("00000000000000a1")
        for row in 1...Int64(StoryMemberCache.capacity) { cache.insert(member, row: row, alert: row, story: row) }
        cache.insert(member, row: 1, alert: 1, story: 1)   // already kept: no eviction
        #expect(cache.member(row: 1, alert: 1, story: 1) == member)
        cache.insert(member, row: 0, alert: 0, story: 0)
        #expect(cache.member(row: 1, alert: 1, story: 1) == nil)
        #expect(cache.member(row: 2, alert: 2, story: 2) == member)
        #expect(cache.member(row: 0, alert: 0, story: 0) == member)
    }

    @Test func aMemberRecordedAfterAPruneIsReadAsItselfNotAsTheCachedOne() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try StateStore(path: folder.file("state.sqlite"))
        let copy = StoryStateTests.fingerprint(StoryStateTests.body, link: nil, hoursLater: 1)
        let first = Self.member("00000000000000a1")
        try store.recordStoryMember(first, at: StoryStateTests.tuesday)
        #expect(try store.storyCandidates(watch: "w", fingerprint: copy, eventWindow: 3600) == [first])
        #expect(try store.storyCandidates(watch: "w", fingerprint: copy, eventWindow: 3600) == [first])   // from the cache

        #expect(try store.pruneStories(olderThan: StoryStateTests.tuesday.addingTimeInterval(60)) == 1)
        // The next member takes row 1 again: another alert, story and level.
        var second = Self.member("00000000000000b2", story: "00000000000000b2")
        second.level = .notice
        try store.recordStoryMember(second, at: StoryStateTests.tuesday.addingTimeInterval(120))
        #expect(try store.storyCandidates(watch: "w", fingerprint: copy, eventWindow: 3600) == [second])
    }
}
