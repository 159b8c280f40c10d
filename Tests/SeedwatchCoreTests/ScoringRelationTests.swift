import Foundation
@testable import SeedwatchCore
import Testing

/// The rules for who acts with whom (issue 8), each on short articles of our own: states named as
/// alternatives or as the object of another actor are no pair, a headline on North Korea's relations
/// with any state, the US–South Korea alliance in a drill headline, and feed items whose headline
/// is (or is not) the story.
@Suite("Scoring: relations, shared objects, alliances, short items")
struct ScoringRelationTests {
    static func decide(_ title: String, _ body: [String]) throws -> Decision {
        try ShippedModel.scorer.score(ShippedModel.matcher.match(Article(title: title, body: body.joined(separator: "\n"))))
    }

    /// The reading of the first mention of `a` and the first mention of `b` after it in `text`.
    static func reading(_ text: String, _ a: String, _ b: String) -> CoordinatedStates.Reading? {
        let bytes = Array(text.utf8)
        func range(_ word: String, from: Int) -> Range<Int> {
            let w = Array(word.utf8)
            let start = (from...(bytes.count - w.count)).first { Array(bytes[$0..<($0 + w.count)]) == w }!
            return start..<(start + w.count)
        }
        let first = range(a, from: 0)
        return CoordinatedStates.reading(text, first, range(b, from: first.upperBound))
    }

    @Test func coordinatedStatesAreReadAsAlternativesObjectsOrSubjects() {
        #expect(Self.reading("while blocking Russia and China's ambitions in the Arctic", "Russia", "China") == .objects(of: "blocking"))
        #expect(Self.reading("to prevent Russia or China from occupying the island", "Russia", "China") == .alternatives("or"))
        #expect(Self.reading("France compared it to North Korea and Russia.", "North Korea", "Russia") == .objects(of: "to"))
        #expect(Self.reading("Transport was disrupted in China and Japan.", "China", "Japan") == .objects(of: "in"))
        #expect(Self.reading("Sanctions against both Russia and the Chinese firms", "Russia", "Chinese") == .objects(of: "against"))
        #expect(Self.reading("Paris durcit le ton contre la Russie et la Chine.", "Russie", "Chine") == .objects(of: "contre"))
        #expect(Self.reading("Ob Russland oder China den Markt bedienen", "Russland", "China") == .alternatives("oder"))
        // Subjects, and a relation word: they may act together.
        #expect(Self.reading("Russia and China vetoed the resolution.", "Russia", "China") == nil)
        #expect(Self.reading("He said that Russia and China had agreed.", "Russia", "China") == nil)
        #expect(Self.reading("Relations between Russia and China improved.", "Russia", "China") == nil)
        #expect(Self.reading("Russia sold oil to China.", "Russia", "China") == nil)
        // After a preposition, still the actors: the subject of an infinitive, the owners of a relation.
        #expect(Self.reading("This was an opportunity for Russia and North Korea to show off their friendship.",
                             "Russia", "North Korea") == nil)
        #expect(Self.reading("China is the true power in Putin and Kim's budding friendship", "Putin", "Kim") == nil)
        #expect(Self.reading("a rift in Russia and China's alliance", "Russia", "China") == nil)
        #expect(Self.reading("a fund for Russia and China's exporters", "Russia", "China") == .objects(of: "for"))
    }

    /// Greenland news naming Russia and China only as what others want to keep out: no pair points,
    /// and since no pair acts together in the lead, the story is no subject of the article.
    @Test func statesAsObjectsOfAnotherActorAreNoPair() throws {
        let d = try Self.decide("Trump says Greenland deal is in sight", [
            "Trump said the allies could forge a deal on missile defence while blocking Russia and China's ambitions in the Arctic.",
            "He had said the US must own the island to prevent Russia or China from occupying it.",
            "Denmark said talks would continue.",
        ])
        #expect(d.explanation.filter { $0.rule == .statesAsObjects }.map(\.detail) == [
            "sentence 1: china+russia named as objects of \"blocking\": no pair",
            "sentence 2: china+russia named as alternatives (\"or\"): no pair",
        ])
        #expect(!d.explanation.contains { $0.rule == .pairPoints || $0.rule == .relationFactor })
        #expect(d.explanation.map(\.description) == [
            "sentence 1: china+russia named as objects of \"blocking\": no pair +0.0",
            "sentence 2: china+russia named as alternatives (\"or\"): no pair +0.0",
            "state russia in lead (sentence 1) +4.0", "state china in lead (sentence 1) +4.0",
            "sentence 1: russia_nk_alliance \"allies\" +2.25", "sentence 1: regional_security \"missile defence\" +4.5",
            "no level: neither north_korea nor two core states together in the title, the lead or 20 % of the body sentences, "
                + "nor regional_security with a partner state in the title or lead, nor in 3 of 6 consecutive sentences +0.0",
        ])
        #expect(d.score == 14.75)
        #expect(d.level == nil)
        // No pair acts together in the title or lead: the story is no subject, whatever the score.
        #expect(d.ceiling == nil)
    }

    /// A headline on North Korea and South Korea without any topic term: North Korea's relations
    /// with another state (`title_key_relation_points`), an alert.
    @Test func aHeadlineOnNorthKoreasRelationsWithAnotherStateAlerts() throws {
        let d = try Self.decide("South Korea to revive stalled rail project that could connect to North Korea", [
            "The line would one day link Seoul with Pyongyang, the transport ministry said on Monday.",
        ])
        #expect(d.explanation.map(\.description) == [
            "state north_korea in title +6.0", "state north_korea in lead (sentence 1) +4.0",
            "state south_korea in title +3.0", "state south_korea in lead (sentence 1) +2.0",
            "title: north_korea with south_korea +7.5",
        ])
        #expect(d.explanation.last?.rule == .titleKeyRelation)
        #expect(d.score == 22.5)
        #expect(d.topicPoints == 7.5)
        #expect(d.level == .alert)
        // A headline naming North Korea alone gets no relation points.
        let alone = try Self.decide("North Korea holds a volleyball game", ["Officials in Pyongyang watched the game."])
        #expect(!alone.explanation.contains { $0.rule == .titleKeyRelation })
    }

    /// The United States weighs nothing alone; with South Korea and a drill term in the headline it
    /// is the alliance of a security response, which alerts without North Korea named.
    @Test func aUSSouthKoreaDrillHeadlineAlertsWithoutNorthKorea() throws {
        let d = try Self.decide("Trump instructs Pentagon to reduce military exercises with South Korea", [
            "US President Donald Trump has told the Pentagon to scale back military exercises with South Korea, officials said.",
        ])
        #expect(d.explanation.map(\.description) == [
            "state south_korea in title +3.0", "state south_korea in lead (sentence 1) +2.0",
            "title: regional_security \"military exercises\" (partner state, security response) +6.0",
            "sentence 1: regional_security \"military exercises\" (partner state, security response) +4.5",
            "title: south_korea+united_states with regional_security +2.0",
            "sentence 1: south_korea+united_states with regional_security +2.0",
            "title: south_korea+united_states with regional_security, a security response +6.0",
            "title: south_korea+united_states in a security response: may alert without north_korea +0.0",
        ])
        #expect(d.explanation.last?.rule == .allianceResponse)
        // 19.5 before the security-response headline (`title_response_points`).
        #expect(d.score == 25.5)
        #expect(d.level == .alert)
        // The United States with a trade term is no alliance.
        let trade = try Self.decide("US and South Korea sign a beef trade deal", ["The agreement opens markets for farmers."])
        #expect(!trade.explanation.contains { $0.rule == .partnerPairPoints || $0.rule == .allianceResponse })
        #expect(trade.level != .alert)
    }

    /// A feed item headed by another story: its description names Russia and China with sanctions,
    /// but the headline names no actor and no topic term, so it gets no level.
    @Test func aShortItemHeadedByAnotherStoryGetsNoLevel() throws {
        let d = try Self.decide("Nickel price: a squeeze for the annals of the London Metal Exchange", [
            "Russia and China face new sanctions on their nickel trade, traders said on Tuesday.",
        ])
        #expect(d.explanation.map(\.description) == [
            "state russia in lead (sentence 1) +4.0", "state china in lead (sentence 1) +4.0",
            "sentence 1: sanctions \"sanctions\" +4.5",
            "china_leverage not counted: no core state in the title and no key state in the title or lead +0.0",
            "sentence 1: china+russia with sanctions +4.0",
            "no level: a short item (1 of at most 3 body sentences) whose title names no actor and no topic term +0.0",
        ])
        #expect(d.explanation.last?.rule == .shortItemTitle)
        #expect(d.score == 16.5)
        #expect(d.level == nil)
        // The same description under a headline naming the states is the story.
        let named = try Self.decide("Russia and China hit by nickel sanctions", [
            "Russia and China face new sanctions on their nickel trade, traders said on Tuesday.",
        ])
        #expect(named.level == .alert)
    }

    /// A feed item whose headline names the events and whose description names North Korea: the
    /// headline's terms are anchored by the description's states.
    @Test func aShortItemsHeadlineIsAnchoredByItsDescription() throws {
        let d = try Self.decide("Missile launches and massive drills raise tension on the peninsula", [
            "North Korea fired two ballistic missiles on Thursday, a day after the allies began their exercises.",
        ])
        #expect(d.explanation.map(\.description) == [
            "state north_korea in lead (sentence 1) +4.0",
            "title: nk_weapons_program \"missile launches\" (short item: state named in the lead) +8.0",
            "title: regional_security \"drills\" (short item: state named in the lead) +4.0",
            "sentence 1: russia_nk_alliance \"allies\" +2.25",
            "sentence 1: nk_weapons_program \"ballistic missiles\" +4.0",
            "sentence 1: regional_security \"exercises\" +1.5",
        ])
        #expect(d.score == 23.75)
        #expect(d.level == .alert)
        // A headline naming another state is about that state: its terms are not the description's.
        let other = try Self.decide("The war in Ukraine overshadows the winter Paralympics", [
            "Russian athletes are barred from the games in Beijing, a Chinese official said.",
        ])
        #expect(!other.explanation.contains { $0.detail.contains("short item") })
        #expect(other.level == nil)
    }

    /// "Putin meets Kim Jong Un": the meeting word is a topic term, and the headline alerts. A weak
    /// topic term never makes the headline pair weigh less than `title_relation_points` (6), and the
    /// title of a headline-only item is its lead too (`headline_only_lead`).
    @Test func aMeetingHeadlineOfTwoCoreStatesAlerts() throws {
        let d = try Self.decide("Putin meets Kim Jong Un", [])
        #expect(d.explanation.map(\.description) == [
            "state russia in title +6.0", "state russia in title, a headline-only item's lead +4.0",
            "state north_korea in title +6.0", "state north_korea in title, a headline-only item's lead +4.0",
            "title: russia_nk_alliance \"meets\" +1.0",
            "title, a headline-only item's lead: russia_nk_alliance \"meets\" +0.75",
            "title: north_korea+russia with russia_nk_alliance +6.0", "title: north_korea with russia_nk_alliance +4.0",
        ])
        // 31 before a headline-only item's topic terms counted for its lead too.
        #expect(d.score == 31.75)
        #expect(d.level == .alert)
    }

    /// A state energy company acts for its state in energy news: "Sinopec steps up Russian oil
    /// imports" is China buying Russian oil (rubric (a), (e)).
    @Test func aStateEnergyCompanyActsForItsState() throws {
        let d = try Self.decide("Sinopec steps up Russian oil imports to offset supply cuts", [
            "The refiner bought more crude from Russia in March, traders said.",
        ])
        #expect(d.actors.map(\.id) == ["russia", "china_state_energy"])
        #expect(d.explanation.filter { $0.points > 0 }.map(\.description) == [
            "state russia in title +6.0", "state russia in lead (sentence 1) +4.0", "state china in title +6.0",
            "title: china_leverage \"imports\" +2.0", "title: energy_trade \"oil\" +4.0",
            "title: china+russia with china_leverage,energy_trade +6.0",
        ])
        #expect(d.score == 28)
        #expect(d.level == .alert)
    }
}
