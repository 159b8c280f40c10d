/// The core pattern: states acting together in one sentence. Per sentence, in order, at most
/// `pair_cap` points in all, each times the length factor after the lead:
/// - `pair_points` for two different core states with a counted topic term (`pair_points`);
/// - `pair_points × partner_factor` for a core state and a partner state (weighted, not core) with a
///   topic term (`pair_points`);
/// - `pair_points × relation_factor` for two core states without a topic term, or
///   `title_relation_points` instead when that sentence is the title and the value is above 0
///   (`relation_factor`); in the title, two core states with a topic term get at least
///   `title_relation_points` too, unless the title is on an incident or a contest;
/// - `pair_points × partner_pair_factor` for two partner states and no core state, with a term of a
///   `partner_topics` topic (`partner_pair_factor`).
/// Two states that the sentence names only as items of one list, as alternatives or as shared
/// objects (``SentenceFacts/apart``) are no pair; another pair of the sentence may still count. A
/// partner state also pairs with a state of `alliance_states` (``ArticleFacts/responsePairs``). Two
/// core states in a title on an incident or a contest (`incident_title_terms`) without a topic term
/// are no relation.
struct CorePatternRule: PointRule {
    var names: [ScoreRule] { [.pairPoints, .relationFactor, .partnerPairPoints] }

    func addPoints(_ article: ArticleFacts, to sheet: inout ScoreSheet) {
        let rules = article.rules
        let coreStates = article.coreStates
        let topicIDs = article.model.topics.map(\.id)
        var pairTotal = 0.0
        func addPair(_ s: Int, _ raw: Double, _ rule: ScoreRule, _ detail: String) {
            let points = min(raw * article.length(s), rules.pairCap - pairTotal)
            guard points > 0 else { return }
            pairTotal += points
            sheet.topicPoints += points
            sheet.components.append(ScoreComponent(rule: rule, points: points,
                                                   detail: "\(article.place(s)): \(detail)\(article.lengthDetail(s))", sentence: s))
        }
        let facts = article.sentences
        for s in 0..<article.sentenceCount {
            // A pair needs two states of the sentence, and ``ArticleFacts/responsePairs`` too: a
            // sentence naming fewer adds nothing (most sentences of a long article).
            guard facts.states[s].count >= 2 else { continue }
            let weighted = facts.states[s].filter { rules.weight(of: $0) > 0 }.sorted()
            let topics = facts.topics[s].keys.filter(article.counts).sorted()
            let coreNamed = weighted.filter(coreStates.contains)
            let partnersNamed = weighted.filter { !coreStates.contains($0) }
            // Two core states acting together, else a core state with a partner state.
            var corePair: (String, String)?
            for (i, a) in coreNamed.enumerated() where corePair == nil {
                corePair = coreNamed[(i + 1)...].first { facts.actTogether(s, a, $0) }.map { (a, $0) }
            }
            var partnerPair: (String, String)?
            if corePair == nil {
                for a in coreNamed where partnerPair == nil {
                    partnerPair = partnersNamed.first { facts.actTogether(s, a, $0) }.map { (a, $0) }
                }
            }
            if corePair == nil && partnerPair == nil {
                // No core state acting: two partner states, or a partner with an alliance state
                // (``ArticleFacts/responsePairs``), with a term of `partner_topics`.
                let partnerTopics = topics.filter { rules.partnerTopics.isEmpty || rules.partnerTopics.contains(topicIDs[$0]) }
                guard rules.partnerPairFactor > 0, !partnerTopics.isEmpty else { continue }
                var pair: StatePair?
                for (i, a) in partnersNamed.enumerated() where pair == nil {
                    pair = partnersNamed[(i + 1)...].first { facts.actTogether(s, a, $0) }.map { StatePair(a, $0) }
                }
                guard let found = pair ?? article.responsePairs[s] else { continue }
                addPair(s, rules.pairPoints * rules.partnerPairFactor, .partnerPairPoints,
                        "\(found) with \(partnerTopics.map { topicIDs[$0] }.joined(separator: ","))")
                continue
            }
            let bothCore = corePair != nil
            let hasTopic = !topics.isEmpty
            guard hasTopic || bothCore else { continue }
            // Two core states in the title of an incident or a contest, without a topic term: where it
            // happened, not a relation (``SentenceFacts/incidentWord``, whose note says so).
            if bothCore && !hasTopic && article.result.sentences[s].isTitle && facts.incidentWord != nil { continue }
            var raw = rules.pairPoints * (bothCore ? 1 : rules.partnerFactor) * (hasTopic ? 1 : rules.relationFactor)
            // In the title two core states acting together get at least `title_relation_points`: a weak
            // topic term ("Xi meets Putin in Moscow") never makes the headline on the relation weigh less.
            if bothCore && article.result.sentences[s].isTitle && rules.titleRelationPoints > 0 && (!hasTopic || (rules.titleRelationPoints > raw && facts.incidentWord == nil)) {
                raw = rules.titleRelationPoints
            }
            let (a, b) = corePair ?? partnerPair!
            let topicList = topics.map { topicIDs[$0] }.joined(separator: ",")
            addPair(s, raw, hasTopic ? .pairPoints : .relationFactor, "\(a)+\(b) with \(hasTopic ? topicList : "no topic term")")
        }
    }
}
