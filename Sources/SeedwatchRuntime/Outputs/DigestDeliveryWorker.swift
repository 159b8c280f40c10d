import Foundation
import Logging
import SeedwatchCore
import Synchronization

/// Delivers an e-mail output with `digest: hourly|daily` (issue 14): when a period of its
/// ``DigestSchedule`` has ended, ties the output's pending alerts queued before the period's end
/// to one digest (``StateStore/closeDigest(output:periodEnd:nominalStart:periodStart:at:)``, one
/// transaction), then sends that digest as one message and records the result on all its rows.
///
/// Durable: the digest and its alerts are in the state database before anything is sent, so a
/// restart (or SIGKILL) at any point loses no alert and makes no second digest for a period; a
/// crash between the server's answer and the commit sends the same digest again, with the same
/// `Message-ID` (``DigestEmail/messageID(output:periodEnd:)``). A period without alerts sends
/// nothing. Failed digests are retried with ``DeliveryRetry`` (the give-up clock starts when the
/// digest is made) and become dead letters together (`seedwatch outputs retry NAME`).
package final class DigestDeliveryWorker: OutputWorker {
    package let sink: EmailSink
    package let schedule: DigestSchedule
    package let store: StateStore
    package let retry: DeliveryRetry
    /// The timeline's actors (``Digest/coreActors(of:)``).
    package let coreActors: [Digest.TimelineActor]
    private let logger: Logger
    private let random: @Sendable () -> Double
    /// The last period end a digest was made (or found unneeded) for.
    private let closed = Mutex<Date?>(nil)

    package init(sink: EmailSink, schedule: DigestSchedule, store: StateStore, retry: DeliveryRetry, coreActors: [Digest.TimelineActor],
                logger: Logger = Logger(label: "seedwatch.digest"), random: @escaping @Sendable () -> Double = { Double.random(in: 0...1) }) {
        self.sink = sink
        self.schedule = schedule
        self.store = store
        self.retry = retry
        self.coreActors = coreActors
        self.logger = logger
        self.random = random
    }

    package var outputName: String { sink.name }

    /// Makes the digest of the period that ended last before `now()` (once), then sends every
    /// digest that is due. Counts are of alerts (rows), not messages.
    @discardableResult
    package func deliverDue(now: @escaping @Sendable () -> Date = { Date() },
                           shouldStop: @Sendable () -> Bool = { false }) async -> OutputDeliveryWorker.Round {
        var round = OutputDeliveryWorker.Round()
        let start = now()
        let end = schedule.boundary(atOrBefore: start)
        if closed.withLock({ $0 }) != end {
            do {
                let nominal = schedule.boundary(atOrBefore: end.addingTimeInterval(-1))
                if let id = try store.closeDigest(output: sink.name, periodEnd: end, nominalStart: nominal,
                                                  periodStart: { [schedule] in schedule.boundary(atOrBefore: $0) }, at: start) {
                    logger.info("digest made", metadata: ["output": "\(sink.name)", "digest": "\(id)", "period_end": "\(AlertTimestamp.format(end))"])
                }
                closed.withLock { $0 = end }
            } catch {
                logger.error("cannot make the digest; trying again", metadata: ["output": "\(sink.name)", "error": "\(error)"])
                return round
            }
        }
        let due: [OutputDigest]
        do {
            due = try store.dueDigests(output: sink.name, at: start)
        } catch {
            logger.error("cannot read the outbox; digests wait", metadata: ["output": "\(sink.name)", "error": "\(error)"])
            return round
        }
        for digest in due {
            if shouldStop() { break }
            let entries = digest.lines.compactMap { try? AlertLogEntry.decode(line: $0) }
            let outcome: AlertSendOutcome = entries.isEmpty
                ? .rejected(error: "the digest's alert lines cannot be read")
                : await sink.sendDigest(Digest.make(entries, since: digest.periodStart, until: digest.periodEnd, coreActors: coreActors.map { ($0.id, $0.name) }),
                                        schedule: schedule.name, date: now())
            do {
                try record(outcome, digest, at: now(), into: &round)
            } catch {
                logger.error("cannot record a digest; it will be sent again", metadata: ["output": "\(sink.name)", "error": "\(error)"])
                return round
            }
        }
        return round
    }

    private func record(_ outcome: AlertSendOutcome, _ digest: OutputDigest, at now: Date, into round: inout OutputDeliveryWorker.Round) throws {
        let metadata: Logger.Metadata = ["output": "\(sink.name)", "digest": "\(digest.id)", "alerts": "\(digest.lines.count)"]
        switch outcome {
        case .delivered:
            try store.markDigestDelivered(digest.id, output: sink.name, at: now)
            round.delivered += digest.lines.count
            logger.info("digest sent", metadata: metadata)
        case .rejected(let error):
            try store.recordFailedDigest(digest.id, output: sink.name, error: error, nextAttempt: nil, at: now)
            round.dead += digest.lines.count
            logger.error("digest refused for good; dead letters now (seedwatch outputs retry \(sink.name))",
                         metadata: metadata.merging(["error": "\(error)"]) { $1 })
        case .failed(let error, let retryAfter):
            switch retry.next(afterAttempts: digest.attempts + 1, started: digest.started, now: now, retryAfter: retryAfter, random: random()) {
            case .retry(let at):
                try store.recordFailedDigest(digest.id, output: sink.name, error: error, nextAttempt: at, at: now)
                round.retried += digest.lines.count
                logger.warning("digest failed; retrying", metadata: metadata.merging([
                    "error": "\(error)", "next_attempt": "\(AlertTimestamp.format(at))"]) { $1 })
            case .giveUp:
                try store.recordFailedDigest(digest.id, output: sink.name, error: error, nextAttempt: nil, at: now)
                round.dead += digest.lines.count
                logger.error("digest given up after give_up_after; dead letters now (seedwatch outputs retry \(sink.name))",
                             metadata: metadata.merging(["error": "\(error)"]) { $1 })
            }
        }
    }

    /// Seconds to wait: until the next period ends or a made digest is due again, at most `poll`
    /// (dead letters may be retried any time), at least 0.05.
    package func idleSeconds(poll: Double, now: Date = Date()) -> Double {
        var next = schedule.boundary(after: now)
        if let due = try? store.nextDigestDue(output: sink.name) { next = min(next, due) }
        return min(poll, max(0.05, next.timeIntervalSince(now)))
    }
}

/// A service's view of one output's deliveries: per alert (``OutputDeliveryWorker``) or per digest
/// (``DigestDeliveryWorker``).
package protocol OutputWorker: Sendable {
    /// The output's name.
    var outputName: String { get }
    /// Sends what is due at `now()`, stopping early when `shouldStop` says so.
    @discardableResult
    func deliverDue(now: @escaping @Sendable () -> Date, shouldStop: @Sendable () -> Bool) async -> OutputDeliveryWorker.Round
    /// Seconds to wait before the next round, at most `poll`.
    func idleSeconds(poll: Double, now: Date) -> Double
}
