import Foundation
import SeedwatchCore
import Testing

/// The reviewed supplement (`Knowledge/supplement.yaml`) as the one source of demonyms, capitals,
/// organisations and people for both the models' `knowledge:` keys and `seedwatch watch new`.
@Suite("Knowledge supplement (demonyms, capitals, organisations, people; weak names and exclusions)")
struct KnowledgeSupplementTests {
    static let knowledge = KnowledgeTests.knowledge

    static func texts(_ key: String, _ role: KnowledgeEntry.Role, _ language: String) -> [String] {
        knowledge.entry(key)!.forms.filter { $0.role == role && $0.language == language }.map(\.text)
    }

    @Test func statesBeyondTheShippedStoryHaveDemonymsCapitalsAndMetonymsInSixLanguages() {
        #expect(Self.texts("ES", .adjective, "en") == ["Spanish"])
        #expect(Self.texts("ES", .demonym, "en") == ["Spaniard", "Spaniards"])
        #expect(Self.texts("ES", .adjective, "es") == ["español", "española", "españoles", "españolas"])
        #expect(Self.texts("ES", .adjective, "fr") == ["espagnol", "espagnole", "espagnols", "espagnoles"])
        #expect(Self.texts("ES", .demonym, "de") == ["Spanier", "Spaniern", "Spaniers", "Spanierin", "Spanierinnen"])
        #expect(Self.texts("ES", .metonym, "es") == ["Moncloa"])
        #expect(Self.texts("MA", .capital, "ja") == ["ラバト"])
        #expect(Self.texts("DE", .adjective, "it") == ["tedesco", "tedesca", "tedeschi", "tedesche"])
        #expect(Self.texts("GB", .name, "en") == ["United Kingdom", "UK", "United Kingdom of Great Britain and Northern Ireland",
                                                  "Britain", "Great Britain", "U.K."])
        #expect(Self.texts("GB", .metonym, "en") == ["Downing Street", "Whitehall"])
        #expect(Self.texts("KP", .name, "en") == ["North Korea", "Democratic People's Republic of Korea", "DPRK", "N. Korea", "N Korea"])
        // Case decides the meaning: "polish" and "pole" are common words.
        let pole = Self.knowledge.entry("PL")!.forms.first { $0.text == "Poles" }
        #expect(pole == KnowledgeEntry.Form(text: "Poles", language: "en", caseSensitive: true, role: .demonym))
        let stateCount = Self.knowledge.entries.values.filter { $0.kind == .state && $0.source != nil }.count
        #expect(stateCount == 26)
    }

    @Test func italianAdjectivesInCoAndGoKeepTheirHardSound() {
        #expect(Inflection.adjectiveForms("tedesco", language: "it") == ["tedesco", "tedesca", "tedeschi", "tedesche"])
        #expect(Inflection.adjectiveForms("polacco", language: "it") == ["polacco", "polacca", "polacchi", "polacche"])
        #expect(Inflection.adjectiveForms("britannico", language: "it") == ["britannico", "britannica", "britannici", "britanniche"])
        #expect(Inflection.adjectiveForms("austriaco", language: "it") == ["austriaco", "austriaca", "austriaci", "austriache"])
        #expect(Inflection.adjectiveForms("russo", language: "it") == ["russo", "russa", "russi", "russe"])
    }

    @Test func organisationsHaveTheirAcronymsInSixLanguages() {
        #expect(Self.knowledge.entry("iaea")!.forms.filter { $0.language != "en" && $0.caseSensitive }.map(\.text) ==
                ["OIEA", "AIEA", "AIEA", "IAEA", "IAEO", "AIEA"])  // МАГАТЭ has 6 letters: not an acronym by rule
        #expect(Self.texts("world_trade_organization", .name, "fr") == ["OMC", "Organisation mondiale du commerce"])
        #expect(Self.texts("international_criminal_court", .name, "de") == ["IStGH", "Internationaler Strafgerichtshof", "Internationalen Strafgerichtshof"])
        #expect(Self.texts("european_union", .name, "en") == ["European Union", "EU", "Brussels", "European Commission"])
        // Two case-sensitive forms that differ only in case are two aliases ("Nato" was folded into "NATO").
        #expect(Self.knowledge.entry("nato")!.aliases.filter(\.caseSensitive).map(\.text) == ["NATO", "Nato", "OTAN", "Otan", "НАТО"])
    }

    @Test func peopleCarryWeakSurnamesExclusionsAndTheirDate() {
        let sanchez = Self.knowledge.entry("pedro_sanchez")!
        #expect(sanchez.state == "ES")
        #expect(sanchez.asOf == "2025-11")
        #expect(sanchez.aliases.first { $0.text == "Sánchez" } ==
                Alias("Sánchez", caseSensitive: true, weak: true, languages: LanguageSet(codes: ["en", "es", "pt", "fr", "de", "it"])!))
        #expect(sanchez.aliases.first { $0.text == "Pedro Sánchez" }?.weak == false)
        // No German genitive of a weak surname ("Merzs" is not a form, and "Merz" ends in z anyway).
        #expect(Self.knowledge.entry("giorgia_meloni")!.forms.filter { $0.role == .genitive }.map(\.text) == ["Giorgia Melonis"])
        #expect(Self.knowledge.entry("xi_jinping")!.exclusions == [Exclusion("Xi'an")])
        #expect(Self.knowledge.entry("donald_trump")!.exclusions == [Exclusion("trump card")])
        #expect(Self.knowledge.entry("kim_jong_un")!.exclusions.map(\.text) ==
                ["Kim Jong Il", "Kim Il Sung", "Kim Yo Jong", "Kim Ju Ae", "Kim Kardashian", "Kim Dae-jung", "Kim Young-sam"])
        #expect(Self.texts("benjamin_netanyahu", .name, "fr") == ["Benyamin Netanyahou", "Benjamin Netanyahou", "Netanyahou", "Nétanyahou"])
    }

    @Test func theSupplementRefusesUnknownKeysAndFormOptions() throws {
        let states = Data(#"{"states": {"KP": {"names": {"en": ["North Korea"]}}}}"#.utf8)
        let badKey = "people:\n  x_y:\n    source: s\n    names: {en: [X]}\n    nickname: Z\n"
        #expect(throws: YAMLFileError.self) {
            try KnowledgeBase.load(statesJSON: states, statesFile: "s.json", supplementYAML: badKey, supplementFile: "sup.yaml")
        }
        let badOption = "people:\n  x_y:\n    source: s\n    names: {en: [{text: X, strong: true}]}\n"
        #expect(throws: YAMLFileError.self) {
            try KnowledgeBase.load(statesJSON: states, statesFile: "s.json", supplementYAML: badOption, supplementFile: "sup.yaml")
        }
        let good = "people:\n  x_y:\n    source: s\n    names: {en: [Xavier Young, {text: Young, case_sensitive: true, weak: true}]}\n    exclusions: [Y Z, {text: YY, case_sensitive: true}]\n"
        let kb = try KnowledgeBase.load(statesJSON: states, statesFile: "s.json", supplementYAML: good, supplementFile: "sup.yaml")
        #expect(kb.entry("x_y")!.aliases == [Alias("Xavier Young", languages: LanguageSet(codes: ["en"])!),
                                            Alias("Young", caseSensitive: true, weak: true, languages: LanguageSet(codes: ["en"])!)])
        #expect(kb.entry("x_y")!.exclusions == [Exclusion("Y Z"), Exclusion("YY", caseSensitive: true)])
    }

    /// `watch new` reads the same data: one knowledge for both. An exclusion that is another entry's
    /// name does not silence it (Kim Jong Un's "Kim Yo Jong" beside her own entry).
    @Test func theWatchBuilderReadsTheSameEntries() throws {
        let entries = try BundledKnowledge.entries()
        let kim = try #require(entries.first { $0.id == "kim_jong_un" })
        #expect(kim.knowledgeKey == "kim_jong_un")
        #expect(kim.inheritedAliases == kim.aliases.count)
        #expect(kim.exclusions.count == 7)
        #expect(entries.first { $0.id == "pedro_sanchez" }?.affiliation == "spain")
        #expect(entries.first { $0.id == "iaea" }?.kind == .organization)
        let index = KnowledgeIndex(entries: entries)
        #expect(index.entry(named: "Kim Yo Jong")?.id == "kim_yo_jong")
        #expect(index.entry(named: "Nato")?.id == "nato")
        #expect(index.states(in: "Kim Yo Jong said") == ["north_korea"])
        #expect(index.states(in: "the Spaniards") == ["spain"])
        #expect(index.states(in: "Downing Street") == ["united_kingdom"])
        #expect(index.states(in: "the DPRK") == ["north_korea"])
    }
}
