import Testing
@testable import SeedwatchCore

/// The eight-byte tests of the plain-text hot loops (``ASCIIWord``) against their byte-by-byte
/// definitions, and the loops that use them on ASCII text whose white space, capitals, `-` and
/// `` ` `` fall on every offset of a block: the normaliser and the line clean-up write what their
/// rules say, and map every byte back to its original offset.
@Suite("ASCII words")
struct ASCIIWordTests {
    /// A small generator, so that failures repeat.
    struct Bytes {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33) % bound
        }
    }

    static let alphabet: [UInt8] = Array("aZq7 -`\t\u{0B}\r.".utf8)

    @Test func masksMatchEachByte() {
        var random = Bytes(state: 7)
        for _ in 0..<20_000 {
            let bytes = (0..<8).map { _ in UInt8(random.next(0x80)) }
            let word = bytes.withUnsafeBufferPointer { ASCIIWord($0.baseAddress!) }
            for (k, b) in bytes.enumerated() {
                let bit = { (mask: UInt64) in mask >> (8 * k + 7) & 1 == 1 }
                #expect(bit(word.equal(0x2D)) == (b == 0x2D))
                #expect(bit(word.inRange(0x41, 0x5A)) == (b >= 0x41 && b <= 0x5A))
                #expect(bit(word.asciiSpace) == Normalizer.isASCIISpace(b))
                #expect(!bit(word.nonASCII))
            }
        }
        let high: [UInt8] = [0x80, 0xE3, 0xEF, 0x2E, 0xFF, 0x0A, 0xC2, 0xA0]
        let word = high.withUnsafeBufferPointer { ASCIIWord($0.baseAddress!) }
        #expect(word.equal(0xE3) == 0x80 << 8)
        #expect(word.equal(0x0A) == 0x80 << 40)
        #expect(ASCIIWord.firstByte(word.equal(0x2E)) == 3)
        #expect(word.nonASCII == 0x8080_0080_0080_8080)
    }

    @Test func normalisedASCIIIsWhatTheRulesSay() {
        var random = Bytes(state: 11)
        for _ in 0..<3_000 {
            let text = (0..<random.next(40)).map { _ in Self.alphabet[random.next(Self.alphabet.count)] }
            let n = Normalizer.normalize(String(decoding: text, as: UTF8.self))
            // White space runs as one space, none at the ends; `` ` `` as `'`; folded: lower case, `-` as a space.
            var bytes: [UInt8] = [], offsets: [Int32] = []
            var pending = -1
            for (i, b) in text.enumerated() {
                if Normalizer.isASCIISpace(b) {
                    if pending < 0 { pending = i }
                    continue
                }
                if pending >= 0 && !bytes.isEmpty { bytes.append(0x20); offsets.append(Int32(pending)) }
                pending = -1
                bytes.append(b == 0x60 ? 0x27 : b)
                offsets.append(Int32(i))
            }
            let folded = bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 == 0x2D ? 0x20 : $0 }
            #expect(n.bytes == bytes, "\(text)")
            #expect(n.folded == folded, "\(text)")
            #expect(n.originalOffsets == offsets + [Int32(text.count)], "\(text)")
        }
    }

    @Test func collapsedLinesAreWhatTheRulesSay() {
        var random = Bytes(state: 13)
        for _ in 0..<3_000 {
            let line = (0..<random.next(40)).map { _ in Self.alphabet[random.next(Self.alphabet.count)] }
                .filter { $0 != 0x0D }
            let collapsed = TextLines.collapse(String(decoding: line, as: UTF8.self))
            let words = line.split(whereSeparator: Normalizer.isASCIISpace).map { String(decoding: $0, as: UTF8.self) }
            #expect(collapsed == words.joined(separator: " "), "\(line)")
        }
    }
}
