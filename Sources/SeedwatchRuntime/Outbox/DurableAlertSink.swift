import SeedwatchCore

/// A sink written in line with each decision: when ``append(_:)`` returns, the line is durable
/// (DESIGN §7, step 2), and the sink can be searched for an alert's `id`, which is how it
/// reconciles (step 3 lost to a crash). The alert log (``AlertLogWriter``) in production, memory
/// in tests; ``OutboxDelivery`` writes it in the same call as the decision.
package protocol DurableAlertSink: AlertSink {
    /// Appends one complete line (ending in `"\n"`) durably: when this returns, the line is on disk.
    /// - Returns: warnings about the destination (rotation, truncation); the line was written.
    /// - Throws: when the line may not have been written durably; the caller keeps the alert pending.
    @discardableResult
    func append(_ line: [UInt8]) throws -> [AlertLogWarning]

    /// Appends several complete lines, in order, durably when this returns (see the default below).
    @discardableResult
    func appendLines(_ lines: [[UInt8]]) throws -> [AlertLogWarning]

    /// Whether a line carrying alert id `id` was already written (the recent tail is enough:
    /// pending alerts are at most a crash old).
    /// - Throws: when the destination cannot be read; the caller must not guess.
    func containsAlertID(_ id: String) throws -> Bool
}

extension DurableAlertSink {
    /// The alert log's name in the outbox and in `seedwatch outputs`: `log`.
    package var name: String { OutputConfiguration.alertLogName }

    /// Appends several complete lines, in order, durably: by default one ``append(_:)`` each.
    /// A sink may sync once for all of them (``AlertLogWriter``).
    /// - Throws: as ``append(_:)``; lines before the failing one may have been written.
    @discardableResult
    package func appendLines(_ lines: [[UInt8]]) throws -> [AlertLogWarning] {
        var warnings: [AlertLogWarning] = []
        for line in lines { warnings += try append(line) }
        return warnings
    }

    /// ``append(_:)`` as an outcome: a thrown error is a failure worth retrying.
    package func send(alertID: String, line: [UInt8]) async -> AlertSendOutcome {
        do {
            try append(line)
            return .delivered
        } catch {
            return .failed(error: String(describing: error), retryAfter: nil)
        }
    }

    /// Searches the sink for a complete line with the alert's `id` (``containsAlertID(_:)``).
    package func reconcile(alertID: String) throws -> AlertReconciliation {
        try containsAlertID(alertID) ? .alreadyDelivered : .send
    }
}
