import Foundation
@testable import SeedwatchCore
import Testing

/// Rules an analyst would write from the tuning sets' errors (issue 8, eleventh round), each on a
/// short article of our own: states that abstain on a vote, dominate a market or are ranked against
/// each other do not act together; a state named only in the name of the war in Ukraine is not
/// named; backing one seed state gives another ("support for Moscow") is a relation term; luxury
/// goods to North Korea, "tactical nukes" and a leader's "tour" are topic terms; the Olympics are a
/// contest; a list may hedge its last item ("and possibly North Korea").
@Suite("Scoring: abstentions, rankings, the war's name, support, luxury goods")
struct ScoringAbstentionsWarNamesAndSupportTests {
    /// The shipped model's decision on a short article, and its explain lines of one rule (the
    /// helpers of the tenth round's suite).
    static func decide(_ title: String, _ body: [String]) throws -> Decision { try ScoringJointActionAndDemonymOwnersTests.decide(title, body) }
    static func lines(_ d: Decision, _ rule: ScoreRule) -> [String] { ScoringJointActionAndDemonymOwnersTests.lines(d, rule) }

    /// "as Russia and China abstain": each abstains on its own; no pair, so no subject and no level
    /// (it was an alert: a pair with the embargo's terms).
    @Test func statesThatAbstainDoNotActTogether() throws {
        let d = try Self.decide("UN extends arms embargo on Libya as Russia and China abstain",
                                ["The Security Council voted 13-0 to keep the embargo for another year."])
        #expect(Self.lines(d, .statesAsObjects) == ["title: china+russia named as subjects of \"abstain\" each on its own: no pair +0.0"])
        #expect(Self.lines(d, .pairPoints).isEmpty)
        #expect(d.score == 33.5)
        #expect(d.level == nil)
    }

    /// A ranking without a colon: one state overtaking the other, or two dominating a market, are rivals.
    @Test func rankedStatesDoNotActTogether() throws {
        let overtakes = try Self.decide("Russia overtakes China as top arms supplier to West Africa",
                                        ["A quarter of the weapons bought in the region now come from Moscow, a research institute said."])
        #expect(Self.lines(overtakes, .statesAsObjects) == ["title: china+russia named as subjects of \"overtakes\" each on its own: no pair +0.0"])
        #expect(overtakes.score == 19.5)
        #expect(overtakes.level == nil)
        let dominate = try Self.decide("Beijing and Moscow dominate global reactor exports",
                                       ["Most reactors under construction abroad are of Russian or Chinese design."])
        #expect(Self.lines(dominate, .statesAsObjects) == [
            "title: china+russia named as subjects of \"dominate\" each on its own: no pair +0.0",
            "sentence 1: china+russia named as alternatives (\"or\"): no pair +0.0",
        ])
        #expect(dominate.score == 22)
        #expect(dominate.level == nil)
        // Two states that veto together still act together.
        let veto = try Self.decide("Russia and China veto UN sanctions on North Korea", ["The resolution failed on Thursday."])
        #expect(Self.lines(veto, .statesAsObjects).isEmpty)
        #expect(veto.level == .alert)
    }

    /// "the Russia-Ukraine war" dates a business story: Russia is not named there, so China alone
    /// is (it was an alert: china+russia with ukraine_war).
    @Test func aStateInTheWarsNameIsNotNamed() throws {
        let d = try Self.decide("Asia's richest lose billions as markets slide",
                                ["China's tycoons saw their fortunes shrink this year as the Russia-Ukraine war and strict Covid rules hit stock markets."])
        #expect(Self.lines(d, .warName) == ["sentence 1: russia in the war's name \"Russia-Ukraine war\" not counted +0.0"])
        #expect(Self.lines(d, .pairPoints).isEmpty)
        #expect(d.score == 8.5)
        #expect(d.level == nil)
        #expect(WarNames.name(around: Self.range(of: "Rusia", in: "la guerra Rusia-Ucrania sigue"), utf8: ExtractedTextBytes(text: "la guerra Rusia-Ucrania sigue"))
                == "guerra Rusia-Ucrania")
        #expect(WarNames.name(around: Self.range(of: "Russia", in: "the Ukraine-Russia conflict"), utf8: ExtractedTextBytes(text: "the Ukraine-Russia conflict"))
                == "Ukraine-Russia conflict")
        #expect(WarNames.name(around: Self.range(of: "China", in: "the US-China trade war"), utf8: ExtractedTextBytes(text: "the US-China trade war")) == nil)
        #expect(WarNames.name(around: Self.range(of: "Russia", in: "Russia's war in Ukraine"), utf8: ExtractedTextBytes(text: "Russia's war in Ukraine")) == nil)
    }

    /// "its support for Moscow": backing one seed state gives another is a relation term (3.0 in the
    /// lead); the item was short of topic evidence without it.
    @Test func supportForMoscowIsARelationTerm() throws {
        let d = try Self.decide("Analysis: Beijing's Ukraine plan serves its own interests",
                                ["China is trying to deflect criticism of its support for Moscow, diplomats in Brussels said on Monday."])
        #expect(Self.lines(d, .topic) == ["sentence 1: russia_nk_alliance \"support for\" +3.0"])
        #expect(Self.lines(d, .pairPoints) == ["sentence 1: china+russia with russia_nk_alliance +4.0"])
        #expect(d.score == 21)
        #expect(d.level == .alert)
    }

    /// Luxury goods to North Korea (banned by the UN sanctions), "tactical nukes" and a leader's
    /// "tour" are topic terms.
    @Test func luxuryGoodsNukesAndToursAreTopicTerms() throws {
        let luxury = try Self.decide("Businessman jailed for selling luxury goods to North Korea",
                                     ["A court sentenced the trader to four months after he shipped watches and liquor to Pyongyang."])
        #expect(Self.lines(luxury, .topic).contains("title: sanctions \"luxury goods\" +4.0"))
        #expect(luxury.score == 20.25)
        #expect(luxury.level == .alert)
        let nukes = try Self.decide("North Korea tests new weapon to improve tactical nukes", ["Kim Jong Un watched the launch, state media said."])
        #expect(Self.lines(nukes, .topic) == ["title: nk_weapons_program \"tactical nukes\" +6.0"])
        #expect(nukes.score == 20)
        #expect(nukes.level == .alert)
        let tour = try Self.decide("North Korean leader ends Russian tour with a visit to a naval base",
                                   ["Kim Jong Un inspected warships in Vladivostok before his train left for home."])
        #expect(Self.lines(tour, .topic).contains("title: russia_nk_alliance \"tour\" +1.0"))
        #expect(tour.score == 30)
        #expect(tour.level == .alert)
    }

    /// The Olympics are a contest (no relation points for the states of its headline), and a list
    /// that hedges its last item is still a list.
    @Test func olympicsAndHedgedListsAreNoPair() throws {
        let games = try Self.decide("Russian figure skater cleared to compete at Beijing Olympics",
                                    ["The teenager will skate in the team event on Tuesday, the sports court ruled."])
        #expect(Self.lines(games, .incidentTitle) == ["title: a headline on an incident or a contest (\"Olympics\"): china, russia get no relation points there +0.0"])
        #expect(games.score == 20)
        #expect(games.level == nil)
        let hedge = try Self.decide("France joins the club of hypersonic missile makers",
                                    ["Paris can now stand beside countries such as the US, Russia, China, India and possibly North Korea."])
        #expect(Self.lines(hedge, .listedStates) == [
            "sentence 1: china, north_korea, russia named as items of a list: no pair +0.0",
            "sentence 1: china+united_states named as items of a list: no pair +0.0",
            "sentence 1: north_korea+united_states named as items of a list: no pair +0.0",
            "sentence 1: russia+united_states named as items of a list: no pair +0.0",
        ])
        #expect(hedge.score == 18)
        #expect(hedge.level == nil)
        let bait = try Self.decide("Kim Kardashian teams up with Moon Unit Zappa in Xi'an", ["The pair bought fine china and played their trump card."])
        #expect(bait.score == 0)
        #expect(bait.level == nil)
    }

    static func range(of word: String, in text: String) -> Range<Int> {
        let r = text.range(of: word)!
        let start = text.utf8.distance(from: text.utf8.startIndex, to: r.lowerBound)
        return start..<(start + word.utf8.count)
    }
}
