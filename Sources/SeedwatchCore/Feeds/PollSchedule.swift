import Foundation

/// How one poll of a feed ended, as far as scheduling cares.
public enum PollOutcome: Sendable, Hashable {
    /// 200 with a feed that parsed, or 304 Not Modified.
    case success
    /// 410 Gone: the feed is disabled.
    case gone
    /// 429 Too Many Requests or 503 Service Unavailable; `retryAfter` is the instant named by the
    /// `Retry-After` header, when it had one that parsed.
    case throttled(retryAfter: Date?)
    /// Any other failure: a transport error, another status, a body over the cap, a parse error.
    case failed
}

/// When a feed is polled next (pure; the clock and the jitter are passed in).
///
/// - A success polls again after the feed's interval (at least 60 s) plus up to 10 % jitter, so that
///   feeds configured alike drift apart.
/// - A failure backs off exponentially: the interval times 2^(failures − 1), capped at 24 h, plus
///   jitter; the first success afterwards returns to the interval.
/// - 429 and 503 wait until `Retry-After` (RFC 9110 §10.2.3) when it is given — never less than
///   60 s and never more than 24 h — and otherwise back off like any failure.
/// - 410 disables the feed: there is no next poll.
public struct PollSchedule: Sendable, Hashable {
    /// The poll interval in seconds, at least ``minimumInterval``.
    public var interval: Double
    /// The largest jitter added, as a fraction of the delay (0.1 = up to 10 % later).
    public var jitterFraction: Double

    /// The shortest interval allowed, in seconds (DESIGN §8).
    public static let minimumInterval: Double = 60
    /// The longest back-off and the longest honoured `Retry-After`, in seconds (24 h).
    public static let maximumDelay: Double = 86_400

    /// - Parameters:
    ///   - intervalSeconds: the configured interval; values under 60 s are raised to 60 s.
    ///   - jitterFraction: the largest jitter, as a fraction of each delay.
    public init(intervalSeconds: Double, jitterFraction: Double = 0.1) {
        self.interval = max(Self.minimumInterval, intervalSeconds.isFinite ? intervalSeconds : Self.minimumInterval)
        self.jitterFraction = max(0, jitterFraction)
    }

    /// The back-off delay in seconds after `consecutiveFailures` failures in a row (≥ 1), before jitter.
    public func backoffDelay(consecutiveFailures: Int) -> Double {
        let steps = max(0, min(consecutiveFailures - 1, 30))
        return min(Self.maximumDelay, interval * pow(2, Double(steps)))
    }

    /// The next poll after `outcome`.
    ///
    /// - Parameters:
    ///   - outcome: how the poll ended.
    ///   - consecutiveFailures: failures in a row including this poll (0 after a success).
    ///   - now: when the poll ended.
    ///   - jitter: a number in `0..<1` (random in the daemon, 0 in tests); scales ``jitterFraction``.
    /// - Returns: when to poll next, or `nil` when the feed is disabled (410).
    public func nextPoll(after outcome: PollOutcome, consecutiveFailures: Int, now: Date, jitter: Double) -> Date? {
        let spread = 1 + jitterFraction * min(max(jitter, 0), 1)
        switch outcome {
        case .success:
            return now.addingTimeInterval(interval * spread)
        case .gone:
            return nil
        case .throttled(let retryAfter?):
            let wait = retryAfter.timeIntervalSince(now)
            return now.addingTimeInterval(min(Self.maximumDelay, max(Self.minimumInterval, wait)))
        case .throttled(nil), .failed:
            return now.addingTimeInterval(min(Self.maximumDelay, backoffDelay(consecutiveFailures: consecutiveFailures) * spread))
        }
    }

    /// The instant a `Retry-After` value names: a number of seconds after `now`, or an HTTP date
    /// (RFC 9110 §10.2.3). `nil` for a missing or unreadable value.
    public static func retryAfter(_ value: String?, now: Date) -> Date? {
        guard let text = value?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        if let seconds = Int(text) {
            return seconds >= 0 ? now.addingTimeInterval(Double(seconds)) : nil
        }
        return HTTPDate.parse(text)
    }
}
