import Testing
@testable import SeedwatchCore

/// The normaliser's byte path: runs of ASCII written at once, beside the characters that need the
/// slow path (combining marks, NFKC candidates, invisible characters, non-ASCII spaces).
@Suite("Normaliser byte runs")
struct NormalizerByteRunTests {
    // "Ab`c␠␠D-e" NBSP "x" U+0301 "Y␠" U+FB01 U+200B "z": UTF-8 offsets 0–3 "Ab`c", 4–5 spaces,
    // 6–8 "D-e", 9–10 NBSP, 11 "x", 12–13 U+0301, 14 "Y", 15 space, 16–18 U+FB01, 19–21 U+200B, 22 "z".
    static let tricky = "Ab`c  D-e\u{00A0}x\u{0301}Y \u{FB01}\u{200B}z"

    @Test func runsAndSlowPathsWriteOneText() {
        let n = Normalizer.normalize(Self.tricky)
        #expect(String(decoding: n.bytes, as: UTF8.self) == "Ab'c D-e x\u{0301}Y fiz")
        #expect(String(decoding: n.folded, as: UTF8.self) == "ab'c d e x\u{0301}y fiz")
        #expect(n.bytes.count == 17)
    }

    @Test func everyNormalisedByteMapsToItsOriginalUTF8Offset() {
        let n = Normalizer.normalize(Self.tricky)
        // The space at 8 comes from the NBSP at 9; "fi" (14, 15) from U+FB01 at 16; U+0301's two bytes
        // (10, 11) and the x before it map to their own scalars; the end maps to the text's 23 bytes.
        #expect(n.originalOffsets == [0, 1, 2, 3, 4, 6, 7, 8, 9, 11, 11, 11, 14, 15, 16, 16, 22, 23])
        #expect(n.originalRange(5, 8) == 6..<9)
        // "fi" and the U+200B removed after it, up to the z.
        #expect(n.originalRange(14, 16) == 16..<22)
        #expect(n.originalRange(16, 17) == 22..<23)
    }

    @Test func theOffsetMapHasAnEntryOnlyWhereTheShiftChanges() {
        let n = Normalizer.normalize(Self.tricky)
        #expect(n.mapNormalized == [0, 5, 9, 10, 12, 15, 16])
        #expect(n.mapOriginal == [0, 6, 11, 11, 14, 16, 22])
        // A text of ASCII words and single spaces needs one entry, however long.
        let plain = Normalizer.normalize(String(repeating: "Kim Jong Un met Putin. ", count: 1000))
        #expect(plain.mapNormalized == [0])
        #expect(plain.folded.count == 23 * 1000 - 1)
    }

    @Test func aLoneWhiteSpaceByteInsideARunIsOneSpaceWithoutAMapEntry() {
        // Tab, line feed and carriage return between words are written as one space each, in the run;
        // two white space bytes collapse (a map entry), and white space before a non-ASCII byte is
        // held back as usual.
        let n = Normalizer.normalize("Kim\tJong\nUn\rmet Putin-Xi `x`  y \u{00E9}")
        #expect(String(decoding: n.bytes, as: UTF8.self) == "Kim Jong Un met Putin-Xi 'x' y \u{00E9}")
        #expect(String(decoding: n.folded, as: UTF8.self) == "kim jong un met putin xi 'x' y \u{00E9}")
        #expect(n.mapNormalized == [0, 29])
        #expect(n.mapOriginal == [0, 30])
        #expect(n.exceptionOffsets == [0, 4, 9, 16, 21, 22])
        #expect(n.exceptionBytes == Array("KJUP-X".utf8))
        #expect(n.originalRange(29, 30) == 30..<31)
    }

    @Test func capitalsAndHyphensAreTheOnlyExceptions() {
        let n = Normalizer.normalize(Self.tricky)
        #expect(n.exceptionOffsets == [0, 5, 6, 12])
        #expect(n.exceptionBytes == Array("AD-Y".utf8))
    }

    @Test func aTextThatOutgrowsItsLengthIsWrittenAgain() {
        // U+FDFA is 3 bytes and its NFKC form 33, which the first pass has no room for.
        let n = Normalizer.normalize("Kim Jong Un \u{FDFA} Putin")
        #expect(String(decoding: n.bytes, as: UTF8.self)
            == "Kim Jong Un \u{635}\u{644}\u{649} \u{627}\u{644}\u{644}\u{647} \u{639}\u{644}\u{64A}\u{647} \u{648}\u{633}\u{644}\u{645} Putin")
        #expect(n.originalOffset(n.folded.count - 5) == 16)
        #expect(n.originalOffset(12) == 12)
    }

    @Test func anASCIILetterBeforeACombiningMarkIsOneCharacter() {
        // "Kime\u{0301}" is "Kimé": the e goes through NFKC with its mark (é, C3 A9).
        let n = Normalizer.normalize("Kime\u{0301} Xi")
        #expect(n.bytes == [0x4B, 0x69, 0x6D, 0xC3, 0xA9, 0x20, 0x58, 0x69])
        #expect(n.originalOffsets == [0, 1, 2, 3, 3, 6, 7, 8, 9])
    }
}
