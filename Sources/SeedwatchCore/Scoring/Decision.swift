/// One term of the score: a rule applied to a match, with the points it gave. The components of a
/// ``Decision`` sum to its score, so every point traces to a match.
public struct ScoreComponent: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The rule that gave the points (or withheld them: 0-point components).
    public var rule: ScoreRule
    /// Points given (after the rule's cap).
    public var points: Double
    /// What matched, in words: `"actor north_korea in title"`, `"sentence 3: russia+north_korea with arms_transfer"`.
    public var detail: String
    /// Index into ``MatchResult/sentences`` of the sentence the points come from, if one.
    public var sentence: Int?

    public init(rule: ScoreRule, points: Double, detail: String, sentence: Int?) {
        self.rule = rule
        self.points = points
        self.detail = detail
        self.sentence = sentence
    }

    public var description: String {
        let p = (points * 100).rounded() / 100
        return "\(detail) +\(p)"
    }
}

/// What the rules decide for one article and one watch.
public struct Decision: Sendable, Hashable {
    /// The score: the sum of ``explanation``'s points, rounded to 2 decimals.
    public var score: Double
    /// The level reached, or `nil` when below `notice`.
    public var level: AlertLevel?
    /// Actors matched, most mentioned first (ties in model order).
    public var actors: [ActorSummary]
    /// Topics with points, strongest first (ties in model order).
    public var topics: [TopicSummary]
    /// Up to 5 best sentences: two different states with a topic first, then by states, topics, position.
    public var evidence: [EvidenceItem]
    /// The score's components, in the order the rules apply.
    public var explanation: [ScoreComponent]
    /// Points from topic evidence and the core pattern (what `alert_min_topic` is compared with).
    public var topicPoints: Double
    /// The highest level the article may reach whatever the thresholds (`alert`; `notice` under
    /// `alert_min_core_states`; `nil` when the story is not its subject): what lets an evaluation
    /// try other thresholds on the same decisions.
    public var ceiling: AlertLevel?
    /// What the article lacked for an alert, in the order the rules apply (empty for an alert):
    /// what `scan --explain` prints for a miss.
    public var shortfalls: [Shortfall]

    public init(score: Double, level: AlertLevel?, actors: [ActorSummary], topics: [TopicSummary],
                evidence: [EvidenceItem], explanation: [ScoreComponent], topicPoints: Double, ceiling: AlertLevel? = .alert,
                shortfalls: [Shortfall] = []) {
        self.score = score
        self.level = level
        self.actors = actors
        self.topics = topics
        self.evidence = evidence
        self.explanation = explanation
        self.topicPoints = topicPoints
        self.ceiling = ceiling
        self.shortfalls = shortfalls
    }

    /// `level`, lowered to `ceiling` when above it (`nil` ceiling: no level).
    public static func capped(_ level: AlertLevel?, at ceiling: AlertLevel?) -> AlertLevel? {
        guard let level, let ceiling else { return nil }
        return min(level, ceiling)
    }
}
