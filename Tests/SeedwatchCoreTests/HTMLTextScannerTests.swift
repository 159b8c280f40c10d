import Testing
@testable import SeedwatchCore

/// The one-pass HTML reading of feed descriptions (``HTMLText/scanText(fromHTML:dropsEmbedded:)``)
/// and where it hands over to libxml2.
@Suite struct HTMLTextScannerTests {
    @Test func paragraphsBreaksCellsAndEntities() {
        let html = "<p>Kim Jong Un&#8217;s <b>letter</b> to Xi</p><p>Putin &amp; Xi<br/>sign deal</p>"
            + "<table><tr><td>Moscow</td><td>Pyongyang</td></tr></table>"
        #expect(HTMLText.scanText(fromHTML: html, dropsEmbedded: false) == "Kim Jong Un’s letter to Xi\nPutin & Xi\nsign deal\nMoscow Pyongyang")
        #expect(HTMLText.text(fromHTML: html) == "Kim Jong Un’s letter to Xi\nPutin & Xi\nsign deal\nMoscow Pyongyang")
    }

    @Test func scriptsStylesAndCommentsAreDropped() {
        let html = "Before<script type=\"text/javascript\">if (a < b && c > d) { x = '</p>' }</script> after"
            + "<style>p { color: red }</STYLE><!-- a <b>comment</b> --> end"
        #expect(HTMLText.scanText(fromHTML: html, dropsEmbedded: false) == "Before after end")
    }

    @Test func attributesWithAngleBracketsInQuotes() {
        let html = "<a href=\"https://example.com/?q=a>b\" title='x > y'>Sanctions</a> on <img alt=\"<oil>\" src=x>oil"
        #expect(HTMLText.scanText(fromHTML: html, dropsEmbedded: false) == "Sanctions on oil")
    }

    /// Deliberate differences from libxml2 2.9's HTML parser: a space between an `<img>` and the next
    /// element is kept (libxml2 drops that whitespace-only text, squeezing words together),
    /// and `&#133;` is the Windows-1252 ellipsis like every other reference 128–159.
    @Test func wordsAroundImagesStayApart() {
        #expect(HTMLText.text(fromHTML: "Kim<img src=x> <b>Jong Un</b> waits &#133;") == "Kim Jong Un waits …")
    }

    /// Markup whose reading depends on libxml2's recovery goes the general way, with the same text.
    @Test func handsOverWhatItDoesNotRead() {
        #expect(HTMLText.scanText(fromHTML: "<!DOCTYPE html><p>Putin</p>", dropsEmbedded: false) == nil)
        #expect(HTMLText.text(fromHTML: "<!DOCTYPE html><p>Putin</p>") == "Putin")
        #expect(HTMLText.scanText(fromHTML: "a < b <p>c", dropsEmbedded: false) == nil)
        #expect(HTMLText.text(fromHTML: "a < b <p>c") == "a < b\nc")
        #expect(HTMLText.scanText(fromHTML: "x<script>never closed", dropsEmbedded: false) == nil)
        #expect(HTMLText.scanText(fromHTML: "<a href=\"x>unclosed", dropsEmbedded: false) == nil)
        #expect(HTMLText.scanText(fromHTML: "safe<iframe src=x></iframe> description", dropsEmbedded: true) == nil)
        #expect(HTMLText.title(fromHTML: "safe<iframe src=x></iframe> description") == "safe description")
    }
}
