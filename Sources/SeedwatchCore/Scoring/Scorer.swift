/// Turns a ``MatchResult`` into a ``Decision`` by the model's ``ScoringRules`` (DESIGN §4): a pure
/// function, no I/O, no clock. See ``ScoringRules`` for the rules and their parameters; every point
/// is a ``ScoreComponent`` naming its ``ScoreRule``, and every rule that withheld points or a level
/// leaves a 0-point component saying why.
public struct Scorer: Sendable {
    public let model: WatchModel

    public init(model: WatchModel) {
        self.model = model
    }

    /// Scores one match result.
    public func score(_ result: MatchResult) -> Decision {
        let rules = model.rules
        let facts = SentenceFacts(result, model: model)
        let sentenceCount = result.sentences.count
        let coreStates = Set(rules.coreStates)
        let keyStates = rules.alertKeyStates.isEmpty ? coreStates : Set(rules.alertKeyStates)
        let states = facts.states
        let topicsInSentence = facts.topics
        let place = facts.place
        let bodyCount = facts.bodyCount
        // Length: √(window / body sentences) for an article longer than the window.
        let lengthFactor = rules.lengthWindow > 0 && bodyCount > rules.lengthWindow ? (Double(rules.lengthWindow) / Double(bodyCount)).squareRoot() : 1
        let lengthNote = " (× \(Self.rounded(lengthFactor)) for length: √(\(rules.lengthWindow) / \(bodyCount) body sentences))"
        /// The length factor of a sentence: 1 in the title and lead.
        func length(_ s: Int) -> Double { facts.isHeadOrLead(s) ? 1 : lengthFactor }
        func lengthDetail(_ s: Int) -> String { length(s) < 1 ? lengthNote : "" }

        var components: [ScoreComponent] = facts.notes

        // 1. State centrality.
        for actor in model.actors where actor.kind == .state {
            let state = actor.id
            let w = rules.weight(of: state)
            guard w > 0 else { continue }
            let sentences = (0..<sentenceCount).filter { states[$0].contains(state) }
            guard !sentences.isEmpty else { continue }
            if let title = sentences.first(where: { result.sentences[$0].isTitle }) {
                components.append(ScoreComponent(rule: .titlePoints, points: rules.titlePoints * w, detail: "state \(state) in title", sentence: title))
            }
            if let lead = sentences.first(where: facts.isLead) {
                components.append(ScoreComponent(rule: .leadPoints, points: rules.leadPoints * w,
                                                 detail: "state \(state) in lead (\(place(lead)))", sentence: lead))
            }
            for s in sentences.filter({ !facts.isHeadOrLead($0) }).prefix(rules.sentenceCap) {
                components.append(ScoreComponent(rule: .sentencePoints, points: rules.sentencePoints * w * length(s),
                                                 detail: "state \(state) in \(place(s))\(lengthDetail(s))", sentence: s))
            }
        }

        // Market topics count only when the seed states are the news, not buyers and sellers in it.
        let marketOpen = (0..<sentenceCount).contains { s in
            (result.sentences[s].isTitle && !states[s].isDisjoint(with: coreStates))
                || (facts.isHeadOrLead(s) && !states[s].isDisjoint(with: keyStates))
        }
        var closedMarkets: Set<Int> = []
        func counts(_ topic: Int) -> Bool {
            guard !marketOpen, rules.marketTopics.contains(model.topics[topic].id) else { return true }
            closedMarkets.insert(topic)
            return false
        }

        // A security response: a partner state's defence news in the title or lead, in an article that
        // names a key state. Its subject-topic terms count in full beside the partner state alone.
        let namedStates = states.reduce(into: Set<String>()) { $0.formUnion($1) }
        let securityResponse = !namedStates.isDisjoint(with: keyStates) && facts.partnerSubjectInHeadOrLead

        // 2. Topic evidence.
        var topicScores = Array(repeating: 0.0, count: model.topics.count)
        var topicPoints = 0.0
        for s in 0..<sentenceCount {
            let anchored = states[s].contains { rules.weight(of: $0) > 0 }
            let coreAnchored = !states[s].isDisjoint(with: coreStates)
            let partnerOnly = anchored && !coreAnchored
            let positionFactor = result.sentences[s].isTitle ? rules.titleFactor : (facts.isLead(s) ? rules.leadFactor : 1)
            for (t, hit) in topicsInSentence[s].sorted(by: { $0.key < $1.key }) where counts(t) {
                if partnerOnly && !rules.partnerTopics.isEmpty && !rules.partnerTopics.contains(model.topics[t].id) { continue }
                let response = partnerOnly && securityResponse && rules.subjectTopics.contains(model.topics[t].id)
                let position = positionFactor * (partnerOnly && !response ? rules.partnerAnchorFactor : 1) * length(s)
                let room = rules.topicCap - topicScores[t]
                guard room > 0 else { continue }
                let points = min(hit.weight * position * (anchored ? 1 : rules.unanchoredFactor), room)
                guard points > 0 else { continue }
                topicScores[t] += points
                topicPoints += points
                let term = model.topics[t].terms[hit.term].text
                let anchor = anchored ? (coreAnchored ? "" : (response ? " (partner state, security response)" : " (partner state only)")) : " (no state named)"
                components.append(ScoreComponent(rule: .topic, points: points,
                                                 detail: "\(place(s)): \(model.topics[t].id) \"\(term)\"\(anchor)\(lengthDetail(s))", sentence: s))
            }
        }
        for t in closedMarkets.sorted() {
            components.append(ScoreComponent(rule: .marketTopics, points: 0,
                                             detail: "\(model.topics[t].id) not counted: no core state in the title and no key state in the title or lead",
                                             sentence: nil))
        }

        // 3. The core pattern: two different states in one sentence with a topic term.
        var pairTotal = 0.0
        func addPair(_ s: Int, _ raw: Double, _ rule: ScoreRule, _ detail: String) {
            let points = min(raw * length(s), rules.pairCap - pairTotal)
            guard points > 0 else { return }
            pairTotal += points
            topicPoints += points
            components.append(ScoreComponent(rule: rule, points: points, detail: "\(place(s)): \(detail)\(lengthDetail(s))", sentence: s))
        }
        for s in 0..<sentenceCount {
            let weighted = states[s].filter { rules.weight(of: $0) > 0 }.sorted()
            guard weighted.count >= 2 else { continue }
            let coreNamed = weighted.filter(coreStates.contains)
            // Core states named only as list items pair with nothing but a partner state.
            let core = facts.coreListed[s] ? Array(coreNamed.prefix(1)) : coreNamed
            let topics = topicsInSentence[s].keys.filter(counts).sorted()
            let topicIDs = topics.map { model.topics[$0].id }.joined(separator: ",")
            if core.isEmpty {
                let partners = weighted.filter { !coreStates.contains($0) }
                let partnerTopics = topics.filter { rules.partnerTopics.isEmpty || rules.partnerTopics.contains(model.topics[$0].id) }
                guard rules.partnerPairFactor > 0, partners.count >= 2, !partnerTopics.isEmpty else { continue }
                addPair(s, rules.pairPoints * rules.partnerPairFactor, .partnerPairPoints,
                        "\(partners.prefix(2).joined(separator: "+")) with \(partnerTopics.map { model.topics[$0].id }.joined(separator: ","))")
                continue
            }
            let bothCore = core.count >= 2
            let hasTopic = !topics.isEmpty
            guard hasTopic || bothCore else { continue }
            if !bothCore && !weighted.contains(where: { !coreStates.contains($0) }) { continue }
            var raw = rules.pairPoints * (bothCore ? 1 : rules.partnerFactor) * (hasTopic ? 1 : rules.relationFactor)
            if bothCore && !hasTopic && result.sentences[s].isTitle && rules.titleRelationPoints > 0 { raw = rules.titleRelationPoints }
            let pair = bothCore ? core.prefix(2).joined(separator: "+") : [core[0], weighted.first { !coreStates.contains($0) }!].joined(separator: "+")
            addPair(s, raw, hasTopic ? .pairPoints : .relationFactor, "\(pair) with \(hasTopic ? topicIDs : "no topic term")")
        }

        let total = components.reduce(0) { $0 + $1.points }
        let score = (total * 100).rounded() / 100
        var level = rules.level(score: score, topicPoints: topicPoints)
        var ceiling: AlertLevel? = .alert
        // The story is the triangle: an article that names none of the key states and fewer than
        // `alert_min_core_states` of the core states is related news at most (a notice).
        if rules.alertMinCoreStates > 0 {
            let named = namedStates
            let hasKey = rules.alertKeyStates.contains { named.contains($0) }
            let coreNamed = named.intersection(coreStates).count
            if !hasKey && coreNamed < rules.alertMinCoreStates {
                ceiling = .notice
                if level == .alert {
                    components.append(ScoreComponent(
                        rule: .alertMinCoreStates, points: 0,
                        detail: "level capped at notice: none of \(rules.alertKeyStates.joined(separator: ", ")) named and "
                            + "\(coreNamed) of \(rules.coreStates.joined(separator: ", ")) (needs \(rules.alertMinCoreStates))",
                        sentence: nil))
                }
            }
        }
        if rules.requireSubject && !facts.storyIsSubject(keyStates: keyStates) {
            ceiling = nil
            if level != nil {
                components.append(ScoreComponent(
                    rule: .subject, points: 0,
                    detail: "no level: neither \(keyStates.sorted().joined(separator: ", ")) nor two core states together"
                        + " in the title, the lead or \(Int((rules.subjectShare * 100).rounded())) % of the body sentences"
                        + (rules.subjectTopics.isEmpty ? "" : ", nor \(rules.subjectTopics.joined(separator: ", ")) with a partner state in the title or lead"),
                    sentence: nil))
            }
        }
        level = Decision.capped(level, at: ceiling)

        return Decision(
            score: score, level: level,
            actors: actorSummaries(result),
            topics: topicSummaries(result, scores: topicScores),
            evidence: evidence(result, states: states, actors: facts.actors, topics: topicsInSentence),
            explanation: components, topicPoints: topicPoints, ceiling: ceiling)
    }

    static func rounded(_ x: Double) -> Double { (x * 100).rounded() / 100 }
}
