/// Topic evidence: per sentence and topic, the weight of the topic's strongest counted term in the
/// sentence, times `title_factor` in the title or `lead_factor` in the lead, times the length
/// factor after the lead, and
/// - times `unanchored_factor` when the sentence names no weighted state;
/// - times `partner_anchor_factor` when it names only partner states (weighted, not core), and then
///   only `partner_topics` count (when that list is given) — except a `subject_topics` term in a
///   security response (``ArticleFacts/isSecurityResponse``), which counts in full;
/// at most `topic_cap` points per topic. With `headline_only_lead`, the title of an item with no body,
/// or of a short item whose description names no weighted state, counts once more at `lead_factor`
/// (its lead too: ``ArticleFacts/headlineIsLead``). In a short item (`short_item_sentences`), the title that names
/// no state is anchored by the states of its lead, and a description sentence that names no weighted
/// state by the states of the title. `market_topics` count only where ``ArticleFacts/marketsOpen``,
/// `key_state_topics` only in an article naming a key state; otherwise each such topic present
/// leaves a 0-point note (``ArticleFacts/whyNotCounted(_:)``).
struct TopicEvidenceRule: PointRule {
    var names: [ScoreRule] { [.topic, .marketTopics, .keyStateTopics] }

    func addPoints(_ article: ArticleFacts, to sheet: inout ScoreSheet) {
        let rules = article.rules
        let facts = article.sentences
        let topics = article.model.topics
        let securityResponse = article.isSecurityResponse
        var closedMarkets: Set<Int> = []
        // A sentence without a counted term adds nothing (most sentences of a long article).
        for s in 0..<article.sentenceCount where !facts.topics[s].isEmpty {
            let (anchorStates, borrowed) = anchors(article, s)
            let anchored = anchorStates.contains { rules.weight(of: $0) > 0 }
            let coreAnchored = !anchorStates.isDisjoint(with: article.coreStates)
            let partnerOnly = anchored && !coreAnchored
            let isTitle = article.result.sentences[s].isTitle
            // A headline-only item's title is its lead too (`headline_only_lead`): its terms count
            // once more at the lead's factor, as they would if the feed repeated the headline as the
            // description.
            let positionFactor = isTitle ? rules.titleFactor : (facts.isLead(s) ? rules.leadFactor : 1)
            let passes = isTitle && article.headlineIsLead ? 2 : 1
            for (t, hit) in facts.topics[s].sorted(by: { $0.key < $1.key }) {
                guard article.counts(t) else {
                    closedMarkets.insert(t)
                    continue
                }
                if partnerOnly && !rules.partnerTopics.isEmpty && !rules.partnerTopics.contains(topics[t].id) { continue }
                let response = partnerOnly && (securityResponse || article.responsePairs[s] != nil) && rules.subjectTopics.contains(topics[t].id)
                for pass in 0..<passes {
                    let position = (pass == 0 ? positionFactor : rules.leadFactor) * (partnerOnly && !response ? rules.partnerAnchorFactor : 1) * article.length(s)
                    let room = rules.topicCap - sheet.topicScores[t]
                    guard room > 0 else { break }
                    let points = min(hit.weight * position * (anchored ? 1 : rules.unanchoredFactor), room)
                    guard points > 0 else { break }
                    sheet.topicScores[t] += points
                    sheet.topicPoints += points
                    let term = topics[t].terms[hit.term].text
                    let anchor = (anchored ? (coreAnchored ? "" : (response ? " (partner state, security response)" : " (partner state only)")) : " (no state named)")
                        + (anchored ? borrowed.map(\.detail) ?? "" : "")
                    sheet.components.append(ScoreComponent(
                        rule: .topic, points: points,
                        detail: "\(article.place(s))\(pass == 0 ? "" : ", " + article.headlineLeadPlace): \(topics[t].id) \"\(term)\"\(anchor)\(article.lengthDetail(s))", sentence: s))
                }
            }
        }
        for t in closedMarkets.sorted() {
            guard let (rule, detail) = article.whyNotCounted(t) else { continue }
            sheet.components.append(ScoreComponent(rule: rule, points: 0, detail: detail, sentence: nil))
        }
    }

    /// Where a sentence took the states that anchor its topic terms from.
    enum BorrowedAnchor {
        /// A short item's title, from its lead.
        case lead
        /// A short item's description sentence, from its title.
        case title
        /// A longer article's title, from its first sentences (`title_anchor_sentences`).
        case firstSentences(Int)

        /// What the component's detail says.
        var detail: String {
            switch self {
            case .lead: return " (short item: state named in the lead)"
            case .title: return " (short item: state named in the title)"
            case .firstSentences(let n): return " (headline read with its lede: state named in \(n == 1 ? "sentence 1" : "sentences 1–\(n)"))"
            }
        }
    }

    /// The states that anchor the topic terms of sentence `s`, and where they were borrowed from:
    /// - its own;
    /// - for a title that names no state, also those of the sentences it is read with
    ///   (``ArticleFacts/titleAnchors``): a short item's lead (a feed item's headline says what
    ///   happened, its description to whom; a headline naming another state, "the war in Ukraine
    ///   overshadows the Paralympics", is about that one), or a longer article's first
    ///   `title_anchor_sentences` ("Allies open summer drills" over "South Korea and the United
    ///   States began …");
    /// - for a description sentence of a short item that names no weighted state, also those of the
    ///   title: the description goes on about the headline's state without naming it again ("North
    ///   Korea's denuclearisation ever less realistic" / "The country may soon carry out a new nuclear
    ///   test").
    func anchors(_ article: ArticleFacts, _ s: Int) -> (Set<String>, BorrowedAnchor?) {
        let own = article.sentences.states[s]
        guard let title = article.title else { return (own, nil) }
        if s == title {
            let lead = article.titleAnchors.reduce(into: own) { $0.formUnion(article.sentences.states[$1]) }
            guard lead != own else { return (own, nil) }
            return (lead, article.isShortItem ? .lead : .firstSentences(article.rules.titleAnchorSentences))
        }
        guard article.isShortItem else { return (own, nil) }
        let rules = article.rules
        guard !own.contains(where: { rules.weight(of: $0) > 0 }) else { return (own, nil) }
        let titleStates = article.sentences.states[title]
        guard titleStates.contains(where: { rules.weight(of: $0) > 0 }) else { return (own, nil) }
        return (own.union(titleStates), .title)
    }
}
