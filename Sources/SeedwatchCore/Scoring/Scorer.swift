/// Turns a ``MatchResult`` into a ``Decision`` by the model's ``ScoringRules`` (DESIGN §4): a pure
/// function, no I/O, no clock. The per-sentence facts are built once (``ArticleFacts``); the point
/// rules in ``pointRules`` add the components, the thresholds give a level, and the rules in
/// ``levelRules`` may lower it. Every point is a ``ScoreComponent`` naming its ``ScoreRule``, and
/// every rule that withheld points or a level leaves a 0-point component saying why.
public struct Scorer: Sendable {
    public let model: WatchModel
    /// Whether ``score(_:)`` fills ``Decision/shortfalls`` (what a miss lacked, for `scan --explain`).
    /// Off by default: the daemon never shows them, and working them out costs about a tenth of a
    /// scan's time.
    public var explainsShortfalls = false

    /// The rules that add points, in the order their components appear in a decision's explanation
    /// (after the 0-point notes of ``SentenceFacts``): state centrality, topic evidence, the core
    /// pattern, the headline about a key state, the headline on the key state's relations.
    static let pointRules: [any PointRule] = [StateCentralityRule(), TopicEvidenceRule(), CorePatternRule(), HeadlineRule(), KeyRelationRule()]
    /// The rules that limit the level, in order: the key states, the subject test, a short item's title.
    static let levelRules: [any LevelRule] = [KeyStatesRule(), SubjectRule(), ShortItemTitleRule()]

    public init(model: WatchModel) {
        self.model = model
    }

    /// Scores one match result.
    public func score(_ result: MatchResult) -> Decision {
        let article = ArticleFacts(result, model: model)
        var sheet = ScoreSheet(notes: article.sentences.notes, topicCount: model.topics.count)
        for rule in Self.pointRules { rule.addPoints(article, to: &sheet) }
        let score = sheet.score
        sheet.level = model.rules.level(score: score, topicPoints: sheet.topicPoints)
        for rule in Self.levelRules { rule.limitLevel(article, on: &sheet) }
        let facts = article.sentences
        let level = Decision.capped(sheet.level, at: sheet.ceiling)
        return Decision(
            score: score, level: level,
            actors: actorSummaries(result),
            topics: topicSummaries(result, scores: sheet.topicScores),
            evidence: evidence(result, states: facts.states, actors: facts.actors, topics: facts.topics),
            explanation: sheet.components, topicPoints: sheet.topicPoints, ceiling: sheet.ceiling,
            shortfalls: explainsShortfalls ? Shortfalls.of(article, sheet, level: level) : [])
    }

    static func rounded(_ x: Double) -> Double { (x * 100).rounded() / 100 }
}
