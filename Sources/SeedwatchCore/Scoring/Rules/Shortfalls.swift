/// What an article lacked for an alert (``Shortfall``), read from the same facts and sheet the
/// rules scored: the conditions of ``KeyStatesRule``, ``SubjectRule``, `alert_min_topic` and
/// `alert_threshold` (``ScoringRules/level(score:topicPoints:)``), each with the article's figure
/// and the model's threshold. States are written with their names from the model.
enum Shortfalls {
    /// The shortfalls of an article whose level is below `alert` (none for an alert).
    static func of(_ article: ArticleFacts, _ sheet: ScoreSheet, level: AlertLevel?) -> [Shortfall] {
        guard level != .alert else { return [] }
        let rules = article.rules
        var found: [Shortfall] = []
        if let keys = keyStates(article) { found.append(keys) }
        if let subject = subject(article) { found.append(subject) }
        if article.rules.requireSubject && !ShortItemTitleRule.titleNamesTheStory(article) {
            found.append(Shortfall(rule: ShortItemTitleRule().names[0].rawValue,
                                   detail: "a short item (\(article.sentences.bodyCount) body sentences) whose title names no actor and no topic term"))
        }
        if sheet.topicPoints < rules.alertMinTopic {
            let none = article.sentences.topics.allSatisfy(\.isEmpty) ? " (no topic term in the article)" : ""
            found.append(Shortfall(rule: "alert_min_topic",
                                   detail: "topic evidence \(number(sheet.topicPoints)) below the \(number(rules.alertMinTopic)) an alert needs\(none)"))
        }
        let score = sheet.score
        if score < rules.noticeThreshold {
            found.append(Shortfall(rule: "notice_threshold",
                                   detail: "score \(number(score)) below notice \(number(rules.noticeThreshold)) (alert \(number(rules.alertThreshold)))"))
        } else if score < rules.alertThreshold {
            found.append(Shortfall(rule: "alert_threshold", detail: "score \(number(score)) below alert \(number(rules.alertThreshold))"))
        }
        return found
    }

    /// ``KeyStatesRule``: none of `alert_key_states` and fewer than `alert_min_core_states` core states named.
    static func keyStates(_ article: ArticleFacts) -> Shortfall? {
        let rules = article.rules
        guard rules.alertMinCoreStates > 0 else { return nil }
        let named = article.namedStates
        guard !rules.alertKeyStates.contains(where: named.contains) else { return nil }
        if let title = article.title, article.responsePairs[title] != nil { return nil }
        let core = rules.coreStates.filter(named.contains)
        guard core.count < rules.alertMinCoreStates else { return nil }
        let coreNamed = core.isEmpty ? "none" : core.map { name(article, $0) }.joined(separator: ", ")
        return Shortfall(rule: KeyStatesRule().names[0].rawValue,
                         detail: "no key state named (\(rules.alertKeyStates.map { name(article, $0) }.joined(separator: ", "))), "
                            + "and \(core.count) of the core states (\(coreNamed)) where an alert needs \(rules.alertMinCoreStates)")
    }

    /// ``SubjectRule``: the story is no subject of the article. Says, per key state and for two core
    /// states together, in how many body sentences the article names them and how many the subject
    /// test needs (`subject_share`), and that the title and lead do not.
    static func subject(_ article: ArticleFacts) -> Shortfall? {
        let rules = article.rules
        let facts = article.sentences
        guard rules.requireSubject && !facts.storyIsSubject(keyStates: article.keyStates) else { return nil }
        let body = facts.bodyCount
        let core = article.coreStates
        func inBody(_ test: (Int) -> Bool) -> Int {
            (0..<article.sentenceCount).filter { !article.result.sentences[$0].isTitle && test($0) }.count
        }
        var parts = article.keyStates.sorted().map { key in
            "\(name(article, key)) in \(inBody { facts.states[$0].contains(key) }) of \(body) body sentences"
        }
        let pairs = inBody { !facts.coreListed[$0] && facts.states[$0].intersection(core).count >= 2 }
        parts.append("two core states together in \(pairs)")
        let needed = max(1, Int((rules.subjectShare * Double(body)).rounded(.up)))
        return Shortfall(rule: SubjectRule().names[0].rawValue,
                         detail: "the subject test failed: \(parts.joined(separator: ", ")), none in the title or lead "
                            + "(needs the title, the lead or \(needed) body sentence\(needed == 1 ? "" : "s"): \(Int((rules.subjectShare * 100).rounded())) %)")
    }

    /// A state's name in the model (its id when the model has no actor with that id).
    static func name(_ article: ArticleFacts, _ id: String) -> String {
        article.model.actors.first { $0.id == id }?.name ?? id
    }

    /// A figure as written in shortfalls: rounded to 2 decimals.
    static func number(_ x: Double) -> String { "\(Scorer.rounded(x))" }
}
