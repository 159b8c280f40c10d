import Foundation

/// The stories of one run kept in memory (``StoryMemberSource``): `seedwatch scan` groups the
/// articles it reads into stories the way the daemon does, without a state database. Candidates
/// are chosen as the state database chooses them (band keys, canonical link, the nearest members
/// in time); nothing is pruned (one run is shorter than `stories.window`).
public struct StoryBook: StoryMemberSource, Sendable {
    private var members: [StoryMember] = []
    private var alertIDs: Set<String> = []
    private var byBand: [Int64: [Int]] = [:]
    private var byLink: [Int64: [Int]] = [:]
    /// Each watch's members as (time in Unix seconds, index), sorted: the state database's
    /// (watch, time) index, walked the same way (equal times by record order).
    private var byWatchTime: [String: [(time: Double, index: Int)]] = [:]
    /// Each story's summary, kept as members are recorded (as `story_summary` in the state database).
    private var summaries: [String: StorySummary] = [:]
    /// Each story's published instants of its earliest and latest dated member (as `story_summary`).
    private var spans: [String: ClosedRange<Date>] = [:]
    /// The keys given to each alert id, so that the same alert read again (two copies of one file)
    /// gets the same keys, as the daemon writes one line per alert id.
    private var keysByAlertID: [String: StoryKeys] = [:]
    /// At most this many candidates from the band keys, as in the state database.
    static let bandLimit = 16
    /// At most half this many candidates before, and half after, in time.
    static let timeLimit = 40

    public init() {}

    /// Number of members recorded.
    public var count: Int { members.count }

    /// Records `member` (a member with an alert id already recorded is ignored).
    public mutating func record(_ member: StoryMember) {
        guard alertIDs.insert(member.alertID).inserted else { return }
        let index = members.count
        members.append(member)
        for band in Set(LSHBands.keys(member.fingerprint.signature)) { byBand[band, default: []].append(index) }
        if let link = member.fingerprint.linkKey { byLink[link, default: []].append(index) }
        let time = member.fingerprint.time.timeIntervalSince1970
        var timeline = byWatchTime.removeValue(forKey: member.watch) ?? []
        timeline.insert((time, index), at: timeline.partitioningIndex { $0.time > time })   // the newest of its time
        byWatchTime[member.watch] = timeline
        var summary = summaries[member.story] ?? StorySummary(size: 0, actors: [], highest: .notice)
        summary.size += 1
        summary.actors.formUnion(member.fingerprint.actors)
        summary.highest = max(summary.highest, member.level)
        summaries[member.story] = summary
        if member.fingerprint.isDated {
            let t = member.fingerprint.time
            spans[member.story] = spans[member.story].map { min($0.lowerBound, t)...max($0.upperBound, t) } ?? t...t
        }
    }

    /// Gives an alert its story keys and records it (``StoryAssignment/assign(alertID:watch:level:fingerprint:in:rule:)``).
    /// An alert id already joined (the same article read again, e.g. an identical copy of a file)
    /// gets the keys it was given the first time and changes nothing.
    /// - Returns: the alert's story keys.
    public mutating func join(alertID: String, watch: String, level: AlertLevel, fingerprint: StoryFingerprint,
                              rule: StoryRule = .standard) -> StoryKeys {
        if let given = keysByAlertID[alertID] { return given }
        // Reading memory cannot fail.
        guard let (keys, member) = try? StoryAssignment.assign(alertID: alertID, watch: watch, level: level,
                                                               fingerprint: fingerprint, in: self, rule: rule) else {
            return StoryKeys(story: alertID, size: 1, isRepeat: false, relation: nil)
        }
        record(member)
        keysByAlertID[alertID] = keys
        return keys
    }

    public func storyCandidates(watch: String, fingerprint: StoryFingerprint, eventWindow: TimeInterval) -> [StoryMember] {
        // Band keys: of the newest holders of each key, the members sharing the most keys first,
        // then the earliest recorded.
        var shared: [Int: Int] = [:]
        for band in Set(LSHBands.keys(fingerprint.signature)) {
            for i in (byBand[band] ?? []).suffix(LSHBands.newestMembersPerKey) where members[i].watch == watch {
                shared[i, default: 0] += 1
            }
        }
        var chosen = Set(shared.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(Self.bandLimit).map(\.key))
        if let link = fingerprint.linkKey {
            for i in byLink[link] ?? [] where members[i].watch == watch { chosen.insert(i) }
        }
        // Two walks outward from the instant, as the state database's: the latest at or before it
        // (equal times newest recorded first), then the earliest after it.
        let instant = fingerprint.time.timeIntervalSince1970
        let timeline = byWatchTime[watch] ?? []
        let split = timeline.partitioningIndex { $0.time > instant }
        for entry in timeline[..<split].reversed().prefix((Self.timeLimit + 1) / 2) where entry.time >= instant - eventWindow {
            chosen.insert(entry.index)
        }
        for entry in timeline[split...].prefix(Self.timeLimit / 2) where entry.time <= instant + eventWindow {
            chosen.insert(entry.index)
        }
        return chosen.map { members[$0] }
            .sorted { ($0.fingerprint.time, $0.alertID) < ($1.fingerprint.time, $1.alertID) }
    }

    public func storySummary(story: String) -> StorySummary? {
        summaries[story]
    }

    public func storySpan(story: String) -> ClosedRange<Date>? {
        spans[story]
    }
}

extension Array {
    /// The first index whose element satisfies `isAbove`, for an array partitioned by it (every
    /// element satisfying it after every one that does not); `count` when none does. Binary search.
    fileprivate func partitioningIndex(where isAbove: (Element) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if isAbove(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
