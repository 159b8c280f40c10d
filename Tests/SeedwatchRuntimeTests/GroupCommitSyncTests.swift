import Foundation
import SeedwatchCore
import SeedwatchRuntime
import SeedwatchTesting
import Testing

/// What one group commit of a burst costs (issue 15 item 5): the daemon's groups hold 512 articles
/// or 0.5 s, and a group's alerts are marked written in a transaction without its own WAL sync,
/// the state store staying at `synchronous=FULL` for decisions, with its savepoint journals in memory.
@Suite("Group commit: group size and the syncs of a group")
struct GroupCommitSyncTests {
    @Test("the daemon's groups close at 512 articles or after 0.5 s")
    func daemonLimits() {
        #expect(GroupCommitLimits.daemon == GroupCommitLimits(maxArticles: 512, maxSeconds: 0.5))
        let limits = GroupCommitLimits.daemon
        #expect(!limits.isReached(articles: 511, openedAt: 10, now: 10.499))
        #expect(limits.isReached(articles: 512, openedAt: 10, now: 10))
        #expect(limits.isReached(articles: 1, openedAt: 10, now: 10.5))
    }

    @Test("a group's alerts are written once and marked written; the store stays at synchronous FULL")
    func marksWithoutASyncOfTheirOwn() async throws {
        let (f, log) = try GroupCommitTests.hooked(GroupCommitTests.oneGroup)
        defer { f.folder.remove() }
        await f.dropFolder.process(try GroupCommitTests.alertingBurst(f, count: 3), maxBytes: 1 << 20)
        #expect(log.appends == [3])
        #expect(GroupCommitTests.titles(f) == ["Putin statement 0", "Putin statement 1", "Putin statement 2"])
        #expect(try f.store.counts() == StateCounts(seenArticles: 3, pendingAlerts: 0, writtenAlerts: 3, feeds: 0, processedFiles: 3))
        #expect(try f.store.pendingAlerts().isEmpty)
        let durability = try f.store.durability()
        #expect(durability.journalMode == "wal")
        #expect(durability.synchronous == 2)
        #expect(try f.store.temporaryStorage() == 2)  // savepoint journals in memory
        #expect(try f.store.writerCacheSize() == 16_384)  // KiB: a group's index pages stay in memory
    }
}
