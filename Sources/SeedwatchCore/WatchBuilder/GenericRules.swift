extension ScoringRules {
    /// The scoring rules of a built watch: the shipped watch's centrality, topic and pair points, naming
    /// the built model's own states, with thresholds, headline and paragraph points tuned for built
    /// models on the tuning part of the labels (`scripts/labels/split-heldout.sh`: dev.tsv, tune-extra,
    /// tune-fetched; the held-out part was measured once, after).
    /// - Parameters:
    ///   - core: the core states (weight 1; two of them in one sentence with a topic term are the pair pattern).
    ///   - partners: weighted states outside the core (weight 0.5).
    ///   - incidentTerms: words of a headline on an incident or a contest (``EventLexicon/incidentWords``):
    ///     states named together in such a title are places or teams, so it gets no relation points.
    /// - Returns: rules where an alert needs 17 points, 6 of them from topics and pairs, and must
    ///   name two core states (the story is their relation: news about one of them alone is a notice
    ///   at most); with three or more core states, naming the most central one (the first of `core`)
    ///   is enough. A title naming a key (or core) state with a topic term earns 5 points (a headline
    ///   item is the story however short: a bare title naming the key state with a term of weight 3
    ///   reaches the alert threshold, 6 + 2 × 3 + 5); a title naming the key state (with three or more core
    ///   states) acting together with a state outside the core earns 7.5 (its relations with
    ///   that state: "South Korea to revive rail link to North Korea"): with the key state named
    ///   again in the lead (title 6 + lead 4) such a headline reaches the alert threshold without a
    ///   topic term, as a headline pairing two core states does (title 6 + 6 + `title_relation_points` 6).
    ///   Neither relation rule counts in a title on an incident or a contest (`incidentTerms`). A feed item of at most 3 body
    ///   sentences has its title's topic terms anchored by the states of its description, and needs a
    ///   title that names an actor or a topic term. Points after the lead of an article longer than 30 body
    ///   sentences are scaled to 30 sentences, and either level needs the story to be the article's
    ///   subject (`require_subject`): in the title or lead, in a fifth of the sentences, or in 3 of any
    ///   6 consecutive body sentences (a paragraph on the story inside a longer piece).
    ///   - allianceStates: states of the seed that weigh nothing alone (named in most news: the United
    ///     States), and `responseTopics`: the model's topics of a security response (drills,
    ///     deployments, ``EventLexicon/responseConcepts``). When both are given and the model has
    ///     partners and two or more core states, they become `alliance_states` and `subject_topics` with `partner_pair_factor` 1:
    ///     a partner state and an alliance state acting together with a response term ("Trump
    ///     instructs Pentagon to reduce military exercises with South Korea") earn 4 points a
    ///     sentence, their response terms count in full, and such a title may alert without the key
    ///     state (rubric (c) of the shipped watch: security responses to the core states).
    public static func generic(core: [String], partners: [String], incidentTerms: [String] = [],
                               allianceStates: [String] = [], responseTopics: [String] = []) -> ScoringRules {
        var r = ScoringRules()
        r.alertThreshold = 17
        r.noticeThreshold = 14
        r.alertMinTopic = 6
        r.noticeMinTopic = 6
        r.stateWeights = Dictionary(uniqueKeysWithValues: core.map { ($0, 1.0) } + partners.map { ($0, 0.5) })
        r.coreStates = core
        r.alertKeyStates = core.count >= 3 ? [core[0]] : []
        // A story of one core state (a Meloni–Trump spat) needs it named for an alert.
        r.alertMinCoreStates = min(core.count, 2)
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
        r.titleKeyPoints = 5
        r.titleKeyRelationPoints = 7.5
        r.incidentTitleTerms = incidentTerms
        r.shortItemSentences = 3
        r.lengthWindow = 30
        r.requireSubject = true
        r.subjectShare = 0.2
        r.subjectParagraph = 3
        r.subjectParagraphWindow = 6
        // An ally's security response stands in for the key state only in a story of two or more
        // core states (rubric (c) of the shipped watch: responses to their relation). With one core
        // state, "US strikes on Iran" would alert a watch on Italy that the seed's Iran made a partner.
        if core.count >= 2 && !allianceStates.isEmpty && !responseTopics.isEmpty && !partners.isEmpty {
            r.allianceStates = allianceStates
            r.subjectTopics = responseTopics
            r.partnerPairFactor = 1
        }
        return r
    }
}
