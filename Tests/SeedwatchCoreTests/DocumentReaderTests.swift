import Foundation
import SeedwatchCore
import Testing

/// The one document reader dispatches on the format: article files, feed files and JSON Feed alike.
@Suite("Document reader: one reader for every format")
struct DocumentReaderTests {
    static func file(_ name: String, _ text: String) -> Document {
        Document(bytes: Array(text.utf8), origin: .file(path: Array("/drop/\(name)".utf8)), nameHint: name)
    }

    static let jsonFeed = #"""
    {"version": "https://jsonfeed.org/version/1.1", "title": "Desk", "items": [
      {"id": "urn:desk:1", "title": "Putin visits Pyongyang", "content_text": "Putin arrived in Pyongyang.",
       "url": "https://news.example/1", "date_published": "2026-11-28T09:00:00Z"},
      {"id": "urn:desk:2", "title": "Kim Jong Un replies", "summary": "Kim Jong Un spoke."}
    ]}
    """#

    @Test func aJSONFeedFileIsReadAsItsItemsWithTheirKeys() throws {
        let items = try DocumentReader.items(of: Self.file("desk.json", Self.jsonFeed))
        #expect(items.map(\.article.title) == ["Putin visits Pyongyang", "Kim Jong Un replies"])
        #expect(items.map(\.itemKey) == ["urn:desk:1", "urn:desk:2"])
        #expect(items.map { $0.feedItem?.summary } == ["", "Kim Jong Un spoke."])
        #expect(items[0].article.published == Date(timeIntervalSince1970: 1_795_856_400))
        #expect(items[0].articleKey(fileContentHash: "h") == "feed:file\u{0}urn:desk:1")
        #expect(items[0].source(filePath: Array("/drop/desk.json".utf8))
                == .file(path: Array("/drop/desk.json".utf8), url: "https://news.example/1", guid: "urn:desk:1"))
    }

    @Test func aNewsScraperJSONFileIsOneArticleWithoutAnItemKey() throws {
        let items = try DocumentReader.items(of: Self.file("a.json", #"{"title": "Putin visits Pyongyang", "maintext": "He arrived."}"#))
        #expect(items.map(\.article.title) == ["Putin visits Pyongyang"])
        #expect(items.map(\.article.body) == ["He arrived."])
        #expect(items.map(\.itemKey) == [nil])
        #expect(items[0].feedItem == nil)
        #expect(items[0].articleKey(fileContentHash: "abc") == "file:abc")
    }

    @Test func aFeedFileThatDoesNotParseIsMalformedAndNamesItsExtension() throws {
        #expect(try DocumentReader.items(of: Self.file("f.json", #"{"version": "https://jsonfeed.org/version/1.1", "items": 3}"#)).isEmpty)
        #expect(throws: ExtractionError.malformed(reason: "not a readable .rss feed: not a feed: the body is empty")) {
            try DocumentReader.items(of: Self.file("empty.RSS", ""))
        }
        #expect(throws: ExtractionError.malformed(reason: "not valid JSON")) {
            try DocumentReader.items(of: Self.file("f.json", #"{"version": "https://jsonfeed.org/version/1.1", "items": ["#))
        }
        #expect(throws: ExtractionError.unsupportedType(extension: "pdf")) { try DocumentReader.items(of: Self.file("a.pdf", "x")) }
    }

    /// RSS 1.0 is RDF: its files are commonly named `.rdf` (Slashdot's `index.rdf`), and the README
    /// lists `.rdf` among the feed files the drop folder reads.
    @Test func anRDFFileIsReadAsAFeed() throws {
        let rdf = """
        <?xml version="1.0" encoding="utf-8"?>
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
          <channel rdf:about="https://blog.example/"><title>Blog</title><link>https://blog.example/</link></channel>
          <item rdf:about="https://blog.example/p/9"><title>Xi Jinping and Putin in Beijing</title><link>https://blog.example/p/9</link></item>
        </rdf:RDF>
        """
        let items = try DocumentReader.items(of: Self.file("index.rdf", rdf))
        #expect(items.map(\.article.title) == ["Xi Jinping and Putin in Beijing"])
        #expect(items.map(\.article.url) == ["https://blog.example/p/9"])
        #expect(DocumentFormat(fileExtension: "RDF") == .feedXML)
    }

    @Test func aFetchedFeedResolvesRelativeLinksAgainstItsBaseURL() throws {
        let rss = #"<rss version="2.0"><channel><item><title>Putin visits Pyongyang</title><link>/world/1</link></item></channel></rss>"#
        let document = Document(bytes: Array(rss.utf8), origin: .feed(feedURL: "https://news.example/rss"), nameHint: "rss",
                                baseURL: "https://news.example/feeds/rss")
        let items = try DocumentReader.feedItems(of: document)
        #expect(items.map { $0.feedItem?.link } == ["https://news.example/world/1"])
        #expect(items.map(\.article.url) == ["https://news.example/world/1"])
    }

    @Test("a page saved as .txt or .markdown is read as HTML; pages saved under a server's extension are read")
    func pagesUnderOtherExtensionsAreHTML() throws {
        let page = "\u{FEFF}\n  <!DOCTYPE HTML><html><head><title>Kim Jong Un visits Beijing</title></head>"
            + "<body><article><h1>Kim Jong Un visits Beijing</h1><p>Kim Jong Un arrived in Beijing by train.</p></article></body></html>"
        for name in ["saved.txt", "saved.markdown", "article.php", "index.aspx", "page.shtml", "page.xhtml"] {
            let items = try DocumentReader.items(of: Self.file(name, page))
            #expect(items.map(\.article.title) == ["Kim Jong Un visits Beijing"], "\(name)")
            #expect(items.map(\.article.body) == ["Kim Jong Un arrived in Beijing by train."], "\(name)")
        }
        // Text that only mentions a tag stays text.
        let text = try DocumentReader.items(of: Self.file("note.txt", "About <html> tags\nThey mark a page."))
        #expect(text.map(\.article.title) == ["About <html> tags"])
    }
}
