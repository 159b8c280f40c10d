import Testing
@testable import SeedwatchCore

/// Page furniture that carries no furniture class (``ContentScope``, ``BoilerplateClassifier``,
/// ``HTMLTextWalker``): teaser cards of other articles, toggles and screen-reader text, photo
/// galleries, labels repeated down the page.
@Suite("HTML extraction: teasers, toggles, galleries and repeated labels")
struct ExtractionTeaserAndLabelTests {
    static func extract(_ html: String) -> Article {
        HTMLExtractor.extract(Array(html.utf8), headerCharset: nil)
    }

    static let first = "Kim Jong Un inspected the new launch site near Sohae on Tuesday, state media reported."
    static let second = "Analysts in Seoul said the visit signalled another satellite launch within weeks."
    static let third = "China and Russia urged restraint at the Security Council on Wednesday afternoon."

    @Test("a ticker of teaser cards (headline link, excerpt cut by an ellipsis) neither scores nor is read")
    func newsTicker() {
        // Each card's excerpt is longer than the article's paragraphs: without the teaser rule the
        // ticker is the best-scoring element.
        let card = { (n: Int) in
            "<li><a href=\"/story-\(n)\">Story \(n) headline</a> <span>WASHINGTON: A long excerpt of another story "
                + "number \(n), cut short where the teaser ends, with words enough to outscore a paragraph...</span></li>"
        }
        let page = """
        <html><head><title>Launch site</title></head><body>
        <div class="ticker"><ul>\((1...6).map(card).joined())</ul></div>
        <div class="story"><p>\(Self.first)</p><p>\(Self.second)</p><p>\(Self.third)</p></div>
        </body></html>
        """
        #expect(Self.extract(page).body == [Self.first, Self.second, Self.third].joined(separator: "\n"))
    }

    @Test("a 'More' card inside the article element is left out; a paragraph ending in an ellipsis is kept")
    func moreCardsInsideTheArticle() {
        let quote = "He paused, then said only that the talks would go on…"
        let page = """
        <html><head><title>Launch site</title></head><body><main>
        <p>\(Self.first)</p><p>\(Self.second)</p><p>\(quote)</p>
        <div class="picker"><div class="columns">
        <div class="column"><a href="/commerce">Commerce</a><h2><a href="/p">Poshmark’s tool lets sellers boost listings</a></h2>
        <div>18 hours ago</div></div>
        <div class="column"><p>Poshmark, the social commerce site, launched a paid marketing tool on Thursday, giving sellers the ability to&hellip; </p></div>
        </div></div>
        <p>\(Self.third)</p>
        </main></body></html>
        """
        #expect(Self.extract(page).body == [Self.first, Self.second, quote, Self.third].joined(separator: "\n"))
    }

    @Test("ContentScope.endsWithEllipsis: … or ..., with spaces and no-break spaces after it")
    func ellipsis() {
        func ends(_ s: String) -> Bool { Array(s.utf8).withUnsafeBufferPointer { ContentScope.endsWithEllipsis($0) } }
        #expect(ends("the ability to…"))
        #expect(ends("may soon... \u{A0}\n"))
        #expect(!ends("the end."))
        #expect(!ends(".."))
        #expect(!ends("…x"))
    }

    @Test("a toggle (role=button) and text for screen readers only (h-offscreen) are not read")
    func togglesAndOffscreenText() {
        let page = """
        <html><head><title>Launch site</title></head><body><article>
        <p>\(Self.first)</p>
        <div class="box"><div class="box__header" role="button"><p>Thomas Jäger</p><p>Politikwissenschaftler</p>
        </div><span class="icon"><span class="icon__open h-offscreen">Box aufklappen</span></span>
        <p>\(Self.second)</p></div>
        <p>\(Self.third)</p>
        </article></body></html>
        """
        #expect(BoilerplateClassifier.isFurniture(classOrID: "icon__open h-offscreen"))
        #expect(Self.extract(page).body == [Self.first, Self.second, Self.third].joined(separator: "\n"))
    }

    @Test("photo captions and credits in divs are left out, as figure elements are")
    func captionsAndCredits() {
        let page = """
        <html><head><title>Launch site</title></head><body><article>
        <p>\(Self.first)</p>
        <div class="hst-resgallery-container"><ul class="hst-resgallery"><li>
        <div class="caption-full">The defence secretaries shake hands in Hanoi on Wednesday, Nov. 20, 2019.</div>
        <span class="credit">Photo: Hau Dinh, AP</span></li></ul></div>
        <p>\(Self.second)</p>
        <div class="story-caption">Kim Jong Un at the launch site, in a photo released by state media on Tuesday.</div>
        <p>\(Self.third)</p>
        </article></body></html>
        """
        #expect(BoilerplateClassifier.isFurniture(classOrID: "photo-credit"))
        #expect(!BoilerplateClassifier.isFurniture(classOrID: "slideshow-main"))
        #expect(Self.extract(page).body == [Self.first, Self.second, Self.third].joined(separator: "\n"))
    }

    @Test("a line of at most three words repeated three times or more is dropped; twice, longer, in a heading or in pre, it stays")
    func repeatedLabels() {
        let page = """
        <html><head><title>Launch site</title></head><body><article>
        <h3>Meal</h3><p>\(Self.first)</p><div>Advertisement</div><p>Eat every 2–3 hours</p>
        <h3>Meal</h3><p>\(Self.second)</p><div>Advertisement</div><p>Read on</p><p>Eat every 2–3 hours</p>
        <h3>Meal</h3><p>\(Self.third)</p><div>Advertisement</div><p>Read on</p><p>Eat every 2–3 hours</p>
        <pre>}
        }
        }</pre><p>1,2,3</p><p>1,2,3</p><p>1,2,3</p>
        </article></body></html>
        """
        let meal = "Meal", eat = "Eat every 2–3 hours"
        #expect(Self.extract(page).body == [meal, Self.first, eat, meal, Self.second, "Read on", eat, meal, Self.third, "Read on", eat,
                                            "}", "}", "}", "1,2,3", "1,2,3", "1,2,3"].joined(separator: "\n"))
    }
}
