import Foundation

/// The outcome of one article for one watch: the scorer's decision and the alert record it implies.
public struct ArticleEvaluation: Sendable {
    /// The watch name.
    public var watch: String
    /// The article key (DESIGN §7) the alert id was derived from.
    public var articleKey: String
    /// The level reached, or `nil` below `notice` (then nothing is written).
    public var level: AlertLevel?
    /// Score, actors, topics, evidence and the explanation of every point.
    public var decision: Decision
    /// The alert line's content. Its `level` is meaningful only when ``level`` is not `nil`.
    public var record: AlertRecord
}

extension CompiledWatch {
    /// Matches and scores `article` in its detected language: a pure function of (article, model)
    /// plus the given identity and time.
    ///
    /// - Parameters:
    ///   - article: the extracted article.
    ///   - articleKey: its key (DESIGN §7): `file:<sha256>` or `feed:<url>␀<item key>`.
    ///   - source: the alert's `source` object.
    ///   - time: when the decision is made (written as the alert's `time`).
    public func evaluate(_ article: Article, articleKey: String, source: AlertSource, time: Date) -> ArticleEvaluation {
        // The matcher normalises the text itself and drops it before scoring (the lean path for a long article).
        let language = article.language
        return evaluation(article, matcher.match(article, language: language), language: language, articleKey: articleKey,
                          source: source, time: time)
    }

    /// ``evaluate(_:articleKey:source:time:)`` of an article already normalised: `normalized` must be
    /// ``Normalizer/normalize(article:)`` of `article`, made once for every watch and the story signature.
    /// With `nil` (an article too long to hold its normalised text while it is scored,
    /// ``Normalizer/sharedNormalization(of:)``), the matcher normalises it itself.
    public func evaluate(_ article: Article, normalized: NormalizedText?, articleKey: String, source: AlertSource,
                         time: Date) -> ArticleEvaluation {
        guard let normalized else { return evaluate(article, articleKey: articleKey, source: source, time: time) }
        let language = article.language
        return evaluation(article, matcher.match(article, normalized: normalized, language: language), language: language,
                          articleKey: articleKey, source: source, time: time)
    }

    private func evaluation(_ article: Article, _ result: MatchResult, language: String?, articleKey: String, source: AlertSource,
                            time: Date) -> ArticleEvaluation {
        let decision = scorer.score(result)
        let id = ArticleIdentity.alertID(watch: model.watch, articleKey: articleKey, modelVersion: model.version)
        let record = AlertRecord(
            id: id, time: time, watch: model.watch, level: decision.level ?? .notice, score: decision.score,
            source: source, title: article.title, published: article.published,
            actors: decision.actors, topics: decision.topics, evidence: decision.evidence, language: language)
        return ArticleEvaluation(watch: model.watch, articleKey: articleKey, level: decision.level, decision: decision, record: record)
    }
}

extension AlertTextFormatter {
    /// The readable view of one evaluation (scan, feeds check): its level, score, title, actors,
    /// topics and best evidence sentence; `source` says where the article came from.
    public static func format(_ evaluation: ArticleEvaluation, source: String) -> String {
        let record = evaluation.record
        return format(time: record.time, level: evaluation.level, score: evaluation.decision.score, title: record.title,
                      actors: record.actors.map { ($0.name, $0.mentions) },
                      topics: record.topics.map { ($0.name, $0.score) },
                      bestEvidence: record.evidence.first?.text, source: source)
    }
}
