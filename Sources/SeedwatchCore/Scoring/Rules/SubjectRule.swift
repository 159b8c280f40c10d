/// With `require_subject`, either level needs the story to be a subject of the article
/// (``SentenceFacts/storyIsSubject(keyStates:)``): a key state, or two core states acting together
/// in one sentence, in the title or lead or across `subject_share` of the body sentences; or a
/// partner state with a `subject_topics` term in the title or lead; or a paragraph on the story
/// (`subject_paragraph` of `subject_paragraph_window` consecutive body sentences). Otherwise the article gets no
/// level, and when the thresholds gave one, a 0-point `require_subject` note says why.
struct SubjectRule: LevelRule {
    var names: [ScoreRule] { [.subject] }

    func limitLevel(_ article: ArticleFacts, on sheet: inout ScoreSheet) {
        let rules = article.rules
        guard rules.requireSubject && !article.sentences.storyIsSubject(keyStates: article.keyStates) else { return }
        sheet.ceiling = nil
        guard sheet.level != nil else { return }
        sheet.components.append(ScoreComponent(
            rule: .subject, points: 0,
            detail: "no level: neither \(article.keyStates.sorted().joined(separator: ", ")) nor two core states together"
                + " in the title, the lead or \(Int((rules.subjectShare * 100).rounded())) % of the body sentences"
                + (rules.subjectTopics.isEmpty ? "" : ", nor \(rules.subjectTopics.joined(separator: ", ")) with a partner state in the title or lead")
                + (rules.subjectParagraph == 0 ? "" : ", nor in \(rules.subjectParagraph) of \(rules.subjectParagraphWindow) consecutive sentences"),
            sentence: nil))
    }
}
