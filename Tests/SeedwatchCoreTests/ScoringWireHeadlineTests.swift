import Foundation
@testable import SeedwatchCore
import Testing

/// Headlines as the wire services and headline feeds write them, read by the shipped model as an
/// analyst would (issue 8), each a short item of our own: the allies' security response without North
/// Korea named, the headline forms "N.Korea", "S.Korea", "NKorea" and "Sino-Russian", places that
/// name North Korea (Yongbyon) or both Koreas (the DMZ), the UN Security Council, military
/// provocations between the Koreas, and a headline-only item's weak topic term.
@Suite("Scoring: wire headlines, security responses, places that name a state")
struct ScoringWireHeadlineTests {
    static func decide(_ title: String, _ body: [String] = []) throws -> Decision {
        try ShippedModel.scorer.score(ShippedModel.matcher.match(Article(title: title, body: body.joined(separator: "\n"))))
    }

    /// A headline on the allies' drills is the story's rubric (c) without North Korea named: the
    /// security-response headline gets `title_response_points` (6), so the headline-only item alerts.
    /// The same two states with a trade term are no response.
    @Test func aSecurityResponseHeadlineAlertsOnItsOwn() throws {
        let d = try Self.decide("US and South Korea begin annual joint military exercises")
        #expect(d.explanation.map(\.description) == [
            "state south_korea in title +3.0", "state south_korea in title, a headline-only item's lead +2.0",
            "title: regional_security \"military exercises\" (partner state, security response) +6.0",
            "title, a headline-only item's lead: regional_security \"military exercises\" (partner state, security response) +4.5",
            "title: south_korea+united_states with regional_security +2.0",
            "title: south_korea+united_states with regional_security, a security response +6.0",
            "title: south_korea+united_states in a security response: may alert without north_korea +0.0",
        ])
        #expect(d.score == 23.5)
        #expect(d.topicPoints == 18.5)
        #expect(d.level == .alert)
        #expect(d.evidence.map(\.text) == ["US and South Korea begin annual joint military exercises"])
        let trade = try Self.decide("US and South Korea sign beef trade deal")
        #expect(!trade.explanation.contains { $0.rule == .titleResponsePoints })
        #expect(trade.score == 5)
        #expect(trade.level == nil)
    }

    /// A headline naming North Korea with a topic term gets `title_key_points`, never the response's
    /// points as well; a response in the body only earns no headline points.
    @Test func theResponsePointsAreForAHeadlineWithoutTheKeyState() throws {
        let key = try Self.decide("North Korea condemns US and South Korea joint military exercises")
        #expect(key.explanation.filter { $0.rule == .titleKeyPoints }.map(\.description) == [
            "title: north_korea with regional_security +4.0",
        ])
        #expect(!key.explanation.contains { $0.rule == .titleResponsePoints })
        let body = try Self.decide("Allies prepare for a busy spring", [
            "US and South Korean forces will begin joint military exercises next week.",
        ])
        #expect(!body.explanation.contains { $0.rule == .titleResponsePoints })
    }

    /// The wire services' headline forms name the Koreas and China–Russia as the full names do.
    @Test(arguments: [
        ("N.Korea fires ballistic missile into sea", ["north_korea"], 26.0),
        ("NKorea fires ballistic missile into sea", ["north_korea"], 26.0),
        ("S.Korea, US begin joint military drills", ["south_korea", "united_states"], 23.5),
        ("Sino-Russian trade hits record", ["russia", "china"], 29.5),
    ] as [(String, [String], Double)])
    func wireHeadlineFormsNameTheStates(title: String, actors: [String], score: Double) throws {
        let d = try Self.decide(title)
        #expect(d.actors.map(\.id) == actors)
        #expect(d.score == score)
        #expect(d.level == .alert)
    }

    /// Yongbyon exists only in North Korea, the DMZ is the border of the two Koreas and the Korean
    /// peninsula their land: they name the states, so a headline on them is about North Korea (and
    /// "Kim" beside the DMZ is Kim Jong Un).
    @Test func placesThatExistOnlyThereNameTheState() throws {
        let site = try Self.decide("Satellite images show activity at Yongbyon nuclear complex")
        #expect(site.actors.map(\.id) == ["north_korea"])
        #expect(site.explanation.map(\.description) == [
            "state north_korea in title +6.0", "state north_korea in title, a headline-only item's lead +4.0",
            "title: nk_weapons_program \"Yongbyon\" +8.0",
            "title, a headline-only item's lead: nk_weapons_program \"Yongbyon\" +4.0",
            "title: north_korea with nk_weapons_program +4.0",
        ])
        #expect(site.score == 26)
        #expect(site.level == .alert)
        let border = try Self.decide("Trump and Kim meet at the DMZ")
        #expect(border.actors.map(\.id) == ["kim_jong_un", "donald_trump", "north_korea", "south_korea"])
        #expect(border.explanation.filter { $0.rule == .titleKeyRelation }.map(\.description) == ["title: north_korea with south_korea +7.5"])
        #expect(border.score == 42.25)
        #expect(border.level == .alert)
        let peninsula = try Self.decide("US bombers fly over Korean Peninsula in show of force")
        #expect(peninsula.actors.map(\.id) == ["north_korea", "south_korea", "united_states"])
        #expect(peninsula.explanation.filter { $0.rule == .topic }.map(\.description) == [
            "title: regional_security \"show of force\" +4.0",
            "title, a headline-only item's lead: regional_security \"show of force\" +3.0",
            "title: korean_diplomacy \"Korean peninsula\" +4.0",
            "title, a headline-only item's lead: korean_diplomacy \"Korean peninsula\" +3.0",
        ])
        #expect(peninsula.score == 42.5)
        #expect(peninsula.level == .alert)
    }

    /// The Security Council decides the sanctions on North Korea: it is a sanctions term, so the
    /// Council meeting over a launch is the story.
    @Test func theSecurityCouncilIsASanctionsTerm() throws {
        let d = try Self.decide("UN Security Council meets over Pyongyang's latest launch")
        #expect(d.explanation.filter { $0.rule == .topic }.map(\.description) == [
            "title: russia_nk_alliance \"meets\" +1.0",
            "title, a headline-only item's lead: russia_nk_alliance \"meets\" +0.75",
            "title: sanctions \"Security Council\" +4.0",
            "title, a headline-only item's lead: sanctions \"Security Council\" +3.0",
        ])
        #expect(d.score == 22.75)
        #expect(d.level == .alert)
    }

    /// A headline-only item's weak topic term counts for its lead too, as a feed repeating the
    /// headline as the description would make it count: "talks" beside North Korea reaches the alert.
    @Test func aHeadlineOnlyItemsWeakTermCountsForItsLeadToo() throws {
        let d = try Self.decide("Kim Yo Jong says North Korea open to talks")
        #expect(d.explanation.map(\.description) == [
            "state north_korea in title +6.0", "state north_korea in title, a headline-only item's lead +4.0",
            "title: russia_nk_alliance \"talks\" +2.0",
            "title, a headline-only item's lead: russia_nk_alliance \"talks\" +1.5",
            "title: north_korea with russia_nk_alliance +4.0",
        ])
        #expect(d.score == 17.5)
        #expect(d.level == .alert)
    }

    /// Military provocations between the Koreas are inter-Korean relations (rubric (d)): a statement
    /// on a drone incursion whose only other terms are "defence" and "military" reaches the alert.
    @Test func aMilitaryProvocationIsInterKoreanRelations() throws {
        let d = try Self.decide("Statement of the vice department director of the WPK Central Committee", [
            "Kim Yo Jong issued a statement on Sunday on the drone incursion into Pyongyang.",
            "The defence ministry of South Korea committed a grave military provocation by sending drones, she said.",
            "The military of the South must stop such acts at once, the statement said.",
        ])
        #expect(d.explanation.filter { $0.rule == .topic }.map(\.description) == [
            "sentence 1: ukraine_war \"incursion\" +1.5",
            "sentence 2: regional_security \"defence\" (partner state, security response) +1.5",
            "sentence 2: korean_diplomacy \"military provocation\" (partner state only) +2.25",
            "sentence 3: regional_security \"military\" (partner state, security response) +1.5",
        ])
        // Without the provocation: 16.5 points and 4.5 of topics, below the 6 an alert needs.
        #expect(d.topicPoints == 6.75)
        #expect(d.score == 18.75)
        #expect(d.level == .alert)
    }

    /// "The North" is North Korea beside South Korea, and "the South" South Korea beside North Korea
    /// or its people (`confirmed_by`): each weak name counts where the other Korea is named strongly,
    /// never for South Africa or the South China Sea.
    @Test func theNorthAndTheSouthNameEachOtherBesideTheOtherKorea() throws {
        let north = try Self.decide("Seoul says the North fired two missiles")
        #expect(north.actors.map(\.id) == ["north_korea", "south_korea"])
        #expect(north.explanation.filter { $0.rule == .titleKeyRelation }.map(\.description) == ["title: north_korea with south_korea +7.5"])
        #expect(north.score == 37.25)
        #expect(north.level == .alert)
        let south = try Self.decide("Kim Yo Jong warns the South over leaflets")
        #expect(south.actors.map(\.id) == ["kim_yo_jong", "south_korea"])
        #expect(south.score == 39)
        #expect(south.level == .alert)
        #expect(try ShippedModel.actorIDs("North Korea and South Africa argue over the South China Sea.") == ["north_korea"])
        #expect(try ShippedModel.actorIDs("The South will vote in March.") == [])
    }

    /// A US secretary of state named with North Korea in a headline is North Korea's relations with
    /// the United States, as Trump or Biden would be (`title_key_relation_points`).
    @Test func aUSSecretaryOfStateWithNorthKoreaIsItsRelationsWithTheUS() throws {
        let d = try Self.decide("Pompeo says North Korea talks to resume soon")
        #expect(d.actors.map(\.id) == ["us_officials", "north_korea"])
        #expect(d.explanation.filter { $0.rule == .titleKeyRelation }.map(\.description) == ["title: north_korea with united_states +7.5"])
        #expect(d.score == 25)
        #expect(d.level == .alert)
    }

    /// "Kim" alone is Kim Jong Un beside the leaders he deals with (`confirmed_by`), as a headline
    /// writes it; another Kim with a given name after it (an Iowa governor) is an exclusion, and a bare
    /// "Kim" beside no such leader still counts nothing.
    @Test func aBareKimBesideALeaderIsKimJongUn() throws {
        let letter = try Self.decide("Trump says he received 'beautiful letter' from Kim")
        #expect(letter.actors.map(\.id) == ["kim_jong_un", "donald_trump"])
        #expect(letter.explanation.map(\.description) == [
            "state north_korea in title +6.0", "state north_korea in title, a headline-only item's lead +4.0",
            "title: north_korea with united_states +7.5",
        ])
        #expect(letter.score == 17.5)
        #expect(letter.level == .alert)
        #expect(try ShippedModel.actorIDs("Trump praises Iowa governor Kim Reynolds") == ["donald_trump"])
        #expect(try ShippedModel.actorIDs("Kim inspects a new greenhouse farm") == [])
    }
}
