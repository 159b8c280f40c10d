import Testing
@testable import SeedwatchCore

@Suite("UTF-8 repair (invalid bytes read as Windows-1252)")
struct UTF8RepairTests {
    private func repaired(_ bytes: [UInt8]) -> (bytes: [UInt8], invalidBytes: Int) {
        bytes.withUnsafeBufferPointer { UTF8Repair.repaired($0) }
    }

    @Test func validTextIsKeptByteForByte() {
        let text = Array("Pyongyang £5 “quoted” 平壤 😀 Ki\u{0301}m".utf8)
        #expect(repaired(text).bytes == text)
        #expect(repaired(text).invalidBytes == 0)
    }

    @Test func loneLatin1AndWindows1252BytesBecomeTheirScalars() {
        // 0xA3 alone is "£" in Windows-1252 (C2 A3); 0x92 is "’" (E2 80 99); 0x80 is "€" (E2 82 AC);
        // 0x81 is unassigned and kept as the C1 control U+0081 (C2 81).
        let input: [UInt8] = [0x41, 0xA3, 0x35, 0x20, 0x92, 0x80, 0x81, 0x42]
        #expect(repaired(input).bytes == [0x41, 0xC2, 0xA3, 0x35, 0x20, 0xE2, 0x80, 0x99, 0xE2, 0x82, 0xAC, 0xC2, 0x81, 0x42])
        #expect(repaired(input).invalidBytes == 4)
    }

    @Test func invalidSequencesAreReadByteByByte() {
        // Overlong C0 80, a surrogate ED A0 80, a truncated E2 82 at the end, F5 (above U+10FFFF).
        let input: [UInt8] = [0xC0, 0x80, 0x2E, 0xED, 0xA0, 0x80, 0x2E, 0xF5, 0x80, 0x80, 0x80, 0x2E, 0xE2, 0x82]
        #expect(repaired(input).bytes == [0xC3, 0x80, 0xE2, 0x82, 0xAC, 0x2E,
                                          0xC3, 0xAD, 0xC2, 0xA0, 0xE2, 0x82, 0xAC, 0x2E,
                                          0xC3, 0xB5, 0xE2, 0x82, 0xAC, 0xE2, 0x82, 0xAC, 0xE2, 0x82, 0xAC, 0x2E,
                                          0xC3, 0xA2, 0xE2, 0x80, 0x9A])
        #expect(repaired(input).invalidBytes == 11)
    }

    @Test func decoderAndByteRepairAgree() {
        let input: [UInt8] = Array("Kim Jong Un spent ".utf8) + [0xA3] + Array("5m \u{2013} a ".utf8) + [0x93, 0x71, 0x94, 0xF0, 0x9F, 0x98]
        let decoded = CharsetDecoder.decode(input, as: .utf8)
        #expect(Array(decoded.text.utf8) == repaired(input).bytes)
        #expect(decoded.text == "Kim Jong Un spent £5m \u{2013} a \u{201C}q\u{201D}\u{F0}\u{178}\u{2DC}")
        #expect(decoded.invalidBytes == 6)
        #expect(Array(CharsetDecoder.decodeTextUTF8(input)) == repaired(input).bytes)
    }

    @Test func plainTextRepairedLineByLineEqualsTheWholeRepairedText() throws {
        // Stray bytes in the title, a no-break space (A0) and a soft hyphen (AD) that the line
        // collapse reads as a space and as invisible, a hyphen at a wrap, CR LF, a BOM, a 4-byte scalar.
        let input: [UInt8] = [0xEF, 0xBB, 0xBF, 0x0D, 0x0A] + Array("  Kim".utf8) + [0x92] + Array("s visit\n".utf8)
            + Array("\nTalks in Pyong".utf8) + [0xAD] + Array("yang,".utf8) + [0xA0, 0xA0] + Array("then a state-".utf8)
            + [0x0D, 0x0A] + Array("run dinner ".utf8) + [0x93] + Array("at once".utf8) + [0x94, 0x0D, 0x0D]
            + Array("\u{1F600} and £5 ".utf8) + [0xA3, 0xE2, 0x82] + Array("\n\n  \n".utf8) + [0x80]
        let (raw, needsRepair) = CharsetDecoder.textUTF8(input, declared: [nil])
        #expect(needsRepair)
        let lineByLine = raw.withUnsafeBufferPointer { PlainTextExtractor.extract(utf8: $0, repairing: true) }
        let whole = CharsetDecoder.decodeTextUTF8(input).withUnsafeBufferPointer { PlainTextExtractor.extract(utf8: $0) }
        #expect(lineByLine.title == whole.title)
        #expect(lineByLine.body == whole.body)
        #expect(lineByLine.title == "Kim\u{2019}s visit")
        let article = try ArticleExtractor.extract(Document(bytes: input, origin: .file(path: Array("a.txt".utf8)), nameHint: "a.txt"), as: .plainText)
        #expect(article.map(\.title) == [whole.title])
        #expect(article.map(\.body) == [whole.body])
    }
}
