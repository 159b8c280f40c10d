extension ScoringRules {
    /// The scoring rules of a built watch: the shipped watch's tuned parameters (thresholds,
    /// centrality, topic and pair points), naming the built model's own states.
    /// - Parameters:
    ///   - core: the core states (weight 1; two of them in one sentence with a topic term are the pair pattern).
    ///   - partners: weighted states outside the core (weight 0.5).
    /// - Returns: rules where an alert needs 19 points, 6 of them from topics and pairs, and must
    ///   name two core states (the story is their relation: news about one of them alone is a notice
    ///   at most); with three or more core states, naming the most central one (the first of `core`)
    ///   is enough. Points after the lead of an article longer than 30 body sentences are scaled to
    ///   30 sentences, and either level needs the story to be the article's subject (`require_subject`).
    public static func generic(core: [String], partners: [String]) -> ScoringRules {
        var r = ScoringRules()
        r.alertThreshold = 19
        r.noticeThreshold = 16
        r.alertMinTopic = 6
        r.noticeMinTopic = 6
        r.stateWeights = Dictionary(uniqueKeysWithValues: core.map { ($0, 1.0) } + partners.map { ($0, 0.5) })
        r.coreStates = core
        r.alertKeyStates = core.count >= 3 ? [core[0]] : []
        r.alertMinCoreStates = core.count >= 2 ? 2 : 0
        r.titlePoints = 6
        r.leadPoints = 4
        r.leadSentences = 3
        r.sentencePoints = 1
        r.sentenceCap = 6
        r.titleFactor = 2
        r.leadFactor = 1.5
        r.unanchoredFactor = 0
        r.partnerAnchorFactor = 0.5
        r.topicCap = 12
        r.pairPoints = 4
        r.partnerFactor = 0.5
        r.relationFactor = 0.5
        r.titleRelationPoints = 6
        r.pairCap = 16
        r.lengthWindow = 30
        r.requireSubject = true
        r.subjectShare = 0.2
        return r
    }
}
