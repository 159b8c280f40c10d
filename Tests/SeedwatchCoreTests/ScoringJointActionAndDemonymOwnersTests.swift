import Foundation
@testable import SeedwatchCore
import Testing

/// Rules an analyst would write from the tuning sets' errors (issue 8, tenth round), each on a short
/// article of our own: a list of states that does one thing together acts ("China, Russia, Iran team
/// up for naval drills"), a list left open with "and others" is a list, two English demonyms before
/// one noun are its owners ("Chinese, Russian threats"), supplying named object first ("supplies
/// Russia with weapons") is an arms transfer, and Pyongyang's attack drones are weapons.
@Suite("Scoring: joint action of a list, demonym owners, arms and drones")
struct ScoringJointActionAndDemonymOwnersTests {
    static func decide(_ title: String, _ body: [String]) throws -> Decision {
        try ShippedModel.scorer.score(ShippedModel.matcher.match(Article(title: title, body: body.joined(separator: "\n"))))
    }

    static func lines(_ d: Decision, _ rule: ScoreRule) -> [String] {
        d.explanation.filter { $0.rule == rule }.map(\.description)
    }

    /// Three states as the subject of a joint exercise act together: the pair counts in the title
    /// and the lead (it was no level at 28.5: "items of a list: no pair", subject test failed).
    @Test func aListThatActsTogetherIsAPair() throws {
        let d = try Self.decide("China, Russia, Iran team up for naval drills in the Gulf of Oman",
                                ["China, Russia and Iran are conducting joint military exercises this week."])
        #expect(Self.lines(d, .listedStates).isEmpty)
        #expect(Self.lines(d, .pairPoints) == ["title: china+russia with regional_security +6.0", "sentence 1: china+russia with regional_security +4.0"])
        #expect(d.score == 38.5)
        #expect(d.level == .alert)
    }

    /// A list that only names states keeps its reading: sanctions on three states are no pair, and
    /// "China, Russia and others" is a list left open (it was an alert at 26.0).
    @Test func listsThatOnlyNameStatesAreNoPair() throws {
        let sanctions = try Self.decide("Sanctions on Iran, Russia and China widen", ["The Treasury named forty companies on Friday."])
        #expect(Self.lines(sanctions, .listedStates) == ["title: china, russia named as items of a list: no pair +0.0"])
        #expect(sanctions.score == 30.5)
        #expect(sanctions.level == nil)
        let open = try Self.decide("Senators ask whether user data was accessed by China, Russia and others",
                                   ["The letter asks the company to answer within a month."])
        #expect(Self.lines(open, .listedStates) == ["title: china, russia named as items of a list: no pair +0.0"])
        #expect(open.score == 20)
        #expect(open.level == nil)
    }

    /// "Chinese, Russian threats": two demonyms before one noun own it, as "China and Russia's
    /// threats" do — no pair (it was an alert at 26.0); warplanes, a force, still make one.
    @Test func demonymsBeforeOneNounAreItsOwners() throws {
        let d = try Self.decide("Congress must respond to very real Chinese, Russian threats", ["The op-ed lists three steps for lawmakers."])
        #expect(Self.lines(d, .statesAsObjects) == ["title: china+russia named as the owners of \"threats\": no pair +0.0"])
        #expect(d.score == 20)
        #expect(d.level == nil)
        let forces = try Self.decide("Chinese and Russian warplanes enter South Korea's air defence zone", ["Seoul scrambled fighter jets on Tuesday."])
        #expect(Self.lines(forces, .pairPoints) == ["title: china+russia with regional_security +6.0"])
        #expect(forces.score == 25)
        #expect(forces.level == .alert)
    }

    /// "if it supplies Russia with weapons": the object-first form of supplying is arms-transfer
    /// evidence (2 points; "weapons" alone is 1, and the item stopped at topic evidence 5.5).
    @Test func supplyingWithWeaponsIsAnArmsTransfer() throws {
        let d = try Self.decide("Britain warns China against a historic mistake",
                                ["The foreign secretary said China would make a historic mistake if it supplies Russia with weapons."])
        #expect(Self.lines(d, .topic) == ["sentence 1: arms_transfer \"with weapons\" +3.0"])
        #expect(d.score == 21)
        #expect(d.level == .alert)
    }

    /// North Korea's underwater nuclear attack drone is a weapons test (it scored only its state,
    /// 10.0); the bait words still score nothing.
    @Test func attackDronesAreNorthKoreanWeapons() throws {
        let d = try Self.decide("North Korea tests underwater attack drone", ["State media said the drone can generate a radioactive tsunami."])
        #expect(Self.lines(d, .topic).contains("title: nk_weapons_program \"attack drone\" +6.0"))
        #expect(d.score == 26)
        #expect(d.level == .alert)
        let bait = try Self.decide("Kim Kardashian teams up with Moon Unit Zappa in Xi'an", ["The pair bought fine china and played their trump card."])
        #expect(bait.score == 0)
        #expect(bait.level == nil)
    }
}
