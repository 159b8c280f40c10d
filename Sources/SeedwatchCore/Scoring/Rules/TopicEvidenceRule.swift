/// Topic evidence: per sentence and topic, the weight of the topic's strongest counted term in the
/// sentence, times `title_factor` in the title or `lead_factor` in the lead, times the length
/// factor after the lead, and
/// - times `unanchored_factor` when the sentence names no weighted state;
/// - times `partner_anchor_factor` when it names only partner states (weighted, not core), and then
///   only `partner_topics` count (when that list is given) — except a `subject_topics` term in a
///   security response (``ArticleFacts/isSecurityResponse``), which counts in full;
/// at most `topic_cap` points per topic. The title of a short item (`short_item_sentences`) that names
/// no state is anchored by the states of its lead. `market_topics` count only where ``ArticleFacts/marketsOpen``;
/// otherwise each market topic present leaves a 0-point `market_topics` note.
struct TopicEvidenceRule: PointRule {
    var names: [ScoreRule] { [.topic, .marketTopics] }

    func addPoints(_ article: ArticleFacts, to sheet: inout ScoreSheet) {
        let rules = article.rules
        let facts = article.sentences
        let topics = article.model.topics
        let securityResponse = article.isSecurityResponse
        var closedMarkets: Set<Int> = []
        for s in 0..<article.sentenceCount {
            let (anchorStates, byLead) = anchors(article, s)
            let anchored = anchorStates.contains { rules.weight(of: $0) > 0 }
            let coreAnchored = !anchorStates.isDisjoint(with: article.coreStates)
            let partnerOnly = anchored && !coreAnchored
            let positionFactor = article.result.sentences[s].isTitle ? rules.titleFactor : (facts.isLead(s) ? rules.leadFactor : 1)
            for (t, hit) in facts.topics[s].sorted(by: { $0.key < $1.key }) {
                guard article.counts(t) else {
                    closedMarkets.insert(t)
                    continue
                }
                if partnerOnly && !rules.partnerTopics.isEmpty && !rules.partnerTopics.contains(topics[t].id) { continue }
                let response = partnerOnly && (securityResponse || article.responsePairs[s] != nil) && rules.subjectTopics.contains(topics[t].id)
                let position = positionFactor * (partnerOnly && !response ? rules.partnerAnchorFactor : 1) * article.length(s)
                let room = rules.topicCap - sheet.topicScores[t]
                guard room > 0 else { continue }
                let points = min(hit.weight * position * (anchored ? 1 : rules.unanchoredFactor), room)
                guard points > 0 else { continue }
                sheet.topicScores[t] += points
                sheet.topicPoints += points
                let term = topics[t].terms[hit.term].text
                let anchor = (anchored ? (coreAnchored ? "" : (response ? " (partner state, security response)" : " (partner state only)")) : " (no state named)")
                    + (byLead && anchored ? " (short item: state named in the lead)" : "")
                sheet.components.append(ScoreComponent(
                    rule: .topic, points: points,
                    detail: "\(article.place(s)): \(topics[t].id) \"\(term)\"\(anchor)\(article.lengthDetail(s))", sentence: s))
            }
        }
        for t in closedMarkets.sorted() {
            sheet.components.append(ScoreComponent(
                rule: .marketTopics, points: 0,
                detail: "\(topics[t].id) not counted: no core state in the title and no key state in the title or lead",
                sentence: nil))
        }
    }

    /// The states that anchor the topic terms of sentence `s`: its own, and for the title of a short
    /// item (``ArticleFacts/isShortItem``) that names no state, those of the lead (a feed item's
    /// headline says what happened, its description to whom; a headline naming another state, "the
    /// war in Ukraine overshadows the Paralympics", is about that one). The flag says the lead's
    /// states were taken.
    func anchors(_ article: ArticleFacts, _ s: Int) -> (Set<String>, Bool) {
        let own = article.sentences.states[s]
        guard article.isShortItem, s == article.title, own.isEmpty else { return (own, false) }
        let lead = (0..<article.sentenceCount).filter(article.sentences.isLead)
            .reduce(into: own) { $0.formUnion(article.sentences.states[$1]) }
        return (lead, lead != own)
    }
}
