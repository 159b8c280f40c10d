import Foundation
import SeedwatchTesting
import Testing
@testable import SeedwatchCore

/// The matcher and the scorer read an article's title, line feed and body in place
/// (``ExtractedTextBytes``), never joined (issue 15: peak memory of a large article): every window,
/// sentence and score is that of the joined ``Article/extractedText``.
@Suite("Reading an article's extracted text in place")
struct ExtractedTextBytesTests {
    @Test("windows across the title, the joining line feed and the body")
    func windows() {
        let bytes = ExtractedTextBytes(title: "Kim Jong Un", body: "Putin said.\nXi")
        #expect(bytes.count == 26)
        #expect(String(decoding: bytes[8..<17], as: UTF8.self) == " Un\nPutin")
        #expect(String(decoding: bytes[0..<11], as: UTF8.self) == "Kim Jong Un")
        #expect(bytes[11..<12] == [0x0A])
        #expect(String(decoding: bytes[12..<26], as: UTF8.self) == "Putin said.\nXi")
        #expect(bytes[5..<5] == [])
        #expect(bytes.string == "Kim Jong Un\nPutin said.\nXi")
        #expect(bytes.firstLineFeed == 11)
        let joined = Array("Kim Jong Un\nPutin said.\nXi".utf8)
        for lower in 0...joined.count {
            for upper in lower...joined.count { #expect(bytes[lower..<upper] == Array(joined[lower..<upper])) }
        }
        #expect(joined.indices.allSatisfy { bytes.byte(at: $0) == joined[$0] })
        let bridged = ExtractedTextBytes(title: "Ünïcode", body: String("Kyiv–Russia war" as NSString))
        let bridgedJoined = Array("Ünïcode\nKyiv–Russia war".utf8)
        #expect(bridgedJoined.indices.allSatisfy { bridged.byte(at: $0) == bridgedJoined[$0] })
        let untitled = ExtractedTextBytes(title: "", body: "Xi met Putin.\nLater")
        #expect(untitled.count == 19)
        #expect(untitled.firstLineFeed == 13)
        #expect(String(decoding: untitled[3..<12], as: UTF8.self) == "met Putin")
        #expect(ExtractedTextBytes(text: "one line").firstLineFeed == 8)
    }

    @Test("sentences of the title and body split apart equal those of the joined text")
    func sentences() {
        let handPicked: [(String, String)] = [
            ("Putin met Kim.", "Xi said so. He left."), ("Mr.", "Smith arrived."), ("Title ends “quoted.”", "Body"),
            ("", "No title. Two sentences."), ("Two\nlines", "body. Ends"), ("。", "！？"), ("U.S.", "A. B."),
        ]
        for (title, body) in handPicked {
            #expect(SentenceSplitter.split(ExtractedTextBytes(title: title, body: body)) == SentenceSplitter.split(title.isEmpty ? body : title + "\n" + body),
                    "\(title.debugDescription) + \(body.debugDescription)")
        }
        #expect(SentenceSplitter.split(ExtractedTextBytes(title: "Putin met Kim.", body: "Xi said so. He left.")) == [0..<14, 15..<26, 27..<35])
        var rng = SplitMix64(state: 1516)
        var mismatches = 0
        for _ in 0..<2000 {
            let title = TextPathEquivalenceTests.randomText(&rng, pieces: 1 + Int(rng.next() % 12))
            let body = TextPathEquivalenceTests.randomText(&rng, pieces: Int(rng.next() % 24))
            let bytes = ExtractedTextBytes(title: title, body: body)
            let joined = Array((title + "\n" + body).utf8)
            let lower = Int(rng.next() % UInt64(joined.count + 1))
            let upper = lower + Int(rng.next() % UInt64(joined.count - lower + 1))
            if SentenceSplitter.split(bytes) != SentenceSplitter.split(title + "\n" + body) || bytes[lower..<upper] != Array(joined[lower..<upper]) {
                mismatches += 1
            }
        }
        #expect(mismatches == 0)
    }

    @Test("an article's decision equals the decision on its joined text")
    func decisions() throws {
        let matcher = try ShippedModel.matcher
        let scorer = try ShippedModel.scorer
        let articles = [
            Article(title: "Putin and Kim Jong Un sign a defence pact", body: "North Korea will send troops to Russia.\nChina's Xi Jinping said nothing."),
            Article(title: "Sanctions on Iran, Russia and China", body: "Russia and China vetoed the resolution; Iran, Russia or China may respond."),
        ] + [WireStories.english, WireStories.german, WireStories.spanish].map { PlainTextExtractor.extract($0) }
        for article in articles {
            let inPlace = scorer.score(matcher.match(article, language: article.language))
            let joined = scorer.score(matcher.match(text: article.extractedText, hasTitle: !article.title.isEmpty, language: article.language))
            #expect(inPlace == joined)
        }
        let first = scorer.score(matcher.match(articles[0], language: "en"))
        #expect(first.level != nil)
        #expect(first.evidence.first?.text == "Putin and Kim Jong Un sign a defence pact")
    }
}
