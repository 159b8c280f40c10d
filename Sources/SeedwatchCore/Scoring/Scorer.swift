/// Temporary scorer (replaced by the model branch): counts mentions.
public struct Decision: Sendable {
    public var score: Double
    public var level: AlertLevel?
    public var actors: [ActorSummary]
    public var topics: [TopicSummary]
    public var evidence: [EvidenceItem]
}

public struct Scorer: Sendable {
    public let model: WatchModel
    public init(model: WatchModel) { self.model = model }

    public func score(_ result: MatchResult) -> Decision {
        var counts: [Int: Int] = [:]
        for m in result.mentions { counts[m.actor, default: 0] += 1 }
        let actors = counts.sorted { $0.value > $1.value }.map { ActorSummary(id: model.actors[$0.key].id, name: model.actors[$0.key].name, mentions: $0.value) }
        let score = Double(result.mentions.count + result.termHits.count)
        let level: AlertLevel? = score >= model.rules.alertThreshold ? .alert : (score >= model.rules.noticeThreshold ? .notice : nil)
        return Decision(score: score, level: level, actors: actors, topics: [], evidence: [])
    }
}
