/// What every rule of the score may ask about one article, built once per article by ``Scorer``:
/// the per-sentence facts (``SentenceFacts``) and the article-wide facts derived from them (the
/// length factor, the states named anywhere, whether market topics count). A class: every rule
/// reads it, and closures capture it, by reference (a copy of this many fields cost a retain each).
final class ArticleFacts {
    let model: WatchModel
    let result: MatchResult
    /// States, actors and counted topic terms per sentence, and the 0-point notes of the terms and
    /// lists that did not count.
    let sentences: SentenceFacts
    /// `core_states` of the rules.
    let coreStates: Set<String>
    /// `alert_key_states`, or the core states when the rules name no key state.
    let keyStates: Set<String>
    /// Every state named in some sentence.
    let namedStates: Set<String>
    /// √(`length_window` / body sentences) for an article longer than the window, else 1.
    let lengthFactor: Double
    /// In an article longer than the window, the sentences of its paragraphs on the story
    /// (``SentenceFacts/storyParagraphSentences(keyStates:pairs:)``): read in full, as the lead is,
    /// without the length factor (empty otherwise).
    let storyParagraph: Set<Int>
    /// Whether `market_topics` count: a core state is in the title, or a key state in the title or lead.
    let marketsOpen: Bool
    /// A security response: a partner state's defence news (a `subject_topics` term beside a partner
    /// state) in the title or lead, in an article that names a key state.
    let isSecurityResponse: Bool
    /// Per sentence: a pair of states acting together that are both partner states (weighted, not
    /// core) or one a partner and one of `alliance_states`, with a `subject_topics` term in the
    /// sentence ("US and South Korea hold drills"), or nil.
    let responsePairs: [StatePair?]
    /// Whether the article is a short item: at most `short_item_sentences` body sentences.
    let isShortItem: Bool
    /// Whether the article is a headline-only item whose title stands for its lead too
    /// (`headline_only_lead` and no body sentence).
    let isHeadlineOnly: Bool
    /// Whether the title stands for the lead too (`headline_only_lead`): a headline-only item, or a
    /// short item whose description names no weighted state ("North Korea fires missiles again" over
    /// "It has conducted four launches in two weeks"): the description goes on about the headline's
    /// subject, so the item never scores below its headline alone.
    let headlineIsLead: Bool
    /// Whether ``headlineIsLead`` holds for a short item with a description (not a headline-only item).
    var headlineIsDescriptionsLead: Bool { headlineIsLead && !isHeadlineOnly }
    /// The title's sentence index, if the article has a title.
    let title: Int?
    /// For a title that names no state, the body sentences it is read with: a short item's lead, else
    /// the first `title_anchor_sentences` (empty for a title naming a state, or with neither rule).
    let titleAnchors: [Int]

    /// The model's rules, held once per article: a computed `model.rules` copied the whole struct
    /// (and retained each of its fields) at every rule's every read.
    let rules: ScoringRules
    var sentenceCount: Int { result.sentences.count }
    /// How a component of the title's second pass as the lead (``headlineIsLead``) names it.
    var headlineLeadPlace: String {
        isHeadlineOnly ? "a headline-only item's lead" : "the lead of an item whose description names no state"
    }

    init(_ result: MatchResult, model: WatchModel) {
        self.model = model
        self.result = result
        let facts = SentenceFacts(result, model: model)
        sentences = facts
        let rules = model.rules
        self.rules = rules
        let core = Set(rules.coreStates)
        coreStates = core
        let keys = rules.alertKeyStates.isEmpty ? core : Set(rules.alertKeyStates)
        keyStates = keys
        let named = facts.states.reduce(into: Set<String>()) { $0.formUnion($1) }
        namedStates = named
        lengthFactor = rules.lengthWindow > 0 && facts.bodyCount > rules.lengthWindow
            ? (Double(rules.lengthWindow) / Double(facts.bodyCount)).squareRoot() : 1
        if lengthFactor < 1 {
            storyParagraph = Set(facts.storyParagraphSentences(keyStates: keys, pairs: facts.corePairSentences))
        } else {
            storyParagraph = []
        }
        marketsOpen = (0..<result.sentences.count).contains { s in
            (result.sentences[s].isTitle && !facts.states[s].isDisjoint(with: core))
                || (facts.isHeadOrLead(s) && !facts.states[s].isDisjoint(with: keys))
        }
        isSecurityResponse = !named.isDisjoint(with: keys) && facts.partnerSubjectInHeadOrLead
        isShortItem = rules.shortItemSentences > 0 && facts.bodyCount <= rules.shortItemSentences
        title = result.sentences.indices.first { result.sentences[$0].isTitle }
        isHeadlineOnly = rules.headlineOnlyLead && facts.bodyCount == 0 && title != nil
        headlineIsLead = isHeadlineOnly || (rules.headlineOnlyLead && isShortItem && title != nil
            && !(0..<result.sentences.count).contains { s in
                !result.sentences[s].isTitle && facts.states[s].contains { rules.weight(of: $0) > 0 }
            })
        let titleIndex = title
        var anchors: [Int] = []
        if let t = titleIndex, facts.states[t].isEmpty {
            let short = isShortItem
            anchors = (0..<result.sentences.count).filter { s in
                !result.sentences[s].isTitle && (short ? facts.isLead(s) : result.sentences[s].bodyIndex < rules.titleAnchorSentences)
            }
        }
        titleAnchors = anchors
        let subjectTopics = Set(rules.subjectTopics)
        let alliance = Set(rules.allianceStates)
        responsePairs = (0..<result.sentences.count).map { s in
            guard s == titleIndex || facts.states[s].count >= 2,
                  facts.topics[s].keys.contains(where: { subjectTopics.contains(facts.topicIDs[$0]) }) else { return nil }
            // A title naming no state takes its pair from the sentences it is read with (``titleAnchors``).
            for source in s == titleIndex && !anchors.isEmpty ? anchors : [s] where facts.states[source].count >= 2 {
                let partners = facts.states[source].filter { rules.weight(of: $0) > 0 && !core.contains($0) }.sorted()
                let others = partners + facts.states[source].filter(alliance.contains).sorted()
                for a in partners {
                    for b in others where b != a && facts.actTogether(source, a, b) { return StatePair(a, b) }
                }
            }
            return nil
        }
    }

    /// The length factor of sentence `s`: 1 in the title and lead and in a paragraph on the story
    /// (``storyParagraph``), else ``lengthFactor``.
    func length(_ s: Int) -> Double { sentences.isHeadOrLead(s) || storyParagraph.contains(s) ? 1 : lengthFactor }

    /// What a component from sentence `s` adds to its detail when the length factor shrank it.
    func lengthDetail(_ s: Int) -> String {
        guard length(s) < 1 else { return "" }
        return " (× \(Scorer.rounded(lengthFactor)) for length: √(\(rules.lengthWindow) / \(sentences.bodyCount) body sentences))"
    }

    /// Whether topic `topic` (an index into the model's topics) counts: every topic does, except a
    /// `market_topics` topic in an article where markets are closed (``marketsOpen``) and a
    /// `key_state_topics` topic in an article that names no key state.
    func counts(_ topic: Int) -> Bool { topicCounts[topic] }

    /// ``counts(_:)`` of every topic index, worked out once: the rules ask it per sentence and term,
    /// and a topic that does not count wrote its note's detail at every asking.
    private lazy var topicCounts: [Bool] = model.topics.indices.map { whyNotCounted($0) == nil }

    /// Why topic `topic` does not count (the 0-point note's rule and detail), or nil when it counts.
    func whyNotCounted(_ topic: Int) -> (rule: ScoreRule, detail: String)? {
        let id = model.topics[topic].id
        if !marketsOpen && rules.marketTopics.contains(id) {
            return (.marketTopics, "\(id) not counted: no core state in the title and no key state in the title or lead")
        }
        if namedStates.isDisjoint(with: keyStates) && rules.keyStateTopics.contains(id) {
            return (.keyStateTopics, "\(id) not counted: no key state (\(keyStates.sorted().joined(separator: ", "))) named in the article")
        }
        return nil
    }

    /// Where sentence `s` stands, as written in details: `title` or `sentence N` (N from 1, body only).
    func place(_ s: Int) -> String { sentences.place(s) }
}
