import Foundation
import Logging
import SeedwatchCore
import Synchronization

/// Exactly-once delivery of alerts from the state store's outbox to an ``AlertSink`` (DESIGN §7, case 26).
///
/// Protocol:
/// 1. ``StateStore/commitDecision(articleKey:watch:contentHash:alertID:alertLine:at:)`` commits the seen
///    mark and the alert as `pending` in one transaction.
/// 2. ``deliver(alertID:line:)`` appends the line (one `write`, then `fdatasync`) and
/// 3. marks it `written`.
///
/// A crash after 1 leaves a pending alert with no line; a crash after 2 leaves a pending alert whose
/// line is in the log. ``reconcile()``, run at start-up before anything new is processed, tells the
/// two apart by searching the log's tail for the alert's `id` and appends only when it is absent.
/// Either way the log ends up with exactly one line per alert id.
///
/// Deliveries and reconciliation are serialised by a lock, so a retry never races a delivery.
public final class OutboxDelivery: Sendable {
    /// What ``reconcile()`` did.
    public struct ReconcileReport: Sendable, Hashable {
        /// Pending alerts whose line was already in the log: only marked written.
        public var alreadyInLog: Int
        /// Pending alerts appended now, then marked written.
        public var appended: Int

        public init(alreadyInLog: Int, appended: Int) {
            self.alreadyInLog = alreadyInLog
            self.appended = appended
        }
    }

    public let store: StateStore
    public let sink: any AlertSink
    private let logger: Logger
    let lock = Mutex(0)

    public init(store: StateStore, sink: any AlertSink, logger: Logger = Logger(label: "seedwatch.outbox")) {
        self.store = store
        self.sink = sink
        self.logger = logger
    }

    /// Reconciles every pending alert with the log: marks it written when its `id` is in the log's
    /// tail, else appends it and then marks it. Run at start-up before anything new is processed
    /// (DESIGN §7, §10: before `READY=1`), and to retry deliveries that failed.
    /// - Throws: ``StateStoreError`` or the sink's error; alerts not yet handled stay pending.
    @discardableResult
    public func reconcile() throws -> ReconcileReport {
        try lock.withLock { _ in
            var report = ReconcileReport(alreadyInLog: 0, appended: 0)
            for pending in try store.pendingAlerts() {
                if try sink.containsAlertID(pending.id) {
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
    public static func reconcile(store: StateStore, writer: any AlertSink,
                                 logger: Logger = Logger(label: "seedwatch.outbox")) throws -> ReconcileReport {
        try OutboxDelivery(store: store, sink: writer, logger: logger).reconcile()
    }

    /// Delivers an alert whose decision has just committed as pending: append (the sink syncs), then
    /// mark written (DESIGN §7, steps 2–3).
    /// - Throws: the sink's error (the alert stays pending and ``reconcile()`` retries it), or
    ///   ``StateStoreError`` when marking fails (the line is in the log; ``reconcile()`` will find it).
    public func deliver(alertID: String, line: [UInt8]) throws {
        try lock.withLock { _ in
            try sink.append(line)
            try store.markWritten(alertID: alertID)
        }
    }

    /// Commits a decision and, when it is new and carries an alert, delivers the alert.
    ///
    /// - Parameters:
    ///   - alert: the alert id and line, or `nil` when the article stays below `notice`.
    /// - Returns: `true` when the decision was new (and its alert, if any, was delivered);
    ///   `false` when the article had already been decided for this watch.
    /// - Throws: ``StateStoreError`` when the decision could not commit (nothing happened), or the
    ///   delivery's error (the decision stands and the alert stays pending for ``reconcile()``).
    @discardableResult
    ///   - version: the article's secondary keys (case 08), recorded with the decision when given.
    ///   - alertedActorIDs: the actor ids of the alert (`[]` without one), recorded when given.
    public func decide(articleKey: String, watch: String, contentHash: String,
                       alert: (id: String, line: [UInt8])?, version: ArticleVersion? = nil,
                       alertedActorIDs: [String]? = nil, at: Date = Date()) throws -> Bool {
        let isNew = try store.commitDecision(articleKey: articleKey, watch: watch, contentHash: contentHash,
                                             alertID: alert?.id, alertLine: alert?.line, version: version,
                                             alertedActorIDs: alertedActorIDs, at: at)
        guard isNew else { return false }
        // Inside a batch the decision is not durable yet: ``decideBatch(_:)`` delivers after the commit.
        if let alert, !store.isInBatch {
            try deliver(alertID: alert.id, line: alert.line)
        }
        return true
    }
}
