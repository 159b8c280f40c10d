import GRDB
import SeedwatchCore
import Synchronization

/// Story members already decoded from `story_member` rows, by row number (issue 15): a burst of
/// alerts on one event reads the same recent members again for every alert (the 40 nearest in time
/// and the 16 sharing the most band keys), and reading and decoding each row (its two MinHash
/// signatures, its actor and topic sets, its title) was the bulk of a story lookup.
///
/// A member is taken from the cache by its row number alone, so the cache is emptied by whatever
/// may delete a row or undo its insertion, after which the number may be given to another alert
/// (``StateStore/forgetStoryState()``): ``StateStore/pruneStories(olderThan:)``, a decision rolled
/// back to its savepoint, and a transaction or a group commit that fails (its rows, read inside it,
/// never existed; a retry records them again, maybe with another time). Members are never updated
/// in place. Bounded: at ``capacity`` entries the cache starts again empty.
final class StoryMemberCache: Sendable {
    /// Entries held at most (about 1 KB each).
    static let capacity = 4096
    private let entries = Mutex<[Int64: StoryMember]>([:])

    /// The member cached for row `id`, when it is one of watch `watch`.
    func member(id: Int64, watch: String) -> StoryMember? {
        entries.withLock { entries in
            guard let member = entries[id], member.watch == watch else { return nil }
            return member
        }
    }

    /// Remembers the member decoded from row `id`.
    func remember(_ member: StoryMember, id: Int64) {
        entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[id] = member
        }
    }

    /// Forgets every member.
    func removeAll() {
        entries.withLock { $0.removeAll() }
    }
}
