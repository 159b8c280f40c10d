import SeedwatchCore
import Testing

/// Encodings decoded through glibc's iconv (EUC-KR here): an invalid byte becomes U+FFFD, is
/// counted, and never takes a valid character with it.
@Suite struct IconvDecodingTests {
    static let eucKR = CharsetDecoder.Encoding.other("EUC-KR")

    @Test func validEUCKRIsDecoded() {
        // 북한 (North Korea) in EUC-KR (KS X 1001): B9 CF C7 D1.
        let decoded = CharsetDecoder.decode([0x41, 0xBA, 0xCF, 0xC7, 0xD1, 0x42], as: Self.eucKR)
        #expect(decoded.text == "A북한B")
        #expect(decoded.invalidBytes == 0)
    }

    @Test func anInvalidByteBecomesAReplacementCharacterAndTheNextCharacterStays() {
        let decoded = CharsetDecoder.decode([0x41, 0xFF, 0x42, 0x43], as: Self.eucKR)
        #expect(decoded.text == "A\u{FFFD}BC")
        #expect(decoded.invalidBytes == 1)
    }

    @Test func aSequenceCutOffAtTheEndBecomesOneReplacementCharacter() {
        let decoded = CharsetDecoder.decode([0x41, 0xBA], as: Self.eucKR)
        #expect(decoded.text == "A\u{FFFD}")
        #expect(decoded.invalidBytes == 1)
    }
}
