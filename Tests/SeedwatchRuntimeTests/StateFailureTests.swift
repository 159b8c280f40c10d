import Foundation
import GRDB
import Logging
import SeedwatchCore
import SeedwatchRuntime
import Testing

/// What the daemon does when its state database fails under it: locked by another process,
/// pruned for retention, or deleted and started again empty.
@Suite("State failures: locked, pruned, reset")
struct StateFailureTests {
    /// Holds a write lock on the database at `path` (another process's `BEGIN IMMEDIATE`) until `release()`.
    final class WriteLock {
        let queue: DatabaseQueue
        init(path: String) throws {
            var configuration = Configuration()
            configuration.allowsUnsafeTransactions = true
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.writeWithoutTransaction { try $0.execute(sql: "BEGIN IMMEDIATE") }
        }
        func release() throws {
            try queue.writeWithoutTransaction { try $0.execute(sql: "COMMIT") }
        }
    }

    @Test func aFileDecidedWhileTheDatabaseIsLockedIsProcessedOnceTheLockIsGone() async throws {
        let f = try PipelineFixture(busyTimeout: 0.05)
        defer { f.folder.remove() }
        let file = try f.drop("locked.txt", "Putin statement\nPutin spoke today.\n")
        let lock = try WriteLock(path: f.folder.url("state/seedwatch.sqlite").path)
        await f.process(file)
        #expect(f.alerts.isEmpty)
        #expect(f.dropFolder.deferredFileCount == 1)
        #expect(f.recorder.lines(.warning, "file deferred; it will be processed again").map(\.path)
                == [f.folder.path + "/drop/locked.txt"])
        // Still locked: the retry fails quietly and keeps the file.
        #expect(await f.dropFolder.retryDeferredFiles() == 0)
        #expect(f.recorder.lines(.warning, "file deferred; it will be processed again").count == 1)
        try lock.release()
        #expect(await f.dropFolder.retryDeferredFiles() == 1)
        #expect(f.dropFolder.deferredFileCount == 0)
        #expect(f.alerts.map { $0["title"] as? String } == ["Putin statement"])
        // Recorded as processed now, and a second retry or the same file again changes nothing.
        #expect(await f.dropFolder.retryDeferredFiles() == 0)
        await f.process(file)
        #expect(f.alerts.count == 1)
    }

    /// A full state database (SQLITE_FULL, as on a full disk) defers the files with the cause in
    /// their deferral, not a bare "group commit failed"; with room again they are decided once.
    @Test func aFullStateDatabaseDefersFilesSayingSo() async throws {
        let f = try PipelineFixture(groupLimits: GroupCommitTests.oneGroup)
        defer { f.folder.remove() }
        let files = try GroupCommitTests.alertingBurst(f, count: 200)
        try f.store.capSizeAtCurrentPages(true)
        await f.dropFolder.process(files, maxBytes: 1 << 20)
        #expect(f.alerts.isEmpty)
        #expect(f.dropFolder.deferredFileCount == 200)
        let reasons = f.recorder.lines(.warning, "file deferred; it will be processed again").compactMap(\.reason)
        #expect(reasons.count == 200)
        // The first failure says what happened; SQLite then aborts the group's transaction, and
        // the files after it name that first cause too, not "Transaction was aborted".
        let full = "state database full: no space left on its file system (SQLite 13, SQLITE_FULL)"
        #expect(reasons.first == "decision failed: " + full)
        #expect(Set(reasons) == ["decision failed: " + full, "state lookup failed: " + full, "group commit failed: " + full],
                "\(Set(reasons))")

        try f.store.capSizeAtCurrentPages(false)
        #expect(await f.dropFolder.retryDeferredFiles() == 200)
        #expect(f.alerts.count == 200)
        #expect(Set(GroupCommitTests.ids(f)).count == 200)
    }

    @Test func aFileWhoseAlertCouldNotBeWrittenIsRecordedOnlyAfterTheRetry() async throws {
        let f = try PipelineFixture()
        defer { f.folder.remove() }
        // The log's folder is replaced by a file: the append fails, the decision stands as pending.
        try FileManager.default.removeItem(at: f.folder.url("log"))
        try Data("not a folder".utf8).write(to: f.folder.url("log"))
        let file = try f.drop("a.txt", "Kim Jong Un statement\nKim Jong Un spoke today.\n")
        await f.process(file)
        #expect(f.dropFolder.deferredFileCount == 1)
        try FileManager.default.removeItem(at: f.folder.url("log"))
        #expect(await f.processor.retryPendingAlerts() == 1)
        #expect(await f.dropFolder.retryDeferredFiles() == 1)
        #expect(f.alerts.map { $0["title"] as? String } == ["Kim Jong Un statement"])
        #expect(try f.store.processedFileHash(device: file.device, inode: file.inode, size: file.size,
                                              mtimeNanoseconds: file.modificationTimeNanoseconds)
                == ArticleIdentity.sha256Hex(Array("Kim Jong Un statement\nKim Jong Un spoke today.\n".utf8)))
    }

    @Test func retentionPrunesPolledFeedItemsOnlyNeverDroppedFilesOrFeedFileItems() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try StateStore(path: folder.file("state.sqlite"))
        let t0 = Date(timeIntervalSince1970: 1_780_000_000)
        let fileKey = "file:" + String(repeating: "ab", count: 32)
        let feedFileKey = ArticleIdentity.feedKey(feedURL: "file", itemKey: "urn:item:1")
        let polledKey = ArticleIdentity.feedKey(feedURL: "https://news.example/rss", itemKey: "urn:item:1")
        for key in [fileKey, feedFileKey, polledKey] {
            #expect(try store.commitDecision(articleKey: key, watch: "w", contentHash: "h", alertID: nil, alertLine: nil, at: t0))
        }
        let removed = try store.pruneSeen(olderThan: t0.addingTimeInterval(100 * 86_400 - 90 * 86_400))
        #expect(removed == 1)
        #expect(try store.isSeen(articleKey: fileKey, watch: "w"))
        #expect(try store.isSeen(articleKey: feedFileKey, watch: "w"))
        #expect(try !store.isSeen(articleKey: polledKey, watch: "w"))
    }

    @Test func alertsAlreadyInTheLogAreNotWrittenAgainAfterTheDatabaseWasReset() async throws {
        // The first life: one alert written.
        let first = try PipelineFixture()
        defer { first.folder.remove() }
        await first.process(try first.drop("a.txt", "Putin statement\nPutin spoke today.\n"))
        let id = try #require(first.alerts.first?["id"] as? String)
        #expect(first.writer.loggedAlertIDs() == [id])
        // A fresh database beside the same log: the start-up passes the log's ids.
        let second = try PipelineFixture(alreadyLogged: first.writer.loggedAlertIDs())
        defer { second.folder.remove() }
        await second.process(try second.drop("a-copy.txt", "Putin statement\nPutin spoke today.\n"))
        await second.process(try second.drop("b.txt", "Xi Jinping statement\nXi Jinping spoke today.\n"))
        #expect(second.alerts.map { $0["title"] as? String } == ["Xi Jinping statement"])
        let key = "file:" + ArticleIdentity.sha256Hex(Array("Putin statement\nPutin spoke today.\n".utf8))
        #expect(try second.store.isSeen(articleKey: key, watch: "test-watch"))
        // The seen mark keeps the logged alert's id: a later edit or content change knows it alerted.
        #expect(try second.store.seenDecision(articleKey: key, watch: "test-watch")?.alertID == id)
        #expect(second.recorder.lines(.info, "alert already in the alert log (the state database was reset); not written again").count == 1)
    }

    @Test func aDeletedDatabaseFileIsNoticed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try StateStore(path: folder.file("state.sqlite"))
        #expect(!store.fileWasReplaced)
        try FileManager.default.removeItem(atPath: folder.file("state.sqlite"))
        #expect(store.fileWasReplaced)
    }
}
