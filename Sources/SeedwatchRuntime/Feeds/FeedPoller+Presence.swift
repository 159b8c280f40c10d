import Foundation
import Logging
import SeedwatchCore

/// Items still in their feed: every poll marks its document's items as seen again, so that they
/// are not pruned past retention while the feed still lists them (a 304 marks the last document's).
extension FeedPoller {
    /// Marks the items of the feed's last fetched document as seen at `now`, for a 304, with the
    /// batch of feed states (``FeedStateBatch``). When this process read that document, its item
    /// keys are marked. After a restart it has not: its items are the feed's seen keys marked at
    /// the last successful poll (`lastSuccess`), as every poll marks its document's items at its
    /// own time, and they are marked by that range in the database (one statement, no keys read
    /// into memory: after a restart every feed's first 304 does this, issue 15). Without this an
    /// unchanged feed answering 304 for longer than retention would lose its items' seen marks,
    /// and they would alert again when the feed next changes.
    func touchLastDocument(_ feed: SeedwatchConfiguration.Feed, lastSuccess: Date?, now: Date) {
        if let keys = itemsInFeed.knownKeys(for: feed.url) {
            states.touch(keys, at: now)
        } else if let lastSuccess {
            states.touch(articleKeyPrefix: ArticleIdentity.feedKey(feedURL: feed.url, itemKey: ""), seenSince: lastSuccess, at: now)
        }
    }

    /// Marks `keys` as seen at `now`, with the batch of feed states (``FeedStateBatch``).
    func touch(_ keys: FeedArticleKeys, now: Date) {
        states.touch(keys, at: now)
    }
}

/// The article keys of each feed's last fetched document, so a 304 can mark them still present.
final class ItemKeyMemory: @unchecked Sendable {
    private let lock = NSLock()
    private var keysByFeed: [String: FeedArticleKeys] = [:]

    /// The keys of the feed's last document read by this process, or `nil` when it read none.
    func knownKeys(for feed: String) -> FeedArticleKeys? { lock.withLock { keysByFeed[feed] } }
    func set(_ keys: FeedArticleKeys, for feed: String) { lock.withLock { keysByFeed[feed] = keys } }
}
