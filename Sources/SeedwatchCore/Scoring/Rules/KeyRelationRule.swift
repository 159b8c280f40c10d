/// A headline on the key state's relations: a title that names a key state (`alert_key_states`)
/// and a state outside the core acting together ("South Korea to revive rail link to North Korea",
/// "Why is North Korea ramping up criticism of Japan?", "Trump trifft Kim Jong-un") gets
/// `title_key_relation_points` once, counted as topic points: North Korea's relations with another
/// state are the story (rubric (d)) whatever verb the headline uses. Any state of the model counts,
/// weighted or not (the United States weighs 0 for centrality, but a headline on it and North Korea
/// is diplomacy), named by a state or person actor (an organisation in a title is most often the
/// source: "KCNA Commentary …"); two states named only as list items, alternatives or shared
/// objects do not, nor do states in a title on an incident or a contest (`incident_title_terms`:
/// "Japan beat North Korea in World Cup qualifier"). Two
/// core states in a title are the core pattern's (``CorePatternRule``), not this rule's. 0 turns it off.
struct KeyRelationRule: PointRule {
    var names: [ScoreRule] { [.titleKeyRelation] }

    func addPoints(_ article: ArticleFacts, to sheet: inout ScoreSheet) {
        let rules = article.rules
        guard rules.titleKeyRelationPoints > 0, !rules.alertKeyStates.isEmpty, let title = article.title,
              article.sentences.incidentWord == nil else { return }
        // States named in the title by a state or a person: an organisation there is most often the
        // source ("KCNA Commentary Censures U.S. Power Politics"), not a party to the relation.
        let states = Set(article.sentences.actors[title].map { article.model.actors[$0] }
            .filter { $0.kind != .organization }.compactMap(\.stateID))
        for key in states.intersection(article.keyStates).sorted() {
            guard let other = states.filter({ !article.coreStates.contains($0) && article.sentences.actTogether(title, key, $0) }).sorted().first
            else { continue }
            sheet.topicPoints += rules.titleKeyRelationPoints
            sheet.components.append(ScoreComponent(rule: .titleKeyRelation, points: rules.titleKeyRelationPoints,
                                                   detail: "title: \(key) with \(other)", sentence: title))
            return
        }
    }
}
