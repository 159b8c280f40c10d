@testable import SeedwatchCore
import Testing

/// Terms an analyst would add from the tuning sets' misses (issue 8, thirteenth round), each on a
/// short article of our own: "lethal support" is the Western warning to Beijing as "lethal aid"
/// is; a leader's congratulations to another state are diplomacy; China as a "peacemaker" in the
/// war is its role in Russia's war. The bait words stay at 0.
@Suite("Scoring: lethal support, congratulations, peacemakers")
struct ScoringWarningsGreetingsAndBrokersTests {
    static func decide(_ title: String, _ body: [String]) throws -> Decision { try ScoringJointActionAndDemonymOwnersTests.decide(title, body) }
    static func lines(_ d: Decision, _ rule: ScoreRule) -> [String] { ScoringJointActionAndDemonymOwnersTests.lines(d, rule) }

    /// "Beijing giving lethal support to Moscow" is rubric (e): a topic term, so the pair counts
    /// with it (without it the item was 16.0, "no topic term", no level).
    @Test func lethalSupportIsAnArmsTerm() throws {
        let d = try Self.decide("Senator warns of fallout for Washington and Beijing",
                                ["Beijing giving lethal support to Moscow would wreck relations with the West, the senator said on Sunday."])
        #expect(Self.lines(d, .topic) == ["sentence 1: arms_transfer \"lethal support\" +4.5"])
        #expect(Self.lines(d, .pairPoints) == ["sentence 1: china+russia with arms_transfer +4.0"])
        #expect(d.score == 22.5)
        #expect(d.level == .alert)
    }

    /// "Moscow congratulates the North Korean leader" is a message between the states (rubric (d)):
    /// the lead's pair has a relation term (with "hints at a visit" alone it was no level).
    @Test func congratulationsAreDiplomacy() throws {
        let d = try Self.decide("Kim Jong Un reviews a parade on the founding anniversary",
                                ["Moscow congratulates the North Korean leader and hints at a visit by Putin."])
        #expect(Self.lines(d, .topic) == ["sentence 1: russia_nk_alliance \"congratulates\" +2.25"])
        #expect(Self.lines(d, .pairPoints) == ["sentence 1: north_korea+russia with russia_nk_alliance +4.0"])
        #expect(d.score == 20.25)
        #expect(d.level == .alert)
    }

    /// China's "peacemaker role" in the war is a term of the war in Ukraine in the title, beside
    /// the lead's China–Russia pair (rubric (e); it was 19.5 with topic evidence 5.5, no level).
    @Test func aPeacemakerRoleIsAWarTerm() throws {
        let d = try Self.decide("Kyiv says China has not yet chosen a peacemaker role",
                                ["Beijing wants Russia weakened but not defeated, the Ukrainian foreign minister said."])
        #expect(Self.lines(d, .topic) == ["title: ukraine_war \"peacemaker\" +3.0", "sentence 1: russia_nk_alliance \"foreign minister\" +1.5"])
        #expect(d.score == 22.5)
        #expect(d.level == .alert)
        let bait = try Self.decide("Kim Kardashian dines on fine china under the Moon",
                                   ["Her trump card was a peacemaker role at a Xi'an-style noodle bar, and she congratulated the chef."])
        #expect(bait.score == 0)
        #expect(bait.level == nil)
    }
}
