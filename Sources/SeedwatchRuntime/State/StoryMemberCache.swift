import GRDB
import SeedwatchCore
import Synchronization

/// Story members already decoded from `story_member` rows, by row number (issue 15): a burst of
/// alerts on one event reads the same recent members again for every alert (the 40 nearest in time
/// and the 16 sharing the most band keys), and decoding each row (its two MinHash signatures, its
/// actor and topic sets, its title) was a quarter of a story lookup.
///
/// A row is taken from the cache only when the cached member has the row's `alert` and watch: a
/// row number reused after a prune holds another alert. What can change a row under the same
/// number and alert clears the cache: ``StateStore/pruneStories(olderThan:)`` and a batch whose
/// transaction fails (its rows, read inside it, never existed; a retry records them again, maybe
/// with another time). Members are never updated in place. Bounded: at ``capacity`` entries the
/// cache starts again empty.
final class StoryMemberCache: Sendable {
    /// Entries held at most (about 1 KB each).
    static let capacity = 4096
    private let entries = Mutex<[Int64: (alert: Int64, member: StoryMember)]>([:])

    /// The member cached for row `id` when it was decoded from a row with this `alert` and `watch`.
    func member(id: Int64, alert: Int64, watch: String) -> StoryMember? {
        entries.withLock { entries in
            guard let entry = entries[id], entry.alert == alert, entry.member.watch == watch else { return nil }
            return entry.member
        }
    }

    /// Remembers the member decoded from row `id` (with `alert`).
    func remember(_ member: StoryMember, id: Int64, alert: Int64) {
        entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[id] = (alert, member)
        }
    }

    /// Forgets every member.
    func removeAll() {
        entries.withLock { $0.removeAll() }
    }
}
