import Foundation
import SeedwatchCore
import Testing

/// What a watch built from the shipped seed makes of headline feed items (a title and a one-sentence
/// description) that name the story's states or their people with few or no topic terms: the
/// builder's generic rules, partner states, the people of the core states and the broad words of
/// the event lexicon. Every item here is written for the test.
@Suite("Watch builder: headline items")
struct WatchBuilderRecallTests {
    static let built: BuiltWatch = {
        do { return try WatchBuilderTests.builder.build(name: "crnk", seed: try ScoringTests.seedArticle()) } catch {
            fatalError("building from the shipped seed: \(error)")
        }
    }()

    /// The built model as `watch new` writes it and the daemon reads it.
    static let watch: CompiledWatch = {
        do { return CompiledWatch(model: try ModelLoader.load(bytes: Array(built.modelYAML.utf8), file: "model.yaml", watch: "crnk")) } catch {
            fatalError("reading the built model: \(error)")
        }
    }()

    static func decide(_ title: String, _ description: String, language: String = "en") -> Decision {
        watch.scorer.score(watch.matcher.match(Article(title: title, body: description), language: language))
    }

    static func details(_ d: Decision) -> [String] { d.explanation.map { "\($0.rule.rawValue): \($0.detail) \(String(format: "%g", $0.points))" } }

    /// The written `rules:` read back are the built rules, the headline rules included.
    @Test func writtenRulesReadBackWhole() {
        #expect(Self.watch.model.rules == Self.built.rules)
        #expect(Self.built.rules.titleKeyRelationPoints == 7.5)
        #expect(Self.built.rules.shortItemSentences == 3)
    }

    /// A title naming the key state (the most central of three core states) and another state acting
    /// together is the key state's relations with that state: 7.5 points, an alert with no topic term.
    @Test func headlineOnTheKeyStatesRelations() {
        let d = Self.decide("South Korea to revive stalled rail project that could connect to North Korea",
                            "South Korea will restart a stalled rail project that could one day link it with North Korea, the unification ministry said.")
        #expect(d.score == 22.5)
        #expect(d.level == .alert)
        #expect(Self.details(d).contains("title_key_relation_points: title: north_korea with south_korea 7.5"))
    }

    /// A state the seed names in 3 of its sentences (Japan) is a partner, weight 0.5, whatever its
    /// share of the top state's centrality.
    @Test func stateTheSeedReturnsToIsPartner() {
        #expect(Self.built.states.partners == ["south_korea", "japan"])
        #expect(Self.built.rules.stateWeights == ["north_korea": 1, "russia": 1, "china": 1, "south_korea": 0.5, "japan": 0.5])
        let d = Self.decide("Why is North Korea ramping up criticism of Japan?", "North Korea has stepped up its attacks on Japan in recent weeks.")
        #expect(d.score == 22.5)
        #expect(d.level == .alert)
        #expect(Self.details(d).contains("lead_points: state japan in lead (sentence 1) 2"))
    }

    /// The knowledge's people of the core states join the model although the seed does not name
    /// them, and Kim Jong Un's exclusion of "Kim Yo Jong" goes, so that her name counts for her.
    @Test func peopleOfTheCoreStates() throws {
        #expect(WatchBuilderTests.actors(Self.built, .person) == [
            "donald_trump:united_states", "kim_jong_un:north_korea", "vladimir_putin:russia", "xi_jinping:china",
            "moon_jae_in:south_korea", "choe_son_hui:north_korea", "dmitry_medvedev:russia", "dmitry_peskov:russia",
            "kim_yo_jong:north_korea", "sergei_lavrov:russia", "sergei_shoigu:russia", "wang_yi:china"])
        let kim = try #require(Self.built.actors.first { $0.actor.id == "kim_jong_un" })
        #expect(!kim.exclusions.map(\.text).contains("Kim Yo Jong"))
        #expect(kim.exclusions.map(\.text).contains("Kim Jong Il"))
        let lavrov = try #require(Self.built.actors.first { $0.actor.id == "sergei_lavrov" })
        #expect(lavrov.reason.hasSuffix("speaks for the core state russia; not named in the seed"))

        let sister = Self.decide("Kim Yo Jong warns Seoul over leaflets",
                                 "Kim Yo Jong, the sister of the North Korean leader, said South Korea would pay for the leaflets sent across the border.")
        #expect(sister.score == 27.5)
        #expect(sister.level == .alert)
        #expect(Self.details(sister).contains("title_points: state north_korea in title 6"))
        let visit = Self.decide("Lavrov arrives in Pyongyang for talks", "Russian Foreign Minister Sergei Lavrov arrived in Pyongyang on Friday.")
        #expect(visit.score == 33)
        #expect(visit.level == .alert)
        #expect(Self.details(visit).contains("relation_factor: title: north_korea+russia with no topic term 6"))
    }

    /// The seed's "nuclear" and "military" bring the lexicon's broad concepts `atomic` and `military`
    /// at weight 1 in the six languages: a headline that says "nucléaire" where the article would
    /// say "armes nucléaires" counts.
    @Test func broadWordsOfTheSeedsSubjects() throws {
        let atomic = try #require(Self.built.topics.first { $0.id == "atomic" })
        #expect(atomic.terms.map(\.text).prefix(4) == ["nuclear", "atomic", "nucleares", "atómico"])
        #expect(atomic.terms.allSatisfy { $0.weight == 1 })
        let military = try #require(Self.built.topics.first { $0.id == "military" })
        #expect(military.terms.map(\.text).contains("Streitkräfte"))
        let d = Self.decide("La Corée du Nord poursuit le renforcement de son arsenal balistique et nucléaire",
                            "La Corée du Nord a annoncé de nouveaux essais nucléaires.", language: "fr")
        #expect(d.score == 18.5)
        #expect(d.level == .alert)
        #expect(Self.details(d) == [
            "title_points: state north_korea in title 6", "lead_points: state north_korea in lead (sentence 1) 4",
            "topic: title: atomic \"nucléaire\" 2", "topic: sentence 1: atomic \"nucléaires\" 1.5",
            "title_key_points: title: north_korea with atomic 5",
        ])
    }

    /// A broad concept joins only when the seed uses it in 2 sentences, and never as a relative: one
    /// "military" in a seed on migrants does not make every army headline the story.
    @Test func broadConceptNeedsTwoSentencesOfTheSeed() throws {
        let body = """
        Thousands of migrants crossed the border fence from Morocco into the Spanish enclave overnight.
        Spain sent military police to the border and asked Morocco to stop the crossings.
        Morocco said it was patrolling its side of the border and would take back migrants who crossed.
        """
        let once = try WatchBuilderTests.builder.build(name: "enclave", seed: Article(title: "Spain and Morocco clash over migrant crossings", body: body))
        #expect(once.states.core == ["morocco", "spain"])
        #expect(!WatchBuilderTests.terms(once).contains("military"))
        #expect(!WatchBuilderTests.terms(once).contains("army"))
        let twice = try WatchBuilderTests.builder.build(
            name: "enclave", seed: Article(title: "Spain and Morocco clash over migrant crossings", body: body + "\nThe military said the fence would be rebuilt."))
        // The concept joins the seed's own topic it shares most sentences with, or is a topic of its own.
        let first = try #require(twice.topics.flatMap(\.terms).first { $0.text == "military" })
        #expect(first.text == "military")
        #expect(first.weight == 1)
        #expect(first.languages == ["en"])
        #expect(first.reason == "event lexicon concept military (33 forms in en/es/pt/fr/de/it): the seed uses \"military\" in sentence 2, sentence 4")
    }
}
