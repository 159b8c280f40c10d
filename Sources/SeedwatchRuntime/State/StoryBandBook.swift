import SeedwatchCore
import Synchronization

/// The newest holders of the story band keys read so far, and the numbers of the story watches,
/// kept in memory beside `story_band` and `story_watch` (issue 15): a story lookup ranks the
/// holders of its 16 band keys here instead of in SQL. A burst of copies of one article holds each
/// of its keys by the same 64 members, and the ranking statement read those 1,024 rows again for
/// every copy (the bulk of a lookup's SQL).
///
/// What it holds is exact for each key it holds: the newest ``LSHBands/newestMembersPerKey``
/// holders (by row number, ascending) with their watch, as `story_band` has them in the
/// transaction that reads them. A key not held is read from the database by the lookup (one
/// statement for all of its missing keys) and then held, empty when no member holds it. A member
/// recorded by the writer is added to the keys held as its rows are inserted
/// (``StateStore/insertStoryMember(_:_:at:)``), in the same transaction.
///
/// Kept in step with the database by forgetting: whatever may undo or delete rows that it holds
/// empties it (``removeAll()``): a decision rolled back to its savepoint, a transaction or a group
/// commit that fails, a prune of the window. It is then filled again from the database, key by key,
/// as lookups need them. Bounded: at ``capacity`` keys it starts again empty.
final class StoryBandBook: Sendable {
    /// One holder of a band key: a `story_member` row number and the number of its watch (`story_watch.id`).
    struct Holder: Sendable, Hashable {
        var member: Int64
        var watch: Int64
    }

    /// Band keys held at most (each with at most 64 holders of 16 bytes: 16 MiB at most, a few
    /// hundred KiB for a burst).
    static let capacity = 16_384

    private struct State {
        var holders: [Int64: [Holder]] = [:]
        var watches: [String: Int64] = [:]
    }

    private let state = Mutex(State())

    /// The holders of each of `keys` (ascending row numbers), or `nil` for a key not held.
    func holders(of keys: [Int64]) -> [[Holder]?] {
        state.withLock { state in keys.map { state.holders[$0] } }
    }

    /// Holds `keys` as read from the database in the current transaction: `read` has, for each
    /// key with holders, its newest ``LSHBands/newestMembersPerKey`` holders in any order; a key of
    /// `keys` missing from `read` has none.
    func learn(_ read: [Int64: [Holder]], keys: [Int64]) {
        state.withLock { state in
            if state.holders.count + keys.count > Self.capacity { state.holders.removeAll(keepingCapacity: true) }
            for key in keys {
                state.holders[key] = (read[key] ?? []).sorted { $0.member < $1.member }
            }
        }
    }

    /// Adds member `member` of watch `watch`, just inserted with band keys `keys`, to the keys held
    /// (its row number is the highest yet: SQLite gives a new row the highest number plus one).
    func record(member: Int64, watch: Int64, keys: some Sequence<Int64>) {
        state.withLock { state in
            for key in keys {
                guard var list = state.holders.removeValue(forKey: key) else { continue }
                list.append(Holder(member: member, watch: watch))
                if list.count > LSHBands.newestMembersPerKey { list.removeFirst(list.count - LSHBands.newestMembersPerKey) }
                state.holders[key] = list
            }
        }
    }

    /// The number of watch `name` in `story_watch`, when known.
    func watchNumber(_ name: String) -> Int64? {
        state.withLock { $0.watches[name] }
    }

    /// Remembers that watch `name` has number `number` in `story_watch` (read in the current transaction).
    func learnWatch(_ name: String, number: Int64) {
        state.withLock { $0.watches[name] = number }
    }

    /// Forgets everything held (its rows may have been rolled back or deleted).
    func removeAll() {
        state.withLock { state in
            state.holders.removeAll()
            state.watches.removeAll()
        }
    }

    /// Number of band keys held.
    var count: Int {
        state.withLock { $0.holders.count }
    }

    /// The members that share the most band keys with a lookup, as ``StateStore/bandHoldersSQL(keys:)``
    /// ranks them: of each key's holders (`lists`, one per distinct key, each the key's newest
    /// ``LSHBands/newestMembersPerKey`` holders), those of watch `watch`, counted per member, most
    /// keys first, ties by row number (lowest first), at most `limit`.
    /// - Returns: row numbers of `story_member`.
    static func ranked(_ lists: [[Holder]], watch: Int64, limit: Int) -> [Int64] {
        var shared: [Int64: Int] = [:]
        for list in lists {
            for holder in list.suffix(LSHBands.newestMembersPerKey) where holder.watch == watch {
                shared[holder.member, default: 0] += 1
            }
        }
        return shared.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(max(0, limit)).map(\.key)
    }
}
