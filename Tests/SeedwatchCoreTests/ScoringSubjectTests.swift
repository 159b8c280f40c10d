import Foundation
import SeedwatchCore
import Testing

/// The false-alarm and miss kinds found on sealed data (issue 8), each as a short article of our
/// own, with the exact level, score and components that the shipped rules give.
@Suite("Scoring: what an article is about, not how long it is")
struct ScoringSubjectTests {
    static func decide(_ title: String, _ body: [String]) throws -> Decision {
        try ShippedModel.scorer.score(ShippedModel.matcher.match(Article(title: title, body: body.joined(separator: "\n"))))
    }

    static func rules(_ d: Decision) -> [ScoreRule] { d.explanation.map(\.rule) }

    /// A long analysis (66 body sentences) about NATO budgets, with passing mentions of Russia and
    /// China in defence words: no key state, no relation between them in a sentence of its own.
    static let longAnalysis: (String, [String]) = {
        var body = [
            "European governments are arguing again about who pays for the common defence of the alliance.",
            "Since Russia's full-scale invasion of Ukraine, most members have raised military budgets.",
            "Yet the gap between the biggest and smallest spenders has barely narrowed.",
        ]
        for i in 1...60 {
            switch i % 6 {
            case 0: body.append("Member state \(i) raised its budget by \(i % 5) tenths of a per cent of output last year.")
            case 1: body.append("Officials say Russia remains the main threat to the eastern flank, and planners count troops accordingly.")
            case 2: body.append("Some analysts add that China is watching how the allies share the burden.")
            case 3: body.append("Procurement of ammunition and air defence is slow in member state \(i).")
            case 4: body.append("Parliament number \(i) debated the spending target for a week.")
            default: body.append("The finance ministry in capital \(i) warned about debt.")
            }
        }
        body += [
            "Diplomats expect the summit to endorse a new target.",
            "Whether voters accept the cost is another matter.",
            "The next review is due in two years.",
        ]
        return ("Who pays for Europe's defence? The burden-sharing argument returns", body)
    }()

    @Test func aLongAnalysisWithPassingMentionsIsNoLevel() throws {
        let (title, body) = Self.longAnalysis
        let d = try Self.decide(title, body)
        // Under the earlier rules (no length factor, no subject test) this was an alert at 41.5.
        #expect(d.level == nil)
        #expect(d.score == 35.7)
        #expect(d.ceiling == nil)
        #expect(d.explanation.last?.detail == "no level: neither north_korea nor two core states together in the title, the lead or 20 % "
            + "of the body sentences, nor regional_security with a partner state in the title or lead, nor in 3 of 6 consecutive sentences")
        #expect(Self.rules(d).last == .subject)
    }

    @Test func sentencePointsShrinkWithLength() throws {
        let (title, body) = Self.longAnalysis
        let d = try Self.decide(title, body)
        let spread = d.explanation.filter { $0.rule == .sentencePoints }
        #expect(spread.count == 12)
        #expect(spread.first?.detail == "state russia in sentence 4 (× 0.67 for length: √(30 / 66 body sentences))")
        #expect(abs((spread.first?.points ?? 0) - (30.0 / 66).squareRoot()) < 1e-9)
    }

    @Test func aCommodityWireStoryWithChinaAndRussiaAsMarketsIsNoLevel() throws {
        let d = try Self.decide("Indian steel mills scramble for coking coal as prices climb", [
            "Indian steel mills are paying more for coking coal as demand from China rises and supplies from Russia and Australia tighten.",
            "Prices of the fuel rose 12 per cent in a month, traders in Mumbai said.",
            "China imports about 60 million tonnes of coking coal a year, while Russia exports coal and oil to Asia.",
            "Mills in Odisha cut output, and the energy ministry is reviewing import duties.",
        ])
        // Earlier rules: an alert at 22.75 (energy_trade and china_leverage points, two pairs with topics).
        #expect(d.level == nil)
        #expect(d.score == 12)
        #expect(d.explanation.filter { $0.rule == .marketTopics }.map(\.detail) == [
            "china_leverage not counted: no core state in the title and no key state in the title or lead",
            "energy_trade not counted: no core state in the title and no key state in the title or lead",
        ])
        #expect(d.topics.isEmpty)
        #expect(d.explanation.filter { $0.rule == .relationFactor }.map(\.points) == [2, 2])
    }

    @Test func anAmbiguousTermWithoutItsCompanionDoesNotCount() throws {
        let d = try Self.decide("Chinese robotaxi firm expands its pipeline of cities", [
            "The Chinese company said its pipeline of new cities would double this year.",
        ])
        // Earlier rules: a notice at 17 (energy_trade "pipeline" in title and lead).
        #expect(d.level == nil)
        #expect(d.score == 10)
        #expect(d.topics.isEmpty)
        let note = d.explanation.first { $0.rule == .requires }
        #expect(note?.detail == "title: energy_trade \"pipeline\" not counted: none of oil, gas, energy, crude, LNG, petroleum, Power of Siberia, gaz, pétrole, Öl, Erdöl, Erdgas, petróleo, gás, petrolio within 8 words")
        let energy = try Self.decide("China and Russia agree to build gas pipeline", ["The pipeline will carry natural gas from Siberia."])
        #expect(energy.level == .alert)
        #expect(energy.topics.map(\.id) == ["energy_trade"])
    }

    @Test func statesListedInOneSentenceAreNoPair() throws {
        let d = try Self.decide("Kazakhstan's president wins a new term", [
            "President Tokayev, who maintained close ties with China, the West and Russia, won 81 per cent of the vote.",
            "Observers said the election lacked real competition.",
        ])
        #expect(!Self.rules(d).contains(.pairPoints))
        #expect(!Self.rules(d).contains(.relationFactor))
        #expect(d.explanation.contains { $0.rule == .listedStates && $0.detail == "sentence 1: china, russia named as items of a list: no pair" })
        #expect(d.level == nil)
        #expect(d.score == 9.5)
        // Two states as the subject of one verb still pair.
        let together = try Self.decide("Vote at the United Nations", ["Russia and China vetoed the sanctions resolution on Monday."])
        #expect(together.explanation.contains { $0.rule == .pairPoints && $0.detail == "sentence 1: china+russia with sanctions" })
    }

    @Test func aUSJapanSouthKoreaDefenceMeetingAlerts() throws {
        let d = try Self.decide("US, Japan and South Korea defence chiefs meet in Tokyo", [
            "Defence ministers of the United States, Japan and South Korea met in Tokyo on Sunday and agreed to deepen trilateral security cooperation.",
            "Japan and South Korea will join US forces in regular trilateral drills from next year.",
            "The three ministers also agreed to link their missile defence systems.",
            "They said North Korea's weapons programme remained a threat.",
        ])
        // Earlier rules: a notice at 18.75 (South Korea and Japan topics at half, no pair).
        #expect(d.level == .alert)
        // 28.75 before "meet" counted as a meeting word; 29.25 before the security-response headline
        // (`title_response_points`) and "security cooperation" as a defence term.
        #expect(d.score == 36.38)
        #expect(d.explanation.filter { $0.rule == .partnerPairPoints }.map(\.detail) == [
            "title: japan+south_korea with russia_nk_alliance,regional_security",
            "sentence 1: japan+south_korea with russia_nk_alliance,regional_security",
            "sentence 2: japan+south_korea with regional_security",
        ])
        #expect(d.explanation.contains { $0.detail == "sentence 1: regional_security \"security cooperation\" (partner state, security response)" && $0.points == 4.5 })
        #expect(d.explanation.contains { $0.detail == "sentence 2: regional_security \"trilateral\" (partner state, security response)" && $0.points == 3 })
        #expect(d.explanation.filter { $0.rule == .titleResponsePoints }.map(\.description) == [
            "title: japan+south_korea with regional_security, a security response +6.0",
        ])
    }

    @Test func aDrillStoryNamingNorthKoreaLateAlerts() throws {
        let d = try Self.decide("South Korea and US begin Freedom Shield drills", [
            "South Korean and American forces began their annual Freedom Shield exercises on Monday.",
            "The 11-day drills involve computer simulations and field training across the country.",
            "About 19,000 South Korean personnel are taking part, the Joint Chiefs of Staff said.",
            "Seoul said the drills would focus on responding to drones and cyber attacks.",
            "Some residents near training grounds complained about noise.",
            "North Korea has long condemned the joint drills.",
        ])
        // Earlier rules: a notice at 18 (drill terms at half beside South Korea alone, alert at 19);
        // then 18.5, before the United States paired with South Korea as an alliance (`alliance_states`);
        // 22.5 before the security-response headline (`title_response_points`).
        #expect(d.level == .alert)
        #expect(d.score == 28.5)
        #expect(d.explanation.map(\.description) == [
            "state north_korea in sentence 6 +1.0",
            "state south_korea in title +3.0",
            "state south_korea in lead (sentence 1) +2.0",
            "state south_korea in sentence 4 +0.5",
            "title: regional_security \"Freedom Shield\" (partner state, security response) +8.0",
            "sentence 1: regional_security \"Freedom Shield\" (partner state, security response) +4.0",
            "title: south_korea+united_states with regional_security +2.0",
            "sentence 1: south_korea+united_states with regional_security +2.0",
            "title: south_korea+united_states with regional_security, a security response +6.0",
        ])
    }

    @Test func baitWordsNeverAlert() throws {
        let cases: [(String, [String])] = [
            ("Kim Kardashian plays her trump card", ["The star bought fine china and watched the Moon over Xi'an."]),
            ("Moon landing anniversary", ["Nasa marked the day the Moon landing was broadcast in 1969."]),
            ("Xi'an terracotta army draws record crowds", ["Museums in Xi'an reported 10 million visitors, many buying fine china."]),
        ]
        for (title, body) in cases {
            #expect(try Self.decide(title, body).level == nil, "\(title)")
        }
    }

    @Test func aModelWithoutRulesWeighsItsOwnStates() throws {
        let yaml = """
            actors:
              - {id: colombia, kind: state, aliases: [Colombia]}
              - {id: venezuela, kind: state, aliases: [Venezuela]}
              - {id: gustavo_petro, kind: person, affiliation: colombia, aliases: [Gustavo Petro]}
            topics:
              - {id: border, terms: [{text: border crossing, weight: 3}, {text: pipeline, weight: 2, requires: [gas, "natural gas"], within: 4}]}
            """
        let model = try ModelLoader.load(bytes: Array(yaml.utf8), file: "m.yaml", watch: "colombia")
        #expect(model.rules.stateWeights == ["colombia": 1, "venezuela": 1])
        #expect(model.rules.coreStates == ["colombia", "venezuela"])
        #expect(model.topics[0].terms[1].requires == ["gas", "natural gas"])
        #expect(model.topics[0].terms[1].within == 4)
        let d = Scorer(model: model).score(Matcher(model: model).match(Article(
            title: "Colombia and Venezuela reopen border crossing", body: "Gustavo Petro said a natural gas pipeline would follow.")))
        #expect(d.explanation.map(\.description) == [
            "state colombia in title +6.0", "state colombia in lead (sentence 1) +4.0", "state venezuela in title +6.0",
            "title: border \"border crossing\" +6.0", "sentence 1: border \"pipeline\" +3.0",
            "title: colombia+venezuela with border +4.0",
        ])
        let bad = "actors:\n  - {id: x, kind: state, aliases: [X]}\ntopics:\n  - {id: t, terms: [{text: pipeline, within: 3}]}\n"
        #expect(throws: YAMLFileError.self) { try ModelLoader.load(bytes: Array(bad.utf8), file: "m.yaml", watch: "w") }
    }
}
