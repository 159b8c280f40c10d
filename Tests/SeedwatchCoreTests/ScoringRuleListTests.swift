@testable import SeedwatchCore
import Testing

@Suite("Scoring as a list of rules")
struct ScoringRuleListTests {
    @Test func everyRuleNameIsWrittenByExactlyOneRuleType() {
        let writers: [(String, [ScoreRule])] =
            [("SentenceFacts", SentenceFacts.noteNames)]
            + Scorer.pointRules.map { ("\(type(of: $0))", $0.names) }
            + Scorer.levelRules.map { ("\(type(of: $0))", $0.names) }
        #expect(writers.map(\.0) == ["SentenceFacts", "StateCentralityRule", "TopicEvidenceRule", "CorePatternRule", "HeadlineRule",
                                     "KeyRelationRule", "KeyStatesRule", "SubjectRule", "ShortItemTitleRule"])
        let written = writers.flatMap(\.1)
        #expect(written.count == ScoreRule.allCases.count)
        #expect(Set(written) == Set(ScoreRule.allCases))
    }

    @Test func ruleNamesKeepTheirExplainSpelling() {
        #expect(ScoreRule.allCases.map(\.rawValue) == [
            "title_points", "lead_points", "sentence_points", "topic", "pair_points", "relation_factor",
            "partner_pair_factor", "title_key_points", "title_response_points", "title_key_relation_points", "listed_states", "states_as_objects",
            "alliance_states", "incident_title_terms", "subject_paragraph", "requires", "market_topics", "key_state_topics", "alert_min_core_states", "require_subject", "short_item_sentences",
            "war_name", "simile",
        ])
    }

    @Test func aModelWithStateWeightsButNoCoreStatesTakesTheStatesOfWeightOneAsCore() throws {
        let yaml = """
            actors:
              - {id: colombia, kind: state, aliases: [Colombia]}
              - {id: venezuela, kind: state, aliases: [Venezuela]}
              - {id: brazil, kind: state, aliases: [Brazil]}
            topics:
              - {id: border, terms: [{text: border crossing, weight: 3}]}
            rules:
              state_weights: {venezuela: 1, colombia: 1.5, brazil: 0.5}
            """
        let model = try ModelLoader.load(bytes: Array(yaml.utf8), file: "m.yaml", watch: "colombia")
        #expect(model.rules.coreStates == ["colombia", "venezuela"])
        let d = Scorer(model: model).score(Matcher(model: model).match(Article(
            title: "Brazil and Venezuela discuss the border crossing", body: "Nothing else happened.")))
        #expect(d.explanation.map(\.description) == [
            "state venezuela in title +6.0", "state brazil in title +3.0",
            "title: border \"border crossing\" +6.0", "title: venezuela+brazil with border +2.0",
        ])
    }
}
