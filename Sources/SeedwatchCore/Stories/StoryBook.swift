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
    /// Each story's summary, kept as members are recorded (as `story_summary` in the state database).
    private var summaries: [String: StorySummary] = [:]
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
        var summary = summaries[member.story] ?? StorySummary(size: 0, actors: [], highest: .notice)
        summary.size += 1
        summary.actors.formUnion(member.fingerprint.actors)
        summary.highest = max(summary.highest, member.level)
        summaries[member.story] = summary
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
        let instant = fingerprint.time
        let near = members.indices.filter {
            members[$0].watch == watch && abs(members[$0].fingerprint.time.timeIntervalSince(instant)) <= eventWindow
        }
        let before = near.filter { members[$0].fingerprint.time <= instant }
            .sorted { members[$0].fingerprint.time > members[$1].fingerprint.time }.prefix((Self.timeLimit + 1) / 2)
        let after = near.filter { members[$0].fingerprint.time > instant }
            .sorted { members[$0].fingerprint.time < members[$1].fingerprint.time }.prefix(Self.timeLimit / 2)
        chosen.formUnion(before)
        chosen.formUnion(after)
        return chosen.map { members[$0] }
            .sorted { ($0.fingerprint.time, $0.alertID) < ($1.fingerprint.time, $1.alertID) }
    }

    public func storySummary(story: String) -> StorySummary? {
        summaries[story]
    }
}
