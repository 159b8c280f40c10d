import Testing
@testable import SeedwatchCore

/// Inputs on which the one-pass HTML reading gave other text than libxml2's HTML parser; each must
/// now give libxml2's text (the scanner reads it the same way or declines).
@Suite struct HTMLTextScannerBreakerTests {
    /// A `<head>` inside a description is misplaced: libxml2 keeps its content as body text.
    @Test func headContentIsNotDropped() {
        #expect(HTMLText.scanText(fromHTML: "a<head><p>b</p></head>c", dropsEmbedded: false) == nil)
        #expect(HTMLText.text(fromHTML: "Kim<head><p>Jong Un</p></head>visits") == "Kim\nJong Un\nvisits")
    }

    /// `<script src="…"/>` is an empty element for libxml2: the text after it is kept.
    @Test func selfClosedScriptKeepsFollowingText() {
        #expect(HTMLText.scanText(fromHTML: "a<script src=\"x.js\"/>b</script>c", dropsEmbedded: false) == nil)
        #expect(HTMLText.text(fromHTML: "Kim <script src=\"x.js\"/>Jong Un</script> visits") == "Kim Jong Un visits")
        #expect(HTMLText.text(fromHTML: "Kim <style/>Jong Un</style> visits") == "Kim Jong Un visits")
    }

    /// A stray `</br>` is no line break for libxml2 (`br` is void, so the end tag matches nothing).
    @Test func strayBrEndTagIsNoLineBreak() {
        #expect(HTMLText.scanText(fromHTML: "Kim</br>Jong <b>Un</b>", dropsEmbedded: false) == "KimJong Un")
        #expect(HTMLText.text(fromHTML: "Kim<br>Jong</br>Un<br/>visits") == "Kim\nJongUn\nvisits")
    }

    /// libxml2 names `<o:p>` (Word's paragraph marker) by its local part `p`, a block element.
    @Test func prefixedNamesAreReadByTheirLocalPart() {
        #expect(HTMLText.scanText(fromHTML: "Kim<o:p></o:p>Jong <x:b>Un</x:b>", dropsEmbedded: false) == "Kim\nJong Un")
        #expect(HTMLText.text(fromHTML: "Kim<O:P>Jong</O:P>Un <st1:place>Pyongyang</st1:place>") == "Kim\nJong\nUn Pyongyang")
    }

    /// A block or cell end tag that closes nothing open, or an element libxml2 closed implicitly,
    /// gives no break or space in libxml2's tree; text before a `<td>` is not spaced off.
    @Test func unmatchedEndTagsGiveLibxml2Text() {
        #expect(HTMLText.scanText(fromHTML: "Kim</p>Jong <b>Un</b>", dropsEmbedded: false) == nil)
        #expect(HTMLText.text(fromHTML: "Kim</p>Jong <b>Un</b>") == "KimJong Un")
        #expect(HTMLText.text(fromHTML: "<p>Kim<div>Jong</div>Un</p>visits") == "Kim\nJong\nUnvisits")
        #expect(HTMLText.text(fromHTML: "<ul><li>Kim</li></ul>Jong</li>Un") == "Kim\nJongUn")
        #expect(HTMLText.text(fromHTML: "Kim<td>Jong</td>Un") == "KimJong Un")
        #expect(HTMLText.text(fromHTML: "Kim</html>Jong <i>Un</i>") == "KimJong Un")
        #expect(HTMLText.text(fromHTML: "Kim<html>Jong</html>Un") == "KimJongUn")
        // Well-nested markup and the implicit ends read the same stay on the one-pass reading.
        #expect(HTMLText.scanText(fromHTML: "<ul><li>Kim<li>Jong</li></ul><table><tr><td>Un<td>Xi</td><tr><td>Putin</td></tr></table>end",
                                  dropsEmbedded: false) == "Kim\nJong\nUn Xi\nPutin\nend")
    }

    /// Character references libxml2 reads otherwise than ``HTMLEntities/decodeOnce(_:)``: without
    /// `;` (read), empty or for a character XML forbids (dropped).
    @Test func characterReferencesReadAsLibxml2Does() {
        #expect(HTMLText.scanText(fromHTML: "Tom &#38 Jerry<b>x</b>", dropsEmbedded: false) == nil)
        #expect(HTMLText.text(fromHTML: "Tom &#38 Jerry <b>x</b>") == "Tom & Jerry x")
        #expect(HTMLText.text(fromHTML: "Kim Jong Un&#8217s <b>letter</b>") == "Kim Jong Un’s letter")
        #expect(HTMLText.text(fromHTML: "a&#1;b&#;c&#xFFFE;d&#0;e <i>f</i>") == "abcde f")
        // Well-formed references stay on the one-pass reading.
        #expect(HTMLText.scanText(fromHTML: "Un&#8217;s &#x1F600; &#133;<i>x</i>", dropsEmbedded: false) == "Un’s 😀 …x")
    }

    /// An unquoted attribute value ends at whitespace: a quote inside it opens nothing
    /// (`href=x=" y>` ends the tag at that `>` for libxml2).
    @Test func quoteInsideUnquotedValueOpensNothing() {
        #expect(HTMLText.scanText(fromHTML: "<a href=x=\" y>Kim\">Jong <i>Un</i>", dropsEmbedded: false) == nil)
        #expect(HTMLText.text(fromHTML: "<a href=x=\" y>Kim\">Jong <i>Un</i>") == "Kim\">Jong Un")
        #expect(HTMLText.scanText(fromHTML: "<a href=x>Kim</a> <a title = \"a>b\" href=y=z>Jong</a>", dropsEmbedded: false) == "Kim Jong")
    }

    /// An end tag right at the start of a script's content is markup for libxml2 2.9: `</p>`
    /// closes the open paragraph (the script ends with it), and `</p` without `>` ends the reading.
    @Test func endTagAtTheStartOfScriptContent() {
        #expect(HTMLText.scanText(fromHTML: "<p>Kim<script></p>Jong</script>Un", dropsEmbedded: false) == nil)
        #expect(HTMLText.text(fromHTML: "<p>Kim<script></p>Jong</script>Un") == "Kim\nJongUn")
        #expect(HTMLText.text(fromHTML: "Kim <style></p</style>Jong <b>Un</b>") == "Kim")
        #expect(HTMLText.scanText(fromHTML: "Kim<script></script> Jong<style>x</p></style> Un", dropsEmbedded: false) == "Kim Jong Un")
    }

    /// libxml2 names `<o:p>` `p` but matches end tags by the name as written: `</P>` does not
    /// close an `<o:p>`, nor `</o:p>` a `<p>`.
    @Test func prefixedEndTagsMatchTheNameAsWritten() {
        #expect(HTMLText.scanText(fromHTML: "<o:p>Kim</P>Jong <b>Un</b>", dropsEmbedded: false) == nil)
        #expect(HTMLText.text(fromHTML: "<o:p>Kim</P>Jong <b>Un</b>") == "KimJong Un")
        #expect(HTMLText.text(fromHTML: "<p class=x>Kim</o:p>Jong <b>Un</b>") == "KimJong Un")
        #expect(HTMLText.text(fromHTML: "<p>Kim<o:p></o:p></p>Jong") == "Kim\nJong")
    }

    /// An inline end tag whose element was opened outside the innermost open block closes that
    /// block in libxml2 (a line break: no words squeezed together), and a cell is not ended
    /// implicitly while an inline element is open inside it.
    @Test func inlineEndTagsThatCloseBlocks() {
        #expect(HTMLText.scanText(fromHTML: "<span><p>Kim</span>Jong", dropsEmbedded: false) == nil)
        #expect(HTMLText.text(fromHTML: "<span><p>Kim</span>Jong") == "Kim\nJong")
        #expect(HTMLText.text(fromHTML: "<font><p>Kim</font>Jong <b>Un</b>") == "Kim\nJong Un")
        #expect(HTMLText.text(fromHTML: "<td>Kim<object><td>Jong") == "KimJong")
        #expect(HTMLText.scanText(fromHTML: "<p>Kim <b>Jong</b> <img src=x><i>Un</i></p><span>visits</span>", dropsEmbedded: false)
            == "Kim Jong Un\nvisits")
    }
}
