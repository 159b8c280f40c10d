import Foundation
import SeedwatchCore
import SeedwatchRuntime
import SeedwatchTesting
import Testing

/// The poller's feed states are written in batches (issue 15 item 5): what waits is seen by the
/// poller, written when the last poll in flight ends, when 64 wait, or at once for a promised wait.
@Suite("Feed states written in batches")
struct FeedStateBatchTests {
    static let at = Date(timeIntervalSince1970: 1_787_288_400)  // 2026-08-21T05:00:00Z

    static func state(_ n: Int, status: Int = 304) -> FeedHTTPState {
        FeedHTTPState(url: "http://127.0.0.1:9/feed-\(n)", etag: "\"e\(n)\"", nextPoll: at.addingTimeInterval(900), lastStatus: status,
                      lastFetch: at)
    }

    @Test("states saved during polls are read back at once and stored when the last poll ends")
    func statesWaitForTheLastPollInFlight() throws {
        let folder = try TemporaryFolder("feed-state-batch")
        defer { folder.remove() }
        let store = try StateStore(path: folder.file("state.sqlite"))
        let batch = FeedStateBatch(store: store, logger: LogRecorder().logger(), maxWaitSeconds: 3600)
        batch.pollBegan()
        batch.pollBegan()
        batch.save(Self.state(1), now: false)
        #expect(try store.feedState(url: Self.state(1).url) == nil)
        #expect(try batch.state(url: Self.state(1).url) == Self.state(1))
        batch.pollEnded()
        #expect(try store.counts().feeds == 0)  // one poll still in flight
        batch.save(Self.state(2), now: false)
        batch.pollEnded()
        #expect(try store.allFeedStates() == [Self.state(1), Self.state(2)])
    }

    @Test("a state that carries a promised wait is stored at once, with those waiting before it")
    func aPromisedWaitIsStoredAtOnce() throws {
        let folder = try TemporaryFolder("feed-state-batch")
        defer { folder.remove() }
        let store = try StateStore(path: folder.file("state.sqlite"))
        let batch = FeedStateBatch(store: store, logger: LogRecorder().logger(), maxWaitSeconds: 3600)
        batch.pollBegan()
        batch.save(Self.state(1), now: false)
        batch.save(Self.state(2, status: 429), now: true)
        #expect(try store.allFeedStates() == [Self.state(1), Self.state(2, status: 429)])
        batch.pollEnded()
    }

    @Test("the 64th waiting state writes the batch; a batch waits at most maxWaitSeconds")
    func batchesAreBoundedByCountAndTime() async throws {
        let folder = try TemporaryFolder("feed-state-batch")
        defer { folder.remove() }
        let store = try StateStore(path: folder.file("state.sqlite"))
        let batch = FeedStateBatch(store: store, logger: LogRecorder().logger(), maxWaitSeconds: 3600)
        batch.pollBegan()
        for n in 0..<63 { batch.save(Self.state(n), now: false) }
        #expect(try store.counts().feeds == 0)
        batch.save(Self.state(63), now: false)
        #expect(FeedStateBatch.maxPending == 64)
        #expect(try store.counts().feeds == 64)

        let timed = FeedStateBatch(store: store, logger: LogRecorder().logger(), maxWaitSeconds: 0.05)
        timed.pollBegan()
        timed.save(Self.state(100), now: false)
        // Bounded at 300 s, as FeedPollerTests' waits: in a parallel run, synchronous tests can hold the
        // 2-thread cooperative pool (and so the flush task) for more than 10 s.
        let deadline = Date().addingTimeInterval(300)
        while try store.feedState(url: Self.state(100).url) == nil && Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(try store.feedState(url: Self.state(100).url) == Self.state(100))
    }

    @Test("a state primed at start serves the first reads; once forgotten, or after a save, the newer one is read")
    func primedStatesServeTheFirstPoll() throws {
        let folder = try TemporaryFolder("feed-state-batch")
        defer { folder.remove() }
        let store = try StateStore(path: folder.file("state.sqlite"))
        let batch = FeedStateBatch(store: store, logger: LogRecorder().logger(), maxWaitSeconds: 3600)
        batch.prime([Self.state(1), Self.state(2)])
        // What `seedwatch feeds reset` would store meanwhile: the primed state is still read …
        try store.saveFeedState(FeedHTTPState(url: Self.state(1).url))
        #expect(try batch.state(url: Self.state(1).url) == Self.state(1))
        // … until the feed's first poll has read it.
        batch.forgetPrimed(url: Self.state(1).url)
        #expect(try batch.state(url: Self.state(1).url) == FeedHTTPState(url: Self.state(1).url))
        // A saved state replaces the primed one.
        batch.pollBegan()
        batch.save(Self.state(2, status: 200), now: false)
        batch.pollEnded()
        #expect(try batch.state(url: Self.state(2).url) == Self.state(2, status: 200))
        // A reload forgets them all.
        batch.prime([Self.state(3)])
        batch.forgetPrimed()
        #expect(try batch.state(url: Self.state(3).url) == nil)
    }

    @Test("a range touch marks the feed's keys seen since the instant and their versions' originals, and nothing else")
    func rangeTouchMarksTheLastDocument() throws {
        let folder = try TemporaryFolder("feed-state-batch")
        defer { folder.remove() }
        let store = try StateStore(path: folder.file("state.sqlite"))
        let a = "https://a.example/rss", b = "https://a.example/rss2", c = "https://c.example/rss"
        func key(_ feed: String, _ item: String) -> String { ArticleIdentity.feedKey(feedURL: feed, itemKey: item) }
        let t0 = Self.at, t1 = Self.at.addingTimeInterval(3600), t2 = Self.at.addingTimeInterval(100 * 86_400)
        // In a's last document (seen at t1): item 1, and "new", an edit of c's item "old" (the edit marks
        // its original seen at t1 too, outside a's keys). Item 2 left a's feed at t0.
        _ = try store.commitDecision(articleKey: key(c, "old"), watch: "w", contentHash: "o", alertID: nil, alertLine: nil, at: t0)
        _ = try store.commitDecision(articleKey: key(a, "2"), watch: "w", contentHash: "2", alertID: nil, alertLine: nil, at: t0)
        _ = try store.commitDecision(articleKey: key(a, "1"), watch: "w", contentHash: "1", alertID: nil, alertLine: nil, at: t1)
        _ = try store.commitUpdateDecision(articleKey: key(a, "new"), originalKey: key(c, "old"), watch: "w", contentHash: "n",
                                           version: ArticleVersion(scope: Array(a.utf8), title: "New", link: nil, published: nil,
                                                                   descriptionHash: nil),
                                           originalAlertID: nil, alertedActorIDs: [], alertID: nil, alertLine: nil, at: t1)
        _ = try store.commitDecision(articleKey: key(b, "1"), watch: "w", contentHash: "b", alertID: nil, alertLine: nil, at: t1)

        try store.saveFeedStates([], rangeTouches: [StateStore.RangeTouch(articleKeyPrefix: key(a, ""), seenSince: t1, at: t2)])
        #expect(try store.pruneSeen(olderThan: t2.addingTimeInterval(-1)) == 2)
        #expect(try [key(a, "1"), key(a, "new"), key(c, "old"), key(a, "2"), key(b, "1")].map { try store.isSeen(articleKey: $0, watch: "w") }
                == [true, true, true, false, false])
    }

    @Test("a document's keys, held as one buffer, mark exactly its items and their versions' originals seen")
    func documentKeysTouchTheirItems() throws {
        let folder = try TemporaryFolder("feed-state-batch")
        defer { folder.remove() }
        let store = try StateStore(path: folder.file("state.sqlite"))
        let a = "https://a.example/rss", c = "https://c.example/rss"
        func key(_ feed: String, _ item: String) -> String { ArticleIdentity.feedKey(feedURL: feed, itemKey: item) }
        let t0 = Self.at, t2 = Self.at.addingTimeInterval(100 * 86_400)
        _ = try store.commitDecision(articleKey: key(c, "old"), watch: "w", contentHash: "o", alertID: nil, alertLine: nil, at: t0)
        _ = try store.commitDecision(articleKey: key(a, "1"), watch: "w", contentHash: "1", alertID: nil, alertLine: nil, at: t0)
        _ = try store.commitDecision(articleKey: key(a, "2"), watch: "w", contentHash: "2", alertID: nil, alertLine: nil, at: t0)
        _ = try store.commitUpdateDecision(articleKey: key(a, "new"), originalKey: key(c, "old"), watch: "w", contentHash: "n",
                                           version: ArticleVersion(scope: Array(a.utf8), title: "New", link: nil, published: nil,
                                                                   descriptionHash: nil),
                                           originalAlertID: nil, alertedActorIDs: [], alertID: nil, alertLine: nil, at: t0)
        let keys = FeedArticleKeys(feedURL: a, itemKeys: ["new", "1", "absent"])
        #expect(keys.strings == [key(a, "new"), key(a, "1"), key(a, "absent")])
        #expect(keys.contains(key(a, "1")) && keys.contains(key(a, "absent")))
        #expect(!keys.contains(key(a, "2")) && !keys.contains(key(c, "1")) && !keys.contains("feed:"))
        let batch = FeedStateBatch(store: store, logger: LogRecorder().logger(), maxWaitSeconds: 3600)
        batch.touch(keys, at: t2)
        batch.flush()
        #expect(try store.pruneSeen(olderThan: t2.addingTimeInterval(-1)) == 1)
        #expect(try [key(a, "1"), key(a, "new"), key(c, "old"), key(a, "2")].map { try store.isSeen(articleKey: $0, watch: "w") }
                == [true, true, true, false])
    }
}
