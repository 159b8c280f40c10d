import Foundation
import SeedwatchTesting
import Testing
@testable import SeedwatchCore

/// An article is normalised once (``Normalizer/normalize(article:)``) and that one
/// ``NormalizedText`` feeds every watch's matcher and the story signature: each gives exactly what
/// it gave when it normalised the text itself.
@Suite("One normalised text for the matcher and the story signature")
struct OneNormalisationTests {
    static let articles = [
        Article(title: "Putin and Kim Jong Un sign a defence pact", body: "North Korea will send troops to Russia.\nChina's Xi Jinping said nothing."),
        Article(title: "", body: "Kim met Xi in Beijing.\nThe UN imposed sanctions on North Korea."),
        Article(title: "Xi\u{00A0}Jinping meets Putin", body: "\u{0301}Russia and China signed an energy deal worth $400bn."),
        Article(title: "ﬁre\u{FEFF} in Pyongyang", body: "Kim Jong\u{2011}un\u{2019}s ΣΟΦΙΑ e\u{0301}te \u{200B}Straße ① 平壤阅兵 — Пхеньян\u{00AD}ский"),
        Article(title: "  ", body: "\u{FDFA} x² İstanbul"),
    ] + [WireStories.english, WireStories.german, WireStories.spanish].map { PlainTextExtractor.extract($0) }

    static let record = AlertRecord(
        id: "3f2a9c0d1e4b5a67", time: Date(timeIntervalSince1970: 1_718_766_725), watch: "w", level: .alert, score: 9,
        source: .file(path: Array("/d/a.txt".utf8)), title: "T", published: nil,
        actors: [ActorSummary(id: "russia", name: "Russia", mentions: 2)], topics: [], evidence: [])

    @Test("the article's normalised text is that of its extracted text")
    func normalisedArticleIsItsExtractedText() {
        for article in Self.articles {
            let once = Normalizer.normalize(article: article)
            let joined = Normalizer.normalize(article.extractedText)
            #expect(once.bytes == joined.bytes)
            #expect(once.folded == joined.folded)
            #expect(once.originalOffsets == joined.originalOffsets)
            #expect(once.originalLength == article.extractedText.utf8.count)
        }
        let article = Self.articles[3]
        #expect(String(decoding: Normalizer.normalize(article: article).bytes, as: UTF8.self)
            == "fire in Pyongyang\nKim Jong-un's ΣΟΦΙΑ éte Straße 1 平壤阅兵 - Пхеньянский".replacingOccurrences(of: "\n", with: " "))
    }

    @Test("the signature read from the normalised text equals the one made from the title and body")
    func signatureFromNormalisedText() {
        for article in Self.articles {
            let normalized = Normalizer.normalize(article: article)
            #expect(MinHashSignature(normalized: normalized) == MinHashSignature(text: article.title + "\n" + article.body))
            #expect(ContentWords.hashes(of: normalized) == ContentWords.hashes(of: article.title + "\n" + article.body))
            #expect(StoryFingerprint(alert: Self.record, article: article, normalized: normalized, leadWords: .commonOnly)
                == StoryFingerprint(alert: Self.record, article: article, leadWords: .commonOnly))
        }
        // Exact words: content words of the tricky article, common words ("in") dropped.
        let words = ["fire", "pyongyang", "kim", "jong", "un", "σοφια", "éte", "straße", "平壤阅兵", "пхеньянский"]
        #expect(ContentWords.hashes(of: Normalizer.normalize(article: Self.articles[3])) == Set(words.map(ContentWords.fnv1a)))
    }

    @Test("a long article's normalised text is not kept: each step normalises it, with the same result")
    func longArticleIsNotShared() throws {
        let short = Self.articles[0]
        #expect(Normalizer.sharedNormalization(of: short)?.folded == Normalizer.normalize(article: short).folded)
        let body = String(repeating: "Putin met Kim. ", count: Normalizer.sharedNormalizationLimit / 15)
        let long = Article(title: "T", body: body)
        #expect(long.title.utf8.count + long.body.utf8.count == 3_999_991)
        #expect(Normalizer.sharedNormalization(of: long)?.folded.count == 3_999_991)  // "t", a space, the body without its last space
        let longer = Article(title: "Title", body: body + "xxxx")
        #expect(longer.title.utf8.count + longer.body.utf8.count == Normalizer.sharedNormalizationLimit - 1)
        #expect(Normalizer.sharedNormalization(of: longer)?.folded.count == 4_000_000)  // the line break is a space
        let longest = Article(title: "Title", body: body + "xxxxx")
        #expect(Normalizer.sharedNormalization(of: longest)?.folded.count == nil)
        #expect(StoryFingerprint(alert: Self.record, article: short, normalized: nil, leadWords: .commonOnly) == StoryFingerprint(alert: Self.record, article: short, leadWords: .commonOnly))
        let watch = CompiledWatch(model: try ShippedModel.model)
        let a = watch.evaluate(short, normalized: nil, articleKey: "k", source: Self.record.source, time: Self.record.time)
        let b = watch.evaluate(short, normalized: Normalizer.normalize(article: short), articleKey: "k", source: Self.record.source,
                               time: Self.record.time)
        #expect(a.record == b.record)
        #expect(a.decision.score == b.decision.score && a.decision.score > 0)
    }

    @Test("the matcher gives the same result from the normalised text as from the article")
    func matcherFromNormalisedText() throws {
        let matcher = try ShippedModel.matcher
        for article in Self.articles {
            let normalized = Normalizer.normalize(article: article)
            let language = article.language
            let once = matcher.match(article, normalized: normalized, language: language)
            let own = matcher.match(article, language: language)
            #expect(once.text == own.text)
            #expect(once.sentences == own.sentences)
            #expect(once.mentions == own.mentions)
            #expect(once.termHits == own.termHits)
            #expect(once.unconfirmedWeakMentions == own.unconfirmedWeakMentions)
        }
        let first = matcher.match(Self.articles[0], normalized: Normalizer.normalize(article: Self.articles[0]), language: "en")
        #expect(try first.actorIDs(in: ShippedModel.model).isSuperset(of: ["russia", "north_korea", "china"]))
        // "Putin" at UTF-8 bytes 0..<5 of the extracted text.
        #expect(first.mentions.first?.range == 0..<5)
    }
}
