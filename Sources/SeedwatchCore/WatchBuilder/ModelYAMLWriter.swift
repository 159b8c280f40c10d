import Foundation

/// Writes a built watch as `model.yaml` (DESIGN §4), in the form ``ModelLoader`` reads: every
/// string double-quoted, aliases and terms as `{text, …}` mappings where they carry options, the
/// `rules:` section complete. Deterministic: the same watch gives the same bytes (and model version).
public enum ModelYAMLWriter {
    public static func yaml(_ watch: BuiltWatch) -> String {
        var out = """
        # Actor & topic model of the watch "\(watch.name)", built by `seedwatch watch new` from the seed
        # article "\(watch.article.title.replacingOccurrences(of: "\n", with: " "))" (article.txt).
        # Review the actors, topics and rules before relying on it; `seedwatch watch new --explain`
        # says why each actor and term was chosen. Matching rules: README, "The model".

        """
        out += "name: \(YAMLScalarText.doubleQuoted(watch.name))\n"
        out += "description: \(YAMLScalarText.doubleQuoted("Built from the seed \"\(watch.article.title)\". Core states: \(watch.states.core.joined(separator: ", ")).")) \n"
        out += "\nactors:\n"
        for choice in watch.actors {
            let a = choice.actor
            out += "  - id: \(a.id)\n    name: \(YAMLScalarText.doubleQuoted(a.name))\n    kind: \(a.kind.rawValue)\n"
            if let aff = a.affiliation { out += "    affiliation: \(aff)\n" }
            // An actor of the knowledge data names its entry; only the builder's own aliases are listed.
            let own = a.knowledge == nil ? a.aliases : Array(a.aliases.dropFirst(choice.inheritedAliases))
            if let key = a.knowledge { out += "    knowledge: \(YAMLScalarText.doubleQuoted(key))\n" }
            if !own.isEmpty { out += "    aliases:\n" }
            for alias in own {
                if !alias.caseSensitive && !alias.weak {
                    out += "      - \(YAMLScalarText.doubleQuoted(alias.text))\n"
                } else {
                    var parts = ["text: \(YAMLScalarText.doubleQuoted(alias.text))"]
                    if alias.caseSensitive { parts.append("case_sensitive: true") }
                    if alias.weak { parts.append("weak: true") }
                    out += "      - {\(parts.joined(separator: ", "))}\n"
                }
            }
            if !choice.exclusions.isEmpty {
                out += "    exclusions:\n"
                for e in choice.exclusions {
                    out += e.caseSensitive ? "      - {text: \(YAMLScalarText.doubleQuoted(e.text)), case_sensitive: true}\n" : "      - \(YAMLScalarText.doubleQuoted(e.text))\n"
                }
            }
        }
        out += "\ntopics:\n"
        for t in watch.topics {
            out += "  - id: \(t.id)\n    name: \(YAMLScalarText.doubleQuoted(t.name))\n    terms:\n"
            for term in t.terms {
                let language = term.languages.isEmpty ? "" : ", language: " + (term.languages.count == 1 ? term.languages[0] : "[\(term.languages.joined(separator: ", "))]")
                out += "      - {text: \(YAMLScalarText.doubleQuoted(term.text)), weight: \(number(term.weight))\(language)}\n"
            }
        }
        let r = watch.rules
        out += """

        rules:
          note: "Generic rules of a built watch: the core states are the seed's most central states; see ScoringRules."
          alert_threshold: \(number(r.alertThreshold))
          notice_threshold: \(number(r.noticeThreshold))
          alert_min_topic: \(number(r.alertMinTopic))
          notice_min_topic: \(number(r.noticeMinTopic))
          state_weights: {\(r.stateWeights.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { "\($0.key): \(number($0.value))" }.joined(separator: ", "))}
          core_states: [\(r.coreStates.joined(separator: ", "))]
          alert_key_states: [\(r.alertKeyStates.joined(separator: ", "))]
          alert_min_core_states: \(r.alertMinCoreStates)
          title_points: \(number(r.titlePoints))
          lead_points: \(number(r.leadPoints))
          lead_sentences: \(r.leadSentences)
          sentence_points: \(number(r.sentencePoints))
          sentence_cap: \(r.sentenceCap)
          title_factor: \(number(r.titleFactor))
          lead_factor: \(number(r.leadFactor))
          unanchored_factor: \(number(r.unanchoredFactor))
          partner_anchor_factor: \(number(r.partnerAnchorFactor))
          topic_cap: \(number(r.topicCap))
          pair_points: \(number(r.pairPoints))
          partner_factor: \(number(r.partnerFactor))
          relation_factor: \(number(r.relationFactor))
          title_relation_points: \(number(r.titleRelationPoints))
          pair_cap: \(number(r.pairCap))
          title_key_points: \(number(r.titleKeyPoints))
          title_key_relation_points: \(number(r.titleKeyRelationPoints))
          short_item_sentences: \(r.shortItemSentences)
          incident_title_terms: [\(r.incidentTitleTerms.map(YAMLScalarText.doubleQuoted).joined(separator: ", "))]
          partner_pair_factor: \(number(r.partnerPairFactor))
          alliance_states: [\(r.allianceStates.joined(separator: ", "))]
          subject_topics: [\(r.subjectTopics.joined(separator: ", "))]
          length_window: \(r.lengthWindow)
          require_subject: \(r.requireSubject)
          subject_share: \(number(r.subjectShare))
          subject_paragraph: \(r.subjectParagraph)
          subject_paragraph_window: \(r.subjectParagraphWindow)

        """
        return out
    }

    static func number(_ d: Double) -> String {
        d == d.rounded() ? String(Int(d)) : String(d)
    }
}
