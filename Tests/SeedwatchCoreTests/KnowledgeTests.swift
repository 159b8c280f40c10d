import Foundation
import SeedwatchCore
import Testing

@Suite("Knowledge data (CLDR / iso-codes names and the reviewed supplement)")
struct KnowledgeTests {
    static let knowledge: KnowledgeBase = {
        do { return try KnowledgeBase.shipped() } catch { fatalError("the shipped knowledge does not load: \(error)") }
    }()

    /// The first generated name of `key` in each language, in the order of ``LanguageSet/codes``.
    static func firstNames(_ key: String) -> [String] {
        let names = knowledge.entry(key)?.forms.filter { $0.role == .name } ?? []
        return LanguageSet.codes.map { code in names.first { $0.language == code }?.text ?? "-" }
    }

    @Test func holdsTheCLDRNamesOfNorthKoreaRussiaAndChinaInTenLanguages() {
        #expect(LanguageSet.codes == ["en", "es", "pt", "fr", "de", "it", "ru", "ko", "zh", "ja"])
        #expect(Self.firstNames("KP") == ["North Korea", "Corea del Norte", "Coreia do Norte", "Corée du Nord", "Nordkorea",
                                          "Corea del Nord", "КНДР", "북한", "朝鲜", "北朝鮮"])
        #expect(Self.firstNames("RU") == ["Russia", "Rusia", "Rússia", "Russie", "Russland", "Russia", "Россия", "러시아", "俄罗斯", "ロシア"])
        #expect(Self.firstNames("CN") == ["China", "China", "China", "Chine", "China", "Cina", "Китай", "중국", "中国", "中国"])
    }

    @Test func holdsFormalAndVariantNamesToo() {
        let kp = Set(Self.knowledge.entry("KP")!.forms.map(\.text))
        #expect(kp.isSuperset(of: ["Democratic People's Republic of Korea", "República Popular Democrática de Corea",
                                   "Demokratische Volksrepublik Korea", "Северная Корея", "朝鮮民主主義人民共和国"]))
        // The generated names, then the supplement's short forms.
        #expect(Self.knowledge.entry("GB")!.forms.filter { $0.language == "en" && $0.role == .name }.map(\.text) ==
                ["United Kingdom", "UK", "United Kingdom of Great Britain and Northern Ireland", "Britain", "Great Britain", "U.K."])
    }

    @Test func coversEveryISOState() {
        let states = Self.knowledge.entries.values.filter { $0.kind == .state }
        #expect(states.count == 249)
        #expect(states.allSatisfy { entry in LanguageSet.codes.allSatisfy { code in entry.forms.contains { $0.language == code } } })
    }

    @Test func everySupplementEntryNamesItsSource() {
        for key in ["KP", "RU", "CN", "KR", "JP", "US", "UA", "united_nations", "nato", "european_union", "kcna",
                    "vladimir_putin", "kim_jong_un", "xi_jinping", "sergei_lavrov"] {
            #expect(Self.knowledge.entry(key)?.source?.isEmpty == false, "\(key)")
        }
        #expect(Self.knowledge.entry("AD")?.source == nil)  // generated names only
        #expect(Self.knowledge.entry("vladimir_putin")?.state == "RU")
        #expect(Self.knowledge.entry("vladimir_putin")?.asOf == "2026-12-01")
    }

    @Test func germanGenitiveIsARuleNotAList() {
        #expect(Inflection.germanGenitive("Nordkorea", kind: .state) == "Nordkoreas")
        #expect(Inflection.germanGenitive("Russland", kind: .state) == "Russlands")
        #expect(Inflection.germanGenitive("China", kind: .state) == "Chinas")
        #expect(Inflection.germanGenitive("Ukraine", kind: .state) == nil)             // die Ukraine: article, no -s
        #expect(Inflection.germanGenitive("Türkei", kind: .state) == nil)
        #expect(Inflection.germanGenitive("Schweiz", kind: .state) == nil)             // ends in z
        #expect(Inflection.germanGenitive("Vereinigte Staaten", kind: .state) == nil)
        #expect(Inflection.germanGenitive("USA", kind: .state) == nil)
        #expect(Inflection.germanGenitive("Kreml", kind: .place) == "Kremls")
        #expect(Inflection.germanGenitive("Weißes Haus", kind: .place) == nil)
        #expect(Inflection.germanGenitive("Putin", kind: .person) == "Putins")
        #expect(Inflection.germanGenitive("Kim Jong-un", kind: .person) == "Kim Jong-uns")
        #expect(Inflection.germanGenitive("Lavrov", kind: .person) == "Lavrovs")
        #expect(Inflection.germanGenitive("Selenskyj", kind: .person) == "Selenskyjs")
        #expect(Inflection.germanGenitive("Tomas", kind: .person) == nil)
        let kp = Self.knowledge.entry("KP")!.forms
        #expect(kp.contains(KnowledgeEntry.Form(text: "Nordkoreas", language: "de", caseSensitive: false, role: .genitive)))
        #expect(Self.knowledge.entry("RU")!.forms.filter { $0.role == .genitive }.map(\.text) == ["Russlands", "Moskaus", "Kremls"])
    }

    @Test func adjectivesAreInflectedByTheirLanguagesRules() {
        #expect(Inflection.adjectiveForms("nordkoreanisch", language: "de") ==
                ["nordkoreanisch", "nordkoreanische", "nordkoreanischen", "nordkoreanischer", "nordkoreanisches", "nordkoreanischem"])
        #expect(Inflection.adjectiveForms("nord-coréen", language: "fr") == ["nord-coréen", "nord-coréenne", "nord-coréens", "nord-coréennes"])
        #expect(Inflection.adjectiveForms("chinois", language: "fr") == ["chinois", "chinoise", "chinoises"])
        #expect(Inflection.adjectiveForms("russe", language: "fr") == ["russe", "russes"])
        #expect(Inflection.adjectiveForms("américain", language: "fr") == ["américain", "américaine", "américains", "américaines"])
        #expect(Inflection.adjectiveForms("norcoreano", language: "es") == ["norcoreano", "norcoreana", "norcoreanos", "norcoreanas"])
        #expect(Inflection.adjectiveForms("japonés", language: "es") == ["japonés", "japonesa", "japoneses", "japonesas"])
        #expect(Inflection.adjectiveForms("norte-coreano", language: "pt") == ["norte-coreano", "norte-coreana", "norte-coreanos", "norte-coreanas"])
        #expect(Inflection.adjectiveForms("chinês", language: "pt") == ["chinês", "chinesa", "chineses", "chinesas"])
        #expect(Inflection.adjectiveForms("nordcoreano", language: "it") == ["nordcoreano", "nordcoreana", "nordcoreani", "nordcoreane"])
        #expect(Inflection.adjectiveForms("cinese", language: "it") == ["cinese", "cinesi"])
        #expect(Inflection.adjectiveForms("North Korean", language: "en") == ["North Korean", "North Koreans"])
        #expect(Inflection.adjectiveForms("Chinese", language: "en") == ["Chinese"])
        #expect(Inflection.demonymForms("Nordkoreaner", language: "de") == ["Nordkoreaner", "Nordkoreanern", "Nordkoreaners", "Nordkoreanerin", "Nordkoreanerinnen"])
        #expect(Inflection.demonymForms("Russe", language: "de") == ["Russe", "Russen", "Russin", "Russinnen"])
    }

    @Test func acronymsMatchWithTheirCase() {
        #expect(KnowledgeBase.isAcronym("ONU"))
        #expect(KnowledgeBase.isAcronym("EE. UU."))
        #expect(KnowledgeBase.isAcronym("КНДР"))
        #expect(!KnowledgeBase.isAcronym("Nato"))
        #expect(!KnowledgeBase.isAcronym("NATIONS"))
        let un = Self.knowledge.entry("united_nations")!.aliases
        #expect(un.first { $0.text == "NU" } == Alias("NU", caseSensitive: true, languages: LanguageSet(codes: ["pt"])!))
        #expect(un.first { $0.text == "ONU" } == Alias("ONU", caseSensitive: true, languages: LanguageSet(codes: ["es", "pt", "fr", "it"])!))
    }

    @Test func theShippedModelDrawsOnIt() throws {
        let model = try ShippedModel.model
        let northKorea = model.actor("north_korea")!
        #expect(northKorea.knowledge == "KP")
        func alias(_ actor: Actor, _ text: String) -> Alias? { actor.aliases.first { $0.text == text } }
        #expect(alias(northKorea, "Coreia do Norte")?.languages == LanguageSet(codes: ["pt"]))
        #expect(alias(northKorea, "nordkoreanischen")?.languages == LanguageSet(codes: ["de"]))
        #expect(alias(northKorea, "Nordkoreas")?.languages == LanguageSet(codes: ["de"]))
        #expect(alias(northKorea, "North Korea")?.languages == LanguageSet())  // the model's own, untagged
        // The model's own case-sensitive "China" (lower-case china is porcelain) is kept; no
        // case-insensitive "China" from the knowledge data is added beside it.
        let china = model.actor("china")!
        #expect(china.aliases.filter { Normalizer.normalizeAlias($0.text).folded == Array("china".utf8) } == [
            Alias("China", caseSensitive: true), Alias("CHINA", caseSensitive: true)])
        #expect(alias(model.actor("vladimir_putin")!, "Poutine") == Alias("Poutine", caseSensitive: true, languages: LanguageSet(codes: ["fr"])!))
        #expect(alias(model.actor("russia")!, "Kreml")?.languages == LanguageSet(codes: ["de"]))
    }

    @Test func aModelNamingAnUnknownEntryOrLanguageIsRefused() {
        let unknownKey = "actors:\n  - id: x\n    kind: state\n    knowledge: XX\n"
        #expect(throws: YAMLFileError.self) { try ModelLoader.load(bytes: Array(unknownKey.utf8), file: "m.yaml", watch: "w") }
        do {
            _ = try ModelLoader.load(bytes: Array(unknownKey.utf8), file: "m.yaml", watch: "w")
        } catch let error as YAMLFileError {
            #expect(error.line == 4)
            #expect(error.key == "actors[0].knowledge")
        } catch {
            Issue.record("unexpected error \(error)")
        }
        let unknownLanguage = "actors:\n  - id: x\n    kind: state\n    aliases: [{text: X, language: xx}]\n"
        #expect(throws: YAMLFileError.self) { try ModelLoader.load(bytes: Array(unknownLanguage.utf8), file: "m.yaml", watch: "w") }
    }

    @Test func aModelOfKnowledgeKeysAloneWorks() throws {
        let yaml = "actors:\n  - id: russia\n    kind: state\n    knowledge: RU\n  - id: north_korea\n    kind: state\n    knowledge: KP\n"
        let model = try ModelLoader.load(bytes: Array(yaml.utf8), file: "m.yaml", watch: "w")
        #expect(model.version == ModelLoader.version(of: Array(yaml.utf8)))
        let matcher = Matcher(model: model)
        #expect(matcher.match(text: "Moskau und Pjöngjang", hasTitle: false, language: "de").actorIDs(in: model) == ["russia", "north_korea"])
        #expect(matcher.match(text: "Moscú y Pionyang", hasTitle: false, language: "es").actorIDs(in: model) == ["russia", "north_korea"])
    }
}
