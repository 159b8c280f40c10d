/// The readable parts of a ``Decision``: actors and topics with their counts and scores, and the
/// best evidence sentences.
extension Scorer {
    func actorSummaries(_ result: MatchResult) -> [ActorSummary] {
        var counts = Array(repeating: 0, count: model.actors.count)
        for m in result.mentions { counts[m.actor] += 1 }
        return counts.indices.filter { counts[$0] > 0 }
            .sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
            .map { ActorSummary(id: model.actors[$0].id, name: model.actors[$0].name, mentions: counts[$0]) }
    }

    func topicSummaries(_ result: MatchResult, scores: [Double]) -> [TopicSummary] {
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

    func evidence(_ result: MatchResult, states: [Set<String>], actors: [[Int]],
                          topics: [[Int: (term: Int, weight: Double)]]) -> [EvidenceItem] {
        let rules = model.rules
        let candidates = result.sentences.indices.lazy.filter { !actors[$0].isEmpty }
        // Best first: the core pattern (two weighted states with a topic term), then the headline
        // and lead over later sentences (centrality), then more states, topics and actors.
        func rank(_ s: Int) -> (Int, Int, Int, Int, Int) {
            let weighted = states[s].reduce(0) { $0 + (rules.weight(of: $1) > 0 ? 1 : 0) }
            let pair = weighted >= 2 && !topics[s].isEmpty ? 1 : 0
            let sentence = result.sentences[s]
            let central = sentence.isTitle ? 2 : (sentence.bodyIndex < rules.leadSentences ? 1 : 0)
            return (pair, central, min(weighted, 3) + (topics[s].isEmpty ? 0 : 1), topics[s].count, actors[s].count)
        }
        // The best five in one pass, each rank worked out once (an article that names actors in
        // every sentence has hundreds of thousands of candidates: no table of their ranks, no sort).
        func better(_ a: (s: Int, rank: (Int, Int, Int, Int, Int)), than b: (s: Int, rank: (Int, Int, Int, Int, Int))) -> Bool {
            a.rank != b.rank ? a.rank > b.rank : a.s < b.s
        }
        var top: [(s: Int, rank: (Int, Int, Int, Int, Int))] = []
        for s in candidates {
            let candidate = (s: s, rank: rank(s))
            guard top.count < 5 || better(candidate, than: top[top.count - 1]) else { continue }
            let at = top.firstIndex { better(candidate, than: $0) } ?? top.count
            top.insert(candidate, at: at)
            if top.count > 5 { top.removeLast() }
        }
        let best = top.map(\.s)
        return best.map { s in
            let range = result.sentences[s].range
            return EvidenceItem(text: result.sentenceText(s),
                                actors: actors[s].map { model.actors[$0].id },
                                topics: topics[s].keys.sorted().map { model.topics[$0].id },
                                start: range.lowerBound, end: range.upperBound)
        }
    }
}
