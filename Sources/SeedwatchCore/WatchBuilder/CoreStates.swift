/// Which states a seed is about: each state's centrality in the seed, counted as the scorer counts
/// it (persons and organisations count for their state): `title` points when named in the title,
/// `lead` points when named in the lead (first 3 body sentences), 1 per other sentence (uncapped).
public struct CoreStates: Sendable {
    /// One state's centrality in the seed.
    public struct Centrality: Sendable, Hashable {
        public var state: String
        public var inTitle: Bool
        public var inLead: Bool
        /// Sentences naming the state (title included).
        public var sentences: Int
        public var score: Double
    }

    /// Every state the seed names, most central first.
    public let ranking: [Centrality]
    /// The states the scoring treats as core (weight 1, the pair pattern).
    public let core: [String]
    /// Weighted states outside the core (weight 0.5).
    public let partners: [String]

    /// States that news names everywhere: `ubiquitous` ids get no weight, neither core nor partner
    /// (an article naming the United States says little about what it is about).
    public let ubiquitous: Set<String>

    /// Ranks the states of `actors` in `seed`.
    /// - Parameters:
    ///   - coreShare: a state is core when its centrality is at least this share of the top state's
    ///     (at most `maxCore` states); `partnerShare` likewise for partners (at most `maxPartners`,
    ///     most central first), and a state named in at least `partnerSentences` sentences of the
    ///     seed is a partner whatever its share (Japan in 3 sentences of a 50-sentence seed on North
    ///     Korea, Russia and China: a party the seed returns to, not a passing name).
    ///   - background: when given, a state whose English name or demonym (`name` and the
    ///     aliases written as capitalised words of 4 letters or more) is in at least
    ///     `ubiquitousShare` of background articles is ubiquitous: never weighted. In the shipped
    ///     table that is the United States ("American", 4.2 %) and the United Kingdom ("British",
    ///     5.0 %); China ("China", 3.1 %) and Japan (2.6 %) stay below.
    public init(seed: SeedText, actors: [Actor], background: BackgroundFrequency? = nil, ubiquitousShare: Double = 0.04,
                coreShare: Double = 0.4, maxCore: Int = 3, partnerShare: Double = 0.1, partnerSentences: Int = 3,
                maxPartners: Int = 2) {
        let model = WatchModel(watch: "", version: "", actors: actors, exclusions: [], topics: [], rules: ScoringRules())
        let result = Matcher(model: model).match(text: seed.article.extractedText, hasTitle: !seed.article.title.isEmpty)
        var sentencesOf: [String: Set<Int>] = [:]
        for m in result.mentions {
            if let state = actors[m.actor].stateID { sentencesOf[state, default: []].insert(m.sentence) }
        }
        var ranking: [Centrality] = []
        for actor in actors where actor.kind == .state {
            guard let set = sentencesOf[actor.id] else { continue }
            let inTitle = set.contains { result.sentences[$0].isTitle }
            let inLead = set.contains { !result.sentences[$0].isTitle && result.sentences[$0].bodyIndex < 3 }
            let score = (inTitle ? 6.0 : 0) + (inLead ? 4 : 0) + Double(set.count)
            ranking.append(Centrality(state: actor.id, inTitle: inTitle, inLead: inLead, sentences: set.count, score: score))
        }
        ranking.sort { $0.score != $1.score ? $0.score > $1.score : $0.state < $1.state }
        self.ranking = ranking
        var ubiquitous: Set<String> = []
        if let background {
            for actor in actors where actor.kind == .state {
                // English names and demonyms: capitalised ASCII words of 4 letters or more ("American";
                // not "US", which the table cannot tell from the pronoun).
                let names = ([actor.name] + actor.aliases.map(\.text)).filter { name in
                    name.count >= 4 && name.split(separator: " ").allSatisfy { word in
                        word.first!.isUppercase && word.dropFirst().allSatisfy { $0.isASCII && $0.isLowercase }
                    }
                }
                let share = names.map { background.share($0.lowercased()) }.max() ?? 0
                if share >= ubiquitousShare { ubiquitous.insert(actor.id) }
            }
        }
        self.ubiquitous = ubiquitous
        let top = ranking.first?.score ?? 0
        let core = Array(ranking.filter { $0.score >= coreShare * top && !ubiquitous.contains($0.state) }.prefix(maxCore).map(\.state))
        self.core = core
        partners = Array(ranking.filter {
            !core.contains($0.state) && !ubiquitous.contains($0.state) && ($0.score >= partnerShare * top || $0.sentences >= partnerSentences)
        }.prefix(maxPartners).map(\.state))
    }
}
