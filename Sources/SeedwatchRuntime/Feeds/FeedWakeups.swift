import Foundation

/// Lets one feed's wait for its next poll end earlier (after an outage, ``NetworkOutage``).
final class FeedWakeups: @unchecked Sendable {
    private let lock = NSLock()
    private var sleeping: [String: (deadline: Date, task: Task<Void, any Error>)] = [:]
    private var moved: [String: Date] = [:]

    /// Waits on `clock` until `deadline`, or until the earlier instant given to ``wake(feed:at:)``.
    /// - Throws: `CancellationError` when the calling task is cancelled.
    func sleep(feed: String, until deadline: Date, clock: any FeedPollClock) async throws {
        var deadline = deadline
        while true {
            let target = deadline
            let task = Task { try await clock.sleep(until: target) }
            lock.withLock { sleeping[feed] = (target, task) }
            let result = await withTaskCancellationHandler { await task.result } onCancel: { task.cancel() }
            let earlier: Date? = lock.withLock {
                sleeping[feed] = nil
                return moved.removeValue(forKey: feed)
            }
            if case .success = result { return }
            try Task.checkCancellation()
            guard let earlier else { throw CancellationError() }
            deadline = earlier
        }
    }

    /// Moves the wait of `feed` to `date` when it is sleeping until later.
    /// - Returns: whether a wait was moved.
    @discardableResult
    func wake(feed: String, at date: Date) -> Bool {
        lock.withLock {
            guard let current = sleeping[feed], date < current.deadline, moved[feed] == nil else { return false }
            moved[feed] = date
            current.task.cancel()
            return true
        }
    }
}
