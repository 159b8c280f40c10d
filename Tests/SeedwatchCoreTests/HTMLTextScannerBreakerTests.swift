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
}
