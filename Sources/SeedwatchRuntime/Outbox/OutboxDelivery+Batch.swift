import Foundation
import Logging
import Synchronization

/// Many decisions in one state transaction, their alerts delivered after it commits (issue 11).
extension OutboxDelivery {
    /// What ``decideBatch(_:)`` did.
    package struct BatchOutcome<Value> {
        /// The body's value.
        package var value: Value
        /// Alerts committed in the batch and now in the alert log, in commit order.
        package var delivered: [String]
        /// Why the alerts of the batch could not all be delivered (they stay `pending`, and
        /// ``reconcile()`` delivers them later), or `nil`.
        package var deliveryError: (any Error)?
    }

    /// Runs `body` in one state transaction (``StateStore/batch(_:_:)``): every
    /// ``decide(articleKey:watch:contentHash:alert:version:alertedActorIDs:at:)`` and
    /// ``decideEdit(articleKey:originalKey:watch:contentHash:version:originalAlertID:alertedActorIDs:alert:storyMember:at:)``
    /// made by `body` commits with the others, and their alerts are appended to the sink only once
    /// the transaction has committed (DESIGN §7: step 1 is durable before step 2), with one sync for
    /// the batch when the sink supports it (``DurableAlertSink/appendLines(_:)``), then marked written in
    /// one transaction.
    /// - Throws: `body`'s error or ``StateStoreError`` when the transaction fails: nothing of the
    ///   batch is committed or delivered then.
    package func decideBatch<Value>(_ body: () throws -> Value) throws -> BatchOutcome<Value> {
        let (value, alerts) = try store.batch("commit decisions", body)
        guard !alerts.isEmpty else { return BatchOutcome(value: value, delivered: [], deliveryError: nil) }
        let (delivered, deliveryError): ([String], (any Error)?) = lock.withLock { _ in
            do {
                try sink.appendLines(alerts.map(\.line))
            } catch {
                return ([], error)
            }
            do {
                try store.markWritten(alertIDs: alerts.map(\.id))
            } catch {
                // The lines are in the log; reconciliation finds them there and marks them.
                return (alerts.map(\.id), error)
            }
            return (alerts.map(\.id), nil)
        }
        return BatchOutcome(value: value, delivered: delivered, deliveryError: deliveryError)
    }
}
