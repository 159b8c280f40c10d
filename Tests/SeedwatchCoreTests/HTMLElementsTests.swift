import Foundation
import Testing
@testable import SeedwatchCore

/// The one element table (``HTMLElements``) read by pages and feed fragments alike. Each test here
/// shows an output that changed when the two readers' lists were unified (issue 16), with the rule
/// kept and why.
@Suite("HTML element table")
struct HTMLElementsTests {
    private static let paragraph = "Kim Jong Un said the launch of the satellite was a success."

    private func page(_ body: String) -> Article {
        HTMLExtractor.extract(Array("<html><head><title>T</title></head><body>\(body)</body></html>".utf8), headerCharset: nil)
    }

    /// Table cells: pages used to end a line at each `td`/`th`; now, as in feeds (and as HTML's
    /// `innerText` renders a table), a cell is followed by a space, so one row reads as one line.
    @Test("a table row is one line of a page, its cells separated by spaces")
    func pageTableRow() {
        let article = page("<article><p>\(Self.paragraph)</p><table><tr><th>Release</th><th>Date</th></tr>"
            + "<tr><td>4.2.3</td><td>April 2014</td></tr></table></article>")
        #expect(article.body == "\(Self.paragraph)\nRelease Date\n4.2.3 April 2014")
    }

    /// Embedded elements: pages used to keep the fallback text of `audio`, `video`, `noframes`, …
    /// (only some embedded elements were dropped) and a `title` misplaced in the body; now pages drop
    /// the whole embedded set and `title`, as feed titles do.
    @Test("pages drop audio and video fallback text and a title in the body")
    func pageEmbeddedFallback() {
        let article = page("<article><audio src=\"a.mp3\">Your browser does not support the audio element.</audio>"
            + "<p>\(Self.paragraph)</p><video>No video support.</video><title>Page title again</title></article>")
        #expect(article.body == Self.paragraph)
    }

    /// `embed` is void in HTML: libxml2 2.9 nests the text after an unclosed one inside it, so pages
    /// no longer drop that text (feeds never did).
    @Test("text after an embed stays in a page")
    func pageTextAfterEmbed() {
        let article = page("<article><p>\(Self.paragraph)</p><div><embed src=\"x.swf\">Officials confirmed the launch.</div></article>")
        #expect(article.body == "\(Self.paragraph)\nOfficials confirmed the launch.")
    }

    /// `form`, `nav` and `aside` are blocks for pages too when the article lies inside them (an
    /// ASP.NET page wraps everything in one `form`): the words on both sides no longer fuse. Stray
    /// text beside the form ("Menu") is outside the article's region since the sibling rule of
    /// ``ContentScope`` (issue 15) and is dropped; "Lead" still starts its own line.
    @Test("a form holding the article ends a line in a page")
    func pageFormIsBlock() {
        let article = page("Menu<form>Lead<p>\(Self.paragraph)</p></form>")
        #expect(article.body == "Lead\n\(Self.paragraph)")
    }

    /// Blocks that feeds did not know (`center`, `legend`, `menu`, `hgroup`, `picture`) now end a
    /// line in feed text too, so words on both sides do not fuse.
    @Test("feed fragments end a line at center, legend, menu and hgroup", arguments: [
        ("Seoul<center>Pyongyang</center>Tokyo", "Seoul\nPyongyang\nTokyo"),
        ("<fieldset><legend>Vote</legend>Results</fieldset>", "Vote\nResults"),
        ("Tokyo<menu><li>Seoul</li></menu>", "Tokyo\nSeoul"),
        ("<hgroup><h1>Launch</h1><p>Subtitle</p></hgroup>Body", "Launch\nSubtitle\nBody"),
    ])
    func feedBlocks(html: String, text: String) {
        #expect(HTMLText.text(fromHTML: html) == text)
    }

    /// Form controls and dialogs: feeds used to keep a button's label in the text; now they drop it,
    /// as pages do.
    @Test("feed fragments drop buttons, selects, text areas and dialogs")
    func feedControls() {
        #expect(HTMLText.text(fromHTML: "<p>Read<button>Share</button> more</p><select><option>One</option></select><textarea>x</textarea>") == "Read more")
        #expect(HTMLText.text(fromHTML: "<p>Launch</p><dialog>Subscribe now</dialog>") == "Launch")
    }

    @Test("the table's sets do not overlap where a reader must choose one meaning")
    func tableIsConsistent() {
        #expect(HTMLElements.blocks.isDisjoint(with: HTMLElements.cells))
        #expect(HTMLElements.blocks.isDisjoint(with: HTMLElements.neverText))
        #expect(HTMLElements.blocks.isDisjoint(with: HTMLElements.embedded))
        #expect(HTMLElements.voids.subtracting(["br", "hr"]).isDisjoint(with: HTMLElements.blocks))
    }
}
