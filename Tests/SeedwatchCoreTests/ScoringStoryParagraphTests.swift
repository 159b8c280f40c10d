import Foundation
@testable import SeedwatchCore
import Testing

/// A paragraph on the story inside a long piece (issue 8, seventh round), each a liveblog of our own:
/// an entry that names two core states together once and then each of them again is a paragraph on
/// their relation, and a paragraph on the story counts in full, without the length factor.
@Suite("Scoring: a paragraph on the story in a long piece")
struct ScoringStoryParagraphTests {
    static func decide(_ title: String, _ body: [String]) throws -> Decision {
        try ShippedModel.scorer.score(ShippedModel.matcher.match(Article(title: title, body: body.joined(separator: "\n"))))
    }

    /// Sentences with no actor and no topic term: the rest of a conference liveblog.
    static func filler(_ range: ClosedRange<Int>) -> [String] {
        range.map { "Panel \($0) discussed city budgets and public transport." }
    }

    /// The foreign minister's entry on China buying Russian gas, in a liveblog of 44 sentences: the
    /// first sentence names both, the next ones China, then Russia.
    static let entry = [
        "China's foreign minister said his country would not put pressure on Russia by cutting its gas purchases.",
        "If China did not buy gas from Russia, who would meet the needs of the Chinese people, he asked.",
        "He said the issue was being used to keep China down.",
        "The minister called relations with Russia a strategic partnership.",
    ]

    /// Before: no level (the subject test found two core states together in 2 of 44 sentences, and
    /// every point after the lead shrank by √(30 / 44) = 0.83).
    @Test func anEntryOnTwoCoreStatesIsAParagraphOnTheStory() throws {
        let d = try Self.decide("Security conference live: Vance criticises Europe", Self.filler(1...20) + Self.entry + Self.filler(25...44))
        #expect(d.explanation.map(\.description) == [
            "sentences 21, 22, 23, 24: a paragraph on the story, counted in full (no length factor) +0.0",
            "state russia in sentence 21 +1.0", "state russia in sentence 22 +1.0", "state russia in sentence 24 +1.0",
            "state china in sentence 21 +1.0", "state china in sentence 22 +1.0", "state china in sentence 23 +1.0",
            "sentence 21: russia_nk_alliance \"foreign minister\" +1.0", "sentence 22: russia_nk_alliance \"meet\" +0.5",
            "sentence 24: russia_nk_alliance \"strategic partnership\" +3.0",
            "energy_trade not counted: no core state in the title and no key state in the title or lead +0.0",
            "sentence 21: china+russia with russia_nk_alliance +4.0", "sentence 22: china+russia with russia_nk_alliance +4.0",
        ])
        #expect(d.score == 18.5)
        #expect(d.level == .alert)
    }

    /// One sentence pairing China and Russia in a long piece, with China named once more, is a passing
    /// mention: no paragraph, no subject, no level.
    @Test func onePairingSentenceIsNoParagraph() throws {
        let d = try Self.decide("Security conference live: Vance criticises Europe", Self.filler(1...20) + [
            "China's foreign minister said his country would not put pressure on Russia by cutting its gas purchases.",
            "He said the issue was being used to keep China down.",
        ] + Self.filler(23...44))
        #expect(d.explanation.map(\.description) == [
            "state russia in sentence 21 (× 0.83 for length: √(30 / 44 body sentences)) +0.83",
            "state china in sentence 21 (× 0.83 for length: √(30 / 44 body sentences)) +0.83",
            "state china in sentence 22 (× 0.83 for length: √(30 / 44 body sentences)) +0.83",
            "sentence 21: russia_nk_alliance \"foreign minister\" (× 0.83 for length: √(30 / 44 body sentences)) +0.83",
            "energy_trade not counted: no core state in the title and no key state in the title or lead +0.0",
            "sentence 21: china+russia with russia_nk_alliance (× 0.83 for length: √(30 / 44 body sentences)) +3.3",
        ])
        #expect(d.score == 6.61)
        #expect(d.level == nil)
    }

    /// North Korea in 3 of 6 sentences of a long piece: the paragraph counts in full (13 points, 10.73
    /// before at × 0.83), and its sentences that do not name North Korea are no part of it.
    @Test func aNorthKoreaParagraphCountsInFull() throws {
        let d = try Self.decide("Security conference live: Vance criticises Europe", Self.filler(1...30) + [
            "South Korea's defence minister said North Korean troops were fighting in Kursk.",
            "He said about 11,000 soldiers had been sent.",
            "North Korea has received missile technology in return, he said.",
            "Pyongyang denies sending troops.",
        ] + Self.filler(35...44))
        #expect(d.explanation.map(\.description) == [
            "sentences 31, 33, 34: a paragraph on the story, counted in full (no length factor) +0.0",
            "state north_korea in sentence 31 +1.0", "state north_korea in sentence 33 +1.0", "state north_korea in sentence 34 +1.0",
            "state south_korea in sentence 31 +0.5",
            "sentence 31: ukraine_war \"Kursk\" +2.0", "sentence 31: regional_security \"defence\" +1.0",
            "sentence 33: arms_transfer \"missile technology\" +3.0", "sentence 34: ukraine_war \"troops\" +1.5",
            "sentence 31: north_korea+south_korea with ukraine_war,regional_security +2.0",
        ])
        #expect(d.score == 13)
    }
}
