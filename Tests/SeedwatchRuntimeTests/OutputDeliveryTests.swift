import Foundation
import GRDB
import Logging
import SeedwatchCore
@testable import SeedwatchRuntime
import SeedwatchTesting
import Synchronization
import Testing

/// An output sink that answers from a script, one outcome per send, and records what it was sent.
final class ScriptedOutputSink: AlertSink {
    let name: String
    private let state: Mutex<(script: [AlertSendOutcome], sent: [String])>

    init(name: String, script: [AlertSendOutcome]) {
        self.name = name
        state = Mutex((script, []))
    }

    var sent: [String] { state.withLock { $0.sent } }

    func send(alertID: String, line: [UInt8]) async -> AlertSendOutcome {
        state.withLock { s in
            s.sent.append(alertID)
            return s.script.isEmpty ? .delivered : s.script.removeFirst()
        }
    }
}

@Suite("Outputs behind the outbox")
struct OutputDeliveryTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func noticeLine(_ itemKey: String) -> [UInt8] {
        var record = AlertFixtures.record(itemKey)
        record.level = .notice
        return AlertEncoding.line(record)
    }

    /// A store with outputs `hook` (alerts) and `desk` (notices too), holding alert k-1 and notice k-2.
    func storeWithTwoAlerts(_ folder: TemporaryFolder) throws -> StateStore {
        let store = try StateStore(path: folder.file("state.sqlite"))
        store.setOutputRoutes([OutputRoute(name: "hook", minimumLevel: .alert), OutputRoute(name: "desk", minimumLevel: .notice)])
        #expect(try store.commitDecision(articleKey: AlertFixtures.articleKey("k-1"), watch: AlertFixtures.watch, contentHash: "c1",
                                         alertID: AlertFixtures.alertID("k-1"), alertLine: AlertFixtures.line("k-1"), at: t0))
        #expect(try store.commitDecision(articleKey: AlertFixtures.articleKey("k-2"), watch: AlertFixtures.watch, contentHash: "c2",
                                         alertID: AlertFixtures.alertID("k-2"), alertLine: noticeLine("k-2"), at: t0.addingTimeInterval(1)))
        return store
    }

    @Test func eachOutputGetsARowPerAlertItsMinimumLevelAccepts() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try storeWithTwoAlerts(folder)
        let k1 = AlertFixtures.alertID("k-1"), k2 = AlertFixtures.alertID("k-2")
        #expect(try store.dueDeliveries(output: "hook", at: t0.addingTimeInterval(5)).map(\.alertID) == [k1])
        #expect(try store.dueDeliveries(output: "desk", at: t0.addingTimeInterval(5)).map(\.alertID) == [k1, k2])
        #expect(try store.dueDeliveries(output: "desk", at: t0).map(\.alertID) == [k1])
        #expect(try store.dueDeliveries(output: "hook", at: t0).first?.line == AlertFixtures.line("k-1"))
        // The alert log's own state is untouched: both wait for the log as before.
        #expect(try store.pendingAlerts().map(\.id) == [k1, k2])
        #expect(try store.appliedMigrations().contains("v6-output-deliveries"))
    }

    @Test func aFailingOutputRetriesWithBackOffAndHoldsUpNoOther() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try storeWithTwoAlerts(folder)
        let k1 = AlertFixtures.alertID("k-1"), k2 = AlertFixtures.alertID("k-2")
        let down = ScriptedOutputSink(name: "hook", script: [.failed(error: "HTTP 503", retryAfter: nil)])
        let up = ScriptedOutputSink(name: "desk", script: [])
        let retry = DeliveryRetry(baseSeconds: 2, capSeconds: 3600, giveUpAfterSeconds: 86_400)
        let logger = Logger(label: "test")
        let now = t0.addingTimeInterval(10)
        let hook = OutputDeliveryWorker(sink: down, store: store, retry: retry, logger: logger, random: { 1 })
        let desk = OutputDeliveryWorker(sink: up, store: store, retry: retry, logger: logger, random: { 1 })

        var round = await hook.deliverDue(now: { now })
        #expect(round == .init(delivered: 0, retried: 1, dead: 0))
        #expect(try store.deliveryState(alertID: k1, output: "hook") == "pending")
        #expect(try store.nextDeliveryDue(output: "hook") == now.addingTimeInterval(2))
        #expect(try store.dueDeliveries(output: "hook", at: now.addingTimeInterval(1.9)).isEmpty)

        round = await desk.deliverDue(now: { now })
        #expect(round == .init(delivered: 2, retried: 0, dead: 0))
        #expect(up.sent == [k1, k2])

        round = await hook.deliverDue(now: { now.addingTimeInterval(2) })
        #expect(round == .init(delivered: 1, retried: 0, dead: 0))
        #expect(down.sent == [k1, k1])
        let counts = try store.outputDeliveryCounts()
        var hookCounts = OutputDeliveryCounts()
        hookCounts.delivered = 1
        hookCounts.lastError = "HTTP 503"
        hookCounts.lastErrorAt = now
        #expect(counts["hook"] == hookCounts)
        #expect(counts["desk"]?.delivered == 2)
        #expect(counts["log"]?.pending == 2)
    }

    @Test func rejectedOrExpiredDeliveriesBecomeDeadLettersThatRetryRevives() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try storeWithTwoAlerts(folder)
        let k1 = AlertFixtures.alertID("k-1"), k2 = AlertFixtures.alertID("k-2")
        let sink = ScriptedOutputSink(name: "desk", script: [.rejected(error: "HTTP 404 (permanent)"),
                                                             .failed(error: "timed out", retryAfter: nil)])
        let retry = DeliveryRetry(baseSeconds: 2, capSeconds: 3600, giveUpAfterSeconds: 60)
        let worker = OutputDeliveryWorker(sink: sink, store: store, retry: retry, logger: Logger(label: "test"), random: { 0 })
        // k-1 is refused for good; k-2 fails after its give-up time (started t0+1, now t0+61).
        let late = t0.addingTimeInterval(61)
        #expect(await worker.deliverDue(now: { late }) == .init(delivered: 0, retried: 0, dead: 2))
        #expect(try store.deliveryState(alertID: k1, output: "desk") == "dead")
        #expect(try store.deliveryState(alertID: k2, output: "desk") == "dead")
        #expect(try store.outputDeliveryCounts()["desk"]?.failed == 2)
        // Dead letters survive pruning, and so do their lines.
        try store.markWritten(alertID: k1, at: t0)
        try store.pruneSeen(olderThan: t0.addingTimeInterval(86_400 * 365))
        #expect(try store.outboxState(alertID: k1) == "written")

        #expect(try store.retryDeadLetters(output: "desk", at: late) == 2)
        #expect(await worker.deliverDue(now: { late }) == .init(delivered: 2, retried: 0, dead: 0))
        #expect(sink.sent == [k1, k2, k1, k2])
        #expect(try store.retryDeadLetters(output: "desk", at: late) == 0)
        // Delivered to desk, but hook still owes k-1: its line stays until hook has it too.
        try store.pruneSeen(olderThan: t0.addingTimeInterval(86_400 * 365))
        #expect(try store.outboxState(alertID: k1) == "written")
        try store.markDelivered(alertID: k1, output: "hook", at: late)
        try store.pruneSeen(olderThan: t0.addingTimeInterval(86_400 * 365))
        #expect(try store.outboxState(alertID: k1) == nil)
        #expect(try store.deliveryState(alertID: k1, output: "desk") == nil)
    }

    @Test func aDatabaseOfTheReleaseBeforeOutputsOpensAndKeepsItsPendingAlert() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        do {
            let pool = try DatabasePool(path: folder.file("state.sqlite"))
            try StateSchema.migrator.migrate(pool, upTo: "v3-article-versions")
            try pool.write { db in
                try db.execute(sql: """
                    INSERT INTO outbox (alert_id, watch, article_key, line, state, created_at)
                    VALUES (?, ?, ?, ?, 'pending', ?)
                    """, arguments: [AlertFixtures.alertID("k-1"), AlertFixtures.watch, Data("k".utf8),
                                     Data(AlertFixtures.line("k-1")), t0.timeIntervalSince1970])
            }
            try pool.close()
        }
        let store = try StateStore(path: folder.file("state.sqlite"))
        store.setOutputRoutes([OutputRoute(name: "hook", minimumLevel: .alert)])
        #expect(try store.pendingAlerts().map(\.id) == [AlertFixtures.alertID("k-1")])
        // An alert from before the outputs existed goes to the alert log only.
        #expect(try store.dueDeliveries(output: "hook", at: t0.addingTimeInterval(10)).isEmpty)
        #expect(try store.appliedMigrations() == ["v1-state", "v2-feed-last-success", "v3-article-versions",
                                                 "v4-item-keys-without-tracking", "v4-feed-last-full-fetch",
                                                 "v5-history-and-daemon-status", "v6-output-deliveries",
                                                 "v7-story-members", "v8-output-digests", "v9-story-lead",
                                                 "v10-story-undated", "v11-story-compact", "v12-story-summary",
                                                 "v13-story-span", "v14-feed-state-current-url", "v15-article-version-text", "v16-feed-identity-notes"])
    }
}

/// The outbox's sinks: the alert log first, then the queued outputs, each reconciling on its own.
@Suite("Sinks behind the outbox")
struct OutboxSinkTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    /// A durable sink under another name than the alert log's, queued like an output.
    struct ArchiveSink: DurableAlertSink {
        let inner = InMemoryAlertSink()
        var name: String { "archive" }
        func append(_ line: [UInt8]) throws -> [AlertLogWarning] { try inner.append(line) }
        func containsAlertID(_ id: String) throws -> Bool { try inner.containsAlertID(id) }
    }

    @Test func theAlertLogIsTheFirstSinkAndEachOutputGetsItsRouteAndWorker() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try StateStore(path: folder.file("state.sqlite"))
        let retry = DeliveryRetry(baseSeconds: 2, capSeconds: 3600, giveUpAfterSeconds: 60)
        let outbox = OutboxDelivery(store: store, sink: InMemoryAlertSink(), outputs: [
            QueuedAlertSink(sink: ScriptedOutputSink(name: "hook", script: []), minimumLevel: .alert, retry: retry),
            QueuedAlertSink(sink: ScriptedOutputSink(name: "desk", script: []), minimumLevel: .notice, retry: retry),
        ])
        #expect(outbox.sinkNames == ["log", "hook", "desk"])
        // `per: story` is the default: repeats of a story get no row (issue 12).
        #expect(outbox.outputRoutes == [OutputRoute(name: "hook", minimumLevel: .alert, skipsRepeats: true),
                                        OutputRoute(name: "desk", minimumLevel: .notice, skipsRepeats: true)])
        #expect(outbox.outputWorkers(logger: Logger(label: "test")).map(\.sink.name) == ["hook", "desk"])
        #expect(outbox.outputWorkers(logger: Logger(label: "test")).map(\.retry) == [retry, retry])
    }

    @Test func aQueuedSinkThatAlreadyHoldsAnAlertIsNotSentItAgain() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try StateStore(path: folder.file("state.sqlite"))
        store.setOutputRoutes([OutputRoute(name: "archive", minimumLevel: .notice)])
        let k1 = AlertFixtures.alertID("k-1"), k2 = AlertFixtures.alertID("k-2")
        for (n, key) in ["k-1", "k-2"].enumerated() {
            #expect(try store.commitDecision(articleKey: AlertFixtures.articleKey(key), watch: AlertFixtures.watch,
                                             contentHash: "c\(n)", alertID: AlertFixtures.alertID(key),
                                             alertLine: AlertFixtures.line(key), at: t0.addingTimeInterval(Double(n))))
        }
        // k-1 reached the archive before a crash lost the commit that records it.
        let archive = ArchiveSink()
        _ = try archive.append(AlertFixtures.line("k-1"))
        let worker = OutputDeliveryWorker(sink: archive, store: store, retry: DeliveryRetry(giveUpAfterSeconds: 60),
                                          logger: Logger(label: "test"), random: { 0 })
        #expect(await worker.deliverDue(now: { self.t0.addingTimeInterval(5) }) == .init(delivered: 2, retried: 0, dead: 0))
        #expect(archive.inner.lines == [AlertFixtures.line("k-1"), AlertFixtures.line("k-2")])
        #expect(try store.deliveryState(alertID: k1, output: "archive") == "delivered")
        #expect(try store.deliveryState(alertID: k2, output: "archive") == "delivered")
        // The alert log's own state is untouched by the archive's deliveries.
        #expect(try store.pendingAlerts().map(\.id) == [k1, k2])
    }

    @Test func aDurableSinksSendIsItsAppendAndAFailureIsRetried() async throws {
        let sink = InMemoryAlertSink()
        #expect(sink.name == "log")
        #expect(await sink.send(alertID: AlertFixtures.alertID("k-1"), line: AlertFixtures.line("k-1")) == .delivered)
        #expect(sink.lines == [AlertFixtures.line("k-1")])
        #expect(try sink.reconcile(alertID: AlertFixtures.alertID("k-1")) == .alreadyDelivered)
        #expect(try sink.reconcile(alertID: AlertFixtures.alertID("k-2")) == .send)
        sink.failNextAppends(1)
        #expect(await sink.send(alertID: AlertFixtures.alertID("k-2"), line: AlertFixtures.line("k-2"))
            == .failed(error: "SimulatedFailure()", retryAfter: nil))
        #expect(try ScriptedOutputSink(name: "hook", script: []).reconcile(alertID: AlertFixtures.alertID("k-1")) == .send)
    }
}
