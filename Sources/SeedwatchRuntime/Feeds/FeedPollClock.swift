import Foundation

/// The poller's clock: what time it is, and waiting until a given instant. Injected so that tests
/// drive retry and back-off timing without waiting (`ManualFeedPollClock` of SeedwatchTesting).
package protocol FeedPollClock: Sendable {
    /// The current time.
    func now() -> Date
    /// Suspends until `deadline` (returns at once when it has passed).
    /// - Throws: `CancellationError` when the task is cancelled while waiting.
    func sleep(until deadline: Date) async throws
}

/// Wall-clock time and `Task.sleep`.
package struct SystemFeedPollClock: FeedPollClock {
    package init() {}

    package func now() -> Date { Date() }

    package func sleep(until deadline: Date) async throws {
        let seconds = deadline.timeIntervalSinceNow
        if seconds > 0 { try await Task.sleep(for: .seconds(seconds)) }
    }
}
