/// Builds a watch from a seed article (`seedwatch watch new`): a pure function of the seed and the
/// shipped data (knowledge, background frequencies, event lexicon), no I/O.
///
/// Actors come from ``ActorSelection`` (the seed's, then the knowledge people of the core states),
/// core states from ``CoreStates``, topics from ``TopicSelection`` and rules from
/// ``ScoringRules/generic(core:partners:incidentTerms:)`` with the lexicon's incident words.
public struct WatchBuilder: Sendable {
    public let knowledge: KnowledgeIndex
    public let background: BackgroundFrequency
    public let lexicon: EventLexicon

    public init(knowledge: KnowledgeIndex, background: BackgroundFrequency, lexicon: EventLexicon) {
        self.knowledge = knowledge
        self.background = background
        self.lexicon = lexicon
    }

    /// Builds the watch `name` from `seed`.
    /// - Throws: ``WatchBuilderError/emptySeed`` for a seed without text; ``WatchBuilderError/noState``
    ///   when the seed names no state of the knowledge data.
    public func build(name: String, seed article: Article) throws(WatchBuilderError) -> BuiltWatch {
        guard !article.extractedText.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .emptySeed }
        let seed = SeedText(article: article)
        let fromSeed = ActorSelection.choose(seed: seed, knowledge: knowledge, background: background)
        let states = CoreStates(seed: seed, actors: fromSeed.map(\.actor), background: background)
        guard !states.core.isEmpty else { throw .noState }
        let actors = ActorSelection.addingPeople(of: states.core, knowledge: knowledge, to: fromSeed)
        var actorWords: Set<String> = []
        for a in actors.map(\.actor) {
            for text in [a.name] + a.aliases.map(\.text) { actorWords.formUnion(SeedTerms.clauses(text).flatMap { $0 }) }
        }
        let topics = TopicSelection.choose(seed: seed, actorWords: actorWords, background: background, lexicon: lexicon)
        let stateIDs = Set(actors.filter { $0.actor.kind == .state }.map(\.actor.id))
        let rules = ScoringRules.generic(core: states.core, partners: states.partners, incidentTerms: lexicon.incidentWords,
                                         allianceStates: states.ubiquitous.filter(stateIDs.contains).sorted(),
                                         responseTopics: topics.map(\.id).filter(lexicon.responseConcepts.contains))
        return BuiltWatch(name: name, article: article, actors: actors, topics: topics, states: states, rules: rules)
    }
}

/// A watch built from a seed, before it is written: the model's parts and why each was chosen.
public struct BuiltWatch: Sendable {
    public var name: String
    public var article: Article
    public var actors: [ActorSelection.Choice]
    public var topics: [TopicSelection.Choice]
    public var states: CoreStates
    public var rules: ScoringRules

    /// `article.txt`: the title on the first line, then the body (the text the matcher reads).
    public var articleText: String { article.extractedText + "\n" }

    /// `model.yaml`.
    public var modelYAML: String { ModelYAMLWriter.yaml(self) }

    /// What a person should check before enabling the watch.
    public var review: [String] {
        var notes: [String] = []
        let stateIDs = Set(actors.filter { $0.actor.kind == .state }.map(\.actor.id))
        for c in actors where c.actor.kind != .state && c.actor.affiliation == nil {
            notes.append("\(c.actor.id): no state; set `affiliation` if \(c.actor.kind == .person ? "this person speaks" : "it acts") for one (it then counts for that state)")
        }
        for c in actors where !c.fromKnowledge {
            notes.append("\(c.actor.id): found only in the seed's wording; check the name and add spellings in other languages")
        }
        if states.core.count == 1 {
            notes.append("one core state (\(states.core[0])): the pair pattern never fires; add the other side of the story to `core_states` if there is one")
        }
        for t in topics where t.terms.count == 1 {
            notes.append("topic \(t.id) has one term (\"\(t.terms[0].text)\"); add its synonyms and translations")
        }
        let unweighted = states.ranking.map(\.state).filter { stateIDs.contains($0) && rules.weight(of: $0) == 0 }
        if !unweighted.isEmpty {
            notes.append("states named but not weighted: \(unweighted.joined(separator: ", ")); give one a weight in `state_weights` if it is part of the story")
        }
        return notes
    }

    /// The summary `watch new` prints: actors by kind with the core states, topics with their
    /// strongest terms, and what to review; with `explain`, why each actor and term was chosen.
    public func summary(explain: Bool) -> String {
        var lines: [String] = []
        func weight(_ s: String) -> String {
            let w = rules.weight(of: s)
            return w == 1 ? "core" : (w > 0 ? "partner \(w)" : "weight 0")
        }
        let central = states.ranking.map { c in
            "\(c.state) \(String(format: "%g", c.score)) (\(weight(c.state))\(c.inTitle ? ", title" : "")\(c.inLead ? ", lead" : ""), \(c.sentences) sentences)"
        }
        lines.append("core states: \(states.core.joined(separator: ", "))" + (states.partners.isEmpty ? "" : "; partners: \(states.partners.joined(separator: ", "))")
            + (states.ubiquitous.isEmpty ? "" : "; named in most news, so not weighted: \(states.ubiquitous.sorted().joined(separator: ", "))")
            + (rules.allianceStates.isEmpty ? "" : "; allied with a partner in a security response (\(rules.subjectTopics.joined(separator: ", "))): \(rules.allianceStates.joined(separator: ", "))"))
        lines.append("  centrality: " + central.joined(separator: "; "))
        for kind in Actor.Kind.allCases {
            let of = actors.filter { $0.actor.kind == kind }
            guard !of.isEmpty else { continue }
            lines.append("\(kind.rawValue)s (\(of.count)): " + of.map { c in
                c.actor.affiliation.map { "\(c.actor.id) [\($0)]" } ?? c.actor.id
            }.joined(separator: ", "))
            if explain {
                for c in of { lines.append("    \(c.actor.id): \(c.reason)") }
            }
        }
        lines.append("topics (\(topics.count)):")
        for t in topics {
            let strongest = t.terms.sorted { $0.weight > $1.weight }.prefix(5).map { "\($0.text) \(String(format: "%g", $0.weight))" }
            lines.append("  \(t.id): \(strongest.joined(separator: ", "))\(t.terms.count > 5 ? " … (\(t.terms.count) terms)" : "")")
            if explain {
                var seen: Set<String> = []
                for term in t.terms where !term.reason.hasPrefix("event lexicon") || seen.insert(term.reason).inserted {
                    if term.reason.hasPrefix("event lexicon") {
                        lines.append("    \(term.reason)")
                    } else {
                        lines.append("    \"\(term.text)\" \(String(format: "%g", term.weight)): \(term.reason)")
                    }
                }
            }
        }
        let notes = review
        if !notes.isEmpty {
            lines.append("review:")
            lines += notes.map { "  - " + $0 }
        }
        return lines.joined(separator: "\n")
    }
}

import Foundation

extension WatchBuilder {
    /// The builder over seedwatch's shipped data: the knowledge entries (``BundledKnowledge``), the
    /// background frequency table and the event lexicon.
    /// - Throws: ``WatchBuilderError/badResource(_:_:)`` when shipped data is missing or malformed.
    public static func bundled() throws -> WatchBuilder {
        WatchBuilder(knowledge: KnowledgeIndex(entries: try BundledKnowledge.entries()),
                     background: try BackgroundFrequency.bundled(), lexicon: try EventLexicon.bundled())
    }
}
