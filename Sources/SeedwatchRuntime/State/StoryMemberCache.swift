import SeedwatchCore

/// Story members already decoded from their `story_member` rows, by row number, so that the story
/// lookups of a burst decode each candidate once instead of once per lookup (issue 15: a burst of
/// alerts of one story read the same 56 candidates for every alert, and decoding them — two MinHash
/// signatures, actor and topic sets, alert ids — was most of the lookup's time).
///
/// An entry is used only when the row still has the member's alert number and story number: a row
/// number can be used again after a prune or a rolled-back decision, and a member's other columns
/// never change once written (``StateStore/insertStoryMemberRows(_:_:at:)`` leaves an existing
/// member as it is). At most ``capacity`` entries are kept; the oldest insertion goes first.
package struct StoryMemberCache: Sendable {
    /// Entries kept: 4,096 members of about 700 bytes each (two 128-value signatures, the title, ids).
    package static let capacity = 4_096

    private struct Entry: Sendable {
        var alert: Int64
        var story: Int64
        var member: StoryMember
    }

    private var entries: [Int64: Entry] = [:]
    /// Row numbers in insertion order, a ring of ``capacity`` slots; `next` is the oldest once full.
    private var order: [Int64] = []
    private var next = 0

    package init() {}

    /// The member decoded from row `id`, when that row still holds alert `alert` of story `story`.
    package func member(row id: Int64, alert: Int64, story: Int64) -> StoryMember? {
        guard let entry = entries[id], entry.alert == alert, entry.story == story else { return nil }
        return entry.member
    }

    /// Keeps `member`, decoded from row `id` (alert number `alert`, story number `story`).
    package mutating func insert(_ member: StoryMember, row id: Int64, alert: Int64, story: Int64) {
        if entries.updateValue(Entry(alert: alert, story: story, member: member), forKey: id) != nil { return }
        if order.count < Self.capacity {
            order.append(id)
        } else {
            entries[order[next]] = nil
            order[next] = id
            next = (next + 1) % Self.capacity
        }
    }

    /// Forgets every entry (after a prune: its row numbers may be used again).
    package mutating func removeAll() {
        entries.removeAll(keepingCapacity: true)
        order.removeAll(keepingCapacity: true)
        next = 0
    }
}
