import Foundation
import SeedwatchRuntime

/// A clock that moves only when told (tests): sleepers wake when ``advance(to:)`` passes their deadline.
package final class ManualFeedPollClock: FeedPollClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    private var sleepers: [(id: Int, deadline: Date, continuation: CheckedContinuation<Void, any Error>)] = []
    private var nextID = 0

    package init(start: Date) {
        current = start
    }

    package func now() -> Date {
        lock.withLock { current }
    }

    /// How many tasks are waiting on this clock.
    package var sleeperCount: Int {
        lock.withLock { sleepers.count }
    }

    /// The earliest deadline anyone waits for.
    package var earliestDeadline: Date? {
        lock.withLock { sleepers.map(\.deadline).min() }
    }

    /// Sets the time to `date` (never backwards) and wakes every sleeper whose deadline has come.
    package func advance(to date: Date) {
        let woken: [CheckedContinuation<Void, any Error>] = lock.withLock {
            current = max(current, date)
            let due = sleepers.filter { $0.deadline <= current }
            sleepers.removeAll { $0.deadline <= current }
            return due.map(\.continuation)
        }
        for continuation in woken { continuation.resume() }
    }

    package func sleep(until deadline: Date) async throws {
        let id: Int = lock.withLock { nextID += 1; return nextID }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let resumeNow: Bool = lock.withLock {
                    if deadline <= current || Task.isCancelled { return true }
                    sleepers.append((id, deadline, continuation))
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let cancelled = lock.withLock { () -> CheckedContinuation<Void, any Error>? in
                guard let index = sleepers.firstIndex(where: { $0.id == id }) else { return nil }
                return sleepers.remove(at: index).continuation
            }
            cancelled?.resume(throwing: CancellationError())
        }
        try Task.checkCancellation()
    }
}
