/// State centrality: how much of the article names each weighted state (persons and organisations
/// count for their affiliation). Per state of the model, in model order: `title_points` when it is
/// named in the title, `lead_points` when named in the first `lead_sentences` body sentences, and
/// `sentence_points` for each later body sentence naming it, at most `sentence_cap` of them — all
/// times the state's weight in `state_weights`; later sentences also times the length factor. With
/// `headline_only_lead`, the title of an item with no body, or of a short item whose description
/// names no weighted state, is its lead too: its states get `lead_points` (``ArticleFacts/headlineIsLead``).
/// A 0-point `subject_paragraph` note first lists the sentences of a paragraph on the story that
/// count without the length factor in every rule (``ArticleFacts/storyParagraph``).
struct StateCentralityRule: PointRule {
    var names: [ScoreRule] { [.storyParagraph, .titlePoints, .leadPoints, .sentencePoints] }

    func addPoints(_ article: ArticleFacts, to sheet: inout ScoreSheet) {
        let rules = article.rules
        let facts = article.sentences
        if let first = article.storyParagraph.min() {
            // A 0-point note first: the paragraph's points below carry no length factor.
            let list = article.storyParagraph.sorted().map { "\(article.result.sentences[$0].bodyIndex + 1)" }.joined(separator: ", ")
            sheet.components.append(ScoreComponent(rule: .storyParagraph, points: 0,
                                                   detail: "sentences \(list): a paragraph on the story, counted in full (no length factor)", sentence: first))
        }
        for actor in article.model.actors where actor.kind == .state {
            let state = actor.id
            let w = rules.weight(of: state)
            guard w > 0 else { continue }
            let sentences = (0..<article.sentenceCount).filter { facts.states[$0].contains(state) }
            guard !sentences.isEmpty else { continue }
            if let title = sentences.first(where: { article.result.sentences[$0].isTitle }) {
                sheet.components.append(ScoreComponent(rule: .titlePoints, points: rules.titlePoints * w,
                                                       detail: "state \(state) in title", sentence: title))
            }
            if article.headlineIsLead, let title = sentences.first(where: { article.result.sentences[$0].isTitle }) {
                sheet.components.append(ScoreComponent(rule: .leadPoints, points: rules.leadPoints * w,
                                                       detail: "state \(state) in title, \(article.headlineLeadPlace)", sentence: title))
            }
            if let lead = sentences.first(where: facts.isLead) {
                sheet.components.append(ScoreComponent(rule: .leadPoints, points: rules.leadPoints * w,
                                                       detail: "state \(state) in lead (\(article.place(lead)))", sentence: lead))
            }
            for s in sentences.filter({ !facts.isHeadOrLead($0) }).prefix(rules.sentenceCap) {
                sheet.components.append(ScoreComponent(rule: .sentencePoints, points: rules.sentencePoints * w * article.length(s),
                                                       detail: "state \(state) in \(article.place(s))\(article.lengthDetail(s))", sentence: s))
            }
        }
    }
}
