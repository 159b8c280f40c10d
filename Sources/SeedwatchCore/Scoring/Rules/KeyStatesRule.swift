/// The story is the relation of the core states: an article that names none of `alert_key_states`
/// and fewer than `alert_min_core_states` of the core states reaches `notice` at most (0: no
/// limit). When the thresholds gave `alert`, a 0-point `alert_min_core_states` note says why it
/// became a notice. A security response in the title (two partner states, or a partner state and
/// one of `alliance_states`, acting together with a `subject_topics` term: "Trump instructs Pentagon
/// to reduce military exercises with South Korea", ``ArticleFacts/responsePairs``) is the story's
/// rubric (c) without North Korea named: it lifts the limit, and a 0-point `alliance_states` note
/// says so when the article reaches `alert`.
struct KeyStatesRule: LevelRule {
    var names: [ScoreRule] { [.alertMinCoreStates, .allianceResponse] }

    func limitLevel(_ article: ArticleFacts, on sheet: inout ScoreSheet) {
        let rules = article.rules
        guard rules.alertMinCoreStates > 0 else { return }
        let named = article.namedStates
        let hasKey = rules.alertKeyStates.contains { named.contains($0) }
        let coreNamed = named.intersection(article.coreStates).count
        guard !hasKey && coreNamed < rules.alertMinCoreStates else { return }
        if let title = article.title, let pair = article.responsePairs[title] {
            guard sheet.level == .alert else { return }
            sheet.components.append(ScoreComponent(
                rule: .allianceResponse, points: 0,
                detail: "title: \(pair) in a security response: may alert without \(rules.alertKeyStates.joined(separator: ", "))",
                sentence: title))
            return
        }
        sheet.ceiling = .notice
        guard sheet.level == .alert else { return }
        sheet.components.append(ScoreComponent(
            rule: .alertMinCoreStates, points: 0,
            detail: "level capped at notice: none of \(rules.alertKeyStates.joined(separator: ", ")) named and "
                + "\(coreNamed) of \(rules.coreStates.joined(separator: ", ")) (needs \(rules.alertMinCoreStates))",
            sentence: nil))
    }
}
