/// The core pattern: states acting together in one sentence. Per sentence, in order, at most
/// `pair_cap` points in all, each times the length factor after the lead:
/// - `pair_points` for two different core states with a counted topic term (`pair_points`);
/// - `pair_points × partner_factor` for a core state and a partner state (weighted, not core) with a
///   topic term (`pair_points`);
/// - `pair_points × relation_factor` for two core states without a topic term, or
///   `title_relation_points` instead when that sentence is the title and the value is above 0
///   (`relation_factor`);
/// - `pair_points × partner_pair_factor` for two partner states and no core state, with a term of a
///   `partner_topics` topic (`partner_pair_factor`).
/// Core states that the sentence names only as items of one list (``SentenceFacts/coreListed``)
/// are no pair of core states: the first of them may still pair with a partner state.
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
        for s in 0..<article.sentenceCount {
            let weighted = article.sentences.states[s].filter { rules.weight(of: $0) > 0 }.sorted()
            guard weighted.count >= 2 else { continue }
            let coreNamed = weighted.filter(coreStates.contains)
            let core = article.sentences.coreListed[s] ? Array(coreNamed.prefix(1)) : coreNamed
            let topics = article.sentences.topics[s].keys.filter(article.counts).sorted()
            if core.isEmpty {
                let partners = weighted.filter { !coreStates.contains($0) }
                let partnerTopics = topics.filter { rules.partnerTopics.isEmpty || rules.partnerTopics.contains(topicIDs[$0]) }
                guard rules.partnerPairFactor > 0, partners.count >= 2, !partnerTopics.isEmpty else { continue }
                addPair(s, rules.pairPoints * rules.partnerPairFactor, .partnerPairPoints,
                        "\(partners.prefix(2).joined(separator: "+")) with \(partnerTopics.map { topicIDs[$0] }.joined(separator: ","))")
                continue
            }
            let bothCore = core.count >= 2
            let hasTopic = !topics.isEmpty
            guard hasTopic || bothCore else { continue }
            if !bothCore && !weighted.contains(where: { !coreStates.contains($0) }) { continue }
            var raw = rules.pairPoints * (bothCore ? 1 : rules.partnerFactor) * (hasTopic ? 1 : rules.relationFactor)
            if bothCore && !hasTopic && article.result.sentences[s].isTitle && rules.titleRelationPoints > 0 { raw = rules.titleRelationPoints }
            let pair = bothCore ? core.prefix(2).joined(separator: "+") : [core[0], weighted.first { !coreStates.contains($0) }!].joined(separator: "+")
            let topicList = topics.map { topicIDs[$0] }.joined(separator: ",")
            addPair(s, raw, hasTopic ? .pairPoints : .relationFactor, "\(pair) with \(hasTopic ? topicList : "no topic term")")
        }
    }
}
