import Foundation
import SeedwatchCore
import Testing

/// `seedwatch watch new`'s builder over the shipped data, on the shipped seed and on two other
/// stories of the shared BBC 2026 set (read where they lie; those tests skip without `../shared`).
@Suite("Watch builder")
struct WatchBuilderTests {
    static let builder: WatchBuilder = {
        do { return try WatchBuilder.bundled() } catch { fatalError("shipped builder data: \(error)") }
    }()

    static func corpusSeed(_ file: String) throws -> Article? {
        guard ShippedModel.sharedIsAvailable else {
            print("skipped: ../shared/corpus is absent")
            return nil
        }
        return try ShippedModel.corpusArticle("articles/bbc-world-2026/" + file)
    }

    /// `id:affiliation` of every actor of one kind, in model order.
    static func actors(_ w: BuiltWatch, _ kind: Actor.Kind) -> [String] {
        w.actors.filter { $0.actor.kind == kind }.map { "\($0.actor.id):\($0.actor.affiliation ?? "-")" }
    }

    static func terms(_ w: BuiltWatch) -> Set<String> {
        Set(w.topics.flatMap { $0.terms.map(\.text) })
    }

    @Test func shippedSeedActorsCoreStatesAndTopics() throws {
        let w = try Self.builder.build(name: "crnk", seed: try ScoringTests.seedArticle())
        // "Brussels" in the seed is the EU's metonym (european_union below), not Belgium.
        #expect(Self.actors(w, .state) == ["china:-", "japan:-", "north_korea:-", "russia:-",
                                           "south_korea:-", "ukraine:-", "united_states:-"])
        // The seed's people, then the knowledge's people of the core states (WatchBuilderRecallTests).
        #expect(Self.actors(w, .person).prefix(5) == ["donald_trump:united_states", "kim_jong_un:north_korea", "vladimir_putin:russia",
                                                      "xi_jinping:china", "moon_jae_in:south_korea"])
        // The seed's organisations, then the news agencies of the core states (WatchBuilderGeneralRulesTests).
        #expect(Self.actors(w, .organization).prefix(3) == ["european_union:-", "nato:-", "united_nations:-"])
        // Knowledge actors name their KnowledgeBase entry; seed-only ones do not.
        #expect(w.actors.first { $0.actor.id == "north_korea" }?.actor.knowledge == "KP")
        #expect(w.actors.first { $0.actor.id == "moon_jae_in" }?.actor.knowledge == nil)
        #expect(w.states.core == ["north_korea", "russia", "china"])
        #expect(w.states.partners == ["south_korea", "japan"])
        #expect(w.states.ubiquitous == ["united_states"])
        #expect(w.rules.alertKeyStates == ["north_korea"])
        #expect(w.rules.alertMinCoreStates == 2)
        #expect(w.rules.stateWeights == ["north_korea": 1, "russia": 1, "china": 1, "south_korea": 0.5, "japan": 0.5])
        // The seed's own words first, then the event-lexicon concepts it uses, then their families.
        #expect(w.topics.prefix(8).map(\.id) == ["friendship", "requires", "bond", "meetings", "sanctions", "summit",
                                                 "missile_launch", "nuclear"])
        for phrase in ["sanctions", "nuclear weapons", "nuclear program", "artillery", "missile", "oil", "gas",
                       "partnership", "alliance", "summits", "Sanktionen", "sanciones", "Atomwaffen"] {
            #expect(Self.terms(w).contains(phrase), "missing \(phrase)")
        }
        // Aliases come from the knowledge data in other scripts and languages, with the seed's forms.
        let kim = try #require(w.actors.first { $0.actor.id == "kim_jong_un" }).actor
        #expect(kim.aliases.map(\.text).contains("김정은"))
        // The weak surname of the knowledge data, written so in the six Latin-script languages.
        #expect(kim.aliases.contains(Alias("Kim", caseSensitive: true, weak: true, languages: LanguageSet(codes: EventLexicon.languages)!)))
        // A seed-only Korean name: the family name comes first ("President Moon", weak "Moon").
        #expect(try #require(w.actors.first { $0.actor.id == "moon_jae_in" }).actor.aliases == [
            Alias("Moon Jae-in"), Alias("President Moon"), Alias("Moon", caseSensitive: true, weak: true),
            Alias("Moon Jae-ins", languages: LanguageSet(codes: ["de"])!)])
        let north = try #require(w.actors.first { $0.actor.id == "north_korea" }).actor
        for alias in ["Pyongyang", "North Korean", "Nordkorea", "Coreia do Norte", "nord-coréenne", "Corea del Nord"] {
            #expect(north.aliases.map(\.text).contains(alias), "missing \(alias)")
        }
    }

    /// The written model loads, names only its own states in `rules`, alerts on its own seed, and is
    /// the same bytes (so the same model version) for the same seed.
    @Test func writtenModelLoadsAndAlertsOnItsSeed() throws {
        let seed = try ScoringTests.seedArticle()
        let w = try Self.builder.build(name: "crnk", seed: seed)
        let model = try ModelLoader.load(bytes: Array(w.modelYAML.utf8), file: "model.yaml", watch: "crnk")
        #expect(ModelWarnings.warnings(model) == [])
        #expect(model.actors.map(\.id) == w.actors.map(\.actor.id))
        #expect(model.topics.map(\.id) == w.topics.map(\.id))
        let watch = CompiledWatch(model: model)
        #expect(watch.scorer.score(watch.matcher.match(seed)).level == .alert)
        #expect(w.articleText == seed.title + "\n" + seed.body + "\n")
        #expect(try Self.builder.build(name: "crnk", seed: seed).modelYAML == w.modelYAML)
    }

    static let canadaSeed = Article(
        title: "Canada hits back with tariffs after Trump doubles duties",
        body: """
        Canadian Prime Minister Mark Carney said Canada would impose counter-tariffs on US steel and aluminium.
        US President Donald Trump doubled tariffs on Canadian goods on Monday, saying Canada treated US dairy unfairly.
        Carney said trade talks with Washington would continue, but Canada's tariffs would stay until the US lifted its levies.
        Ontario's premier urged Canadians to buy Canadian goods as the trade war between Canada and the US deepened.
        Economists said the tariffs would raise prices on both sides of the border and hurt Canada's economy.
        """)

    /// A watch built from an English seed follows the story in the six languages: the state's names,
    /// adjectives, capital and leader come from the knowledge data, the topics from the event lexicon.
    @Test(arguments: [
        ("es", "Canadá responde con aranceles a Trump", "El primer ministro canadiense, Mark Carney, anunció aranceles de represalia contra el acero estadounidense. Ottawa mantendrá los aranceles mientras Washington no retire los suyos. Los productores canadienses temen una guerra comercial."),
        ("pt", "Canadá responde com tarifas a Trump", "O primeiro-ministro canadense, Mark Carney, anunciou tarifas de retaliação contra o aço americano. Ottawa manterá as tarifas enquanto Washington não retirar as suas. Os produtores canadenses temem uma guerra comercial."),
        ("fr", "Le Canada riposte par des droits de douane contre Trump", "Le premier ministre canadien, Mark Carney, a annoncé des droits de douane de représailles sur l'acier américain. Ottawa maintiendra ses tarifs douaniers tant que Washington ne retirera pas les siens. Les producteurs canadiens craignent une guerre commerciale."),
        ("de", "Kanada antwortet Trump mit Zöllen", "Der kanadische Premierminister Mark Carney kündigte Gegenzölle auf amerikanischen Stahl an. Ottawa werde die Zölle beibehalten, solange Washington seine nicht zurücknehme. Kanadische Hersteller fürchten einen Handelskrieg."),
        ("it", "Il Canada risponde a Trump con i dazi", "Il primo ministro canadese Mark Carney ha annunciato dazi di ritorsione sull'acciaio americano. Ottawa manterrà i dazi finché Washington non ritirerà i suoi. I produttori canadesi temono una guerra commerciale."),
    ])
    func builtWatchFollowsTheStoryInSixLanguages(language: String, title: String, body: String) throws {
        let w = try Self.builder.build(name: "canada-trade", seed: Self.canadaSeed)
        let model = try ModelLoader.load(bytes: Array(w.modelYAML.utf8), file: "model.yaml", watch: "canada-trade")
        let watch = CompiledWatch(model: model)
        let result = watch.matcher.match(Article(title: title, body: body), language: language)
        #expect(result.actorIDs(in: model) == ["canada", "mark_carney", "donald_trump", "united_states"])
        #expect(watch.scorer.score(result).level == .alert)
    }

    /// The summary names the core states with their centrality, the actors by kind, the topics with
    /// their strongest terms and what to review; `--explain` adds why: counts and positions in the
    /// seed, the knowledge entry and its source, the background frequency.
    @Test func summaryAndExplanation() throws {
        let w = try Self.builder.build(name: "canada-trade", seed: Self.canadaSeed)
        let plain = w.summary(explain: false).split(separator: "\n").map(String.init)
        #expect(Array(plain.prefix(4)) == [
            "core states: canada; named in most news, so not weighted: united_states",
            "  centrality: canada 16 (core, title, lead, 6 sentences); united_states 15 (weight 0, title, lead, 5 sentences)",
            "persons (2): donald_trump [united_states], mark_carney [canada]",
            "states (2): canada, united_states",
        ])
        #expect(plain.contains("  trade_deal: trade deal 3, trade agreement 3, free trade 3, trade talks 3, trade war 3 … (78 terms)"))
        #expect(Array(plain.suffix(3)) == [
            "review:",
            "  - one core state (canada): the pair pattern never fires; add the other side of the story to `core_states` if there is one",
            "  - states named but not weighted: united_states; give one a weight in `state_weights` if it is part of the story",
        ])
        let explained = w.summary(explain: true).split(separator: "\n").map(String.init)
        #expect(explained.contains("    mark_carney: knowledge entry mark_carney (Prime Minister of Canada, pm.gc.ca; Wikipedia article titles (Mark Carney in every Latin-script language, ru Карни, zh 卡尼); as of 2025-11): 2 mentions as \"Carney\", \"Mark Carney\"; sentence 1, sentence 3"))
        #expect(explained.contains("    \"tariffs\" 2: in 5 sentences (title, sentence 1, sentence 2, sentence 3, sentence 5); in 13 of 10376 background articles; score 39.6"))
        #expect(explained.contains("    event lexicon concept tariff (27 forms in en/es/pt/fr/de/it): the seed uses \"levies\", \"tariffs\" in title, sentence 1, sentence 2, sentence 3, sentence 5"))
        #expect(explained.contains("    event lexicon concept sanctions, related to the concepts the seed uses (tariff, trade_deal): half weight"))
    }

    @Test func ceutaSeed() throws {
        guard let seed = try Self.corpusSeed("2026-08-01_bb4211165aff.html") else { return }
        let w = try Self.builder.build(name: "ceuta-migrants", seed: seed)
        #expect(w.states.core == ["spain", "morocco"])
        #expect(w.states.partners == ["italy"])
        #expect(w.rules.alertMinCoreStates == 2)
        #expect(Self.actors(w, .person) == ["donald_trump:united_states", "friedrich_merz:germany", "giorgia_meloni:italy",
                                            "pedro_sanchez:spain", "juan_jesus_vivas:-", "mari_rantanen:-"])
        #expect(w.topics.first?.id == "migrant")
        // "military" and "armed forces" in 2 sentences bring the broad concept, but not its family:
        // a migration story gets no missile or nuclear terms.
        #expect(Self.terms(w).contains("military"))
        #expect(!Self.terms(w).contains("missile"))
        #expect(!Self.terms(w).contains("nuclear weapons"))
        for phrase in ["migrants", "Ceuta", "schengen", "border", "migrantes", "Migranten"] {
            #expect(Self.terms(w).contains(phrase) || Self.terms(w).contains(phrase.lowercased()), "missing \(phrase)")
        }
    }

    /// A row between two leaders whose third sentence mentions Iran's nuclear weapons once: the
    /// nuclear concept joins on its own, but a passing remark brings no family of missile
    /// launches, enrichment, satellites or troops.
    @Test func aConceptNamedInPassingBringsNoFamily() throws {
        guard let seed = try Self.corpusSeed("2026-06-20_3002e4454bf1.html") else { return }
        let w = try Self.builder.build(name: "meloni-trump", seed: seed)
        #expect(w.states.core == ["italy"])
        #expect(w.topics.map(\.id) == ["popularity", "begged", "instagram", "summit", "nuclear", "military", "alliance", "diplomacy"])
        for term in ["missile launch", "enrichment", "satellite", "troops", "military drills", "invasion"] {
            #expect(!Self.terms(w).contains(term), "\(term)")
        }
    }

    @Test func canadaTariffsSeed() throws {
        guard let seed = try Self.corpusSeed("2026-07-22_df0e4aebd34d.html") else { return }
        let w = try Self.builder.build(name: "us-canada-tariffs", seed: seed)
        #expect(w.states.core == ["canada"])
        #expect(w.states.ubiquitous == ["united_kingdom", "united_states"])
        // Mexico is named in 4 sentences of the seed: a partner (weight 0.5), not core.
        #expect(w.states.partners == ["mexico"])
        #expect(Self.actors(w, .person) == ["donald_trump:united_states", "mark_carney:canada", "doug_ford:-"])
        for phrase in ["tariffs", "usmca", "dairy", "trade deal", "aranceles", "Zölle"] {
            #expect(Self.terms(w).contains(phrase), "missing \(phrase)")
        }
    }

    /// Precision and recall of the built watches, unedited, on the stories' labels
    /// (`labels/stories/`, every BBC 2026 article; the seed itself left out).
    @Test(arguments: [
        ("ceuta-migrants", "2026-08-01_bb4211165aff.html", 10, 0, 0),
        ("us-canada-tariffs", "2026-07-22_df0e4aebd34d.html", 6, 0, 0),
    ])
    func builtWatchOnTheStorysLabels(story: String, seedFile: String, hits: Int, misses: Int, falseAlarms: Int) throws {
        guard let seed = try Self.corpusSeed(seedFile) else { return }
        let w = try Self.builder.build(name: story, seed: seed)
        let model = try ModelLoader.load(bytes: Array(w.modelYAML.utf8), file: "model.yaml", watch: story)
        let labelsPath = ShippedModel.packageRoot.appendingPathComponent("labels/stories/\(story).tsv").path
        let labels = try RelevanceLabel.parse(String(decoding: try Data(contentsOf: URL(fileURLWithPath: labelsPath)), as: UTF8.self))
        #expect(labels.count == 888)
        let outcomes = RelevanceEvaluation(model: model).run(labels) { path in
            Array(try Data(contentsOf: ShippedModel.corpusRoot.appendingPathComponent(path)))
        }
        let m = RelevanceEvaluation.metrics(outcomes)
        #expect(m.hits == hits)
        #expect(m.misses == misses)
        #expect(m.falseAlarms == falseAlarms)
    }
}
