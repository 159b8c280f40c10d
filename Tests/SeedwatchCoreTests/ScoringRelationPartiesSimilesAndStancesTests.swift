@testable import SeedwatchCore
import Testing

/// Rules an analyst would write from the tuning sets' errors (issue 8, twelfth round), each on a
/// short article of our own: two states right before a relation noun are its parties; a state
/// named only in a simile is not named; a third party "caught between" two states does not make
/// them a pair; a state's "position towards" another seed state is a relation term; US spy planes
/// are deployments; the Cold War is not the war in Ukraine.
@Suite("Scoring: relation parties, similes, places between, stances, spy planes")
struct ScoringRelationPartiesSimilesAndStancesTests {
    /// The shipped model's decision on a short article, and its explain lines of one rule (the
    /// helpers of the tenth round's suite).
    static func decide(_ title: String, _ body: [String]) throws -> Decision { try ScoringJointActionAndDemonymOwnersTests.decide(title, body) }
    static func lines(_ d: Decision, _ rule: ScoreRule) -> [String] { ScoringJointActionAndDemonymOwnersTests.lines(d, rule) }

    /// "the ups and downs of China, Russia relations": the two states name the relation's parties,
    /// not the owners of "downs"; the headline pair counts (it was 25.5 with no level: "named as the
    /// owners of \"downs\": no pair").
    @Test func statesBeforeARelationNounAreItsParties() throws {
        let d = try Self.decide("The ups and downs of China, Russia relations",
                                ["Beijing and Moscow have grown closer since 2022, but trade between them slowed this year."])
        #expect(Self.lines(d, .statesAsObjects).isEmpty)
        #expect(d.explanation.map(\.description).contains("title: china+russia with no topic term +6.0"))
        #expect(Self.lines(d, .pairPoints) == ["sentence 1: china+russia with china_leverage +4.0"])
        #expect(d.score == 31.5)
        #expect(d.level == .alert)
        // Owners of a thing that is no relation stay owners.
        let owners = try Self.decide("The abortion policies of China, North Korea", ["Both states restrict births and punish doctors."])
        #expect(Self.lines(owners, .statesAsObjects) == ["title: china+north_korea named as the owners of \"policies\": no pair +0.0"])
    }

    /// "a North Korea-style performance" likens a rally to North Korea: the state is not named, so
    /// the item scores nothing (it was 10.0: North Korea in the title and as its lead).
    @Test func aStateInASimileIsNotNamed() throws {
        let d = try Self.decide("Senator likens the rally to a North Korea-style performance",
                                ["The senator said the crowd had cheered on command for an hour."])
        #expect(Self.lines(d, .simile) == ["title: north_korea in the simile \"North Korea-style\" not counted +0.0"])
        #expect(d.score == 0)
        #expect(d.level == nil)
        #expect(Similes.name(around: 0..<6, utf8: ExtractedTextBytes(text: "Russia style parades")) == nil)
        #expect(Similes.name(around: 0..<5, utf8: ExtractedTextBytes(text: "China-like control")) == "China-like")
        #expect(Similes.name(around: 0..<5, utf8: ExtractedTextBytes(text: "China-Russia talks")) == nil)
    }

    /// A country "caught between China and Russia" has them as neighbours: no pair, so no subject
    /// and no level (the same sentence with "ties between China and Russia" would pair).
    @Test func aThirdPartyCaughtBetweenTwoStatesMakesNoPair() throws {
        let d = try Self.decide("Macron makes a brief stop in Mongolia",
                                ["The French president flew to Ulaanbaatar to strengthen ties with a country that, caught between China and Russia, seeks other partners."])
        #expect(Self.lines(d, .statesAsObjects) == ["sentence 1: china+russia named as objects of \"between\": no pair +0.0"])
        #expect(Self.lines(d, .pairPoints).isEmpty)
        #expect(d.score == 9.5)
        #expect(d.level == nil)
        let ties = try Self.decide("Envoy hails warm ties between China and Russia", ["The ambassador spoke in Moscow on Monday."])
        #expect(Self.lines(ties, .statesAsObjects).isEmpty)
        #expect(ties.level == .alert)
    }

    /// "Beijing's position towards Moscow" is China's stance on Russia (rubric (e)) without another
    /// topic term: a relation term with the supported state right after it.
    @Test func aStanceTowardsASeedStateIsARelationTerm() throws {
        let d = try Self.decide("Xi tells Macron he will not change course",
                                ["Macron spoke with Xi for two hours in Guangzhou.", "Xi did not alter Beijing's position towards Moscow, officials said."])
        #expect(Self.lines(d, .topic) == ["sentence 2: russia_nk_alliance \"position towards\" +3.0"])
        #expect(Self.lines(d, .pairPoints) == ["sentence 2: china+russia with russia_nk_alliance +4.0"])
        #expect(d.score == 21)
        #expect(d.level == .alert)
    }

    /// A US spy plane near North Korea is a deployment (rubric (c)); "Cold War" is another war.
    @Test func spyPlanesAndTheColdWar() throws {
        let spy = try Self.decide("North Korea threatens to shoot down US spy planes",
                                  ["Pyongyang said American aircraft had entered its airspace eight times this month."])
        #expect(Self.lines(spy, .topic) == ["title: regional_security \"spy planes\" +4.0"])
        #expect(spy.score == 25.5)
        #expect(spy.level == .alert)
        let cold = try Self.decide("Beijing denounces Washington's Cold War mentality",
                                   ["China's foreign ministry said the US was stoking confrontation with Russia in Asia."])
        #expect(Self.lines(cold, .requires) == ["title: ukraine_war \"war\" not counted after \"Cold\" +0.0"])
        #expect(cold.score == 16)
        #expect(cold.level == nil)
        let bait = try Self.decide("Kim Kardashian dines on fine china under the Moon", ["Her trump card was a Xi'an-style noodle bar."])
        #expect(bait.score == 0)
        #expect(bait.level == nil)
    }
}
