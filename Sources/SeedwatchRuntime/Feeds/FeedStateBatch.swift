import Foundation
import Logging
import Synchronization

/// The poller's writes of feed HTTP states and of "still in the feed" marks, batched (issue 15
/// item 5): a cache needs no transaction of its own, let alone a sync, per feed.
///
/// Saved states wait in memory and are written together (``StateStore/saveFeedStates(_:touches:)``,
/// one transaction, no WAL sync) when the last poll in flight ends, when ``maxPending`` states
/// wait, or ``maxWaitSeconds`` after the first of them was saved, whichever comes first; and at
/// once for a state that carries a wait the daemon promised a server (a back-off, a `Retry-After`,
/// a 410), so that a restart honours it. The poller reads a feed's state through ``state(url:)``,
/// which sees what waits. What a killed process had not written yet costs at most a full fetch of
/// the feeds concerned (their items are decided and stay decided).
///
/// At start the poller hands it every stored state at once (``prime(_:)``, one query): each feed's
/// first poll reads its state from there instead of one query per feed (issue 15: 1,000 feeds due
/// at start-up). A primed state serves only that first pass: it is dropped when the feed's first
/// poll reads it or its loop first goes to sleep (``forgetPrimed(url:)``), and all of them at a
/// reload (``forgetPrimed()``), so a later read sees the database (and `seedwatch feeds reset`).
package final class FeedStateBatch: Sendable {
    private struct Pending {
        var states: [String: FeedHTTPState] = [:]
        /// States taken by the write in progress: still what a read must see until it commits.
        var writing: [String: FeedHTTPState] = [:]
        var touches: [(keys: FeedArticleKeys, at: Date)] = []
        var rangeTouches: [StateStore.RangeTouch] = []
        /// Stored states read at start, by URL, until each feed's first poll (``prime(_:)``).
        var primed: [String: FeedHTTPState] = [:]
        var pollsInFlight = 0
        var flushScheduled = false
    }

    /// States waiting at most before a write.
    package static let maxPending = 64
    /// Seconds the first waiting state waits at most before a write (0.1 s in the daemon).
    package let maxWaitSeconds: Double

    private let store: StateStore
    private let logger: Logger
    private let pending = Mutex(Pending())
    /// One write at a time, so that `writing` is one write's states.
    private let writeLock = Mutex(0)

    package init(store: StateStore, logger: Logger, maxWaitSeconds: Double = 0.1) {
        self.maxWaitSeconds = maxWaitSeconds
        self.store = store
        self.logger = logger
    }

    /// The feed's state: the one waiting to be written, else the stored one.
    /// - Throws: ``StateStoreError`` when the stored state cannot be read.
    package func state(url: String) throws -> FeedHTTPState? {
        if let waiting = pending.withLock({ $0.states[url] ?? $0.writing[url] ?? $0.primed[url] }) { return waiting }
        return try store.feedState(url: url)
    }

    /// The configured URLs of the feeds moved to `url` by a permanent redirect (their state's
    /// `currentURL` is `url`), the states waiting to be written included.
    /// - Throws: ``StateStoreError`` when the stored states cannot be read.
    package func feedURLs(movedTo url: String) throws -> [String] {
        let waiting = pending.withLock { p in
            Array(p.writing.values) + Array(p.states.values)  // the newer last
        }
        var urls = Set(try store.feedURLs(movedTo: url))
        for state in waiting where state.url != url {
            if state.currentURL == url { urls.insert(state.url) } else { urls.remove(state.url) }
        }
        return urls.sorted()
    }

    /// Keeps `states` (all the stored ones, read at start) for the feeds' first reads.
    package func prime(_ states: [FeedHTTPState]) {
        pending.withLock { p in
            for state in states { p.primed[state.url] = state }
        }
    }

    /// Drops the primed state of `url`: later reads of it go to the database.
    package func forgetPrimed(url: String) {
        pending.withLock { _ = $0.primed.removeValue(forKey: url) }
    }

    /// Drops every primed state (a reload: `seedwatch feeds reset` may have changed them).
    package func forgetPrimed() {
        pending.withLock { $0.primed.removeAll() }
    }

    /// A poll begins (its end, ``pollEnded()``, may write what waits).
    package func pollBegan() { pending.withLock { $0.pollsInFlight += 1 } }

    /// A poll ended: when no other poll is in flight, what waits is written.
    package func pollEnded() {
        let idle = pending.withLock { p -> Bool in
            p.pollsInFlight -= 1
            return p.pollsInFlight <= 0 && (!p.states.isEmpty || !p.touches.isEmpty || !p.rangeTouches.isEmpty)
        }
        if idle { flush() }
    }

    /// Saves `state`: written at once when `now` is true, else with the batch.
    package func save(_ state: FeedHTTPState, now: Bool) {
        let (full, schedule) = pending.withLock { p -> (Bool, Bool) in
            p.states[state.url] = state
            p.primed[state.url] = nil
            let schedule = !p.flushScheduled
            p.flushScheduled = true
            return (p.states.count >= Self.maxPending, schedule)
        }
        if now || full {
            flush()
        } else if schedule {
            scheduleFlush()
        }
    }

    /// Marks `keys` as seen at `at` (their feed still lists them), with the batch.
    package func touch(_ keys: FeedArticleKeys, at: Date) {
        guard keys.count > 0 else { return }
        let schedule = pending.withLock { p -> Bool in
            p.touches.append((keys, at))
            defer { p.flushScheduled = true }
            return !p.flushScheduled
        }
        if schedule { scheduleFlush() }
    }

    /// Marks as seen at `at`, with the batch, every article whose key starts with `articleKeyPrefix`
    /// and that was seen at or after `since` (a feed's last document after a restart; see
    /// ``StateStore/saveFeedStates(_:touches:rangeTouches:)``).
    package func touch(articleKeyPrefix: String, seenSince since: Date, at: Date) {
        let schedule = pending.withLock { p -> Bool in
            p.rangeTouches.append(StateStore.RangeTouch(articleKeyPrefix: articleKeyPrefix, seenSince: since, at: at))
            defer { p.flushScheduled = true }
            return !p.flushScheduled
        }
        if schedule { scheduleFlush() }
    }

    /// Writes everything that waits, in one transaction. A failure is logged (the states are a
    /// cache: the next poll of each feed saves its state again).
    package func flush() {
        writeLock.withLock { _ in
            let (states, touches, rangeTouches) = pending.withLock {
                p -> ([FeedHTTPState], [(keys: FeedArticleKeys, at: Date)], [StateStore.RangeTouch]) in
                p.writing = p.states
                p.states = [:]
                let touches = p.touches, rangeTouches = p.rangeTouches
                p.touches = []
                p.rangeTouches = []
                p.flushScheduled = false
                return (Array(p.writing.values).sorted { $0.url < $1.url }, touches, rangeTouches)
            }
            defer { pending.withLock { $0.writing = [:] } }
            do {
                try store.saveFeedStates(states, touches: touches, rangeTouches: rangeTouches)
            } catch {
                logger.error("cannot save feed states", metadata: ["feeds": "\(states.map(\.url))", "error": "\(error)"])
            }
        }
    }

    private func scheduleFlush() {
        Task { [weak self] in
            guard let seconds = self?.maxWaitSeconds else { return }
            try? await Task.sleep(for: .seconds(seconds))
            self?.flush()
        }
    }
}
