import Foundation
import Logging
import SeedwatchCore

/// Delivers one output's pending rows of the outbox (DESIGN §11): takes the deliveries that are
/// due, asks the sink whether it already holds each (``AlertSink/reconcile(alertID:)``), sends
/// the others through the sink, and records the result — delivered, retried later
/// (``DeliveryRetry``), or a dead letter. Each output has its own worker and service, so an
/// output that is down or slow holds up neither the alert log nor another output.
///
/// At least once: a row is marked delivered only after the receiver took the alert, so a crash
/// between the answer and that commit sends the alert again, with the same `id`, unless the
/// sink's reconciliation finds it there.
package final class OutputDeliveryWorker: OutputWorker {
    package let sink: any AlertSink
    package let store: StateStore
    package let retry: DeliveryRetry
    private let logger: Logger
    private let random: @Sendable () -> Double

    /// - Parameters:
    ///   - retry: back-off and give-up time (`give_up_after`).
    ///   - random: numbers in 0…1 for the back-off jitter.
    package init(sink: any AlertSink, store: StateStore, retry: DeliveryRetry, logger: Logger,
                random: @escaping @Sendable () -> Double = { Double.random(in: 0...1) }) {
        self.sink = sink
        self.store = store
        self.retry = retry
        self.logger = logger
        self.random = random
    }

    package var outputName: String { sink.name }

    /// What one round did.
    package struct Round: Sendable, Hashable {
        package var delivered = 0
        package var retried = 0
        package var dead = 0
        package var total: Int { delivered + retried + dead }
    }

    /// Sends every delivery due at `now` (in batches), stopping early when `shouldStop` says so.
    /// - Returns: the counts; a state database error ends the round (the rows stay pending).
    @discardableResult
    package func deliverDue(now: @escaping @Sendable () -> Date = { Date() },
                           shouldStop: @Sendable () -> Bool = { false }) async -> Round {
        var round = Round()
        var tried: Set<String> = []
        while !shouldStop() {
            let due: [OutputDelivery]
            do {
                due = try store.dueDeliveries(output: sink.name, at: now()).filter { !tried.contains($0.alertID) }
            } catch {
                logger.error("cannot read the outbox; deliveries wait", metadata: ["output": "\(sink.name)", "error": "\(error)"])
                return round
            }
            if due.isEmpty { return round }
            for delivery in due {
                if shouldStop() { return round }
                tried.insert(delivery.alertID)
                let outcome = await send(delivery)
                do {
                    try record(outcome, for: delivery, at: now(), into: &round)
                } catch {
                    logger.error("cannot record a delivery; it will be sent again", metadata: [
                        "output": "\(sink.name)", "alert_id": "\(delivery.alertID)", "error": "\(error)"])
                    return round
                }
            }
        }
        return round
    }

    /// Sends one delivery unless the sink reconciles it as already delivered; a sink that cannot
    /// tell is a failed attempt (retried like any other).
    private func send(_ delivery: OutputDelivery) async -> AlertSendOutcome {
        do {
            if try sink.reconcile(alertID: delivery.alertID) == .alreadyDelivered { return .delivered }
        } catch {
            return .failed(error: "cannot tell whether the alert already arrived: \(error)", retryAfter: nil)
        }
        return await sink.send(alertID: delivery.alertID, line: delivery.line)
    }

    private func record(_ outcome: AlertSendOutcome, for delivery: OutputDelivery, at now: Date, into round: inout Round) throws {
        let metadata: Logger.Metadata = ["output": "\(sink.name)", "alert_id": "\(delivery.alertID)"]
        switch outcome {
        case .delivered:
            try store.markDelivered(alertID: delivery.alertID, output: sink.name, at: now)
            round.delivered += 1
            logger.debug("alert delivered", metadata: metadata)
        case .rejected(let error):
            try store.recordFailedDelivery(alertID: delivery.alertID, output: sink.name, error: error, nextAttempt: nil, at: now)
            round.dead += 1
            logger.error("delivery refused for good; a dead letter now (seedwatch outputs retry \(sink.name))",
                         metadata: metadata.merging(["error": "\(error)"]) { $1 })
        case .failed(let error, let retryAfter):
            switch retry.next(afterAttempts: delivery.attempts + 1, started: delivery.started, now: now,
                              retryAfter: retryAfter, random: random()) {
            case .retry(let at):
                try store.recordFailedDelivery(alertID: delivery.alertID, output: sink.name, error: error, nextAttempt: at, at: now)
                round.retried += 1
                logger.warning("delivery failed; retrying", metadata: metadata.merging([
                    "error": "\(error)", "attempts": "\(delivery.attempts + 1)",
                    "next_attempt": "\(AlertTimestamp.format(at))"]) { $1 })
            case .giveUp:
                try store.recordFailedDelivery(alertID: delivery.alertID, output: sink.name, error: error, nextAttempt: nil, at: now)
                round.dead += 1
                logger.error("delivery given up after give_up_after; a dead letter now (seedwatch outputs retry \(sink.name))",
                             metadata: metadata.merging(["error": "\(error)", "attempts": "\(delivery.attempts + 1)"]) { $1 })
            }
        }
    }

    /// Seconds to wait before the next round: until the earliest pending delivery is due, at most
    /// `poll` (new alerts arrive any time), at least 0.05.
    package func idleSeconds(poll: Double, now: Date = Date()) -> Double {
        guard let next = try? store.nextDeliveryDue(output: sink.name) else { return poll }
        return min(poll, max(0.05, next.timeIntervalSince(now)))
    }
}
