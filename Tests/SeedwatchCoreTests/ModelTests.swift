import Foundation
import SeedwatchCore
import Testing

@Suite("Shipped model china-russia-north-korea")
struct ModelTests {
    @Test func loadsWithRequiredActorAndTopicIDs() throws {
        let model = try ShippedModel.model
        let actorIDs = Set(model.actors.map(\.id))
        for id in ["vladimir_putin", "kim_jong_un", "xi_jinping", "moon_jae_in", "donald_trump", "andrei_lankov",
                   "russia", "north_korea", "china", "south_korea", "japan", "united_states", "ukraine", "united_nations"] {
            #expect(actorIDs.contains(id), "missing actor \(id)")
        }
        let topicIDs = Set(model.topics.map(\.id))
        #expect(topicIDs == ["russia_nk_alliance", "arms_transfer", "ukraine_war", "nk_weapons_program", "sanctions",
                             "china_leverage", "energy_trade", "regional_security", "korean_diplomacy"])
        #expect(model.actor("kim_jong_un")?.affiliation == "north_korea")
        #expect(model.actor("vladimir_putin")?.affiliation == "russia")
        #expect(model.actor("xi_jinping")?.affiliation == "china")
        #expect(model.actor("moon_jae_in")?.affiliation == "south_korea")
        #expect(model.actor("donald_trump")?.affiliation == "united_states")
        #expect(model.actor("china")?.kind == .state)
        #expect(model.version.count == 12)
    }

    @Test func everyStateWeightNamesAStateAndCoreStatesAreWeighted() throws {
        let model = try ShippedModel.model
        let states = Set(model.actors.filter { $0.kind == .state }.map(\.id))
        #expect(Set(model.rules.stateWeights.keys).isSubset(of: states))
        #expect(Set(model.rules.coreStates) == ["russia", "china", "north_korea"])
        #expect(model.rules.noticeThreshold < model.rules.alertThreshold)
    }

    // Word boundaries in non-Latin scripts (Cyrillic, Han, mixed).
    @Test(arguments: [
        ("Фильм о Распутине вышел в прокат.", Set<String>()),
        ("Путин прибыл с визитом.", ["vladimir_putin"]),
        ("习近平在北京会见金正恩。", ["xi_jinping", "kim_jong_un", "china"]),
        ("Talks with Xi在北京", ["xi_jinping", "china"]),
        ("2026年平壤阅兵", ["north_korea"]),
        ("Überraschung: Putins Rede", ["vladimir_putin"]),
    ] as [(String, Set<String>)])
    func wordBoundariesInNonLatinScripts(text: String, expected: Set<String>) throws {
        #expect(try ShippedModel.actorIDs(text) == expected)
    }

    // Apostrophes, possessives and Xi'an.
    @Test(arguments: [
        ("President Xi\u{2019}s envoy arrived.", Set(["xi_jinping"])),
        ("President Xi's envoy arrived.", ["xi_jinping"]),
        ("Putin\u{2019}s spokesman declined to comment.", ["vladimir_putin"]),
        ("Flights from Xi\u{2019}an to Beijing resumed.", ["china"]),
        ("Xi'an trade fair opens.", []),
        ("Xi\u{02BC}an museum reopens.", []),
        ("Super Bowl XI recap", []),
        ("a taxi to the airport", []),
        ("PUTIN SPEAKS", ["vladimir_putin"]),
    ] as [(String, Set<String>)])
    func apostrophesPossessivesAndXian(text: String, expected: Set<String>) throws {
        #expect(try ShippedModel.actorIDs(text) == expected)
    }

    // Text extracted from HTML whose blocks had no space between them: one block per line.
    @Test func blocksOfSquishedHTMLEachOnTheirLine() throws {
        let text = "Statement\nissued in Pyongyang\nKim Jong Un\nsaid the launch was a success.\nBeijing\nMoscow\nPyongyang later confirmed it.\nPutin\ndid not comment."
        #expect(try ShippedModel.actorIDs(text, hasTitle: true) == ["kim_jong_un", "vladimir_putin", "north_korea", "china", "russia"])
    }

    // A name and a weapons term (the text of a file that began with a byte order mark).
    @Test func aNameAndAWeaponsTerm() throws {
        let result = try ShippedModel.matcher.match(text: "Kim Jong Un watched an ICBM launch.", hasTitle: false)
        #expect(try result.actorIDs(in: ShippedModel.model) == ["kim_jong_un"])
        let model = try ShippedModel.model
        let topics = Set(result.termHits.map { model.topics[$0.topic].id })
        #expect(topics.contains("nk_weapons_program"))
    }

    // "Mr Kim" is weak and nothing confirms it; "President Xi" is strong.
    @Test func aWeakAliasNeedsConfirmation() throws {
        #expect(try ShippedModel.actorIDs("Mr Kim and President Xi met in Beijing.") == ["xi_jinping", "china"])
    }

    // The article of a file still being written when first seen: Kim Jong Un and Pyongyang.
    @Test func kimJongUnAndPyongyang() throws {
        #expect(try ShippedModel.actorIDs("Kim Jong Un arrives\nKim Jong Un arrived in Pyongyang on Monday.", hasTitle: true)
                == ["kim_jong_un", "north_korea"])
    }

    @Test(arguments: [
        ("Kim Kardashian West launched a new fragrance.", Set<String>()),
        ("The astronauts walked on the Moon.", []),
        ("He played his trump card.", []),
        ("A set of fine china was auctioned.", []),
        ("Kim Jong-un met Moon Jae-in at Panmunjom.", ["kim_jong_un", "moon_jae_in", "north_korea", "south_korea"]),
        ("The Kremlin said Washington and Seoul were wrong.", ["russia", "united_states", "south_korea"]),
        ("Democratic People\u{2019}s Republic of Korea", ["north_korea"]),
        ("김정은이 평양에서 말했다", ["kim_jong_un", "north_korea"]),
        ("Mr Kim met Kim Jong Un.", ["kim_jong_un"]),
        ("Kim Jong Il visited a farm in 1999.", []),
    ] as [(String, Set<String>)])
    func aliasesAndExclusions(text: String, expected: Set<String>) throws {
        #expect(try ShippedModel.actorIDs(text) == expected)
    }
}
