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
}
