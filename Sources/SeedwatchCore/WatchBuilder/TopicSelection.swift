import Foundation

/// Chooses a watch's topics from a seed: its distinctive words and phrases (frequent in the seed,
/// rare in ordinary news, see ``BackgroundFrequency``), grouped by the sentences they share into a
/// few topics named by their strongest term, then widened with the ``EventLexicon`` concepts the
/// seed uses (their forms in six languages).
public enum TopicSelection {
    /// A term chosen for a topic, with the reason shown by `watch new --explain`.
    public struct Term: Sendable, Hashable {
        public var text: String
        public var weight: Double
        public var reason: String
        /// ISO 639-1 codes of the languages that write a lexicon form so (empty: any language).
        public var languages: [String] = []
    }

    /// A topic chosen for the model.
    public struct Choice: Sendable {
        public var id: String
        public var name: String
        public var terms: [Term]
    }

    /// Limits of the selection.
    public struct Limits: Sendable {
        /// Distinctive terms kept before grouping.
        public var distinctiveTerms = 24
        /// Topics made from distinctive terms (lexicon concepts may add more).
        public var topics = 5
        /// A word in more than this share of background documents is too common to be distinctive
        /// ("significant", "military": 1.4 % and 1.9 % of news articles).
        public var maxWordShare = 0.005
        /// Each word of a phrase must be in at most this share ("paid their", "time since" are not phrases).
        public var maxPhraseWordShare = 0.03
        /// A broad lexicon concept (weight 1 or less: "military", "nuclear") joins only when the seed
        /// uses it in at least this many sentences, never as a relative of the concepts the seed uses,
        /// and it does not bring its family's concepts: one "military" in a seed on migrants does not
        /// make every army headline the story, nor "military" and "troops" every missile test.
        public var broadConceptSentences = 2
        /// A specific concept ("nuclear", "summit") brings its family (missile launches, enrichment,
        /// satellites…) when the seed's title uses it or at least this many of its sentences do: one
        /// sentence is a passing remark (a row between two leaders that mentions Iran's nuclear
        /// weapons once is not a story of missiles and satellites).
        public var specificConceptSentences = 2
        public init() {}
    }

    /// Chooses the topics.
    /// - Parameters:
    ///   - seed: the seed, in sentences.
    ///   - actorWords: lower-cased words of the chosen actors' names and aliases: names are actors,
    ///     never topic terms.
    /// - Returns: topics, strongest first; term weights 1–3 for distinctive terms, the lexicon's weight
    ///   for concept forms.
    public static func choose(seed: SeedText, actorWords: Set<String>, background: BackgroundFrequency,
                              lexicon: EventLexicon, limits: Limits = Limits()) -> [Choice] {
        // Sentences holding each term.
        var sentencesOf: [String: Set<Int>] = [:]
        for (i, s) in seed.sentences.enumerated() {
            for term in SeedTerms.terms(s.text) { sentencesOf[term, default: []].insert(i) }
        }
        let titleWords = Set(NamePhrases.titles.flatMap { $0.split(separator: " ").map(String.init) })
        func eligible(_ term: String) -> Bool {
            let words = term.split(separator: " ").map(String.init)
            guard !words.contains(where: { actorWords.contains($0) || titleWords.contains($0) || $0.allSatisfy(\.isNumber) || $0.count < 3 }) else { return false }
            // The background table is English news: a function word of another language ("und",
            // "der", "über") is rare in it but in every article of its own language.
            guard !words.contains(where: functionWords.contains) else { return false }
            if words.count == 1 { return background.share(term) <= limits.maxWordShare }
            return words.allSatisfy { background.share($0) <= limits.maxPhraseWordShare }
                && background.share(term) <= limits.maxWordShare
        }
        func inHead(_ set: Set<Int>) -> Bool { set.contains { seed.isLeadOrTitle($0) } }
        var scored: [(term: String, score: Double, count: Int)] = []
        for (term, set) in sentencesOf where eligible(term) {
            let head = inHead(set)
            guard set.count >= 2 else { continue }
            let score = (Double(set.count) + (head ? 1 : 0)) * background.idf(term) * (term.contains(" ") ? 1.2 : 1)
            scored.append((term, score, set.count))
        }
        scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.term < $1.term }
        // A word found only inside a kept phrase adds nothing.
        var kept: [(term: String, score: Double, count: Int)] = []
        for candidate in scored where kept.count < limits.distinctiveTerms {
            let words = candidate.term.split(separator: " ").map(String.init)
            if words.count == 1, kept.contains(where: { $0.term.split(separator: " ").contains(Substring(candidate.term)) && $0.count >= candidate.count }) { continue }
            kept.append(candidate)
        }
        let top = kept.first?.score ?? 1

        // Group by shared sentences.
        var groups: [(terms: [Term], sentences: Set<Int>, fromLexicon: Bool, concept: String?)] = []
        for k in kept {
            let set = sentencesOf[k.term]!
            let weight: Double = k.score >= 0.6 * top ? 2 : 1
            let places = set.sorted().prefix(5).map { seed.place($0) }.joined(separator: ", ")
            let term = Term(text: k.term, weight: weight,
                            reason: "in \(set.count) sentences (\(places)); in \(background.documentFrequency(k.term)) of \(background.documents) background articles; score \(String(format: "%.1f", k.score))")
            let best = groups.indices.max { overlap(groups[$0].sentences, set) < overlap(groups[$1].sentences, set) }
            if let best, overlap(groups[best].sentences, set) >= 0.5 || groups.count >= limits.topics {
                groups[best].terms.append(term)
                groups[best].sentences.formUnion(set)
            } else {
                groups.append(([term], set, false, nil))
            }
        }

        // Widen with the lexicon concepts the seed uses.
        let seedTerms = Set(sentencesOf.keys)
        let lowered = seed.article.extractedText.lowercased()
        func uses(_ concept: EventLexicon.Concept) -> [String] {
            concept.forms.map(\.text).filter { form in
                let words = SeedTerms.clauses(form).flatMap { $0 }
                return words.count <= 2 ? seedTerms.contains(words.joined(separator: " ")) : lowered.contains(form.lowercased())
            }
        }
        func sentences(_ forms: [String]) -> Set<Int> {
            var set = Set<Int>()
            for form in forms {
                let words = SeedTerms.clauses(form).flatMap { $0 }
                if words.count <= 2 {
                    set.formUnion(sentencesOf[words.joined(separator: " ")] ?? [])
                } else {
                    let lowered = form.lowercased()
                    for (i, s) in seed.sentences.enumerated() where s.text.lowercased().contains(lowered) { set.insert(i) }
                }
            }
            return set
        }
        // Each concept's forms the seed uses and the sentences that use them, read once.
        var usage: [String: (forms: [String], sentences: Set<Int>)] = [:]
        for concept in lexicon.concepts {
            let used = uses(concept)
            if !used.isEmpty { usage[concept.id] = (used, sentences(used)) }
        }
        func joins(_ concept: EventLexicon.Concept) -> Bool {
            guard let use = usage[concept.id] else { return false }
            return concept.weight > 1 || use.sentences.count >= limits.broadConceptSentences
        }
        /// Whether a joined specific concept is more than a passing remark: the title uses it, or
        /// ``Limits/specificConceptSentences`` sentences do. Only such a concept brings its family.
        func central(_ concept: EventLexicon.Concept) -> Bool {
            guard let set = usage[concept.id]?.sentences else { return false }
            return set.count >= limits.specificConceptSentences || set.contains { seed.sentences[$0].isTitle }
        }
        let usedIDs = Set(lexicon.concepts.filter(joins).map(\.id))
        for concept in lexicon.concepts where usedIDs.contains(concept.id) {
            let (used, set) = usage[concept.id]!
            let places = set.sorted().prefix(5).map { seed.place($0) }.joined(separator: ", ")
            let usedOnce = Array(Set(used.map { $0.lowercased() })).sorted()
            let reason = "event lexicon concept \(concept.id) (\(concept.forms.count) forms in \(EventLexicon.languages.joined(separator: "/"))): the seed uses \(usedOnce.map { "\"\($0)\"" }.joined(separator: ", ")) in \(places.isEmpty ? "the text" : places)"
            let terms = lexiconTerms(concept, weight: concept.weight, reason: reason)
            // A concept is a topic of its own, or joins the distinctive terms it shares most sentences with.
            let best = groups.indices.filter { !groups[$0].fromLexicon }
                .max { overlap(groups[$0].sentences, set) < overlap(groups[$1].sentences, set) }
            if let best, overlap(groups[best].sentences, set) >= 0.5 {
                groups[best].terms += terms
                groups[best].sentences.formUnion(set)
            } else {
                groups.append((terms, set, true, concept.id))
            }
        }

        // The families of the concepts used: their other concepts at half weight, each a topic.
        // Broad concepts neither bring their family nor come with it.
        // A specific concept named in one sentence of the body, a passing remark, brings none either.
        let specific = Set(lexicon.concepts.filter { usedIDs.contains($0.id) && $0.weight > 1 && central($0) }.map(\.id))
        // The concepts of a security response (drills, deployments) keep their full weight: allies'
        // drills are the story's response however the seed names them (``EventLexicon/responseConcepts``).
        for concept in lexicon.relatives(of: specific) where concept.weight > 1 {
            let response = lexicon.responseConcepts.contains(concept.id)
            let weight = response ? concept.weight : max(0.5, (concept.weight / 2 * 2).rounded() / 2)
            let reason = "event lexicon concept \(concept.id), related to the concepts the seed uses (\(specific.sorted().joined(separator: ", "))): "
                + (response ? "full weight (a security response)" : "half weight")
            let terms = lexiconTerms(concept, weight: weight, reason: reason)
            groups.append((terms, [], true, concept.id))
        }

        // One form per topic; a term in two topics stays with the first.
        var taken: Set<String> = []
        var ids: Set<String> = []
        var result: [Choice] = []
        for g in groups {
            var terms: [Term] = []
            for t in g.terms where taken.insert(Normalizer.normalizeAliasKey(t.text)).inserted { terms.append(t) }
            guard let maxWeight = terms.map(\.weight).max(), let strongest = terms.first(where: { $0.weight == maxWeight }) else { continue }
            let id = Identifier.unique(g.concept ?? Identifier.snakeCase(strongest.text), in: ids)
            ids.insert(id)
            result.append(Choice(id: id, name: strongest.text, terms: terms))
        }
        return result
    }

    /// A concept's forms as terms, one per written form, each tagged with every language that writes
    /// it so ("embargo": en, es, pt, fr, it), so that it counts only in articles of those languages.
    private static func lexiconTerms(_ concept: EventLexicon.Concept, weight: Double, reason: String) -> [Term] {
        var order: [String] = []
        var byText: [String: Term] = [:]
        for form in concept.forms {
            let key = form.text.lowercased()
            if byText[key] == nil {
                order.append(key)
                byText[key] = Term(text: form.text, weight: weight, reason: reason, languages: [])
            }
            if !byText[key]!.languages.contains(form.language) { byText[key]!.languages.append(form.language) }
        }
        return order.map { byText[$0]! }
    }

    /// Share of `b`'s sentences that are also in `a`.
    private static func overlap(_ a: Set<Int>, _ b: Set<Int>) -> Double {
        b.isEmpty ? 0 : Double(a.intersection(b).count) / Double(b.count)
    }
}

extension Normalizer {
    /// A case-folded key of an alias or term, to find two that the matcher reads alike.
    static func normalizeAliasKey(_ text: String) -> String {
        text.lowercased().replacingOccurrences(of: "-", with: " ")
    }
}

extension TopicSelection {
    /// Function words of the six languages (``StopWordProfiles``, and the words those profiles leave
    /// out because two languages share them), never topic terms nor words of one.
    static let functionWords: Set<String> = Set(
        StopWordProfiles.all.flatMap { $0.words.split(separator: " ").map(String.init) }
            + ["die", "des", "del", "con", "una", "que", "come", "era", "les", "los", "las", "nos", "per", "por", "para", "pour"])
}
