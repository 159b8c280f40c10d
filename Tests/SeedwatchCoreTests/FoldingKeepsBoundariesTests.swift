import Testing
@testable import SeedwatchCore

/// The matcher reads word boundaries in the folded text (``NormalizedText/folded``) instead of the
/// normalised one: folding must leave every neighbour of a match what it was for
/// ``WordBoundary/separates(_:from:)``: ASCII or not, a word character or not, and of the same
/// script class. Checked for every scalar the normaliser folds.
@Suite("Folding keeps word boundaries")
struct FoldingKeepsBoundariesTests {
    struct Reading: Equatable, CustomStringConvertible {
        var ascii: Bool
        var word: Bool
        var script: WordBoundary.ScriptClass
        init(_ s: Unicode.Scalar) {
            ascii = s.value < 0x80
            word = WordBoundary.isWordCharacter(s)
            script = WordBoundary.scriptClass(s)
        }
        var description: String { "ascii \(ascii), word \(word), \(script)" }
    }

    @Test("every scalar the normaliser folds reads the same on both sides")
    func everyFoldedScalar() {
        var folded = 0
        var differing: [String] = []
        for v in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let bytes: [UInt8]
            if v < 0x80 {
                bytes = [Normalizer.foldASCII(UInt8(v))]
            } else {
                bytes = NormalizerCache.Entry([scalar]).folded
            }
            let original = Array(String(scalar).utf8)
            guard bytes != original else { continue }
            folded += 1
            let first = bytes.withUnsafeBufferPointer { WordBoundary.decode(at: 0, in: $0) }
            let last = bytes.withUnsafeBufferPointer { WordBoundary.scalar(before: $0.count, in: $0) }
            #expect(bytes.count == original.count)
            for side in [first, last] where side.map(Reading.init) != Reading(scalar) {
                differing.append("U+\(String(v, radix: 16, uppercase: true)) \(Reading(scalar)) → \(side.map { "\(Reading($0))" } ?? "nil")")
            }
        }
        #expect(differing == [])
        // Not vacuous: the 26 capitals, `-`, and the capitals of Latin, Greek, Cyrillic and other scripts.
        #expect(folded > 1_000)
    }
}
