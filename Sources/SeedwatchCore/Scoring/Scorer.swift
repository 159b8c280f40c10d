/// Turns a ``MatchResult`` into a ``Decision`` by the model's ``ScoringRules`` (DESIGN §4): a pure
/// function, no I/O, no clock. See ``ScoringRules`` for the rules and their parameters.
public struct Scorer: Sendable {
    public let model: WatchModel

    public init(model: WatchModel) {
        self.model = model
    }

    /// Scores one match result.
    public func score(_ result: MatchResult) -> Decision {
        let rules = model.rules
        let sentenceCount = result.sentences.count

        // Per sentence: the states named (persons and organizations count for their affiliation).
        var statesInSentence = Array(repeating: Set<String>(), count: sentenceCount)
        var actorsInSentence = Array(repeating: [Int](), count: sentenceCount)
        for m in result.mentions {
            let actor = model.actors[m.actor]
            if !actorsInSentence[m.sentence].contains(m.actor) { actorsInSentence[m.sentence].append(m.actor) }
            if let state = actor.stateID { statesInSentence[m.sentence].insert(state) }
        }
        var topicsInSentence = Array(repeating: [Int: (term: Int, weight: Double)](), count: sentenceCount)
        for h in result.termHits {
            let w = model.topics[h.topic].terms[h.term].weight
            if let best = topicsInSentence[h.sentence][h.topic], best.weight >= w { continue }
            topicsInSentence[h.sentence][h.topic] = (h.term, w)
        }
        func isLead(_ s: Int) -> Bool {
            let sentence = result.sentences[s]
            return !sentence.isTitle && sentence.bodyIndex < rules.leadSentences
        }
        func place(_ s: Int) -> String {
            let sentence = result.sentences[s]
            return sentence.isTitle ? "title" : "sentence \(sentence.bodyIndex + 1)"
        }
        let coreStates = Set(rules.coreStates)

        var components: [ScoreComponent] = []

        // 1. State centrality.
        var stateOrder: [String] = []
        for actor in model.actors where actor.kind == .state { stateOrder.append(actor.id) }
        for state in stateOrder {
            let w = rules.weight(of: state)
            guard w > 0 else { continue }
            let sentences = (0..<sentenceCount).filter { statesInSentence[$0].contains(state) }
            guard !sentences.isEmpty else { continue }
            if sentences.contains(where: { result.sentences[$0].isTitle }) {
                components.append(ScoreComponent(rule: "title_points", points: rules.titlePoints * w,
                                                 detail: "state \(state) in title", sentence: sentences.first { result.sentences[$0].isTitle }))
            }
            if let lead = sentences.first(where: isLead) {
                components.append(ScoreComponent(rule: "lead_points", points: rules.leadPoints * w,
                                                 detail: "state \(state) in lead (\(place(lead)))", sentence: lead))
            }
            let further = sentences.filter { !result.sentences[$0].isTitle && !isLead($0) }.prefix(rules.sentenceCap)
            for s in further {
                components.append(ScoreComponent(rule: "sentence_points", points: rules.sentencePoints * w,
                                                 detail: "state \(state) in \(place(s))", sentence: s))
            }
        }

        // 2. Topic evidence.
        var topicScores = Array(repeating: 0.0, count: model.topics.count)
        var topicPoints = 0.0
        for s in 0..<sentenceCount {
            let anchored = statesInSentence[s].contains { rules.weight(of: $0) > 0 }
            let coreAnchored = !statesInSentence[s].isDisjoint(with: coreStates)
            let positionFactor = result.sentences[s].isTitle ? rules.titleFactor : (isLead(s) ? rules.leadFactor : 1)
            let position = positionFactor * (anchored && !coreAnchored ? rules.partnerAnchorFactor : 1)
            for (t, hit) in topicsInSentence[s].sorted(by: { $0.key < $1.key }) {
                let room = rules.topicCap - topicScores[t]
                guard room > 0 else { continue }
                let raw = hit.weight * position * (anchored ? 1 : rules.unanchoredFactor)
                let points = min(raw, room)
                guard points > 0 else { continue }
                topicScores[t] += points
                topicPoints += points
                let term = model.topics[t].terms[hit.term].text
                components.append(ScoreComponent(
                    rule: "topic", points: points,
                    detail: "\(place(s)): \(model.topics[t].id) \"\(term)\"\(anchored ? (coreAnchored ? "" : " (partner state only)") : " (no state named)")", sentence: s))
            }
        }

        // 3. The core pattern: two different states in one sentence with a topic term.
        var pairTotal = 0.0
        // Two core states in one sentence without a topic term still show relations between them
        // (rubric (a)): `relation_factor` of the pair points.
        for s in 0..<sentenceCount {
            let states = statesInSentence[s].filter { rules.weight(of: $0) > 0 }.sorted()
            guard states.count >= 2 else { continue }
            let core = states.filter { coreStates.contains($0) }
            guard !core.isEmpty else { continue }
            let bothCore = core.count >= 2
            let hasTopic = !topicsInSentence[s].isEmpty
            guard hasTopic || bothCore else { continue }
            var raw = rules.pairPoints * (bothCore ? 1 : rules.partnerFactor) * (hasTopic ? 1 : rules.relationFactor)
            if bothCore && !hasTopic && result.sentences[s].isTitle && rules.titleRelationPoints > 0 { raw = rules.titleRelationPoints }
            let points = min(raw, rules.pairCap - pairTotal)
            guard points > 0 else { continue }
            pairTotal += points
            topicPoints += points
            let pair = bothCore ? core.prefix(2).joined(separator: "+") : [core[0], states.first { !coreStates.contains($0) }!].joined(separator: "+")
            let topicIDs = topicsInSentence[s].keys.sorted().map { model.topics[$0].id }.joined(separator: ",")
            components.append(ScoreComponent(rule: hasTopic ? "pair_points" : "relation_factor", points: points,
                                             detail: "\(place(s)): \(pair) with \(hasTopic ? topicIDs : "no topic term")", sentence: s))
        }

        let total = components.reduce(0) { $0 + $1.points }
        let score = (total * 100).rounded() / 100
        var level: AlertLevel?
        if score >= rules.alertThreshold && topicPoints >= rules.alertMinTopic {
            level = .alert
        } else if score >= rules.noticeThreshold && topicPoints >= rules.noticeMinTopic {
            level = .notice
        }
        // The story is the triangle: an article that names none of the key states and fewer than
        // `alert_min_core_states` of the core states is related news at most (a notice).
        if level == .alert && rules.alertMinCoreStates > 0 {
            let named = statesInSentence.reduce(into: Set<String>()) { $0.formUnion($1) }
            let hasKey = rules.alertKeyStates.contains { named.contains($0) }
            let coreNamed = named.intersection(coreStates).count
            if !hasKey && coreNamed < rules.alertMinCoreStates {
                level = .notice
                components.append(ScoreComponent(
                    rule: "alert_min_core_states", points: 0,
                    detail: "level capped at notice: none of \(rules.alertKeyStates.joined(separator: ", ")) named and "
                        + "\(coreNamed) of \(rules.coreStates.joined(separator: ", ")) (needs \(rules.alertMinCoreStates))",
                    sentence: nil))
            }
        }

        return Decision(
            score: score, level: level,
            actors: actorSummaries(result),
            topics: topicSummaries(result, scores: topicScores),
            evidence: evidence(result, states: statesInSentence, actors: actorsInSentence, topics: topicsInSentence),
            explanation: components, topicPoints: topicPoints)
    }

    private func actorSummaries(_ result: MatchResult) -> [ActorSummary] {
        var counts = Array(repeating: 0, count: model.actors.count)
        for m in result.mentions { counts[m.actor] += 1 }
        return counts.indices.filter { counts[$0] > 0 }
            .sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
            .map { ActorSummary(id: model.actors[$0].id, name: model.actors[$0].name, mentions: counts[$0]) }
    }

    private func topicSummaries(_ result: MatchResult, scores: [Double]) -> [TopicSummary] {
        var termCounts = Array(repeating: [Int: Int](), count: model.topics.count)
        for h in result.termHits { termCounts[h.topic][h.term, default: 0] += 1 }
        return scores.indices.filter { scores[$0] > 0 }
            .sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
            .map { t in
                let terms = termCounts[t].sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                    .map { model.topics[t].terms[$0.key].text }
                return TopicSummary(id: model.topics[t].id, name: model.topics[t].name,
                                    score: (scores[t] * 100).rounded() / 100, terms: terms)
            }
    }

    private func evidence(_ result: MatchResult, states: [Set<String>], actors: [[Int]],
                          topics: [[Int: (term: Int, weight: Double)]]) -> [EvidenceItem] {
        let rules = model.rules
        let candidates = result.sentences.indices.filter { !actors[$0].isEmpty }
        // Best first: the core pattern (two weighted states with a topic term), then the headline
        // and lead over later sentences (centrality), then more states, topics and actors.
        func rank(_ s: Int) -> (Int, Int, Int, Int, Int) {
            let weighted = states[s].filter { rules.weight(of: $0) > 0 }.count
            let pair = weighted >= 2 && !topics[s].isEmpty ? 1 : 0
            let sentence = result.sentences[s]
            let central = sentence.isTitle ? 2 : (sentence.bodyIndex < rules.leadSentences ? 1 : 0)
            return (pair, central, min(weighted, 3) + (topics[s].isEmpty ? 0 : 1), topics[s].count, actors[s].count)
        }
        let best = candidates.sorted { a, b in
            let ra = rank(a), rb = rank(b)
            if ra != rb { return ra > rb }
            return a < b
        }.prefix(5)
        return best.map { s in
            let range = result.sentences[s].range
            return EvidenceItem(text: result.sentenceText(s),
                                actors: actors[s].map { model.actors[$0].id },
                                topics: topics[s].keys.sorted().map { model.topics[$0].id },
                                start: range.lowerBound, end: range.upperBound)
        }
    }
}
