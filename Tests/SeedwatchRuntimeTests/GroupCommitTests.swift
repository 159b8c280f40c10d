import Foundation
import GRDB
import Logging
import SeedwatchCore
import SeedwatchRuntime
import SeedwatchTesting
import Testing

/// The alert log seen through a hook: records how many lines each append carried (one append is
/// one `fdatasync`), and runs `before`/`after` around each append (a crash image, a stop) or makes
/// the append throw after writing (`failAfterWriting`: the lines are on disk, the caller is told
/// they may not be).
final class HookedAlertLog: DurableAlertSink, @unchecked Sendable {
    struct InjectedFailure: Error {}
    let inner: AlertLogWriter
    private let lock = NSLock()
    private var counts: [Int] = []
    private var beforeHook: (() -> Void)?
    private var afterHook: (() -> Void)?
    private var failing = false

    init(_ inner: AlertLogWriter) { self.inner = inner }

    /// How many lines each append carried, in order.
    var appends: [Int] { lock.withLock { counts } }
    /// Runs before each append writes.
    func before(_ hook: @escaping () -> Void) { lock.withLock { beforeHook = hook } }
    /// Runs after each append has written and synced.
    func after(_ hook: @escaping () -> Void) { lock.withLock { afterHook = hook } }
    /// Appends throw after writing while `on`.
    func failAfterWriting(_ on: Bool) { lock.withLock { failing = on } }

    func append(_ line: [UInt8]) throws -> [AlertLogWarning] { try appendLines([line]) }

    func appendLines(_ lines: [[UInt8]]) throws -> [AlertLogWarning] {
        lock.withLock { beforeHook }?()
        let warnings = try inner.appendLines(lines)
        lock.withLock { counts.append(lines.count) }
        lock.withLock { afterHook }?()
        if lock.withLock({ failing }) { throw InjectedFailure() }
        return warnings
    }

    func containsAlertID(_ id: String) throws -> Bool { try inner.containsAlertID(id) }
}

/// A burst of dropped files decided in group commits (issue 15 item 5): the same alert lines as
/// one by one, one sync per group, and nothing lost or written twice when the process dies
/// between a group's commit, its alert lines and their marking.
@Suite("Group commit of a burst of dropped files")
struct GroupCommitTests {
    /// No limit a test run reaches: one group for the whole burst.
    static let oneGroup = GroupCommitLimits(maxArticles: 100_000, maxSeconds: 3600)

    /// A pipeline whose alert log is seen through a ``HookedAlertLog``.
    static func hooked(_ limits: GroupCommitLimits, folder: WatchedTemporaryFolder? = nil) throws -> (PipelineFixture, HookedAlertLog) {
        var made: HookedAlertLog?
        let f = try PipelineFixture(folder: folder, sink: { writer in
            let log = HookedAlertLog(writer)
            made = log
            return log
        }, groupLimits: limits)
        return (f, made!)
    }

    /// `count` files: every third names Putin (a notice of the test model), the others do not alert.
    static func burst(_ f: PipelineFixture, count: Int = 30) throws -> [ReadyFile] {
        try (0..<count).map { i in
            i % 3 == 0 ? try f.drop("b\(i).txt", "Putin statement \(i)\nPutin spoke today, report \(i).\n")
                : try f.drop("b\(i).txt", "Weather report \(i)\nRain tomorrow, report \(i).\n")
        }
    }

    /// Every file names Putin: each one alerts.
    static func alertingBurst(_ f: PipelineFixture, count: Int) throws -> [ReadyFile] {
        try (0..<count).map { try f.drop("p\($0).txt", "Putin statement \($0)\nPutin spoke today, report \($0).\n") }
    }

    static func titles(_ f: PipelineFixture) -> [String] { f.alerts.compactMap { $0["title"] as? String } }
    static func ids(_ f: PipelineFixture) -> [String] { f.alerts.compactMap { $0["id"] as? String } }

    /// The alert log's lines with the fixture's folder replaced by `ROOT`.
    static func lines(_ f: PipelineFixture) -> [String] {
        let text = (try? String(contentsOf: f.folder.url("log/alerts.jsonl"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map { $0.replacingOccurrences(of: f.folder.path, with: "ROOT") }
    }

    /// The fixture's files as a killed process leaves them (the state database and its WAL, not
    /// checkpointed, the alert log and the drop folder; `-shm` is rebuilt by SQLite), copied while
    /// the "dead" objects are still open.
    static func crashImage(of f: PipelineFixture) throws -> WatchedTemporaryFolder {
        let image = try WatchedTemporaryFolder()
        for sub in ["state", "log", "drop"] {
            try image.makeFolder(sub)
            for name in try FileManager.default.contentsOfDirectory(atPath: f.folder.url(sub).path) where !name.hasSuffix("-shm") {
                try FileManager.default.copyItem(at: f.folder.url(sub + "/" + name), to: image.url(sub + "/" + name))
            }
        }
        return image
    }

    static let expectedTitles = stride(from: 0, to: 30, by: 3).map { "Putin statement \($0)" }

    @Test("a burst committed as groups writes the same alert lines, in the same order, as one by one")
    func groupedBurstWritesTheSameLinesAsOneByOne() async throws {
        let (single, singleLog) = try Self.hooked(Self.oneGroup)
        defer { single.folder.remove() }
        let (grouped, groupedLog) = try Self.hooked(Self.oneGroup)
        defer { grouped.folder.remove() }
        var singleFiles = try Self.burst(single), groupedFiles = try Self.burst(grouped)
        // A copy of an earlier file is the same article: it alerts neither way.
        singleFiles.append(try single.drop("copy.txt", "Putin statement 3\nPutin spoke today, report 3.\n"))
        groupedFiles.append(try grouped.drop("copy.txt", "Putin statement 3\nPutin spoke today, report 3.\n"))

        for file in singleFiles { await single.process(file) }
        await grouped.dropFolder.process(groupedFiles, maxBytes: 1 << 20)

        #expect(Self.titles(single) == Self.expectedTitles)
        #expect(Self.titles(grouped) == Self.expectedTitles)
        #expect(Self.ids(grouped) == Self.ids(single))
        #expect(Set(Self.ids(grouped)).count == 10)
        #expect(Self.lines(grouped) == Self.lines(single))
        #expect(Self.lines(grouped).count == 10)
        // One fdatasync for the burst's ten lines, against one per line.
        #expect(groupedLog.appends == [10])
        #expect(singleLog.appends == Array(repeating: 1, count: 10))
        let expected = StateCounts(seenArticles: 30, pendingAlerts: 0, writtenAlerts: 10, feeds: 0, processedFiles: 31)
        #expect(try single.store.counts() == expected)
        #expect(try grouped.store.counts() == expected)
        #expect(await grouped.processor.counters.filesProcessed == 31)
        #expect(await grouped.processor.counters.alertsWritten == 10)
        #expect(grouped.dropFolder.deferredFileCount == 0)
    }

    @Test("a group closes at its article count or its age")
    func groupsAreBoundedByCountAndTime() async throws {
        let (byCount, byCountLog) = try Self.hooked(GroupCommitLimits(maxArticles: 4, maxSeconds: 3600))
        defer { byCount.folder.remove() }
        await byCount.dropFolder.process(try Self.alertingBurst(byCount, count: 10), maxBytes: 1 << 20)
        #expect(byCountLog.appends == [4, 4, 2])

        let (byTime, byTimeLog) = try Self.hooked(GroupCommitLimits(maxArticles: 100, maxSeconds: 0))
        defer { byTime.folder.remove() }
        await byTime.dropFolder.process(try Self.alertingBurst(byTime, count: 5), maxBytes: 1 << 20)
        #expect(byTimeLog.appends == [1, 1, 1, 1, 1])
        #expect(Self.titles(byTime) == (0..<5).map { "Putin statement \($0)" })
    }

    @Test("killed after a group's alert lines are written, before they are marked: the restart writes none again")
    func crashAfterTheGroupsLinesBeforeTheirMark() async throws {
        var image: WatchedTemporaryFolder?
        do {
            let (dead, log) = try Self.hooked(Self.oneGroup)
            defer { dead.folder.remove() }
            log.after { image = try? Self.crashImage(of: dead) }
            await dead.dropFolder.process(try Self.burst(dead), maxBytes: 1 << 20)
        }
        let folder = try #require(image)
        defer { folder.remove() }
        let restarted = try PipelineFixture(folder: folder, groupLimits: Self.oneGroup)
        #expect(try restarted.store.counts().pendingAlerts == 10)
        #expect(try OutboxDelivery.reconcile(store: restarted.store, writer: restarted.writer) == .init(alreadyInLog: 10, appended: 0))
        // The watcher's start-up scan hands every file over again.
        await restarted.dropFolder.process(try (0..<30).map { try restarted.ready("b\($0).txt") }, maxBytes: 1 << 20)
        #expect(Self.titles(restarted) == Self.expectedTitles)
        #expect(Set(Self.ids(restarted)).count == 10)
        let counts = try restarted.store.counts()
        #expect(counts.seenArticles == 30)
        #expect(counts.pendingAlerts == 0)
        #expect(counts.writtenAlerts == 10)
    }

    @Test("killed after a group commits, before its alert lines are written: the restart writes each once")
    func crashAfterTheGroupsCommitBeforeItsLines() async throws {
        var image: WatchedTemporaryFolder?
        do {
            let (dead, log) = try Self.hooked(Self.oneGroup)
            defer { dead.folder.remove() }
            log.before { image = try? Self.crashImage(of: dead) }
            await dead.dropFolder.process(try Self.burst(dead), maxBytes: 1 << 20)
        }
        let folder = try #require(image)
        defer { folder.remove() }
        let restarted = try PipelineFixture(folder: folder, groupLimits: Self.oneGroup)
        #expect(Self.lines(restarted).isEmpty)
        #expect(try OutboxDelivery.reconcile(store: restarted.store, writer: restarted.writer) == .init(alreadyInLog: 0, appended: 10))
        await restarted.dropFolder.process(try (0..<30).map { try restarted.ready("b\($0).txt") }, maxBytes: 1 << 20)
        #expect(Self.titles(restarted) == Self.expectedTitles)
        #expect(Set(Self.ids(restarted)).count == 10)
        #expect(try restarted.store.counts().writtenAlerts == 10)
    }

    @Test("an append that fails after writing leaves the group's alerts pending; the retry writes none again")
    func aFailedAppendOfAGroupIsRetriedWithoutDuplicates() async throws {
        let (f, log) = try Self.hooked(Self.oneGroup)
        defer { f.folder.remove() }
        log.failAfterWriting(true)
        await f.dropFolder.process(try Self.burst(f), maxBytes: 1 << 20)
        #expect(try f.store.counts().pendingAlerts == 10)
        #expect(f.dropFolder.deferredFileCount == 10)  // the files that alerted, as one by one
        #expect(f.recorder.lines(.error, "alerts committed but not yet in the alert log; they stay pending and are retried").count == 1)
        log.failAfterWriting(false)
        #expect(await f.processor.retryPendingAlerts() == 10)
        #expect(await f.dropFolder.retryDeferredFiles() == 10)
        #expect(Self.titles(f) == Self.expectedTitles)
        #expect(try f.store.counts() == StateCounts(seenArticles: 30, pendingAlerts: 0, writtenAlerts: 10, feeds: 0, processedFiles: 30))
        #expect(log.appends == [10])  // found in the log by the retry, not appended again
    }

    @Test("a group whose transaction cannot begin defers every file; the retry decides them once")
    func aLockedDatabaseDefersTheBurst() async throws {
        let f = try PipelineFixture(busyTimeout: 0.05, groupLimits: Self.oneGroup)
        defer { f.folder.remove() }
        let files = try Self.burst(f)
        let lock = try StateFailureTests.WriteLock(path: f.folder.url("state/seedwatch.sqlite").path)
        await f.dropFolder.process(files, maxBytes: 1 << 20)
        #expect(f.alerts.isEmpty)
        #expect(f.dropFolder.deferredFileCount == 30)
        #expect(f.recorder.lines(.warning, "file deferred; it will be processed again").count == 30)
        try lock.release()
        #expect(await f.dropFolder.retryDeferredFiles() == 30)
        // The retry takes deferred files in path order.
        #expect(Self.titles(f) == [0, 12, 15, 18, 21, 24, 27, 3, 6, 9].map { "Putin statement \($0)" })
        #expect(try f.store.counts() == StateCounts(seenArticles: 30, pendingAlerts: 0, writtenAlerts: 10, feeds: 0, processedFiles: 30))
    }

    @Test("a stop during a burst commits the groups decided; the next start decides the rest, nothing twice")
    func aStopBetweenGroupsLosesNothing() async throws {
        let (f, log) = try Self.hooked(GroupCommitLimits(maxArticles: 3, maxSeconds: 3600))
        log.after { f.processor.activity.requestStop() }
        let files = try Self.alertingBurst(f, count: 9)
        await f.dropFolder.process(files, maxBytes: 1 << 20)
        #expect(log.appends == [3])
        #expect(try f.store.counts().processedFiles == 3)

        let next = try PipelineFixture(folder: f.folder, groupLimits: GroupCommitLimits(maxArticles: 3, maxSeconds: 3600))
        defer { next.folder.remove() }
        await next.dropFolder.process(try (0..<9).map { try next.ready("p\($0).txt") }, maxBytes: 1 << 20)
        #expect(Self.titles(next) == (0..<9).map { "Putin statement \($0)" })
        #expect(try next.store.counts() == StateCounts(seenArticles: 9, pendingAlerts: 0, writtenAlerts: 9, feeds: 0, processedFiles: 9))
    }

    @Test("each file of a group has its history for seedwatch why: seen, read, decided")
    func eachFileOfAGroupHasItsHistory() async throws {
        let f = try PipelineFixture(groupLimits: Self.oneGroup)
        defer { f.folder.remove() }
        let files = try Self.burst(f, count: 3)
        await f.dropFolder.process(files, maxBytes: 1 << 20)
        let alertID = try #require(f.alerts.first?["id"] as? String)
        let text = "Putin statement 0\nPutin spoke today, report 0.\n"
        let score = try #require(f.alerts.first?["score"] as? Double)
        #expect(try f.store.events(subject: files[0].absolutePath) == [
            ArticleEvent(subject: files[0].absolutePath, at: PipelineHistoryTests.time, kind: .seen, detail: "47 bytes"),
            ArticleEvent(subject: files[0].absolutePath, at: PipelineHistoryTests.time, kind: .read, detail: "47 bytes"),
            ArticleEvent(subject: files[0].absolutePath, at: PipelineHistoryTests.time, kind: .decided, watch: "test-watch",
                         level: "notice", score: score, alertID: alertID,
                         articleKey: "file:" + ArticleIdentity.sha256Hex(Array(text.utf8)), detail: "Putin statement 0"),
        ])
        #expect(try f.store.events(subject: files[1].absolutePath).map(\.kind) == [.seen, .read, .decided])
        #expect(try f.store.events(subject: files[2].absolutePath).map(\.kind) == [.seen, .read, .decided])
    }

    @Test("a group waiting for the write lock has its first file in hand, so the watchdog sees the wedge")
    func aGroupWaitingForTheLockIsInHand() async throws {
        let f = try PipelineFixture(busyTimeout: 30, groupLimits: Self.oneGroup)
        defer { f.folder.remove() }
        let files = try Self.burst(f, count: 3)
        let lock = try StateFailureTests.WriteLock(path: f.folder.url("state/seedwatch.sqlite").path)
        let group = Task { await f.dropFolder.process(files, maxBytes: 1 << 20) }
        let deadline = Date().addingTimeInterval(20)
        while f.processor.activity.current == nil && Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        let inHand = f.processor.activity.current
        #expect(inHand?.subject == f.folder.path + "/drop/b0.txt")
        #expect(inHand?.bytes == 47)
        #expect(inHand?.timed == false)
        try lock.release()
        await group.value
        #expect(f.processor.activity.current == nil)
        #expect(Self.titles(f) == ["Putin statement 0"])
    }

    /// Makes every commit of the state database at `path` fail (as SQLite 13, a full disk, fails
    /// it) until `release()`: each new seen mark adds a row whose deferred foreign key has no
    /// parent, which SQLite checks only at COMMIT.
    final class FailingCommits {
        let queue: DatabaseQueue
        init(path: String) throws {
            queue = try DatabaseQueue(path: path)
            try queue.write { db in
                try db.execute(sql: """
                    CREATE TABLE test_commit_gate (id INTEGER PRIMARY KEY);
                    CREATE TABLE test_commit_blocker (gate INTEGER REFERENCES test_commit_gate(id) DEFERRABLE INITIALLY DEFERRED);
                    CREATE TRIGGER test_fail_commit AFTER INSERT ON seen_article
                        BEGIN INSERT INTO test_commit_blocker (gate) VALUES (1); END;
                    """)
            }
        }
        func release() throws {
            try queue.write { try $0.execute(sql: "DROP TRIGGER test_fail_commit") }
        }
    }

    @Test("a group whose commit fails writes no decided history: status and why show only what committed")
    func aFailedCommitLeavesNoDecisionInTheHistory() async throws {
        let f = try PipelineFixture(groupLimits: Self.oneGroup)
        defer { f.folder.remove() }
        let files = try Self.burst(f, count: 3)
        let gate = try FailingCommits(path: f.folder.url("state/seedwatch.sqlite").path)
        await f.dropFolder.process(files, maxBytes: 1 << 20)
        #expect(f.alerts.isEmpty)
        #expect(f.dropFolder.deferredFileCount == 3)
        #expect(f.recorder.lines(.error, "decisions of a group of dropped files failed; the files will be processed again").count == 1)
        #expect(try f.store.lastDecision() == nil)
        #expect(try f.store.events(subject: files[0].absolutePath) == [
            ArticleEvent(subject: files[0].absolutePath, at: PipelineHistoryTests.time, kind: .seen, detail: "47 bytes"),
            ArticleEvent(subject: files[0].absolutePath, at: PipelineHistoryTests.time, kind: .read, detail: "47 bytes"),
            ArticleEvent(subject: files[0].absolutePath, at: PipelineHistoryTests.time, kind: .deferred,
                         detail: "group commit failed: FOREIGN KEY constraint failed (SQLite 19)"),
        ])
        #expect(try f.store.events(subject: files[1].absolutePath).map(\.kind) == [.seen, .read, .deferred])

        try gate.release()
        #expect(await f.dropFolder.retryDeferredFiles() == 3)
        let alertID = try #require(f.alerts.first?["id"] as? String)
        #expect(Self.titles(f) == ["Putin statement 0"])
        #expect(try f.store.events(subject: files[0].absolutePath).map(\.kind) == [.seen, .read, .deferred, .seen, .read, .decided])
        #expect(try f.store.events(subject: files[0].absolutePath).filter { $0.kind == .decided }.map(\.alertID) == [alertID])
        let last = try #require(try f.store.lastDecision())
        #expect(last.kind == .decided && last.subject == files[2].absolutePath && last.alertID == nil)
    }

    @Test("a feed batch whose commit fails writes no decided or recorded history; the retry writes each once")
    func aFailedFeedBatchCommitLeavesNoDecisionInTheHistory() async throws {
        let f = try PipelineFixture(groupLimits: Self.oneGroup)
        defer { f.folder.remove() }
        let feed = "https://example.org/rss"
        func item(_ n: Int, _ title: String, recorded: Bool = false) -> IncomingArticle {
            IncomingArticle(article: Article(title: title, body: "\(title) today."), articleKey: ArticleIdentity.feedKey(feedURL: feed, itemKey: "k-\(n)"),
                            contentHash: "h\(n)", source: .feed(feed, url: "https://example.org/\(n)", guid: "k-\(n)"), origin: feed,
                            recordWithoutAlert: recorded)
        }
        let items = [item(1, "Kim Jong Un statement"), item(2, "Old news", recorded: true)]
        let gate = try FailingCommits(path: f.folder.url("state/seedwatch.sqlite").path)
        let failed = await f.processor.decideBatch(items, origin: feed)
        #expect(failed.handled == 0 && failed.alerts.isEmpty && !failed.allDecided)
        #expect(try f.store.events(subject: Array("https://example.org/1".utf8)).isEmpty)
        #expect(try f.store.events(subject: Array("https://example.org/2".utf8)).isEmpty)
        #expect(try f.store.lastDecision() == nil)
        try gate.release()
        let decided = await f.processor.decideBatch(items, origin: feed)
        #expect(decided.handled == 2 && decided.alerts.count == 1 && decided.recordedWithoutAlert == 1)
        #expect(try f.store.events(subject: Array("https://example.org/1".utf8)).map(\.kind) == [.decided])
        #expect(try f.store.events(subject: Array("https://example.org/2".utf8)).map(\.kind) == [.recorded])
        #expect(try f.store.lastDecision()?.alertID == decided.alerts.first?.id)
        #expect(Self.titles(f) == ["Kim Jong Un statement"])
    }
}
