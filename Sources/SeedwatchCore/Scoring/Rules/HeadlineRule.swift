/// A headline about the story: a title that names a key state (`alert_key_states`, else a core
/// state) together with a counted topic term ("North Korea fires two ballistic missiles", "La Corée
/// du Nord tire deux missiles balistiques") gets `title_key_points` once, counted as topic points.
/// A short feed item (a title and a sentence or two) has no later sentences to add centrality
/// points, so without this rule the story's own headline scores below a long article's passing
/// mentions. 0 turns it off.
struct HeadlineRule: PointRule {
    var names: [ScoreRule] { [.titleKeyPoints] }

    func addPoints(_ article: ArticleFacts, to sheet: inout ScoreSheet) {
        let rules = article.rules
        guard rules.titleKeyPoints > 0,
              let title = article.result.sentences.indices.first(where: { article.result.sentences[$0].isTitle }) else { return }
        let keys = article.sentences.states[title].intersection(article.keyStates).sorted()
        let topics = article.sentences.topics[title].keys.filter(article.counts).sorted()
        guard let key = keys.first, !topics.isEmpty else { return }
        let topicIDs = topics.map { article.model.topics[$0].id }.joined(separator: ",")
        sheet.topicPoints += rules.titleKeyPoints
        sheet.components.append(ScoreComponent(rule: .titleKeyPoints, points: rules.titleKeyPoints,
                                               detail: "title: \(key) with \(topicIDs)", sentence: title))
    }
}
