import Foundation
@testable import SeedwatchCore
import Testing

/// Rules an analyst would write from the tuning sets' false alarms (issue 8, ninth round), each on a
/// short article of our own: two core states named only as the joint owners of a thing are no pair
/// (their aid, threats or policies may each concern a third party), a leader's titles belong to
/// the name when a list is read, and the entries of a ranking after a colon are list items.
@Suite("Scoring: joint owners, rankings, leaders with titles")
struct ScoringOwnersRankingsAndTitledListsTests {
    static func decide(_ title: String, _ body: [String]) throws -> Decision {
        try ShippedModel.scorer.score(ShippedModel.matcher.match(Article(title: title, body: body.joined(separator: "\n"))))
    }

    static func lines(_ d: Decision, _ rule: ScoreRule) -> [String] {
        d.explanation.filter { $0.rule == rule }.map(\.description)
    }

    /// "China and Russia's support for Iran": each supports Iran; nothing about a relation between
    /// them, so no pair and no subject (it was an alert at 26.0 on the title's 6 relation points).
    @Test func jointOwnersOfSupportAreNoPair() throws {
        let d = try Self.decide("China and Russia's support for Iran worries Washington",
                                ["US officials fear Tehran will receive new funds and parts."])
        #expect(Self.lines(d, .statesAsObjects) == ["title: china+russia named as the owners of \"support\": no pair +0.0"])
        #expect(Self.lines(d, .relationFactor).isEmpty)
        #expect(d.score == 20)
        #expect(d.level == nil)
    }

    /// The Italian genitive, with the elided article dropped from the owned word: "l'aiuto di Cina e
    /// Russia all'Iran" (it was an alert at 27.5).
    @Test func italianGenitiveOwnersAreNoPair() throws {
        let d = try Self.decide("L'aiuto di Cina e Russia all'Iran preoccupa Washington",
                                ["Gli Stati Uniti temono che Teheran riceva nuovi fondi e armi."])
        #expect(Self.lines(d, .statesAsObjects) == ["title: china+russia named as the owners of \"aiuto\": no pair +0.0"])
        #expect(d.score == 21.5)
        #expect(d.level == nil)
    }

    /// Owners of policies after "of", joined by a bare comma as an op-ed headline writes them ("the
    /// abortion policies of China, North Korea"): no pair (the sentence gave 2 relation points).
    @Test func ownersOfPoliciesJoinedByACommaAreNoPair() throws {
        let d = try Self.decide("Abortion debate returns to the Supreme Court", [
            "The justices heard arguments on Tuesday.",
            "Critics compared the law with the harsh abortion policies of China, North Korea and Iran.",
            "Others cited the policies of China, North Korea.",
        ])
        #expect(Self.lines(d, .statesAsObjects) == ["sentence 3: china+north_korea named as the owners of \"policies\": no pair +0.0"])
        #expect(d.score == 8)
        #expect(d.level == nil)
    }

    /// A relation, the leaders, their forces or drills after the possessive keep the pair: "China and
    /// Russia's alliance deepens" is the story.
    @Test func ownersOfARelationStillActTogether() throws {
        let d = try Self.decide("China and Russia's alliance deepens", ["US officials are worried about the two countries."])
        #expect(Self.lines(d, .statesAsObjects).isEmpty)
        #expect(Self.lines(d, .pairPoints) == ["title: china+russia with russia_nk_alliance +6.0"])
        #expect(d.score == 33)
        #expect(d.level == .alert)
        let text = "China and Russia's naval drills began. The leaders of Russia and China met."
        let bytes = ExtractedTextBytes(text: text)
        func range(_ word: String, after: Int = 0) -> Range<Int> {
            let u = Array(text.utf8), w = Array(word.utf8)
            let start = (after...(u.count - w.count)).first { Array(u[$0..<($0 + w.count)]) == w }!
            return start..<(start + w.count)
        }
        #expect(CoordinatedStates.jointOwned(utf8: bytes, range("China"), range("Russia")) == nil)
        let russia = range("Russia", after: 40)
        #expect(CoordinatedStates.jointOwned(utf8: bytes, russia, range("China", after: russia.upperBound)) == nil)
    }

    /// Leaders with their titles are one item each: "Trump, Russia President Vladimir Putin and
    /// Chinese leader Xi Jinping" and "President Biden, President Xi and President Putin" are lists of
    /// three (the title was an alert at 26.0 on 6 relation points).
    @Test func leadersWithTitlesAreItemsOfAList() throws {
        let d = try Self.decide("Poll: voters rate Trump, Russia President Vladimir Putin and Chinese leader Xi Jinping", [
            "A new survey asked voters in ten countries about world leaders.",
            "Most rated President Biden, President Xi and President Putin below their own prime ministers.",
        ])
        #expect(Self.lines(d, .listedStates) == [
            "title: china, russia named as items of a list: no pair +0.0",
            "sentence 2: china, russia named as items of a list: no pair +0.0",
        ])
        #expect(d.score == 20)
        #expect(d.level == nil)
    }

    /// Two leaders with titles and nothing else are still a pair: "President Xi and President Putin
    /// meet in Moscow".
    @Test func twoTitledLeadersStillActTogether() throws {
        let d = try Self.decide("President Xi and President Putin meet in Moscow", ["The two leaders held talks on Tuesday."])
        #expect(Self.lines(d, .listedStates).isEmpty)
        #expect(Self.lines(d, .pairPoints) == ["title: china+russia with russia_nk_alliance +6.0"])
        #expect(d.score == 29.25)
        #expect(d.level == .alert)
    }

    /// Entries of a ranking after a colon are list items, whatever stands between them ("The world's
    /// largest economies: China second, Russia eleventh" was an alert at 26.0); a colon without a
    /// ranking word keeps the pair.
    @Test func entriesOfARankingAreListItems() throws {
        let d = try Self.decide("The world's largest economies: China second, Russia eleventh",
                                ["The fund published its yearly table on Tuesday."])
        #expect(Self.lines(d, .listedStates) == ["title: china, russia named as items of a list: no pair +0.0"])
        #expect(d.score == 20)
        #expect(d.level == nil)
        let control = try Self.decide("Russia and China: a friendship without limits", ["The fund published its yearly table on Tuesday."])
        #expect(Self.lines(control, .pairPoints) == ["title: china+russia with russia_nk_alliance +6.0"])
        #expect(control.score == 31.25)
        #expect(control.level == .alert)
    }
}
