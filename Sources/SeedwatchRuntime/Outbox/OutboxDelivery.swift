import Foundation
import Logging
import SeedwatchCore
import Synchronization

/// The outbox's delivery to its sinks (DESIGN §7, §11): exactly once to the alert log, the first
/// sink; at least once, deduplicated on the alert's `id`, to each queued output.
///
/// The alert log (a ``DurableAlertSink``) is written in line with each decision, so that a crash
/// between the alert and the commit (the crash-between-alert-and-commit behaviour) never loses
/// or repeats a line:
/// 1. ``StateStore/commitDecision(articleKey:watch:contentHash:alertID:alertLine:version:alertedActorIDs:at:)``
///    commits the seen mark and the alert as `pending` in one transaction, with a pending row for
///    each queued output that takes the alert's level;
/// 2. ``deliver(alertID:line:)`` appends the line (one `write`, then `fdatasync`) and
/// 3. marks it `written`.
///
/// A crash after 1 leaves a pending alert with no line; a crash after 2 leaves a pending alert whose
/// line is in the log. ``reconcile()``, run at start-up before anything new is processed, asks the
/// sink (``AlertSink/reconcile(alertID:)``: the log searches its tail for the alert's `id`) and
/// appends only when the line is absent. Either way the log ends up with exactly one line per alert id.
///
/// The queued outputs (``QueuedAlertSink``) are each delivered by their own
/// ``OutputDeliveryWorker`` and service from their rows of the outbox (``outputWorkers(logger:)``),
/// so an output that is down holds up neither the log nor another output.
///
/// Deliveries to the log and its reconciliation are serialised by a lock, so a retry never races a delivery.
package final class OutboxDelivery: Sendable {
    /// What ``reconcile()`` did.
    package struct ReconcileReport: Sendable, Hashable {
        /// Pending alerts whose line was already in the log: only marked written.
        package var alreadyInLog: Int
        /// Pending alerts appended now, then marked written.
        package var appended: Int

        package init(alreadyInLog: Int, appended: Int) {
            self.alreadyInLog = alreadyInLog
            self.appended = appended
        }
    }

    package let store: StateStore
    /// The first sink, written in line with each decision: the alert log.
    package let sink: any DurableAlertSink
    /// The queued sinks (`outputs:`), in configuration order.
    package let outputs: [QueuedAlertSink]
    private let logger: Logger
    let lock = Mutex(0)

    /// - Parameters:
    ///   - sink: the alert log (memory in tests).
    ///   - outputs: the queued sinks; alerts are queued for them once the store has their routes
    ///     (``StateStore/setOutputRoutes(_:)`` with ``outputRoutes``).
    package init(store: StateStore, sink: any DurableAlertSink, outputs: [QueuedAlertSink] = [],
                logger: Logger = Logger(label: "seedwatch.outbox")) {
        self.store = store
        self.sink = sink
        self.outputs = outputs
        self.logger = logger
    }

    /// Every sink's name, the alert log first.
    package var sinkNames: [String] {
        [sink.name] + outputs.map(\.sink.name)
    }

    /// The routes the store queues new alerts for: one per queued sink.
    package var outputRoutes: [OutputRoute] {
        outputs.map(\.route)
    }

    /// One worker per queued sink that sends each alert, each to run in its own service
    /// (``OutputDeliveryService``). An e-mail sink with a story lookup gets the store's
    /// (``StateStore/storyLines(story:upTo:limit:)``).
    package func outputWorkers(logger: Logger) -> [OutputDeliveryWorker] {
        outputs.filter { $0.digest == nil }.map { OutputDeliveryWorker(sink: withStories($0.sink), store: store, retry: $0.retry, logger: logger) }
    }

    /// One worker per e-mail sink with `digest: hourly|daily` (``DigestDeliveryWorker``).
    /// - Parameter coreActors: the digest timeline's actors (``Digest/coreActors(of:)``).
    package func digestWorkers(coreActors: [Digest.TimelineActor], logger: Logger) -> [DigestDeliveryWorker] {
        outputs.compactMap { output in
            guard let schedule = output.digest, let email = output.sink as? EmailSink else { return nil }
            return DigestDeliveryWorker(sink: email, schedule: schedule, store: store, retry: output.retry,
                                        coreActors: coreActors, logger: logger)
        }
    }

    /// An e-mail sink that reads its alerts' stories from the store; other sinks as they are.
    func withStories(_ sink: any AlertSink) -> any AlertSink {
        guard var email = sink as? EmailSink, email.storyLines == nil else { return sink }
        let store = self.store
        email.storyLines = { story, alert in (try? store.storyLines(story: story, upTo: alert)) ?? [] }
        return email
    }

    /// Reconciles every pending alert with the log: marks it written when the log already holds
    /// it (``AlertSink/reconcile(alertID:)``: its `id` is in the log's tail), else appends it and
    /// then marks it. Run at start-up before anything new is processed
    /// (DESIGN §7, §10: before `READY=1`), and to retry deliveries that failed.
    /// - Throws: ``StateStoreError`` or the sink's error; alerts not yet handled stay pending.
    @discardableResult
    package func reconcile() throws -> ReconcileReport {
        try lock.withLock { _ in
            var report = ReconcileReport(alreadyInLog: 0, appended: 0)
            for pending in try store.pendingAlerts() {
                if try sink.reconcile(alertID: pending.id) == .alreadyDelivered {
                    report.alreadyInLog += 1
                    logger.info("pending alert already in the log; marked written", metadata: ["alert_id": "\(pending.id)"])
                } else {
                    try sink.append(pending.line)
                    report.appended += 1
                    logger.info("pending alert appended", metadata: ["alert_id": "\(pending.id)"])
                }
                try store.markWritten(alertID: pending.id)
            }
            return report
        }
    }

    /// The start-up form: ``reconcile()`` with a throwaway ``OutboxDelivery``.
    /// - Throws: as ``reconcile()``.
    @discardableResult
    package static func reconcile(store: StateStore, writer: any DurableAlertSink,
                                 logger: Logger = Logger(label: "seedwatch.outbox")) throws -> ReconcileReport {
        try OutboxDelivery(store: store, sink: writer, logger: logger).reconcile()
    }

    /// Delivers an alert whose decision has just committed as pending: append (the sink syncs), then
    /// mark written (DESIGN §7, steps 2–3).
    /// - Throws: the sink's error (the alert stays pending and ``reconcile()`` retries it), or
    ///   ``StateStoreError`` when marking fails (the line is in the log; ``reconcile()`` will find it).
    package func deliver(alertID: String, line: [UInt8]) throws {
        try lock.withLock { _ in
            try sink.append(line)
            try store.markWritten(alertID: alertID)
        }
    }

    /// Commits a decision and, when it is new and carries an alert, delivers the alert.
    ///
    /// - Parameters:
    ///   - alert: the alert id and line, or `nil` when the article stays below `notice`.
    ///   - version: the article's secondary keys (to recognise a later edit of the article), recorded
    ///     with the decision when given.
    ///   - alertedActorIDs: the actor ids of the alert (`[]` without one), recorded when given.
    ///   - loggedAlertID: the id of the article's alert when the alert log holds it already (the
    ///     state database was reset): recorded in the seen mark as its alert, with nothing queued,
    ///     so that a later content change or edit knows the article alerted.
    /// - Returns: `true` when the decision was new (and its alert, if any, was delivered);
    ///   `false` when the article had already been decided for this watch.
    /// - Throws: ``StateStoreError`` when the decision could not commit (nothing happened), or the
    ///   delivery's error (the decision stands and the alert stays pending for ``reconcile()``).
    @discardableResult
    package func decide(articleKey: String, watch: String, contentHash: String,
                       alert: (id: String, line: [UInt8])?, version: ArticleVersion? = nil,
                       alertedActorIDs: [String]? = nil, storyMember: StoryMember? = nil, loggedAlertID: String? = nil,
                       at: Date = Date()) throws -> Bool {
        let isNew = try store.commitDecision(articleKey: articleKey, watch: watch, contentHash: contentHash,
                                             alertID: alert?.id ?? loggedAlertID, alertLine: alert?.line, version: version,
                                             alertedActorIDs: alertedActorIDs, storyMember: storyMember, at: at)
        guard isNew else { return false }
        // Inside a batch the decision is not durable yet: ``decideBatch(_:)`` delivers after the commit.
        if let alert, !store.isInBatch {
            try deliver(alertID: alert.id, line: alert.line)
        }
        return true
    }
}
