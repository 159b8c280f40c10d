import Foundation
import SeedwatchCore
import Testing

@Suite("Matching in six languages (shipped model with knowledge data)")
struct MultilingualMatchingTests {
    static let watch = ShippedModel.loaded.map { CompiledWatch(model: $0) }

    static func article(_ story: String) -> Article {
        let lines = story.split(separator: "\n", maxSplits: 1).map(String.init)
        return Article(title: lines[0], body: lines[1])
    }

    static func evaluate(_ story: String) throws -> ArticleEvaluation {
        try watch.get().evaluate(article(story), articleKey: "file:test", source: .file(path: Array("/t".utf8)), time: Date(timeIntervalSince1970: 0))
    }

    @Test(arguments: [
        (WireStories.portuguese, "pt", Set(["north_korea", "russia", "ukraine", "south_korea"])),
        (WireStories.german, "de", ["russia", "north_korea", "ukraine", "south_korea", "vladimir_putin", "kim_jong_un"]),
        (WireStories.french, "fr", ["vladimir_putin", "north_korea", "russia", "china", "south_korea"]),
        (WireStories.spanish, "es", ["north_korea", "japan", "south_korea", "united_states", "united_nations"]),
        (WireStories.italian, "it", ["north_korea", "south_korea", "russia", "china"]),
        (WireStories.english, "en", ["north_korea", "russia", "ukraine", "south_korea"]),
    ] as [(String, String, Set<String>)])
    func aWireStoryReachesItsActorsAndLanguage(story: String, language: String, actors: Set<String>) throws {
        let evaluation = try Self.evaluate(story)
        #expect(evaluation.record.language == language)
        #expect(Set(evaluation.record.actors.map(\.id)) == actors)
    }

    @Test func theInflectedFormsAreWhatMatched() throws {
        let text = Self.article(WireStories.german).extractedText
        let result = try ShippedModel.matcher.match(text: text, hasTitle: true, language: "de")
        let bytes = Array(text.utf8)
        let matched = result.mentions.map { String(decoding: bytes[$0.range], as: UTF8.self) }
        #expect(matched == ["Kreml", "Nordkoreas", "Kreml", "Nordkoreas", "Ukraine", "Südkorea", "nordkoreanischen", "Russlands",
                            "Wladimir Putin", "Kim Jong-un", "Pjöngjang"])
    }

    @Test func portugueseAndFrenchDemonymsCountForNorthKorea() throws {
        let pt = try Self.evaluate(WireStories.portuguese).record.actors.first { $0.id == "north_korea" }
        #expect(pt?.mentions == 4)  // Coreia do Norte ×2, norte-coreanos, Pyongyang
        let fr = try Self.evaluate(WireStories.french).record.actors.first { $0.id == "north_korea" }
        #expect(fr?.mentions == 4)  // nord-coréens ×2, Corée du Nord, Pyongyang
    }

    // The language decides: a form of another language does not count in an English article.
    @Test func aFormOfAnotherLanguageCountsOnlyInItsLanguageOrWhenUndetected() throws {
        let text = "Mayor visits Russe\nThe mayor of Russe, a city on the Danube in Bulgaria, said that the bridge would be repaired by the spring."
        #expect(LanguageDetector.detect(text) == "en")
        #expect(try ShippedModel.matcher.match(text: text, hasTitle: true, language: "en").actorIDs(in: ShippedModel.model) == [])
        #expect(try ShippedModel.matcher.match(text: text, hasTitle: true, language: nil).actorIDs(in: ShippedModel.model) == ["russia"])
        #expect(try ShippedModel.matcher.match(text: text, hasTitle: true, language: "fr").actorIDs(in: ShippedModel.model) == ["russia"])
    }

    @Test(arguments: [
        ("Elle a commandé une poutine au restaurant de Montréal avec ses amis.", "fr", Set<String>()),
        ("Il est seul. Seul le président Poutine peut décider, a dit le porte-parole.", "fr", ["vladimir_putin"]),
        ("Una mosca è entrata nella sala della conferenza mentre il ministro parlava degli accordi con i giornalisti.", "it", []),
        ("He wore chinos and a blazer to the gallery, which was full of visitors.", "en", []),
        ("A set of fine china was auctioned.", nil, []),  // too short to tell: every language's forms apply
        ("Fine china and bone china were sold at the auction, which drew collectors from the region.", "en", []),
    ] as [(String, String?, Set<String>)])
    func falseFriendsStayApart(text: String, language: String?, actors: Set<String>) throws {
        #expect(LanguageDetector.detect(text) == language)
        #expect(try ShippedModel.matcher.match(text: text, hasTitle: false, language: language).actorIDs(in: ShippedModel.model) == actors)
    }

    @Test func topicTermsOfTheArticlesLanguageCount() throws {
        let spanish = try Self.evaluate(WireStories.spanish).record.topics.map { "\($0.id): \($0.terms.joined(separator: ", "))" }
        #expect(spanish.sorted() == ["nk_weapons_program: misil balístico", "regional_security: militares"])
        let german = try Self.evaluate(WireStories.german).record.topics.map { "\($0.id): \($0.terms.joined(separator: ", "))" }
        #expect(german.sorted() == ["russia_nk_alliance: traf", "ukraine_war: Krieg gegen die Ukraine, Soldaten"])
    }
}
