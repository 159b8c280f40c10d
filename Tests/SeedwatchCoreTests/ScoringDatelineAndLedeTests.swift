import Foundation
@testable import SeedwatchCore
import Testing

/// Rules an analyst would write from the tuning part's misses and the miss kinds (issue 8,
/// seventh round), each a short article of our own: a name written with a number joined to it (the
/// Juche calendar's year in KCNA's dateline), and a headline that names no state read with the
/// states of its first sentence (the lede says whom the headline is about).
@Suite("Scoring: numbered names, a headline read with its lede")
struct ScoringDatelineAndLedeTests {
    static func decide(_ title: String, _ body: [String] = []) throws -> Decision {
        try ShippedModel.scorer.score(ShippedModel.matcher.match(Article(title: title, body: body.joined(separator: "\n"))))
    }

    /// A KCNA photo caption whose only sign of North Korea is its dateline: "[Juche113.9.5.]" joins
    /// the year to the word, and digits are word characters (DESIGN §5), so only the numbered alias
    /// (year 1–199 of the Juche calendar) names North Korea there. Before the numbered alias it
    /// named Russia alone: 11.75 points, no level.
    @Test func theJucheDatelineNamesNorthKorea() throws {
        let d = try Self.decide("Russian Youth Camping Group Visits Several Places Here [Juche113.9.5.]")
        #expect(d.actors.map(\.id) == ["russia", "north_korea"])
        #expect(d.explanation.map(\.description) == [
            "state russia in title +6.0", "state russia in title, a headline-only item's lead +4.0",
            "state north_korea in title +6.0", "state north_korea in title, a headline-only item's lead +4.0",
            "title: russia_nk_alliance \"visits\" +1.0", "title, a headline-only item's lead: russia_nk_alliance \"visits\" +0.75",
            "title: north_korea+russia with russia_nk_alliance +6.0", "title: north_korea with russia_nk_alliance +4.0",
        ])
        #expect(d.score == 31.75)
        #expect(d.level == .alert)
    }

    /// The numbered forms stop at a word character: "Juche1130" (year 1130) is beyond the range and
    /// no name, and "Juche" joined to letters is another word.
    @Test(arguments: [
        ("[Juche1.1.1.]", true), ("[Juche199.12.31.]", true), ("Juche113", true),
        ("Juche200", false), ("Juche1130", false), ("Jucheism", false),
    ] as [(String, Bool)])
    func numberedFormsAreWholeWords(text: String, names: Bool) throws {
        #expect(try ShippedModel.actorIDs("Caption \(text)").contains("north_korea") == names)
    }

    /// `numbered: [FIRST, LAST]` adds the alias with each number joined; a range upside down, with
    /// one bound or of more than 1,000 numbers is a model error naming the key.
    @Test func numberedAliasesInAModel() throws {
        func load(_ numbered: String) throws -> WatchModel {
            try ModelLoader.load(bytes: Array("""
                actors:
                  - {id: era, kind: state, aliases: [{text: Era, numbered: \(numbered)}]}
                topics:
                  - {id: t, terms: [calendar]}
                """.utf8), file: "model.yaml", watch: "w")
        }
        #expect(try load("[7, 9]").actors[0].aliases.map(\.text) == ["Era", "Era7", "Era8", "Era9"])
        for bad in ["[9, 7]", "[3]", "[0, 1000]"] {
            #expect(throws: YAMLFileError.self) { try load(bad) }
            do { _ = try load(bad) } catch {
                #expect("\(error)".contains("numbered must be [FIRST, LAST], whole numbers with 0 ≤ FIRST ≤ LAST, at most 1,000 of them"))
            }
        }
    }

    /// A drill story whose headline names no state and whose text names North Korea only late: the
    /// headline is read with its first sentence (`title_anchor_sentences`), which names South Korea
    /// and the United States acting together, so the title's drill term counts and the title is the
    /// allies' security response. A notice at 16 before.
    @Test func aDrillHeadlineIsReadWithItsLede() throws {
        let d = try Self.decide("Allies open summer drills as tensions rise", [
            "South Korea and the United States began their annual Ulchi Freedom Shield exercise on Monday, mobilising about 19,000 troops.",
            "The drills include field training and computer simulations of a full-scale war.",
            "Officials in Seoul said the exercise would strengthen the alliance's readiness.",
            "Some residents near training grounds complained about noise.",
            "The defence ministry said no live-fire training was planned near the border.",
            "North Korea has called such drills rehearsals for an invasion.",
        ])
        #expect(d.explanation.map(\.description) == [
            "state north_korea in sentence 6 +1.0",
            "state south_korea in lead (sentence 1) +2.0",
            "title: russia_nk_alliance \"allies\" (partner state only) (headline read with its lede: state named in sentence 1) +1.5",
            "title: regional_security \"drills\" (partner state, security response) (headline read with its lede: state named in sentence 1) +4.0",
            "sentence 1: regional_security \"Freedom Shield\" (partner state, security response) +6.0",
            "sentence 3: russia_nk_alliance \"alliance\" (partner state only) +1.5",
            "sentence 3: regional_security \"exercise\" (partner state, security response) +1.5",
            "sentence 6: ukraine_war \"invasion\" +1.5",
            "sentence 6: regional_security \"drills\" +0.5",
            "sentence 1: south_korea+united_states with regional_security +2.0",
            "title: south_korea+united_states with regional_security, a security response (states named in sentence 1) +6.0",
        ])
        #expect(d.score == 27.5)
        #expect(d.level == .alert)
    }

    /// A US–Japan–South Korea defence meeting under a headline that says "three allies": the states
    /// of the first sentence anchor the title's defence and missile terms. A notice at 14.38 before.
    @Test func aDefenceMeetingHeadlineOnThreeAlliesIsReadWithItsLede() throws {
        let d = try Self.decide("Defence chiefs of three allies agree to share missile warning data", [
            "The defence ministers of Japan, South Korea and the United States agreed in Singapore on Saturday to share real-time missile warning data from December.",
            "They also agreed to hold regular trilateral exercises.",
            "The meeting was the first of its kind in a year.",
            "The data sharing is aimed at North Korea's missile launches.",
        ])
        #expect(d.explanation.filter { $0.sentence == 0 }.map(\.description) == [
            "title: russia_nk_alliance \"allies\" (partner state only) (headline read with its lede: state named in sentence 1) +1.5",
            "title: nk_weapons_program \"missile\" (partner state only) (headline read with its lede: state named in sentence 1) +2.5",
            "title: regional_security \"defence\" (partner state, security response) (headline read with its lede: state named in sentence 1) +2.0",
            "title: japan+south_korea with regional_security, a security response (states named in sentence 1) +6.0",
        ])
        #expect(d.score == 26.38)
        #expect(d.level == .alert)
    }

    /// The singular "exercise" counts as a drill only near a military word, "live-fire" always: a
    /// US–South Korea live-fire exercise (7 points before: "exercise" was no term) alerts, "a costly
    /// exercise in patience" in Japan's parliament is no drill.
    @Test func aLiveFireExerciseIsADrillAnExerciseInPatienceIsNot() throws {
        let drill = try Self.decide("Seoul and Washington wrap up largest live-fire exercise in years", [
            "South Korean and US troops ended two weeks of combined live-fire training near Pocheon on Friday.",
            "More than 2,500 soldiers and 600 armoured vehicles took part.",
            "The army said the training showed the allies could respond at once to any provocation.",
            "Pyongyang has condemned the exercise as a rehearsal for war.",
        ])
        #expect(drill.explanation.filter { $0.rule == .titleResponsePoints || $0.rule == .requires }.map(\.description) == [
            "sentence 4: regional_security \"exercise\" not counted: none of military, troops, forces, navy, naval, army, air force, soldiers, warships, marines, allies, alliance within 8 words +0.0",
            "title: south_korea+united_states with regional_security, a security response +6.0",
        ])
        #expect(drill.score == 26)
        #expect(drill.level == .alert)
        let patience = try Self.decide("A costly exercise in patience", [
            "Japan's parliament debated the budget for a third day on Tuesday.", "The opposition forced another vote.",
        ])
        #expect(patience.explanation.map(\.description) == [
            "title: regional_security \"exercise\" not counted: none of military, troops, forces, navy, naval, army, air force, soldiers, warships, marines, allies, alliance within 8 words +0.0",
            "state japan in lead (sentence 1) +2.0",
        ])
        #expect(patience.level == nil)
    }

    /// A headline read with its lede is no security response without two states acting together
    /// there: an evacuation drill in Tokyo schools is 4 points.
    @Test func anEvacuationDrillIsNoSecurityResponse() throws {
        let d = try Self.decide("Firefighters hold evacuation drills", [
            "Schools in Tokyo practised earthquake evacuation on Monday.", "The drills take place every September.",
        ])
        #expect(d.explanation.map(\.description) == [
            "state japan in lead (sentence 1) +2.0",
            "title: regional_security \"drills\" (partner state only) (short item: state named in the lead) +2.0",
        ])
        #expect(d.level == nil)
    }
}
