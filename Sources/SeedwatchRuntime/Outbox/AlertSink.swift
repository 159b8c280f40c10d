import Foundation

/// A named destination of alerts behind the outbox (DESIGN §7, §11): the alert log, a webhook, an
/// SMTP server; memory in tests. The shape of swift-log's `LogHandler`: the outbox is the fan-out
/// (its `MultiplexLogHandler`), keeping one delivery state per alert and per sink, and each sink
/// is delivered by its own service (``OutboxDelivery``).
///
/// The alert log is the first sink and is written in line with each decision, durably, through
/// the refinement ``DurableAlertSink``; the configured outputs are queued and sent by an
/// ``OutputDeliveryWorker`` each.
///
/// Reconciliation is the sink's own business (``reconcile(alertID:)``): after a crash an alert can
/// be pending although it reached the sink. The alert log searches its tail for the alert's `id`;
/// a webhook cannot ask its receiver, so it sends again with the same `id` as `Idempotency-Key`.
package protocol AlertSink: Sendable {
    /// The sink's name, unique among the sinks: the key of its delivery state in the outbox, and
    /// what `seedwatch outputs` shows (``OutputConfiguration/alertLogName`` for the alert log).
    var name: String { get }

    /// Sends one alert.
    /// - Parameters:
    ///   - alertID: the alert's `id` (16 hex digits, DESIGN §6).
    ///   - line: the alert line as in the log, ending in `"\n"`.
    /// - Returns: what happened; never throws (a failure is an outcome).
    func send(alertID: String, line: [UInt8]) async -> AlertSendOutcome

    /// Whether an alert still pending for this sink already reached it (a crash between the sink
    /// taking it and the outbox recording that), asked before the alert is sent again.
    /// - Returns: ``AlertReconciliation/alreadyDelivered`` to only record it as delivered,
    ///   ``AlertReconciliation/send`` to send it (again). Default: `send`; the sink's receiver
    ///   deduplicates on the alert's `id`.
    /// - Throws: when the sink cannot tell (its file cannot be read); the caller must not guess and
    ///   keeps the alert pending.
    func reconcile(alertID: String) throws -> AlertReconciliation
}

extension AlertSink {
    /// Sends again: at least once, the receiver deduplicating on the alert's `id`.
    package func reconcile(alertID: String) throws -> AlertReconciliation {
        .send
    }
}

/// What a sink's ``AlertSink/reconcile(alertID:)`` found about a pending alert.
package enum AlertReconciliation: Sendable, Hashable {
    /// The sink already holds the alert: record it as delivered without sending.
    case alreadyDelivered
    /// Send the alert (again, with the same `id`).
    case send
}

/// The result of one attempt to send an alert to a sink.
package enum AlertSendOutcome: Sendable, Hashable {
    /// The sink took the alert.
    case delivered
    /// A failure worth retrying (a timeout, a 5xx, 408, 429, a full disk); `retryAfter` is the
    /// instant the receiver's `Retry-After` named, if it sent one.
    case failed(error: String, retryAfter: Date?)
    /// A failure that retrying cannot mend (a 4xx other than 408 and 429, an unreadable secret):
    /// the delivery becomes a dead letter at once.
    case rejected(error: String)
}
