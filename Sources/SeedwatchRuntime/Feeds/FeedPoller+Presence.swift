import Foundation
import Logging
import SeedwatchCore

/// Items still in their feed: every poll marks its document's items as seen again, so that they
/// are not pruned past retention while the feed still lists them (a 304 marks the last document's).
extension FeedPoller {
    /// The article keys of the feed's last fetched document, for a 304. After a restart this
    /// process has not read the document: its items are the feed's seen keys marked at the last
    /// successful poll (`lastSuccess`), as every poll marks its document's items at its own time.
    /// Without them an unchanged feed answering 304 for longer than retention would lose its items'
    /// seen marks, and they would alert again when the feed next changes.
    func keysOfLastDocument(_ feed: SeedwatchConfiguration.Feed, lastSuccess: Date?) -> [String] {
        if let keys = itemsInFeed.knownKeys(for: feed.url) { return keys }
        guard let lastSuccess else { return [] }
        do {
            let keys = try store.seenArticleKeys(articleKeyPrefix: ArticleIdentity.feedKey(feedURL: feed.url, itemKey: ""),
                                                 seenSince: lastSuccess)
            itemsInFeed.set(keys, for: feed.url)
            return keys
        } catch {
            logger.error("cannot list the items of the feed's last document", metadata: ["feed": "\(feed.url)", "error": "\(error)"])
            return []
        }
    }

    /// Marks `keys` as seen at `now`, with the batch of feed states (``FeedStateBatch``).
    func touch(_ keys: [String], now: Date) {
        states.touch(keys, at: now)
    }
}

/// The article keys of each feed's last fetched document, so a 304 can mark them still present.
final class ItemKeyMemory: @unchecked Sendable {
    private let lock = NSLock()
    private var keysByFeed: [String: [String]] = [:]

    /// The keys of the feed's last document read by this process, or `nil` when it read none.
    func knownKeys(for feed: String) -> [String]? { lock.withLock { keysByFeed[feed] } }
    func set(_ keys: [String], for feed: String) { lock.withLock { keysByFeed[feed] = keys } }
}
