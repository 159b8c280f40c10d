import Testing
@testable import SeedwatchCore

@Suite("Normaliser (DESIGN §5)")
struct NormalizerTests {
    private func normalized(_ s: String) -> String {
        String(decoding: Normalizer.normalize(s).bytes, as: UTF8.self)
    }

    private func folded(_ s: String) -> String {
        String(decoding: Normalizer.normalize(s).folded, as: UTF8.self)
    }

    @Test func apostrophesBecomeASCII() {
        #expect(normalized("Putin\u{2019}s \u{2018}x\u{02BC}y\u{02BB}z\u{FF07}w\u{00B4}v`u") == "Putin's 'x'y'z'w'v'u")
    }

    @Test func nfkcFoldsCompatibilityForms() {
        #expect(normalized("ＰＵＴＩＮ ﬁre") == "PUTIN fire")
    }

    @Test func invisibleCharactersAreRemoved() {
        #expect(normalized("Pyong\u{00AD}yang Ki\u{200B}m\u{200C}\u{200D}\u{2060}\u{FEFF}") == "Pyongyang Kim")
    }

    @Test func spacesCollapseToOne() {
        #expect(normalized("  Kim\u{00A0}Jong\u{202F}Un\t\n\n  met\u{3000}Putin  ") == "Kim Jong Un met Putin")
    }

    @Test func dashesBecomeHyphen() {
        #expect(normalized("Kim Jong\u{2011}Un \u{2013} \u{2014} \u{2212}") == "Kim Jong-Un - - -")
    }

    @Test func foldingLowercasesAndTreatsHyphenAsSpace() {
        #expect(folded("Kim Jong-Un ПУТИН") == "kim jong un путин")
        let n = Normalizer.normalize("Kim Jong-Un ПУТИН")
        #expect(n.bytes.count == n.folded.count)
    }

    @Test func offsetsMapBackToOriginalUTF8() {
        let text = "A\u{00A0}\u{00A0}Putin\u{2019}s"
        let n = Normalizer.normalize(text)
        // "A Putin's": P is at normalised byte 2; in the original it follows A (1 byte) and two NBSPs (2 bytes each).
        #expect(n.originalOffsets[2] == 5)
        #expect(n.originalRange(2, 7) == 5..<10)
        #expect(n.originalOffsets.last == Int32(text.utf8.count))
    }
}
