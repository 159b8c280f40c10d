import Testing
@testable import SeedwatchCore

/// Page layouts the region choice must see through (``ContentScope``, ``BoilerplateClassifier``):
/// state classes, heading anchors that look like furniture names, an article cut into same-class
/// chunks.
@Suite("HTML extraction: layout heuristics")
struct ExtractionLayoutHeuristicsTests {
    static func extract(_ html: String) -> Article {
        HTMLExtractor.extract(Array(html.utf8), headerCharset: nil)
    }

    static let first = "Kim Jong Un inspected the new launch site near Sohae on Tuesday, state media reported."
    static let second = "Analysts in Seoul said the visit signalled another satellite launch within weeks."
    static let third = "China and Russia urged restraint at the Security Council on Wednesday afternoon."
    static let fourth = "The United States said it would raise the launch with its allies in Tokyo next week."

    @Test("a state class (comments-enabled, has-sidebar) is no furniture name; the comments themselves still are")
    func stateClasses() {
        let page = """
        <html><head><title>Launch site</title></head><body>
        <nav><a href="/">Home</a><a href="/world">World</a></nav>
        <div id="article" class="story comments-enabled"><div class="has-sidebar">
        <p>\(Self.first)</p><p>\(Self.second)</p><p>\(Self.third)</p></div>
        <div class="comments"><p>What a reader thought of this at some length, posted at noon.</p></div>
        </div><div class="note"><p>Sohae is on the west coast of the country, near the Chinese border.</p></div>
        </body></html>
        """
        #expect(!BoilerplateClassifier.isFurniture(classOrID: "story comments-enabled"))
        #expect(!BoilerplateClassifier.isFurniture(classOrID: "has-sidebar"))
        #expect(BoilerplateClassifier.isFurniture(classOrID: "comments"))
        #expect(BoilerplateClassifier.isFurniture(classOrID: "share-on-facebook"))
        let article = Self.extract(page)
        #expect(article.title == "Launch site")
        #expect(article.body == [Self.first, Self.second, Self.third].joined(separator: "\n"))
    }

    @Test("a section whose id is its heading's anchor is judged by its text, not by the words of its heading")
    func headingAnchors() {
        let page = """
        <html><head><title>Evolve</title></head><body><div class="body">
        <div class="section" id="evolve"><h1>Evolve</h1><p>\(Self.first)</p>
        <div class="section" id="sharing-with-a-single-developer"><h2>Sharing with a single developer</h2>
        <p>\(Self.second)</p><p>\(Self.third)</p></div>
        <div class="section" id="share-buttons"><p>Share this page on every network you have heard of today.</p></div>
        </div></div></body></html>
        """
        let article = Self.extract(page)
        #expect(article.body == [Self.first, "Sharing with a single developer", Self.second, Self.third].joined(separator: "\n"))
    }

    @Test("an article cut into same-class chunks between sidebars and advertisements is read whole, in order")
    func sameClassChunks() {
        let page = """
        <html><head><title>Chunks</title></head><body><div class="page">
        <div class="sidebar-grid"><div class="sidebar-grid__content article__content"><p>\(Self.first)</p><p>\(Self.second)</p></div>
        <div class="sidebar-grid__sidebar"><p>Advertisement text that is long enough to be a paragraph.</p></div></div>
        <div class="ad full-bleed"><p>Another advertisement, long enough to count as a paragraph.</p></div>
        <div class="sidebar-grid"><div class="sidebar-grid__content article__content"><p>\(Self.third)</p><p>\(Self.fourth)</p></div>
        <div class="sidebar-grid__sidebar"><p>Advertisement text that is long enough to be a paragraph.</p></div></div>
        <div class="sidebar-grid"><div class="sidebar-grid__content teaser-list"><p><a href="/a">A teaser link that is long enough to score</a></p></div></div>
        </div></body></html>
        """
        #expect(!BoilerplateClassifier.isFurniture(classOrID: "sidebar-grid__content article__content"))
        #expect(BoilerplateClassifier.isFurniture(classOrID: "sidebar-grid__sidebar"))
        #expect(BoilerplateClassifier.isFurniture(classOrID: "article__share--sticky"))
        #expect(BoilerplateClassifier.isFurniture(classOrID: "Byline_author-badge-date-wrapper__Q7jj1"))
        #expect(BoilerplateClassifier.isFurniture(classOrID: "image_image-widget__LYZT4"))
        let article = Self.extract(page)
        #expect(article.body == [Self.first, Self.second, Self.third, Self.fourth].joined(separator: "\n"))
    }

    @Test("chunks inside furniture-named wrappers count when the best chunk has the same wrappers; other widgets do not")
    func sameTemplateChunks() {
        let page = """
        <html><head><title>Widgets</title></head><body><div class="page"><div class="article-widgets">
        <div class="article-widget article-widget-text"><div class="wrap"><div class="text"><p>\(Self.first)</p><p>\(Self.second)</p></div></div></div>
        <div class="article-widget article-widget-related"><div class="wrap"><div class="related">
        <p>A related story, told in a long enough sentence to score as a paragraph.</p></div></div></div>
        <div class="article-widget article-widget-text"><div class="wrap"><div class="text"><p>\(Self.third)</p><p>\(Self.fourth)</p></div></div></div>
        </div></div></body></html>
        """
        let article = Self.extract(page)
        #expect(article.body == [Self.first, Self.second, Self.third, Self.fourth].joined(separator: "\n"))
    }
}
