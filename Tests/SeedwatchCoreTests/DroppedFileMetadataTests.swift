import Foundation
import SeedwatchCore
import Testing

/// Dropped files carry the link and date they state into the alert (`source.url`, `published`).
@Suite("Dropped files: url and published reach the alert")
struct DroppedFileMetadataTests {
    func item(_ text: String, name: String) throws -> DocumentItem {
        let document = Document(bytes: Array(text.utf8), origin: .file(path: Array("/drop/\(name)".utf8)), nameHint: name)
        return try #require(try DocumentReader.items(of: document).first)
    }

    func published(_ item: DocumentItem) -> String? {
        item.article.published.map(AlertTimestamp.format)
    }

    @Test func htmlOpenGraphURLAndPublishedTime() throws {
        let page = try item("""
            <html><head><title>Kim meets Putin</title>
            <meta property="og:url" content="https://news.example/kim-putin">
            <link rel="canonical" href="https://news.example/canonical">
            <meta property="article:published_time" content="2026-12-05T08:30:00+01:00">
            </head><body><p>Kim Jong Un met Vladimir Putin in Pyongyang on Friday.</p></body></html>
            """, name: "a.html")
        #expect(page.source(filePath: Array("/drop/a.html".utf8)) == .file(path: Array("/drop/a.html".utf8), url: "https://news.example/kim-putin"))
        #expect(published(page) == "2026-12-05T07:30:00Z")
    }

    @Test func htmlCanonicalLinkAndJSONLDDateWhenNoOpenGraph() throws {
        let page = try item("""
            <html><head><title>Kim meets Putin</title>
            <meta property="og:url" content="/relative/only">
            <link rel="canonical" href="https://news.example/canonical">
            <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2026-12-04T10:00:00Z"}</script>
            </head><body><p>Kim Jong Un met Vladimir Putin in Pyongyang on Friday.</p></body></html>
            """, name: "b.html")
        #expect(page.source(filePath: [0x2F]).url == "https://news.example/canonical")
        #expect(published(page) == "2026-12-04T10:00:00Z")
    }

    @Test func markdownFrontMatter() throws {
        let note = try item("""
            ---
            title: Kim meets Putin
            url: https://news.example/md
            date: 2026-12-03
            ---
            Kim Jong Un met Vladimir Putin in Pyongyang on Friday.
            """, name: "c.md")
        #expect(note.source(filePath: [0x2F]).url == "https://news.example/md")
        #expect(published(note) == "2026-12-03T00:00:00Z")
    }

    @Test func jsonArticle() throws {
        let article = try item("""
            {"title": "Kim meets Putin", "maintext": "Kim Jong Un met Vladimir Putin in Pyongyang on Friday.",
             "url": "https://news.example/json", "date_publish": "2026-12-02 06:15:00"}
            """, name: "d.json")
        #expect(article.source(filePath: [0x2F]).url == "https://news.example/json")
        #expect(published(article) == "2026-12-02T06:15:00Z")
    }

    @Test func theAlertLineCarriesThem() throws {
        let page = try item("""
            <html><head><title>Kim meets Putin</title><link rel="canonical" href="https://news.example/k">
            <meta property="article:published_time" content="2026-12-05T07:30:00Z"></head>
            <body><p>Kim Jong Un met Vladimir Putin.</p></body></html>
            """, name: "e.html")
        let record = AlertRecord(id: "0123456789abcdef", time: Date(timeIntervalSince1970: 1_796_000_000), watch: "w", level: .alert,
                                 score: 20, source: page.source(filePath: Array("/drop/e.html".utf8)), title: page.article.title,
                                 published: page.article.published, actors: [], topics: [], evidence: [])
        let line = String(decoding: AlertEncoding.line(record), as: UTF8.self)
        #expect(line.contains(#""source":{"type":"file","path":"/drop/e.html","url":"https://news.example/k"}"#))
        #expect(line.contains(#""published":"2026-12-05T07:30:00Z""#))
    }
}
