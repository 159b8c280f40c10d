/// A headline about the story:
/// - a title that names a key state (`alert_key_states`, else a core state) together with a counted
///   topic term ("North Korea fires two ballistic missiles", "La Corée du Nord tire deux missiles
///   balistiques") gets `title_key_points` once, counted as topic points;
/// - otherwise, a title on the security response (rubric (c)): a partner state acting together
///   with another partner state or one of `alliance_states`, with a `subject_topics` term
///   (``ArticleFacts/responsePairs``: "US and South Korea begin joint military exercises", "Japan,
///   South Korea defence chiefs meet") gets `title_response_points` once, counted as topic points.
///   The response is the story whether or not the headline names what it responds to. A title that
///   names no state takes the pair from the sentences it is read with (``ArticleFacts/titleAnchors``).
/// A short feed item (a title and a sentence or two) has no later sentences to add centrality
/// points, so without this rule the story's own headline scores below a long article's passing
/// mentions. 0 turns each off.
struct HeadlineRule: PointRule {
    var names: [ScoreRule] { [.titleKeyPoints, .titleResponsePoints] }

    func addPoints(_ article: ArticleFacts, to sheet: inout ScoreSheet) {
        let rules = article.rules
        guard let title = article.title else { return }
        let keys = article.sentences.states[title].intersection(article.keyStates).sorted()
        let topics = article.sentences.topics[title].keys.filter(article.counts).sorted()
        if rules.titleKeyPoints > 0, let key = keys.first, !topics.isEmpty {
            let topicIDs = topics.map { article.model.topics[$0].id }.joined(separator: ",")
            sheet.topicPoints += rules.titleKeyPoints
            sheet.components.append(ScoreComponent(rule: .titleKeyPoints, points: rules.titleKeyPoints,
                                                   detail: "title: \(key) with \(topicIDs)", sentence: title))
            return
        }
        guard rules.titleResponsePoints > 0, let pair = article.responsePairs[title] else { return }
        let subjectTopics = Set(rules.subjectTopics)
        let topicIDs = topics.map { article.model.topics[$0].id }.filter(subjectTopics.contains).joined(separator: ",")
        let borrowed = article.titleAnchors.isEmpty ? "" : " (states named in \(article.place(article.titleAnchors[0])))"
        sheet.topicPoints += rules.titleResponsePoints
        sheet.components.append(ScoreComponent(rule: .titleResponsePoints, points: rules.titleResponsePoints,
                                               detail: "title: \(pair) with \(topicIDs), a security response\(borrowed)", sentence: title))
    }
}
