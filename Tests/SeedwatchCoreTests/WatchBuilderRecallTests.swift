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
}
