import Foundation
import Testing
@testable import SeedwatchCore

@Suite("HTML extraction")
struct ExtractionHTMLTests {
    private func extract(_ html: String, name: String = "page.html") throws -> Article {
        try extract(Array(html.utf8), name: name)
    }

    private func extract(_ bytes: [UInt8], name: String = "page.html") throws -> Article {
        let articles = try ArticleExtractor.extract(Document(bytes: bytes, origin: .file(path: Array(name.utf8)), nameHint: name))
        try #require(articles.count == 1)
        return articles[0]
    }

    /// HTML to text: adjacent blocks never fuse words, inline tags never split them, script/style vanish.
    @Test func adjacentBlocksNeverFuseWords() throws {
        let html = """
        <html><head><title>Statement</title><style>.Putin{color:red}</style></head><body><article>
        <p>Statement</p>issued in Pyongyang<div><h4>Kim Jong Un</h4><p>said the launch was a success.</p></div>
        <ul><li>Beijing</li><li>Moscow</li></ul>
        <p>Pyong<span>yang</span> later con&shy;firmed it.<br>Putin<br/>did not comment.</p>
        <script>var tag = "Xi Jinping";</script>
        </article></body></html>
        """
        let article = try extract(html, name: "statement.html")
        #expect(article.title == "Statement")
        #expect(article.extractedText == """
        Statement
        issued in Pyongyang
        Kim Jong Un
        said the launch was a success.
        Beijing
        Moscow
        Pyongyang later confirmed it.
        Putin
        did not comment.
        """)
    }

    /// A legacy charset in a page: byte 0x92 in an undeclared page is Windows-1252's right single quote.
    @Test func windows1252ApostropheInHTML() throws {
        var bytes = Array("<html><head><title>Putin".utf8)
        bytes.append(0x92)
        bytes += Array("s envoy</title></head><body><p>Putin".utf8)
        bytes.append(0x92)
        bytes += Array("s envoy lands in Pyongyang</p></body></html>".utf8)
        let article = try extract(bytes)
        #expect(article.title == "Putin\u{2019}s envoy")
        #expect(article.body == "Putin\u{2019}s envoy lands in Pyongyang")
    }

    @Test func metaCharsetIsHonoured() throws {
        // "Pjöngjang" in ISO-8859-1 (ö = 0xF6) with a meta declaration after other head content.
        var bytes = Array("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"><title>Pj".utf8)
        bytes.append(0xF6)
        bytes += Array("ngjang</title></head><body><p>Caf".utf8)
        bytes.append(0xE9)
        bytes += Array("</p></body></html>".utf8)
        let article = try extract(bytes)
        #expect(article.title == "Pjöngjang")
        #expect(article.body == "Café")
    }

    @Test func utf8PageDeclaringLatin1InMetaIsNotReinterpretedByLibxml2() throws {
        // The page declares UTF-8 but libxml2 must not switch encodings on its own.
        let article = try extract("<html><head><meta charset=\"utf-8\"><title>Séoul – 서울</title></head><body><p>김정은</p></body></html>")
        #expect(article.title == "Séoul – 서울")
        #expect(article.body == "김정은")
    }

    @Test func bomIsStrippedFromHTML() throws {
        let article = try extract([0xEF, 0xBB, 0xBF] + Array("<p>Kim Jong Un watched.</p>".utf8))
        #expect(article.title == "")
        #expect(article.body == "Kim Jong Un watched.")
    }

    @Test("a <title> that is only the site's name gives way to the page's <h1>; one that names the story stays")
    func siteNameTitleGivesWayToH1() throws {
        let body = "<p>North Korea fired a ballistic missile on Tuesday, the Joint Chiefs of Staff said.</p></article></body></html>"
        let siteName = "<html><head><title>Yonhap News Agency</title></head><body><article><h1>N. Korea fires ballistic missile into East Sea</h1>" + body
        #expect(try extract(siteName).title == "N. Korea fires ballistic missile into East Sea")
        let story = "<html><head><title>N. Korea fires missile - Yonhap News Agency</title></head><body><article><h1>N. Korea fires ballistic missile into East Sea</h1>" + body
        #expect(try extract(story).title == "N. Korea fires missile - Yonhap News Agency")
    }

    @Test func metadataTitleDateURL() throws {
        let html = """
        <html><head><title>Site | Headline</title>
        <meta property="og:title" content="Headline &amp; more">
        <meta property="article:published_time" content="2024-06-19T23:05:00+09:00">
        <meta property="og:url" content="https://example.com/a">
        </head><body><header>Site menu</header><h1>Headline &amp; more</h1><p>First paragraph.</p><footer>Copyright</footer></body></html>
        """
        let article = try extract(html)
        #expect(article.title == "Headline & more")
        #expect(article.published == Date(timeIntervalSince1970: 1_718_805_900))
        #expect(article.url == "https://example.com/a")
        #expect(article.body == "First paragraph.")
    }

    @Test func jsonLDDateInGraphAndCanonicalLink() throws {
        let html = """
        <html><head><title>T</title><link rel="canonical" href="https://example.com/c">
        <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2018-04-27T09:30:00.000Z"}]}</script>
        </head><body><main><p>Text</p></main><p>Outside</p></body></html>
        """
        let article = try extract(html)
        #expect(article.title == "T")
        #expect(article.published == Date(timeIntervalSince1970: 1_524_821_400))
        #expect(article.url == "https://example.com/c")
        #expect(article.body == "Text")
    }

    @Test func timeElementAndTitleFromH1() throws {
        let article = try extract("<body><nav>Home</nav><h1>Summit ends</h1><time datetime=\"2019-02-28\">28 Feb</time><p>Talks in Hanoi.</p><aside>Related</aside></body>")
        #expect(article.title == "Summit ends")
        #expect(article.published == Date(timeIntervalSince1970: 1_551_312_000))
        #expect(article.body == "28 Feb\nTalks in Hanoi.")
    }

    @Test(.enabled(if: ExtractionCorpus.isAvailable, "../shared is absent: corpus tests skipped"))
    func realBBCPage() throws {
        let bytes = try ExtractionCorpus.bytes("corpus/articles/bbc-world-2026/2026-08-17_30e9c6d7c5b1.html")
        let article = try extract(bytes, name: "2026-08-17_30e9c6d7c5b1.html")
        #expect(article.title == "Trump says US to reduce military drills with South Korea after it stayed out of Iran war")
        let lines = article.body.split(separator: "\n", omittingEmptySubsequences: false)
        // The headline (as <h1> and again as a paragraph) and the link-only source line are gone.
        #expect(lines.first == "- Published")
        #expect(!article.body.contains("原文链接"))
        #expect(lines.contains("President Donald Trump has said the US will \"substantially reduce\" joint military exercises with South Korea, citing his \"very good relationship\" with North Korea's leader Kim Jong Un."))
        #expect(article.published == nil)
    }

    /// Every BBC World page of the corpus gives the title its index names and a non-empty body.
    @Test(.enabled(if: ExtractionCorpus.isAvailable, "../shared is absent: corpus tests skipped"))
    func allBBCPagesKeepTitleAndBody() throws {
        let index = try ExtractionCorpus.bytes("corpus/articles/bbc-world-2026/index.jsonl")
        var checked = 0
        var titleMismatches: [String] = []
        for line in String(decoding: index, as: UTF8.self).split(separator: "\n") {
            let entry = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let file = try #require(entry["file"] as? String)
            let article = try extract(try ExtractionCorpus.bytes("corpus/articles/bbc-world-2026/" + file), name: file)
            if article.title != TextLines.collapse(entry["title"] as? String ?? "") { titleMismatches.append(file) }
            #expect(!article.body.isEmpty, "empty body: \(file)")
            checked += 1
        }
        #expect(checked == 889)
        #expect(titleMismatches == [])
    }
}
