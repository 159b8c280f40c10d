import Foundation
import Testing
@testable import SeedwatchCore

/// Which part of a page is the article (``ContentScope``): the best-scoring element and its
/// siblings (readability's sibling rule) on pages without `article`/`main`, figures dropped.
@Suite("HTML extraction: the article's region")
struct ExtractionRegionTests {
    private func extract(_ html: String) throws -> Article {
        let document = Document(bytes: Array(html.utf8), origin: .file(path: Array("page.html".utf8)), nameHint: "page.html")
        return try #require(try ArticleExtractor.extract(document).first)
    }

    static let first = "Kim Jong Un inspected a new missile factory on Tuesday, state media said, as tensions rose."
    static let second = "Analysts in Seoul said the visit was meant to signal that production would continue despite sanctions."
    static let third = "The United Nations has banned North Korea from developing ballistic missiles since 2006."

    /// Without `article`/`main`, the text split across sibling containers (an advertisement between
    /// them) is kept, and teasers with their summaries, a comment count and a footer are not.
    @Test func siblingsThatScoreAreTheArticleAndTeasersAroundThemAreNot() throws {
        let article = try extract("""
        <html><head><title>Kim visits missile factory</title></head><body>
        <div class="page"><div class="top">Breaking News</div>
        <div class="wrap">
          <div class="story"><p>\(Self.first)</p><p>\(Self.second)</p></div>
          <div class="slot">Advertisement</div>
          <div class="story"><p>\(Self.third)</p></div>
        </div>
        <div class="more">
          <div><a href="/a">Seoul stocks fall</a> Shares dropped sharply in early trading on Wednesday morning.</div>
          <div><a href="/b">Typhoon nears Okinawa</a> Forecasters expect heavy rain over the weekend in the south.</div>
        </div>
        <div class="count">12 comments</div></div>
        </body></html>
        """)
        #expect(article.body == "\(Self.first)\n\(Self.second)\nAdvertisement\n\(Self.third)")
    }

    /// Figures and their captions are photo credits and gallery furniture, not the article's text.
    @Test func figuresAndCaptionsAreDropped() throws {
        let article = try extract("""
        <html><head><title>Kim visits missile factory</title></head><body><article>
        <p>\(Self.first)</p>
        <figure><img src="kim.jpg"><figcaption>Kim Jong Un at the factory. Photo: KCNA via Reuters</figcaption></figure>
        <p>\(Self.second)</p></article></body></html>
        """)
        #expect(article.body == "\(Self.first)\n\(Self.second)")
    }

    /// A page whose whole text is inside a `figure` (the article's paragraphs lie there) keeps it.
    @Test func aFigureHoldingTheArticleIsKept() throws {
        let article = try extract("""
        <html><head><title>T</title></head><body><figure><div><p>\(Self.first)</p><p>\(Self.second)</p></div></figure></body></html>
        """)
        #expect(article.body == "\(Self.first)\n\(Self.second)")
    }
}
