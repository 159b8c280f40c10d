import Foundation
import SeedwatchTesting
import Testing
@testable import SeedwatchCore

@Suite("Pattern automaton")
struct PatternAutomatonTests {
    /// Every (pattern, end) pair found by a naive search.
    static func naive(_ patterns: [[UInt8]], _ text: [UInt8]) -> Set<[Int]> {
        var found: Set<[Int]> = []
        for (index, p) in patterns.enumerated() where p.count <= text.count {
            for start in 0...(text.count - p.count) where Array(text[start..<start + p.count]) == p {
                found.insert([index, start + p.count])
            }
        }
        return found
    }

    @Test func reportsEveryOccurrenceOnceAcrossTheInterleavedHalves() {
        let patterns: [[UInt8]] = ["he", "she", "his", "hers", "a", "aaaa", "abcabcabc", "xyz"].map { Array($0.utf8) }
        let automaton = PatternAutomaton(patterns: patterns)
        // Seeded, so that every run scans the same texts; SEEDWATCH_TEST_SEED=N tries other ones,
        // and a failure names the seed that replays it.
        let seed = ProcessInfo.processInfo.environment["SEEDWATCH_TEST_SEED"].flatMap { UInt64($0) } ?? 20_261_206
        print("PatternAutomatonTests: random texts from seed \(seed)")
        var generator = SplitMix64(state: seed)
        let alphabet = Array("abcehirsxyz ".utf8)
        // Lengths around the interleave threshold and the middle split included.
        for length in [0, 1, 5, 255, 256, 257, 300, 511, 1000, 4097] {
            for _ in 0..<5 {
                let text = (0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
                var reported: [[Int]] = []
                text.withUnsafeBufferPointer { buffer in
                    automaton.scan(buffer) { reported.append([$0, $1]) }
                }
                #expect(reported.count == Set(reported).count, "an occurrence was reported twice (seed \(seed), length \(length))")
                #expect(Set(reported) == Self.naive(patterns, text), "seed \(seed), length \(length)")
            }
        }
    }

    @Test("word-start patterns: only where the text starts or a byte other than an ASCII letter or digit precedes")
    func wordStartPatternsFollowNoLetterOrDigit() {
        let patterns: [[UInt8]] = ["un", "kim", "kim jong un", "xi", "x", "'s", "n.", "\u{00E9}t\u{00E9}", "jong", "a-b"].map { Array($0.utf8) }
        let wordStart = [true, true, true, true, false, true, true, true, false, true]
        let automaton = PatternAutomaton(patterns: patterns, wordStart: wordStart)
        let seed = ProcessInfo.processInfo.environment["SEEDWATCH_TEST_SEED"].flatMap { UInt64($0) } ?? 20_261_215
        var generator = SplitMix64(state: seed)
        let pieces = ["un", "kim", " ", "jong", "xi", "x", "'s", "n.", "\u{00E9}t\u{00E9}", "a", "b", "-", "9", "\u{00E9}", "Q"]
        for length in [0, 1, 5, 100, 256, 257, 300, 511, 1000, 4097] {
            for _ in 0..<5 {
                var text: [UInt8] = []
                while text.count < length { text += Array(pieces[Int.random(in: 0..<pieces.count, using: &generator)].utf8) }
                var reported: [[Int]] = []
                text.withUnsafeBufferPointer { buffer in
                    automaton.scan(buffer) { reported.append([$0, $1]) }
                }
                let expected = Self.naive(patterns, text).filter { hit in
                    let start = hit[1] - patterns[hit[0]].count
                    return !wordStart[hit[0]] || start == 0 || !PatternAutomaton.isWordByte(text[start - 1])
                }
                #expect(reported.count == Set(reported).count, "an occurrence was reported twice (seed \(seed), length \(text.count))")
                #expect(Set(reported) == expected, "seed \(seed), length \(text.count)")
            }
        }
        let text = Array("kimchi, Kim un; fund kim jong un unkim".utf8)
        var ends: [[Int]] = []
        text.withUnsafeBufferPointer { automaton.scan($0) { ends.append([$0, $1]) } }
        // "kim" at 0 (the text's start) and 21, not inside "unkim"; "un" at 12, 30 and 33, not inside "fund";
        // "kim jong un" at 21; "jong", not word-start, anywhere.
        #expect(Set(ends) == [[1, 3], [0, 14], [1, 24], [8, 29], [2, 32], [0, 32], [0, 35]])
    }

    @Test func countsOverlappingOccurrences() {
        let automaton = PatternAutomaton(patterns: [Array("aa".utf8)])
        let text = Array(String(repeating: "a", count: 600).utf8)
        let count = text.withUnsafeBufferPointer { automaton.countOccurrences($0) }
        #expect(count == 599)
    }
}
