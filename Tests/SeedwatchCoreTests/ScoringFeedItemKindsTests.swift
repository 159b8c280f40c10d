import Foundation
@testable import SeedwatchCore
import Testing

/// Rules an analyst would write from the miss and false-alarm kinds of the tuning half of
/// `labels/rss-2022.tsv` (English feed items of 2022; issue 8, eighth round), each a short article
/// of our own: a description that names no state goes on about its headline's subject; "war" after
/// another war's name is that war; the US military's "service members stationed"; the verb
/// "provoke" beside North Korea; states after a word of comparison are compared, not acting together.
@Suite("Scoring: feed-item kinds of 2022 (headline as lead, other wars, comparisons)")
struct ScoringFeedItemKindsTests {
    static func decide(_ title: String, _ body: [String] = []) throws -> Decision {
        try ShippedModel.scorer.score(ShippedModel.matcher.match(Article(title: title, body: body.joined(separator: "\n"))))
    }

    /// A feed item whose description names no state ("It has conducted …") goes on about its
    /// headline's subject: the title stands for its lead too, as a headline-only item's does, so the
    /// item never scores below its headline alone. Before: 15.0, a notice.
    @Test func aDescriptionNamingNoStateHasItsHeadlineForLead() throws {
        let d = try Self.decide("North Korea fires missiles again after a week of quiet",
                                ["It has conducted three launches this month, an unusual pace for the winter."])
        #expect(d.explanation.map(\.description) == [
            "state north_korea in title +6.0",
            "state north_korea in title, the lead of an item whose description names no state +4.0",
            "title: nk_weapons_program \"missiles\" +5.0",
            "title, the lead of an item whose description names no state: nk_weapons_program \"missiles\" +3.75",
            "title: north_korea with nk_weapons_program +4.0",
        ])
        #expect(d.score == 22.75)
        #expect(d.level == .alert)
    }

    /// "war" after the name of another war ("the Korean War", "a prisoner of war camp") is that war,
    /// not the war in Ukraine (`not_after`): a Korean War soldier's remains are history. Before:
    /// 17.5, an alert.
    @Test func anotherWarsNameIsNotTheWarInUkraine() throws {
        let d = try Self.decide("Remains of Korean War soldier who died in North Korean prison camp identified",
                                ["A soldier from Ohio who was reported to have died in a North Korean prisoner of war camp in 1951 has been identified by the Army."])
        #expect(d.explanation.map(\.description) == [
            "title: ukraine_war \"war\" not counted after \"Korean\" +0.0",
            "sentence 1: ukraine_war \"war\" not counted after \"prisoner of\" +0.0",
            "state north_korea in title +6.0",
            "state north_korea in lead (sentence 1) +4.0",
        ])
        #expect(d.score == 10)
        #expect(d.level == nil)
        // Russia's war is still the war.
        let war = try Self.decide("Kim sends shells for Russia's war", ["Pyongyang has shipped millions of rounds, officials in Seoul say."])
        #expect(war.explanation.map(\.description).contains("title: ukraine_war \"war\" +2.0"))
        #expect(war.score == 33)
        #expect(war.level == .alert)
    }

    /// `not_after` words or phrases are read with the term; a term that has none counts everywhere.
    @Test func notAfterInAModel() throws {
        let model = try ModelLoader.load(bytes: Array("""
            actors:
              - {id: k, kind: state, aliases: [Korea]}
            topics:
              - {id: t, terms: [{text: war, not_after: [Korean, prisoner of]}]}
            """.utf8), file: "model.yaml", watch: "w")
        #expect(model.topics[0].terms[0].notAfter == ["Korean", "prisoner of"])
        #expect(model.topics[0].terms[0].notAfterPhrases == [["korean"], ["prisoner", "of"]])
        let term = model.topics[0].terms[0]
        func preceded(_ text: String) -> String? {
            let range = text.utf8.count - 3..<text.utf8.count  // the final "war"
            return CompanionWords.preceded(for: term, at: range, utf8: ExtractedTextBytes(text: text))
        }
        #expect(preceded("the Korean war") == "Korean")
        #expect(preceded("a prisoner of war") == "prisoner of")
        #expect(preceded("a prisoner, of war") == "prisoner of")  // words only, as the companion test reads them
        #expect(preceded("Korea goes to war") == nil)
    }

    /// The US military's own word for its troops: "service members stationed" in South Korea beside
    /// the US president is the allies' defence tie (rubric (c)). Before: 15.88, a notice.
    @Test func serviceMembersStationedIsADefenceTerm() throws {
        let d = try Self.decide("Biden tells Kim Jong Un: hello",
                                ["President Joe Biden ended a visit to South Korea on Sunday with some of the 28,500 American service members stationed there."])
        #expect(d.explanation.map(\.description) == [
            "state north_korea in title +6.0",
            "state south_korea in lead (sentence 1) +2.0",
            "sentence 1: russia_nk_alliance \"visit\" (partner state only) +0.38",
            "sentence 1: regional_security \"service members stationed\" (partner state, security response) +3.0",
            "sentence 1: south_korea+united_states with russia_nk_alliance,regional_security +2.0",
            "title: north_korea with united_states +7.5",
        ])
        #expect(d.score == 20.88)
        #expect(d.level == .alert)
    }

    /// "provoking North Korea" is a provocation, the verb of the noun the model has; elsewhere
    /// ("provoking outrage") the verb is any reaction and does not count. Before: 21.0 with topic
    /// evidence 2.0 (the pair of China and North Korea with no topic term), no level.
    @Test func provokingNorthKoreaIsAProvocation() throws {
        let d = try Self.decide("In South Korea, a president walks a fine line between U.S. and China",
                                ["Lee Jae-myung has moved his country closer to the United States, but he cannot go far without angering China or provoking North Korea."])
        #expect(d.explanation.map(\.description) == [
            "state north_korea in lead (sentence 1) +4.0",
            "state china in title +6.0",
            "state china in lead (sentence 1) +4.0",
            "state south_korea in title +3.0",
            "state south_korea in lead (sentence 1) +2.0",
            "sentence 1: korean_diplomacy \"provoking\" +3.0",
            "sentence 1: china+north_korea with korean_diplomacy +4.0",
        ])
        #expect(d.score == 26)
        #expect(d.level == .alert)
        let other = try Self.decide("Putin remarks risk provoking outrage in China",
                                    ["Analysts said the speech was aimed at a domestic audience."])
        #expect(other.explanation.map(\.description).first
                == "title: korean_diplomacy \"provoking\" not counted: none of North Korea, Pyongyang, North, Kim within 6 words +0.0")
    }

    /// Two states after a word of comparison ("in the same category as Putin, Xi") are the things
    /// compared, not two states acting together; in a headline a bare comma joins two names as "and"
    /// does for this test. Before: 26.0, an alert on the headline pair's 6 points.
    @Test func statesComparedAreNoPair() throws {
        let d = try Self.decide("Columnist puts Trump in same category as Putin, Xi",
                                ["The writer called the three men examples of a global populist wave."])
        #expect(d.explanation.map(\.description) == [
            "title: china+russia named as objects of \"as\": no pair +0.0",
            "state russia in title +6.0",
            "state russia in title, the lead of an item whose description names no state +4.0",
            "state china in title +6.0",
            "state china in title, the lead of an item whose description names no state +4.0",
        ])
        #expect(d.score == 20)
        #expect(d.level == nil)
        // A headline's comma is "and" where the two act ("Putin, Xi to meet"), and after a
        // preposition it ends a clause ("In call with Putin, Xi says …"): both stay a pair.
        let meet = try Self.decide("Putin, Xi to meet next week", ["The two leaders will hold talks on the sidelines of a summit in Uzbekistan."])
        #expect(meet.explanation.map(\.description).contains("title: china+russia with russia_nk_alliance +6.0"))
        #expect(meet.score == 30.75)
        let call = try Self.decide("In call with Putin, Xi says ties are strong", ["The two leaders spoke by video on Friday."])
        #expect(call.explanation.map(\.description).contains("title: china+russia with russia_nk_alliance +6.0"))
        #expect(call.score == 29.5)
        // "such as" compares in body text too; a plain "as" is "while".
        #expect(CoordinatedStates.reading("Rivals such as Russia and China object.", 15..<21, 26..<31) == .objects(of: "as"))
        #expect(CoordinatedStates.reading("It rose as Russia and China met.", 11..<17, 22..<27) == nil)
    }
}
