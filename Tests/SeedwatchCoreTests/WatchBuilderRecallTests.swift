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
        #expect(Self.built.rules.titleKeyRelationPoints == 6)
        #expect(Self.built.rules.shortItemSentences == 3)
    }

    /// A title naming the key state (the most central of three core states) and another state acting
    /// together is the key state's relations with that state: 6 points, an alert with no topic term.
    @Test func headlineOnTheKeyStatesRelations() {
        let d = Self.decide("South Korea to revive stalled rail project that could connect to North Korea",
                            "South Korea will restart a stalled rail project that could one day link it with North Korea, the unification ministry said.")
        #expect(d.score == 21)
        #expect(d.level == .alert)
        #expect(Self.details(d).contains("title_key_relation_points: title: north_korea with south_korea 6"))
    }

    /// A state the seed names in 3 of its sentences (Japan) is a partner, weight 0.5, whatever its
    /// share of the top state's centrality.
    @Test func stateTheSeedReturnsToIsPartner() {
        #expect(Self.built.states.partners == ["south_korea", "japan"])
        #expect(Self.built.rules.stateWeights == ["north_korea": 1, "russia": 1, "china": 1, "south_korea": 0.5, "japan": 0.5])
        let d = Self.decide("Why is North Korea ramping up criticism of Japan?", "North Korea has stepped up its attacks on Japan in recent weeks.")
        #expect(d.score == 21)
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
        #expect(sister.score == 26)
        #expect(sister.level == .alert)
        #expect(Self.details(sister).contains("title_points: state north_korea in title 6"))
        let visit = Self.decide("Lavrov arrives in Pyongyang for talks", "Russian Foreign Minister Sergei Lavrov arrived in Pyongyang on Friday.")
        #expect(visit.score == 33)
        #expect(visit.level == .alert)
        #expect(Self.details(visit).contains("relation_factor: title: north_korea+russia with no topic term 6"))
    }
}
