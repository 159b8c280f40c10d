import Foundation
import SeedwatchTesting
import Testing
@testable import SeedwatchCore

/// The matcher reads an article's title, a newline and its body without joining them first
/// (``Normalizer/normalize(concatenationOf:)``, ``Matcher/match(_:language:)``): the normalised
/// bytes, folded bytes, offsets and every match are those of the joined ``Article/extractedText``.
@Suite("Normalising and matching the title and body in place")
struct MatcherPiecesTests {
    static func expectSameNormalisation(_ title: String, _ body: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let joined = Normalizer.normalize(title + "\n" + body)
        let pieces = Normalizer.normalize(concatenationOf: [title, "\n", body])
        #expect(pieces.bytes == joined.bytes, "bytes of \((title + "\n" + body).debugDescription)", sourceLocation: sourceLocation)
        #expect(pieces.folded == joined.folded, "folded of \((title + "\n" + body).debugDescription)", sourceLocation: sourceLocation)
        #expect(pieces.originalOffsets == joined.originalOffsets, "offsets of \((title + "\n" + body).debugDescription)",
                sourceLocation: sourceLocation)
        #expect(pieces.originalLength == joined.originalLength, sourceLocation: sourceLocation)
    }

    @Test("a title and body that meet at marks, spaces, CR, NFKC expansions and invisible characters")
    func handPicked() {
        let cases: [(String, String)] = [
            ("", ""), ("Kim", ""), ("", "Putin"), ("Title\r", "\u{0301}body"), ("e\u{0301}", "\u{0301}x"), ("  ", "  "),
            ("Putin \u{00A0}", "\u{00A0} met Kim"), ("\u{FDFA}", "\u{FDFA}"), ("ﬁ\u{FEFF}", "\u{200B}ﬁ"), ("Kim Jong-", "un"),
            ("🇰", "🇵"), ("가", "\u{11A8}"), ("a\u{200D}", "‼"),
        ]
        for (title, body) in cases { Self.expectSameNormalisation(title, body) }
        #expect(Normalizer.normalize(concatenationOf: ["Kim ", "\n", " Jong\u{2019}s"]).bytes == Array("Kim Jong's".utf8))
        #expect(Normalizer.normalize(concatenationOf: []).bytes == [])
    }

    @Test("2,000 seeded random titles and bodies over the special scalars")
    func randomPieces() {
        var rng = SplitMix64(state: 1515)
        var mismatches = 0
        for _ in 0..<2000 {
            let title = TextPathEquivalenceTests.randomText(&rng, pieces: Int(rng.next() % 12))
            let body = TextPathEquivalenceTests.randomText(&rng, pieces: Int(rng.next() % 24))
            let joined = Normalizer.normalize(title + "\n" + body)
            let pieces = Normalizer.normalize(concatenationOf: [title, "\n", body])
            if pieces.bytes != joined.bytes || pieces.folded != joined.folded || pieces.originalOffsets != joined.originalOffsets {
                mismatches += 1
                if mismatches <= 5 { Self.expectSameNormalisation(title, body) }
            }
        }
        #expect(mismatches == 0)
    }

    @Test("an article's matches equal those of its joined text")
    func articleMatches() throws {
        let matcher = try ShippedModel.matcher
        let articles = [
            Article(title: "Putin and Kim Jong Un sign a defence pact", body: "North Korea will send troops to Russia.\nChina's Xi Jinping said nothing."),
            Article(title: "", body: "Kim met Xi in Beijing.\nThe UN imposed sanctions on North Korea."),
            Article(title: "Xi\u{00A0}Jinping meets Putin", body: "\u{0301}Russia and China signed an energy deal worth $400bn."),
        ] + [WireStories.english, WireStories.german, WireStories.spanish].map { PlainTextExtractor.extract($0) }
        for article in articles {
            let inPlace = matcher.match(article, language: article.language)
            let joined = matcher.match(text: article.extractedText, hasTitle: !article.title.isEmpty, language: article.language)
            #expect(inPlace.text == joined.text)
            #expect(inPlace.sentences == joined.sentences)
            #expect(inPlace.mentions == joined.mentions)
            #expect(inPlace.termHits == joined.termHits)
            #expect(inPlace.unconfirmedWeakMentions == joined.unconfirmedWeakMentions)
        }
        // Not vacuous: the first article names three states and a topic term.
        let first = matcher.match(articles[0], language: "en")
        let actors = try first.actorIDs(in: ShippedModel.model)
        #expect(actors.isSuperset(of: ["russia", "north_korea", "china"]))
        #expect(!first.termHits.isEmpty)
    }
}
