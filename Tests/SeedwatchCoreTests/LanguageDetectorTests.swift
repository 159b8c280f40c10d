import SeedwatchCore
import Testing

@Suite("Language detector")
struct LanguageDetectorTests {
    @Test(arguments: [
        (WireStories.english, "en"),
        (WireStories.spanish, "es"),
        (WireStories.portuguese, "pt"),
        (WireStories.french, "fr"),
        (WireStories.german, "de"),
        (WireStories.italian, "it"),
        ("Путин прибыл в Пхеньян с государственным визитом.", "ru"),
        ("김정은 위원장이 평양에서 푸틴 대통령을 맞이했다.", "ko"),
        ("习近平在北京会见了俄罗斯总统普京。", "zh"),
        ("金正恩総書記は平壌でプーチン大統領と会談した。", "ja"),
    ] as [(String, String)])
    func tellsTheLanguageOfAWireStory(text: String, expected: String) {
        #expect(LanguageDetector.detect(text) == expected)
    }

    @Test(arguments: [
        "",
        "Putin",                                        // too few letters
        "Kim Jong Un, Xi Jinping, Vladimir Putin",      // names only: no stop word
        "Зеленський заявив, що Україна готова до переговорів.",  // Ukrainian letters і є: not Russian
    ])
    func saysNothingWhenItCannotTell(text: String) {
        #expect(LanguageDetector.detect(text) == nil)
    }

    @Test func anArticleCarriesItsLanguage() {
        let lines = WireStories.german.split(separator: "\n", maxSplits: 1).map(String.init)
        let article = Article(title: lines[0], body: lines[1])
        #expect(article.language == "de")
        #expect(Article(title: "Putin", body: "").language == nil)
    }

    @Test func readsOnlyTheStartOfALongText() {
        // The Spanish lead decides; the English tail beyond maxBytes is never read.
        let spanish = String(repeating: "El gobierno y los ministros de la región dijeron que ya no hay acuerdo. ", count: 60)
        let english = String(repeating: "The government and the ministers said that there was no agreement with them. ", count: 200)
        #expect(spanish.utf8.count > LanguageDetector.maxBytes)
        #expect(LanguageDetector.detect(spanish + english) == "es")
        #expect(LanguageDetector.detect(title: "", body: spanish + english) == "es")
    }
}
