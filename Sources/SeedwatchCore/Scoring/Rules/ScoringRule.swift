/// One rule of the score: a type in this folder that reads the shared facts of an article
/// (``ArticleFacts``) and writes its components (points, or 0-point notes saying why points or a
/// level were withheld) into the ``ScoreSheet``. ``Scorer`` applies the ``PointRule``s in order,
/// reaches a level by the thresholds, then applies the ``LevelRule``s, which can only lower it.
///
/// A new rule is a new type here, a case of ``ScoreRule`` for each name it writes, and a place in
/// ``Scorer/pointRules`` or ``Scorer/levelRules``.
protocol ScoringRule: Sendable {
    /// The names this rule writes in its components (``ScoreComponent/rule``).
    var names: [ScoreRule] { get }
}

/// A rule that adds points (``ScoreComponent``s) to the score.
protocol PointRule: ScoringRule {
    /// Appends this rule's components to `sheet` and adds its points to the topic figures it feeds.
    func addPoints(_ article: ArticleFacts, to sheet: inout ScoreSheet)
}

/// A rule that limits the level the points reach (it lowers ``ScoreSheet/ceiling``) and leaves a
/// 0-point component saying why when it lowers the level the thresholds gave.
protocol LevelRule: ScoringRule {
    /// Lowers `sheet.ceiling` when the article does not meet the rule; `sheet.level` is the level
    /// the thresholds gave before any level rule.
    func limitLevel(_ article: ArticleFacts, on sheet: inout ScoreSheet)
}

/// The running result of scoring one article: the components so far, the points per topic, and,
/// once the point rules are done, the level by the thresholds and the highest level allowed.
struct ScoreSheet {
    /// The components, in the order the rules write them (their sum is the score).
    var components: [ScoreComponent]
    /// Topic evidence points per topic index (``TopicEvidenceRule``), at most `topic_cap` each.
    var topicScores: [Double]
    /// Points from topic evidence and the core pattern (compared with `alert_min_topic` / `notice_min_topic`).
    var topicPoints: Double = 0
    /// The level by the thresholds alone (set by ``Scorer`` after the point rules).
    var level: AlertLevel?
    /// The highest level the article may reach (``Decision/ceiling``); level rules lower it.
    var ceiling: AlertLevel? = .alert

    init(notes: [ScoreComponent], topicCount: Int) {
        components = notes
        topicScores = Array(repeating: 0, count: topicCount)
    }

    /// The sum of the components' points, rounded to 2 decimals.
    var score: Double {
        let total = components.reduce(0) { $0 + $1.points }
        return (total * 100).rounded() / 100
    }
}
