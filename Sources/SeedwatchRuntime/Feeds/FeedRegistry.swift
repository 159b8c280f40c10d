import Foundation
import SeedwatchCore

/// What ``FeedPoller/apply(feeds:)`` changed, by configured URL, in configured order.
package struct FeedListChange: Sendable, Hashable {
    /// Feeds that were not polled before.
    package var added: [String] = []
    /// Feeds no longer polled.
    package var removed: [String] = []
    /// Feeds kept with new `interval`, `max_age`, `max_bytes` or `full_text`.
    package var changed: [String] = []

    package init(added: [String] = [], removed: [String] = [], changed: [String] = []) {
        self.added = added
        self.removed = removed
        self.changed = changed
    }

    /// Whether nothing changed.
    package var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty }
}

/// The poller's feed list, changeable while it runs (SIGHUP), and which poll loop is each feed's
/// current one. A loop is known by its feed URL and a generation number: removing a feed or
/// adding it back makes older loops stale, and a stale loop ends before its next poll.
final class FeedRegistry: @unchecked Sendable {
    /// A request to start one feed's loop.
    struct Start: Sendable {
        var url: String
        var generation: Int
    }

    private let lock = NSLock()
    private var order: [String] = []
    private var byURL: [String: SeedwatchConfiguration.Feed] = [:]
    /// The current loop of each feed, while it runs.
    private var loops: [String: Int] = [:]
    private var nextGeneration = 0
    private var starter: AsyncStream<Start>.Continuation?

    init(feeds: [SeedwatchConfiguration.Feed]) {
        (order, byURL) = Self.index(feeds)
    }

    var feeds: [SeedwatchConfiguration.Feed] {
        lock.withLock { order.compactMap { byURL[$0] } }
    }

    /// How many feeds are configured (without building ``feeds``: every poll asks, issue 15).
    var count: Int {
        lock.withLock { order.count }
    }

    /// The feed's settings when `start` is still its current loop; `nil` tells the loop to end.
    func feed(for start: Start) -> SeedwatchConfiguration.Feed? {
        lock.withLock { loops[start.url] == start.generation ? byURL[start.url] : nil }
    }

    /// Connects the poll loop starter (``FeedPoller/run()``) and starts a loop for every feed.
    func attach(_ continuation: AsyncStream<Start>.Continuation) {
        lock.withLock {
            starter = continuation
            startMissingLoops()
        }
    }

    /// Disconnects the starter; later changes start nothing.
    func detach() {
        lock.withLock {
            starter?.finish()
            starter = nil
            loops.removeAll()
        }
    }

    /// Records that a loop ended (cancelled, feed removed, or its polling stopped after 410).
    func loopEnded(_ start: Start) {
        lock.withLock {
            if loops[start.url] == start.generation { loops[start.url] = nil }
        }
    }

    func apply(_ feeds: [SeedwatchConfiguration.Feed]) -> FeedListChange {
        let (newOrder, newByURL) = Self.index(feeds)
        return lock.withLock {
            var change = FeedListChange()
            for url in newOrder {
                if let old = byURL[url] {
                    if old != newByURL[url] { change.changed.append(url) }
                } else {
                    change.added.append(url)
                }
            }
            change.removed = order.filter { newByURL[$0] == nil }
            for url in change.removed { loops[url] = nil }
            order = newOrder
            byURL = newByURL
            startMissingLoops()
            return change
        }
    }

    /// Starts a loop for every feed without a running one (call with the lock held).
    private func startMissingLoops() {
        guard let starter else { return }
        for url in order where loops[url] == nil {
            nextGeneration += 1
            loops[url] = nextGeneration
            starter.yield(Start(url: url, generation: nextGeneration))
        }
    }

    /// The feeds by URL, first occurrence kept.
    private static func index(_ feeds: [SeedwatchConfiguration.Feed]) -> ([String], [String: SeedwatchConfiguration.Feed]) {
        var order: [String] = []
        var byURL: [String: SeedwatchConfiguration.Feed] = [:]
        for feed in feeds where byURL[feed.url] == nil {
            order.append(feed.url)
            byURL[feed.url] = feed
        }
        return (order, byURL)
    }
}
