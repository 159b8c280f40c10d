import Foundation
import SeedwatchTesting
import Testing
@testable import SeedwatchCore

/// The matcher resolves overlapping occurrences as the automaton reports them
/// (``StreamingOverlaps``), holding only the kept ones: the kept occurrences, and their order, must
/// be those of the batch resolution over all of them (``Matcher/resolveOverlaps(_:targets:)``).
@Suite("Overlap resolution as occurrences arrive")
struct StreamingOverlapsTests {
    typealias Hit = Matcher.Hit

    /// The kept occurrences of `arrivals` (in the automaton's report order) resolved as they arrive.
    static func streamed(_ arrivals: [Hit], targets: [AliasTable.Target], maxLength: Int, split: Int) -> [Hit] {
        var resolver = StreamingOverlaps(targets: targets, maxLength: maxLength, split: split)
        var first: [Hit] = [], second: [Hit] = []
        let keep = { (h: Hit, afterCut: Bool) in if afterCut { second.append(h) } else { first.append(h) } }
        for h in arrivals { resolver.add(h, keep) }
        resolver.finish(keep)
        return first + second
    }

    static func batch(_ arrivals: [Hit], targets: [AliasTable.Target]) -> [Hit] {
        var hits = arrivals
        return Matcher.resolveOverlaps(&hits, targets: targets)
    }

    static func same(_ a: [Hit], _ b: [Hit]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.start == $1.start && $0.length == $1.length && $0.pattern == $1.pattern }
    }

    /// Random occurrences of `patterns` in a text of `n` bytes, in an order the automaton may report
    /// them in: each stream (ends up to `split`, ends after it) by end, the occurrences of one end
    /// together, the two streams interleaved at random.
    static func arrivals(_ rng: inout SplitMix64, n: Int, split: Int, lengths: [Int], density: Int) -> [Hit] {
        var first: [Hit] = [], second: [Hit] = []
        for end in 1...n {
            for p in lengths.indices where lengths[p] <= end && Int(rng.next() % UInt64(density)) == 0 {
                let hit = Hit(start: end - lengths[p], pattern: Int32(p), length: Int32(lengths[p]))
                if end <= split { first.append(hit) } else { second.append(hit) }
            }
        }
        var out: [Hit] = []
        var i = 0, j = 0
        while i < first.count || j < second.count {
            if j == second.count || (i < first.count && rng.next() % 2 == 0) {
                out.append(first[i])
                i += 1
            } else {
                out.append(second[j])
                j += 1
            }
        }
        return out
    }

    @Test("3,000 seeded random reports, one stream and two, equal the batch resolution")
    func randomReports() {
        var rng = SplitMix64(state: 1515)
        // Two aliases of one target, an exclusion, terms: the group rules of a shared span are exercised.
        let targets: [AliasTable.Target] = [.alias(actor: 0, alias: 0), .alias(actor: 0, alias: 0), .alias(actor: 1, alias: 0),
                                            .exclusion(0), .alias(actor: 2, alias: 1), .exclusion(1), .term(topic: 0, term: 0)]
        var mismatches = 0
        for round in 0..<3000 {
            let lengths = targets.indices.map { _ in 1 + Int(rng.next() % 9) }
            let maxLength = lengths.max()!
            let n = 1 + Int(rng.next() % 400)
            let split = round % 3 == 0 ? Int.max : max(0, n / 2 + Int(rng.next() % 7) - 3)
            let reports = Self.arrivals(&rng, n: n, split: split, lengths: lengths, density: 1 + Int(rng.next() % 12))
            let expected = Self.batch(reports, targets: targets)
            let got = Self.streamed(reports, targets: targets, maxLength: maxLength, split: split)
            if !Self.same(expected, got) {
                mismatches += 1
                if mismatches <= 3 { Issue.record("round \(round): n \(n), split \(split): \(got.count) kept, batch \(expected.count)") }
            }
        }
        #expect(mismatches == 0)
    }

    @Test("the shipped model's occurrences in a long text, reported by the interleaved scan, resolve as in the batch")
    func shippedModelScan() throws {
        let matcher = try ShippedModel.matcher
        let table = matcher.table
        let line = "Kim Jong Un and Kim met Xi Jinping; North Korea, South Korea and the Korean peninsula. Xi'an hosts Putin's "
            + "Russia-North Korea defence treaty talks, sanctions on Pyongyang and Moscow. "
        for repeats in [1, 2, 3, 7, 40] {
            let text = String(repeating: line, count: repeats)
            let normalized = Normalizer.normalize(text)
            for language in ["en", nil] as [String?] {
                var reports: [Hit] = []
                table.forEachOccurrence(in: normalized, language: language) { index, start, end in
                    reports.append(Hit(start: start, pattern: Int32(index), length: Int32(end - start)))
                }
                let split = table.streamSplit(count: normalized.folded.count, language: language) ?? Int.max
                for side in [true, false] {
                    let sideReports = reports.filter { h in
                        if case .term = table.targets[Int(h.pattern)] { return !side }
                        return side
                    }
                    let expected = Self.batch(sideReports, targets: table.targets)
                    let got = Self.streamed(sideReports, targets: table.targets, maxLength: matcher.maxPatternLength, split: split)
                    #expect(Self.same(expected, got), "\(repeats) lines, language \(language ?? "none"), actors \(side)")
                    #expect(!expected.isEmpty)
                }
            }
        }
    }

    @Test("mentions and term hits, held in 8 bytes until the text is released, keep the ranges of the normalised text")
    func keptOccurrenceRanges() throws {
        let matcher = try ShippedModel.matcher
        let table = matcher.table
        // Full-width letters, soft hyphens, non-ASCII dashes, runs of spaces, ligatures and NFKC
        // expansions move the original offsets away from the normalised ones.
        let lines = [
            "Kim Jong Un and Kim met Xi Jinping; North Korea\u{00AD}'s sanctions, the Korean peninsula.",
            "\u{FF30}\u{FF55}\u{FF54}\u{FF49}\u{FF4E} and Kim Jong\u{2011}un   signed a  mutual\u{00A0}defence treaty in ﬁnal talks.",
            "Xi'an; Russia\u{2014}North Korea ㎏ ½ Ⅻ military help despite sanctions, Pyongyang and Moscow.",
        ]
        for repeats in [1, 5, 300] {
            let text = String(repeating: lines.joined(separator: "\n"), count: repeats)
            let normalized = Normalizer.normalize(text)
            for language in ["en", nil] as [String?] {
                var reports: [Hit] = []
                table.forEachOccurrence(in: normalized, language: language) { index, start, end in
                    reports.append(Hit(start: start, pattern: Int32(index), length: Int32(end - start)))
                }
                var actors = reports.filter { if case .term = table.targets[Int($0.pattern)] { return false }; return true }
                var terms = reports.filter { if case .term = table.targets[Int($0.pattern)] { return true }; return false }
                let expectedMentions: [(Int, Int, Range<Int>)] = Matcher.resolveOverlaps(&actors, targets: table.targets).compactMap { h in
                    guard case .alias(let a, let i) = table.targets[Int(h.pattern)] else { return nil }
                    return (a, i, normalized.originalRange(h.start, h.end))
                }
                let expectedTerms: [(Int, Int, Range<Int>)] = Matcher.resolveOverlaps(&terms, targets: table.targets).compactMap { h in
                    guard case .term(let t, let i) = table.targets[Int(h.pattern)] else { return nil }
                    return (t, i, normalized.originalRange(h.start, h.end))
                }
                let found = matcher.match(text: text, hasTitle: false, language: language)
                #expect(found.termHits.map { "\($0.topic) \($0.term) \($0.range)" } == expectedTerms.map { "\($0.0) \($0.1) \($0.2)" })
                // Weak mentions nothing confirms are dropped: the rest is the expected list in order.
                var rest = expectedMentions[...]
                for m in found.mentions {
                    while let e = rest.first, (e.0, e.1, e.2) != (m.actor, m.alias, m.range) { rest = rest.dropFirst() }
                    #expect(!rest.isEmpty, "mention \(m.actor) \(m.alias) \(m.range) not expected")
                    rest = rest.dropFirst()
                }
                #expect(found.mentions.count + found.unconfirmedWeakMentions == expectedMentions.count)
                #expect(found.mentions.count > 3 * repeats)
            }
        }
    }
}
