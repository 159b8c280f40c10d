import Foundation
import Testing
@testable import SeedwatchCore

/// libxml2 stops at 256 nested elements unless told otherwise, and the body after that depth was
/// lost without a word (issue 11).
@Suite("HTML extraction of deeply nested pages")
struct ExtractionDeepNestingTests {
    static let paragraph = "<p>Vladimir Putin and Kim Jong Un signed a mutual defence treaty in Pyongyang, "
        + "defying sanctions, while Xi Jinping watched from Beijing.</p>"

    static func page(open: String, close: String, depth: Int) -> [UInt8] {
        var html = "<html><head><title>Putin and Kim sign a treaty</title></head><body>"
        html.reserveCapacity(depth * (open.count + close.count) + 400)
        for _ in 0..<depth { html += open }
        html += paragraph
        for _ in 0..<depth { html += close }
        return Array((html + "</body></html>").utf8)
    }

    static func article(_ bytes: [UInt8]) throws -> Article {
        let articles = try ArticleExtractor.extract(Document(bytes: bytes, origin: .file(path: Array("/drop/deep.html".utf8)), nameHint: "deep.html"))
        try #require(articles.count == 1)
        return articles[0]
    }

    static func score(_ article: Article) throws -> Double {
        try ShippedModel.scorer.score(ShippedModel.matcher.match(article)).score
    }

    @Test("100,000 nested <div> keep the body: same text and score as the page without the nesting")
    func deepDivs() throws {
        let flat = try Self.article(Self.page(open: "", close: "", depth: 0))
        let deep = try Self.article(Self.page(open: "<div>", close: "</div>", depth: 100_000))
        #expect(flat.body == "Vladimir Putin and Kim Jong Un signed a mutual defence treaty in Pyongyang, defying sanctions, while Xi Jinping watched from Beijing.")
        #expect(deep.body == flat.body)
        #expect(try Self.score(deep) == Self.score(flat))
        #expect(try Self.score(flat) > 0)
    }

    @Test("300 unclosed <font> tags keep the body")
    func unclosedFonts() throws {
        let flat = try Self.article(Self.page(open: "", close: "", depth: 0))
        let fonts = try Self.article(Self.page(open: "<font size=2>", close: "", depth: 300))
        #expect(fonts.body == flat.body)
        #expect(try Self.score(fonts) == Self.score(flat))
    }

    /// libxml2 2.12 and later stop at 2,048 levels even with `XML_PARSE_HUGE`; the 2.9 here stops
    /// at 256 without it, which these tests use to reach the same path: the page is flattened
    /// (``HTMLNestingFlattener``) and read again.
    @Test("a page past libxml2's nesting limit is flattened and keeps its body and score")
    func flattenedPastTheLimit() throws {
        let flat = try Self.article(Self.page(open: "", close: "", depth: 0))
        for (open, close, depth) in [("<div>", "</div>", 100_000), ("<font size=2>", "", 300), ("<div class='a>b'><span>", "</span></div>", 5_000)] {
            let bytes = Self.page(open: open, close: close, depth: depth)
            let deep = HTMLExtractor.extract(bytes, headerCharset: nil, liftsDepthLimit: false)
            #expect(deep.body == flat.body, "\(open) × \(depth)")
            #expect(deep.title == "Putin and Kim sign a treaty")
            #expect(deep.extractionWarning == nil)
            #expect(try Self.score(deep) == Self.score(flat))
            // Without the flattening, libxml2 stops at its limit and the body is gone.
            let stopped = try #require(HTMLDocumentTree(utf8: String(decoding: bytes, as: UTF8.self), liftsDepthLimit: false,
                                                        flattenedDepth: 1_000_000))
            #expect(stopped.droppedText)
        }
    }

    @Test("text that is still dropped gets a warning on the article")
    func droppedTextIsSaid() throws {
        let bytes = Self.page(open: "<div>", close: "</div>", depth: 1_000)
        let article = HTMLExtractor.extract(bytes, headerCharset: nil, liftsDepthLimit: false, flattenedDepth: 400)
        #expect(article.body == "")
        #expect(article.extractionWarning == "the page nests elements deeper than the HTML parser reads even when flattened: "
                + "its text after that depth is dropped")
        #expect(HTMLExtractor.extract(Self.page(open: "<div>", close: "</div>", depth: 10), headerCharset: nil).extractionWarning == nil)
    }

    @Test("the flattener drops only what lies past the limit")
    func flattenerKeepsShallowTags() {
        let html = Array("<html><body><div><b>x</b><script>if (a<b) { '</div>' }</script><!-- <div> --><p>y</p></div></body></html>".utf8)
        #expect(HTMLNestingFlattener.flattened(html, limit: 200) == html)
        let deep = Array("<div><div><div><p>a</p><i>b</i></div></div></div>".utf8)
        #expect(String(decoding: HTMLNestingFlattener.flattened(deep, limit: 1), as: UTF8.self) == "<div>  <p>a</p>b  </div>")
    }
}
