import Foundation

/// When an output tries a failed delivery again, and when it gives up (DESIGN §11 `give_up_after`).
///
/// Exponential back-off with jitter ("equal jitter": half the step fixed, half random, so retries
/// of many alerts spread out yet never come back at once): after the n-th failed attempt the wait
/// is `min(cap, base × 2^(n−1)) × (0.5 + 0.5 × r)` for a random `r` in 0…1. A `Retry-After` the
/// receiver sent (RFC 9110 §10.2.3) replaces the back-off when it asks for longer. No attempt is
/// scheduled past the give-up deadline: the last one happens at the deadline, and a failure then
/// makes the delivery a dead letter.
public struct DeliveryRetry: Sendable, Hashable {
    /// The first step, in seconds.
    public var baseSeconds: Double
    /// The longest step, in seconds.
    public var capSeconds: Double
    /// Seconds from the start of delivery (the alert's decision, or a `retry` of a dead letter)
    /// after which a failure is final.
    public var giveUpAfterSeconds: Double

    public init(baseSeconds: Double = 2, capSeconds: Double = 3600, giveUpAfterSeconds: Double = 86_400) {
        self.baseSeconds = baseSeconds
        self.capSeconds = capSeconds
        self.giveUpAfterSeconds = giveUpAfterSeconds
    }

    /// What to do after a failed attempt.
    public enum Next: Sendable, Hashable {
        /// Try again at this instant.
        case retry(at: Date)
        /// Give up: the delivery is a dead letter.
        case giveUp
    }

    /// The back-off step after `attempts` failed attempts (1 for the first failure), before jitter.
    public func step(afterAttempts attempts: Int) -> Double {
        let exponent = Double(max(0, attempts - 1))
        return min(capSeconds, baseSeconds * pow(2, min(exponent, 62)))
    }

    /// The next move after a failed attempt.
    /// - Parameters:
    ///   - attempts: failed attempts so far, this one included (≥ 1).
    ///   - started: when delivery started (the give-up clock).
    ///   - now: the time of the failure.
    ///   - retryAfter: the instant the receiver's `Retry-After` named, if any.
    ///   - random: a number in 0…1 for the jitter.
    public func next(afterAttempts attempts: Int, started: Date, now: Date, retryAfter: Date? = nil, random: Double) -> Next {
        let deadline = started.addingTimeInterval(giveUpAfterSeconds)
        guard now < deadline else { return .giveUp }
        var at = now.addingTimeInterval(step(afterAttempts: attempts) * (0.5 + 0.5 * min(1, max(0, random))))
        if let retryAfter, retryAfter > at { at = retryAfter }
        return .retry(at: min(at, deadline))
    }
}
