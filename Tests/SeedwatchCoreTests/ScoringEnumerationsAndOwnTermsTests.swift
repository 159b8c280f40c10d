import Foundation
@testable import SeedwatchCore
import Testing

/// Rules an analyst would write from the tuning part's errors (issue 8, sixth round), each a short
/// article of our own: a list of four or more states is an enumeration, North Korea's weapons terms
/// are North Korea's, "the North" and "the South" in the five other languages, and the Juche idea
/// naming North Korea. The bait words still never alert.
@Suite("Scoring: enumerations, a key state's own terms, the two Koreas in six languages")
struct ScoringEnumerationsAndOwnTermsTests {
    static func decide(_ title: String, _ body: [String] = []) throws -> Decision {
        try ShippedModel.scorer.score(ShippedModel.matcher.match(Article(title: title, body: body.joined(separator: "\n"))))
    }

    /// An appeal to "China, France, Japan, South Korea, Britain and others" names them as items of
    /// one list: no pair among them, Japan and South Korea are no subject of the lead, and another
    /// state's "missile launch sites" are not North Korea's programme. No level (it was a notice at
    /// 26.42 on a wire story of this kind).
    @Test func anAppealToAListOfStatesIsNoStoryOfTheirs() throws {
        let d = try Self.decide("Trump asks allies to secure the Strait of Hormuz", [
            "President Trump's appeal to China, France, Japan, South Korea, Britain and others to send warships brought no commitments on Sunday.",
            "The US military continues to pound drone, boat and missile launch sites in Iran.",
        ])
        #expect(d.explanation.map(\.description) == [
            "sentence 1: china+japan named as items of a list: no pair +0.0",
            "sentence 1: china+south_korea named as items of a list: no pair +0.0",
            "sentence 1: japan+south_korea named as items of a list: no pair +0.0",
            "state china in lead (sentence 1) +4.0", "state south_korea in lead (sentence 1) +2.0",
            "state japan in lead (sentence 1) +2.0",
            "sentence 1: regional_security \"warships\" +3.0",
            "nk_weapons_program not counted: no key state (north_korea) named in the article +0.0",
            "sentence 1: japan+united_states with regional_security +2.0",
        ])
        #expect(d.score == 13)
        #expect(d.level == nil)
    }

    /// Three states may be an alliance acting ("China, Japan and South Korea hold defence talks"):
    /// a list of three parts only two core states, so the partner pair still counts.
    @Test func threeStatesAreStillAPartnership() throws {
        let d = try Self.decide("China, Japan and South Korea hold defence talks", ["The three ministers met in Seoul."])
        #expect(!d.explanation.contains { $0.rule == .listedStates })
        #expect(d.explanation.filter { $0.rule == .pairPoints }.map(\.description) == [
            "title: china+japan with russia_nk_alliance,regional_security +2.0",
        ])
        #expect(d.score == 26.38)
    }

    /// The long list is counted across the sentence: items before the first state and after the
    /// second, names of two words ("South Korea", "the UK") and "and others" each count once.
    @Test(arguments: [
        ("Leaders of France, Germany, China and Japan met in Rome.", true),
        ("Ministers of China, Japan and Italy met in Rome.", false),
        ("The appeal went to China, Japan, South Korea, the UK and others.", true),
        ("China and Japan, with Italy, met in Rome.", false),
    ] as [(String, Bool)])
    func aListOfFourOrMoreIsCountedAcrossTheSentence(sentence: String, long: Bool) throws {
        let text = sentence
        let china = text.range(of: "China")!, japan = text.range(of: "Japan")!
        let first = text.utf8.distance(from: text.startIndex, to: china.lowerBound)..<text.utf8.distance(from: text.startIndex, to: china.upperBound)
        let second = text.utf8.distance(from: text.startIndex, to: japan.lowerBound)..<text.utf8.distance(from: text.startIndex, to: japan.upperBound)
        let found = ListedStates.areLongListItems(utf8: ExtractedTextBytes(text: text), first, second)
        #expect(found == long)
    }

    /// With North Korea named, its weapons terms count as before.
    @Test func northKoreasWeaponsTermsCountWhereNorthKoreaIsNamed() throws {
        let d = try Self.decide("North Korea shows off missile launch sites", ["State media showed new missile launch sites near Pyongyang."])
        #expect(d.explanation.map(\.description) == [
            "state north_korea in title +6.0", "state north_korea in lead (sentence 1) +4.0",
            "title: nk_weapons_program \"missile launch\" +8.0", "sentence 1: nk_weapons_program \"missile launch\" +4.0",
            "title: north_korea with nk_weapons_program +4.0",
        ])
        #expect(d.score == 26)
        #expect(d.level == .alert)
    }

    /// "Le Sud", "le Nord", "dem Süden": the other Korea as the five other languages name it beside
    /// one Korea, so a crossing from the South or a threat to it is a headline on the two Koreas.
    @Test func theNorthAndTheSouthInTheOtherLanguages() throws {
        let crossing = try Self.decide("Corée du Nord : un civil a franchi la frontière depuis le Sud", [
            "Il a été repéré par les caméras de la zone démilitarisée. Ces passages sont très rares.",
        ])
        #expect(crossing.actors.map(\.id) == ["north_korea", "south_korea"])
        #expect(crossing.explanation.filter { $0.rule == .titleKeyRelation }.map(\.description) == [
            "title: north_korea with south_korea +7.5",
        ])
        #expect(crossing.score == 38)  // 30.5 before its title stood for the lead of a description naming no state
        #expect(crossing.level == .alert)
        let launch = try Self.decide("Séoul : le Nord a tiré deux missiles balistiques", [
            "Les tirs ont eu lieu mardi matin, selon l'état-major sud-coréen.",
        ])
        #expect(launch.actors.map(\.id) == ["south_korea", "north_korea"])
        #expect(launch.score == 32.5)
        let threat = try Self.decide("Nordkorea droht dem Süden mit Vergeltung", [
            "Der Süden habe Flugblätter über die Grenze geschickt, meldete die Staatsagentur.",
        ])
        #expect(threat.explanation.map(\.description) == [
            "state north_korea in title +6.0", "state south_korea in title +3.0", "state south_korea in lead (sentence 1) +2.0",
            "sentence 1: korean_diplomacy \"Flugblätter\" (partner state only) +2.25",
            "title: north_korea with south_korea +7.5",
        ])
        #expect(threat.score == 20.75)
        #expect(threat.level == .alert)
    }

    /// Without the other Korea, "le Sud" is a region: the south of France names no state.
    @Test func theSouthOfFranceIsNoKorea() throws {
        let d = try Self.decide("Le Sud de la France sous la canicule", ["Le Sud connaît des températures record cette semaine."])
        #expect(d.actors.isEmpty)
        #expect(d.score == 0)
    }

    /// The Juche idea is North Korea's own: naming it names North Korea.
    @Test func theJucheIdeaNamesNorthKorea() throws {
        let d = try Self.decide("Foreign delegation studies the Juche idea", ["The delegation visited a museum on Monday."])
        #expect(d.actors.map(\.id) == ["north_korea"])
        #expect(d.explanation.first?.description == "state north_korea in title +6.0")
    }

    /// The bait words still never reach a level.
    @Test(arguments: [
        "Moon and Venus make a close approach in the evening sky",
        "Senator plays his trump card in the budget fight",
        "Kim Kardashian unveils her Christmas decorations",
        "Tourists flock to Xi'an to see the terracotta warriors",
        "Auction of fine china sets a record in London",
    ])
    func baitWordsNeverAlert(title: String) throws {
        #expect(try Self.decide(title, ["The story goes on for a paragraph about the event."]).level == nil)
    }
}
