/// A short item's subject is its headline: with `require_subject`, an article of at most
/// `short_item_sentences` body sentences (a feed item: a headline and a description) whose title
/// names no actor of the model and no counted topic term gets no level, however its description
/// names the states ("Nickel price: a squeeze for the annals of the LME", with a description on
/// sanctions against Russia and Chinese buyers). A 0-point `short_item_sentences` note says why when
/// the thresholds gave a level.
struct ShortItemTitleRule: LevelRule {
    var names: [ScoreRule] { [.shortItemTitle] }

    func limitLevel(_ article: ArticleFacts, on sheet: inout ScoreSheet) {
        guard article.rules.requireSubject, !Self.titleNamesTheStory(article) else { return }
        sheet.ceiling = nil
        guard sheet.level != nil else { return }
        sheet.components.append(ScoreComponent(
            rule: .shortItemTitle, points: 0,
            detail: "no level: a short item (\(article.sentences.bodyCount) of at most \(article.rules.shortItemSentences) body sentences) "
                + "whose title names no actor and no topic term",
            sentence: article.title))
    }

    /// Whether the article is no short item, has no title, or its title names an actor or a counted topic term.
    static func titleNamesTheStory(_ article: ArticleFacts) -> Bool {
        guard article.isShortItem, let title = article.title else { return true }
        return !article.sentences.actors[title].isEmpty || article.sentences.topics[title].keys.contains(where: article.counts)
    }
}
