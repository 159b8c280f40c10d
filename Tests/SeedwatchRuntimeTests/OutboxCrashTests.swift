import Foundation
import SeedwatchCore
import SeedwatchRuntime
import SeedwatchTesting
import Testing

/// A crash between writing the alert and recording it. Each "process lifetime" is a scope
/// with its own `StateStore` and `AlertLogWriter`; a crash is a scope left before the remaining steps.
@Suite struct OutboxCrashTests {
    let watch = AlertFixtures.watch
    let key = AlertFixtures.articleKey("k-1")
    let id = AlertFixtures.alertID("k-1")
    let line = AlertFixtures.line("k-1")

    /// What the log holds after restart: exactly one line for k-1, an alert about Kim and Putin.
    func expectExactlyOneK1Line(in folder: TemporaryFolder, files: [String] = ["alerts.jsonl"]) throws {
        let lines = files.flatMap { splitLines(folder.bytes($0)) }
        let entries = try lines.map { try AlertLogEntry.decode(line: $0) }
        #expect(entries.map(\.id) == [id])
        #expect(entries.first?.level == .alert)
        #expect(Set(entries.first?.actors.map(\.id) ?? []) == ["kim_jong_un", "vladimir_putin"])
        #expect(entries.first?.title == "Kim Jong Un meets Putin")
    }

    /// The files of `folder` as a killed process leaves them on disk: the database, its WAL (not
    /// checkpointed: the dead process never closed its connection) and the log; the `-shm` index is
    /// rebuilt by SQLite from the WAL. The copy is taken while the "dead" objects are still open.
    func crashImage(of folder: TemporaryFolder) throws -> TemporaryFolder {
        let image = try TemporaryFolder()
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where !name.hasSuffix("-shm") {
            try FileManager.default.copyItem(atPath: folder.file(name), toPath: image.file(name))
        }
        return image
    }

    /// A later poll of the same feed still carries k-1: it must not alert again.
    func pollAgain(_ folder: TemporaryFolder) throws {
        let store = try StateStore(path: folder.file("state.sqlite"))
        let delivery = OutboxDelivery(store: store, sink: try AlertLogWriter(path: folder.file("alerts.jsonl")))
        #expect(try delivery.reconcile() == .init(alreadyInLog: 0, appended: 0))
        #expect(try !delivery.decide(articleKey: key, watch: watch, contentHash: "c", alert: (id, line)))
        #expect(try store.counts() == StateCounts(seenArticles: 1, pendingAlerts: 0, writtenAlerts: 1, feeds: 0, processedFiles: 0))
    }

    @Test func alertIDIsTheDesignHashOfWatchArticleKeyAndModelVersion() {
        #expect(id.count == 16)
        #expect(id == ArticleIdentity.alertID(watch: "china-russia-north-korea",
                                              articleKey: "feed:https://news.example/world/rss.xml\u{0}k-1",
                                              modelVersion: AlertFixtures.modelVersion))
        #expect(String(decoding: line, as: UTF8.self).hasPrefix("{\"id\":\"\(id)\","))
    }

    @Test func crashAfterCommitBeforeAppendDeliversOnceAtRestart() throws {
        let liveFolder = try TemporaryFolder()
        defer { liveFolder.remove() }
        // First life: the decision commits as pending, then SIGKILL before the append. The dead
        // process's connection is never closed, so its WAL is not checkpointed.
        let deadStore = try StateStore(path: liveFolder.file("state.sqlite"))
        #expect(try deadStore.commitDecision(articleKey: key, watch: watch, contentHash: "c", alertID: id, alertLine: line))
        #expect(liveFolder.bytes("alerts.jsonl").isEmpty)
        #expect(FileManager.default.fileExists(atPath: liveFolder.file("state.sqlite-wal")))
        let folder = try withExtendedLifetime(deadStore) { try crashImage(of: liveFolder) }
        defer { folder.remove() }
        do { // Restart from the crash image: reconciliation appends the pending alert.
            let store = try StateStore(path: folder.file("state.sqlite"))
            let writer = try AlertLogWriter(path: folder.file("alerts.jsonl"))
            #expect(try OutboxDelivery.reconcile(store: store, writer: writer) == .init(alreadyInLog: 0, appended: 1))
            #expect(try store.outboxState(alertID: id) == "written")
        }
        try expectExactlyOneK1Line(in: folder)
        try pollAgain(folder)
        try expectExactlyOneK1Line(in: folder)
    }

    @Test func crashAfterAppendBeforeMarkDoesNotDuplicate() throws {
        let liveFolder = try TemporaryFolder()
        defer { liveFolder.remove() }
        // First life: commit, append + fdatasync, then SIGKILL before marking written.
        let deadStore = try StateStore(path: liveFolder.file("state.sqlite"))
        let deadWriter = try AlertLogWriter(path: liveFolder.file("alerts.jsonl"))
        #expect(try deadStore.commitDecision(articleKey: key, watch: watch, contentHash: "c", alertID: id, alertLine: line))
        try deadWriter.append(line)
        let folder = try withExtendedLifetime((deadStore, deadWriter)) { try crashImage(of: liveFolder) }
        defer { folder.remove() }
        do { // Restart from the crash image.
            let store = try StateStore(path: folder.file("state.sqlite"))
            #expect(try store.outboxState(alertID: id) == "pending")
            let writer = try AlertLogWriter(path: folder.file("alerts.jsonl"))
            #expect(try OutboxDelivery.reconcile(store: store, writer: writer) == .init(alreadyInLog: 1, appended: 0))
            #expect(try store.outboxState(alertID: id) == "written")
        }
        try expectExactlyOneK1Line(in: folder)
        try pollAgain(folder)
        try expectExactlyOneK1Line(in: folder)
    }

    @Test func crashAfterAppendThenRotationFindsTheLineInTheRotatedFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        do {
            let store = try StateStore(path: folder.file("state.sqlite"))
            let writer = try AlertLogWriter(path: folder.file("alerts.jsonl"))
            #expect(try store.commitDecision(articleKey: key, watch: watch, contentHash: "c", alertID: id, alertLine: line))
            try writer.append(line)
        }
        // logrotate ran while the daemon was down.
        try FileManager.default.moveItem(atPath: folder.file("alerts.jsonl"), toPath: folder.file("alerts.jsonl.1"))
        do {
            let store = try StateStore(path: folder.file("state.sqlite"))
            let writer = try AlertLogWriter(path: folder.file("alerts.jsonl"))
            #expect(try OutboxDelivery.reconcile(store: store, writer: writer) == .init(alreadyInLog: 1, appended: 0))
        }
        #expect(folder.bytes("alerts.jsonl").isEmpty)
        try expectExactlyOneK1Line(in: folder, files: ["alerts.jsonl.1", "alerts.jsonl"])
    }

    @Test func failedAppendStaysPendingAndIsDeliveredOnceByReconcile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try StateStore(path: folder.file("state.sqlite"))
        let sink = InMemoryAlertSink()
        let delivery = OutboxDelivery(store: store, sink: sink)
        sink.failNextAppends(1)
        #expect(throws: InMemoryAlertSink.SimulatedFailure.self) {
            try delivery.decide(articleKey: key, watch: watch, contentHash: "c", alert: (id, line))
        }
        #expect(sink.lines.isEmpty)
        #expect(try store.outboxState(alertID: id) == "pending")
        #expect(try !delivery.decide(articleKey: key, watch: watch, contentHash: "c", alert: (id, line)))
        #expect(try delivery.reconcile() == .init(alreadyInLog: 0, appended: 1))
        #expect(try delivery.reconcile() == .init(alreadyInLog: 0, appended: 0))
        #expect(sink.lines == [line])
    }

    @Test func normalDeliveryWritesOneLinePerNewDecision() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try StateStore(path: folder.file("state.sqlite"))
        let sink = InMemoryAlertSink()
        let delivery = OutboxDelivery(store: store, sink: sink)
        for item in ["k-1", "k-2", "k-1", "k-3", "k-2"] {
            try delivery.decide(articleKey: AlertFixtures.articleKey(item), watch: watch, contentHash: item,
                                alert: (AlertFixtures.alertID(item), AlertFixtures.line(item)))
        }
        #expect(sink.lines == ["k-1", "k-2", "k-3"].map(AlertFixtures.line))
        #expect(try sink.containsAlertID(AlertFixtures.alertID("k-2")))
        #expect(try !sink.containsAlertID(AlertFixtures.alertID("k-4")))
        #expect(try store.counts() == StateCounts(seenArticles: 3, pendingAlerts: 0, writtenAlerts: 3, feeds: 0, processedFiles: 0))
    }
}
