import Foundation
import Testing
@testable import SeedwatchCore

@Suite("Text, Markdown and JSON extraction")
struct ExtractionTextTests {
    private func extract(_ bytes: [UInt8], name: String) throws(ExtractionError) -> [Article] {
        try ArticleExtractor.extract(Document(bytes: bytes, origin: .file(path: Array(name.utf8)), nameHint: name))
    }

    @Test func plainTextTitleAndBody() throws {
        let articles = try extract(Array("\n  China is the true power  \n\nFirst paragraph.\r\n\r\nSecond\tparagraph.\n".utf8), name: "seed.TXT")
        #expect(articles == [Article(title: "China is the true power", body: "First paragraph.\nSecond paragraph.")])
    }

    /// A UTF-8 byte order mark never reaches title or body.
    @Test func utf8BOMNote() throws {
        let articles = try extract([0xEF, 0xBB, 0xBF] + Array("Kim Jong Un watched an ICBM launch.".utf8), name: "note.txt")
        #expect(articles.count == 1)
        #expect(articles[0].title == "Kim Jong Un watched an ICBM launch.")
        #expect(articles[0].extractedText.hasPrefix("Kim Jong Un watched an ICBM launch."))
        #expect(!articles[0].extractedText.unicodeScalars.contains("\u{FEFF}"))
    }

    /// UTF-16LE with a byte order mark (full of NUL bytes, yet text).
    @Test func utf16LEWithBOM() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "Путин in Pyongyang\nSecond line ’".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let articles = try extract(bytes, name: "note.txt")
        #expect(articles == [Article(title: "Путин in Pyongyang", body: "Second line ’")])
    }

    /// A legacy charset in a file: byte 0x92 in a .txt is Windows-1252's U+2019.
    @Test func windows1252ApostropheInText() throws {
        let bytes = Array("Putin".utf8) + [0x92] + Array("s envoy lands in Pyongyang\nKim".utf8) + [0x92] + Array("s reply".utf8)
        let articles = try extract(bytes, name: "desk.txt")
        #expect(articles == [Article(title: "Putin\u{2019}s envoy lands in Pyongyang", body: "Kim\u{2019}s reply")])
    }

    @Test func markdownFrontMatter() throws {
        let md = """
        ---
        title: "Putin's visit to Pyongyang"
        published_at: 2024-06-19T02:45:00+03:00
        url: https://example.com/putin-pyongyang
        ---
        # Putin's visit to Pyongyang

        **Vladimir Putin** met _Kim Jong Un_ in [Pyongyang](https://en.wikipedia.org/wiki/Pyongyang).

        - The two signed a *mutual defence* pact.
        ## Reactions ##
        > Seoul protested, said `officials`.
        """
        let articles = try extract(Array(md.utf8), name: "visit.md")
        #expect(articles == [Article(
            title: "Putin's visit to Pyongyang",
            body: """
            Vladimir Putin met Kim Jong Un in Pyongyang.
            The two signed a mutual defence pact.
            Reactions
            Seoul protested, said officials.
            """,
            published: Date(timeIntervalSince1970: 1_718_754_300),
            url: "https://example.com/putin-pyongyang")])
    }

    @Test func markdownHeadingTitleAndDateKey() throws {
        let md = "---\ndate: 2017-09-15\n---\nIntro line\n\n# Kim_Jong_Un **meets** Xi\n\nText with snake_case kept.\n"
        let articles = try extract(Array(md.utf8), name: "note.markdown")
        #expect(articles == [Article(title: "Kim_Jong_Un meets Xi", body: "Intro line\nText with snake_case kept.",
                                     published: Date(timeIntervalSince1970: 1_505_433_600))])
    }

    @Test func markdownFirstLineTitle() throws {
        let articles = try extract(Array("*Breaking*: launch\nMore [here][1].\n\n[1]: https://x.example\n".utf8), name: "n.md")
        #expect(articles == [Article(title: "Breaking: launch", body: "More here.")])
    }

    @Test func newsPleaseJSON() throws {
        let json = #"{"title": "T", "maintext": "T\nLine one.\n\nLine two.", "date_publish": "2017-09-15 00:00:00", "url": "None", "link": "http://x.example/a"}"#
        let articles = try extract(Array(json.utf8), name: "a.json")
        #expect(articles == [Article(title: "T", body: "Line one.\nLine two.", published: Date(timeIntervalSince1970: 1_505_433_600), url: "http://x.example/a")])
    }

    @Test func jsonArrayOfKCNAStyleItems() throws {
        let json = #"[{"headline": "A", "story_text": "Pyongyang, December 24 (KCNA) -- Text.", "date": "1703376000000"}, {"headline": "B", "story_text": "More."}]"#
        let articles = try extract(Array(json.utf8), name: "headlines.json")
        #expect(articles == [
            Article(title: "A", body: "Pyongyang, December 24 (KCNA) -- Text.", published: Date(timeIntervalSince1970: 1_703_376_000)),
            Article(title: "B", body: "More."),
        ])
    }

    @Test(.enabled(if: ExtractionCorpus.isAvailable, "../shared is absent: corpus tests skipped"))
    func realNewsPleaseJSON() throws {
        let path = "corpus/articles/giveme5w1h/Giveme5W1H/examples/datasets/news_cluster/data/d0b630b229ee0940fadc3f1067c2bf9e557097dfa5b1e5ce1c977952.json"
        let articles = try extract(try ExtractionCorpus.bytes(path), name: "d0b630b229ee0940fadc3f1067c2bf9e557097dfa5b1e5ce1c977952.json")
        #expect(articles.count == 1)
        let article = try #require(articles.first)
        #expect(article.title == "North Korea received oil from Russia in violation of UN sanctions: report")
        // 2017-12-30T08:31:00 (no zone, read as UTC)
        #expect(article.published == Date(timeIntervalSince1970: 1_514_622_660))
        #expect(article.url == "http://www.foxnews.com/world/2017/12/30/north-korea-received-oil-from-russia-in-violation-un-sanctions-report.html")
        #expect(article.body.hasPrefix("In an apparent violation of a U.N. Security Council resolution, Russian ships have allegedly transferred oil products to North Korean vessels out at sea on several occasions, according to a published report.\nThe Security Council resolution bars"))
    }

    @Test func errors() throws {
        #expect(throws: ExtractionError.empty) { try extract([], name: "a.txt") }
        #expect(throws: ExtractionError.unsupportedType(extension: "pdf")) { try extract(Array("x".utf8), name: "a.PDF") }
        #expect(throws: ExtractionError.unsupportedType(extension: "")) { try extract(Array("x".utf8), name: "README") }
        #expect(throws: ExtractionError.unsupportedType(extension: "rss")) { try extract(Array("<rss/>".utf8), name: "feed.rss") }
        #expect(throws: ExtractionError.unsupportedType(extension: "xml")) { try extract(Array("<rss/>".utf8), name: "feed.xml") }
        #expect(throws: ExtractionError.unsupportedType(extension: "json")) {
            try extract(Array(#"{"version": "https://jsonfeed.org/version/1.1", "title": "F", "items": []}"#.utf8), name: "feed.json")
        }
        #expect(throws: ExtractionError.binary(reason: "PDF signature")) { try extract(Array("%PDF-1.7\n".utf8), name: "a.txt") }
        #expect(throws: ExtractionError.binary(reason: "PNG signature")) { try extract([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0], name: "a.html") }
        #expect(throws: ExtractionError.binary(reason: "gzip signature")) { try extract([0x1F, 0x8B, 8, 0], name: "a.json") }
        #expect(throws: ExtractionError.binary(reason: "NUL byte at offset 3")) { try extract([0x41, 0x42, 0x43, 0, 0x44], name: "a.md") }
        #expect(throws: ExtractionError.malformed(reason: "not valid JSON")) { try extract(Array("{oops".utf8), name: "a.json") }
    }
}
