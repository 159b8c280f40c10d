import Foundation
import SeedwatchCore

/// The article keys of one feed document's items (``ArticleIdentity/feedKey(feedURL:itemKey:)``:
/// `feed:`, the feed's first configured URL, NUL, the item key), held as the feed's prefix and the
/// document's ``ItemKeyList`` rather than a `String` each (issue 11: 100,000 keys took 10 MB as
/// strings, kept until the feed's next poll for its 304s).
package struct FeedArticleKeys: Sendable, Hashable {
    /// The UTF-8 bytes every key starts with: `feed:` URL NUL.
    private let prefix: [UInt8]
    /// The item keys, in document order.
    package let itemKeys: SortedItemKeys

    package init(feedURL: String, itemKeys: ItemKeyList) {
        prefix = Array(ArticleIdentity.feedKey(feedURL: feedURL, itemKey: "").utf8)
        self.itemKeys = SortedItemKeys(itemKeys)
    }

    /// How many keys.
    package var count: Int { itemKeys.keys.count }

    /// Each key as stored (``StateStore/keyBytes(_:)``: its UTF-8 bytes), in document order.
    package func forEachStoredKey(_ body: (Data) throws -> Void) rethrows {
        var key = Data(prefix)
        for i in itemKeys.keys.indices {
            key.removeSubrange(prefix.count...)
            key.append(contentsOf: itemKeys.keys.utf8(i))
            try body(key)
        }
    }

    /// The keys as strings, in document order.
    package var strings: [String] {
        itemKeys.keys.indices.map { String(decoding: prefix + itemKeys.keys.utf8($0), as: UTF8.self) }
    }

    /// Whether `articleKey` is one of the keys.
    package func contains(_ articleKey: String) -> Bool {
        let utf8 = articleKey.utf8
        guard utf8.count >= prefix.count, utf8.starts(with: prefix) else { return false }
        return itemKeys.contains(utf8: utf8.dropFirst(prefix.count))
    }
}
