import Foundation

/// An alerted article already in a story: a candidate for a new article to join.
public struct StoryMember: Sendable, Hashable {
    /// The member's alert id (16 hex digits, DESIGN §6 `id`).
    public var alertID: String
    /// The watch (stories are per watch).
    public var watch: String
    /// The story's id: the alert id of its first member.
    public var story: String
    /// The level the member's alert reached.
    public var level: AlertLevel
    /// What the rules compare.
    public var fingerprint: StoryFingerprint

    public init(alertID: String, watch: String, story: String, level: AlertLevel, fingerprint: StoryFingerprint) {
        self.alertID = alertID
        self.watch = watch
        self.story = story
        self.level = level
        self.fingerprint = fingerprint
    }
}

/// What a story holds so far: enough to tell whether a new member adds something.
public struct StorySummary: Sendable, Hashable {
    /// Members in the window (alert lines written for the story, this one excluded).
    public var size: Int
    /// Every actor id named by a member.
    public var actors: Set<String>
    /// The highest level a member reached.
    public var highest: AlertLevel

    public init(size: Int, actors: Set<String>, highest: AlertLevel) {
        self.size = size
        self.actors = actors
        self.highest = highest
    }
}

/// The story keys of an alert line (DESIGN §11): `story`, `story_size`, `repeat`.
public struct StoryKeys: Sendable, Hashable {
    /// The id of the story's first alert (the alert's own id for a new story).
    public var story: String
    /// Members of the story including this one.
    public var size: Int
    /// True when this member adds no actor and no higher level to its story.
    public var isRepeat: Bool
    /// How it joined: `nil` for the first member of a new story.
    public var relation: StoryRelation?

    public init(story: String, size: Int, isRepeat: Bool, relation: StoryRelation?) {
        self.story = story
        self.size = size
        self.isRepeat = isRepeat
        self.relation = relation
    }

    /// True for a member that changes what the analyst was told: not the first, and not a repeat.
    /// A sink with `per: story` sends an update message for it.
    public var isUpdate: Bool { relation != nil && !isRepeat }
}

/// Chooses the story of a newly alerted article among candidate members (``StoryMember``) of the
/// same watch, by ``StoryRule``. Pure.
public enum StoryAssignment {
    /// The story `fingerprint` joins, with the relation: of the candidates related to it by `rule`,
    /// the strongest relation (same link, then near-duplicate, then same
    /// event); among equals the member whose content is most alike (estimated Jaccard index of the
    /// content words: a copy joins its own original rather than an earlier article of the same
    /// template), then the earliest (``StoryFingerprint/time``, then alert id). `nil` when none is
    /// related: the article starts a new story.
    public static func story(of fingerprint: StoryFingerprint, among candidates: [StoryMember],
                             rule: StoryRule = .standard) -> (member: StoryMember, relation: StoryRelation)? {
        story(of: fingerprint, among: candidates, rule: rule) { _, _ in true }
    }

    /// ``story(of:among:rule:)`` among the candidates that `accepts` (a candidate and its relation)
    /// lets join; it is asked only of a candidate that would be chosen.
    public static func story(of fingerprint: StoryFingerprint, among candidates: [StoryMember], rule: StoryRule,
                             accepts: (StoryMember, StoryRelation) throws -> Bool) rethrows -> (member: StoryMember, relation: StoryRelation)? {
        var best: (member: StoryMember, relation: StoryRelation, jaccard: Double)?
        for candidate in candidates {
            guard let relation = rule.relation(fingerprint, candidate.fingerprint) else { continue }
            let jaccard = fingerprint.signature.jaccard(candidate.fingerprint.signature)
            if let current = best {
                let (r, c) = (rank(relation), rank(current.relation))
                if r > c { continue }
                if r == c && (jaccard < current.jaccard || (jaccard == current.jaccard
                    && (candidate.fingerprint.time, candidate.alertID) >= (current.member.fingerprint.time, current.member.alertID))) {
                    continue
                }
            }
            guard try accepts(candidate, relation) else { continue }
            best = (candidate, relation, jaccard)
        }
        return best.map { ($0.member, $0.relation) }
    }

    /// The story keys of a new member with `actors` at `level` joining a story with `summary`
    /// (`nil` with `alertID` as the story for a new story).
    public static func keys(alertID: String, actors: Set<String>, level: AlertLevel,
                            joining: (story: String, relation: StoryRelation, summary: StorySummary)?) -> StoryKeys {
        guard let joining else { return StoryKeys(story: alertID, size: 1, isRepeat: false, relation: nil) }
        let addsActor = !actors.isSubset(of: joining.summary.actors)
        let raisesLevel = level > joining.summary.highest
        return StoryKeys(story: joining.story, size: joining.summary.size + 1, isRepeat: !addsActor && !raisesLevel,
                         relation: joining.relation)
    }

    private static func rank(_ relation: StoryRelation) -> Int {
        switch relation {
        case .edit: -1
        case .sameLink: 0
        case .nearDuplicate: 1
        case .sameEvent: 2
        }
    }
}
