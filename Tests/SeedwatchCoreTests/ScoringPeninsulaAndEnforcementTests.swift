import Foundation
@testable import SeedwatchCore
import Testing

/// Miss and false-alarm kinds of issue 8 that the shipped model's data and rules now read, each as a
/// short article of our own: US–North Korea headlines without a topic term, the two Koreas named
/// together, sanctions enforcement in court, Mexican "EU", and headlines on an incident or a contest.
@Suite("Scoring: relation headlines, the two Koreas, sanctions in court, incidents")
struct ScoringPeninsulaAndEnforcementTests {
    static func decide(_ title: String, _ body: [String]) throws -> Decision {
        try ShippedModel.scorer.score(ShippedModel.matcher.match(Article(title: title, body: body.joined(separator: "\n"))))
    }

    static func actors(_ title: String, _ body: String) throws -> Set<String> {
        try ShippedModel.matcher.match(Article(title: title, body: body)).actorIDs(in: ShippedModel.model)
    }

    /// A US–North Korea headline with no topic term, whose lead names North Korea again: North
    /// Korea's relations with another state (`title_key_relation_points` 7.5) reach the alert
    /// threshold with the title and lead points, as "Kim" in the title is the leader once the lead
    /// names North Korea strongly.
    @Test func aUSNorthKoreaHeadlineWithoutATopicTermAlerts() throws {
        let d = try Self.decide("Trump says Kim is 'a man of his word'", [
            "President Donald Trump praised the North Korean leader on Tuesday and said he trusted him to keep his promises.",
        ])
        #expect(d.explanation.map(\.description) == [
            "state north_korea in title +6.0", "state north_korea in lead (sentence 1) +4.0",
            "title: north_korea with united_states +7.5",
        ])
        #expect(d.score == 17.5)
        #expect(d.topicPoints == 7.5)
        #expect(d.level == .alert)
        // Another Kim, with no North Korea named strongly, is no one of the model.
        let other = try Self.decide("Trump says Kim Kardashian is 'a great person'", [
            "President Donald Trump praised the reality TV star on Tuesday after she visited the White House.",
        ])
        #expect(other.level == nil)
        #expect(!other.explanation.contains { $0.rule == .titleKeyRelation })
    }

    /// An envoy's trip to Pyongyang is diplomacy: travel words ("travel", "trip", "arrives") are weak
    /// meeting words like "visit", so a headline naming North Korea with one is the story's headline
    /// (`title_key_points`). Without a state in the sentence they count nothing.
    @Test func anEnvoysTripToPyongyangAlerts() throws {
        let d = try Self.decide("Pompeo to travel to Pyongyang next week", [
            "U.S. Secretary of State Mike Pompeo will travel to Pyongyang next week to prepare for a second summit between President Donald Trump and Kim Jong Un.",
        ])
        #expect(d.explanation.map(\.description) == [
            "state north_korea in title +6.0", "state north_korea in lead (sentence 1) +4.0",
            "title: russia_nk_alliance \"travel\" +1.0", "sentence 1: russia_nk_alliance \"summit\" +3.0",
            "title: north_korea with russia_nk_alliance +4.0",
            "title: north_korea with united_states +7.5",
        ])
        // 18 (topic 8) before Pompeo was a person of the United States in the model.
        #expect(d.score == 25.5)
        #expect(d.topicPoints == 15.5)
        #expect(d.level == .alert)
        let holiday = try Self.decide("Families travel home for the holidays", ["Trains were full on Friday, the rail operator said."])
        #expect(holiday.explanation.isEmpty)
        #expect(holiday.level == nil)
    }

    /// "The two Koreas", "inter-Korean" and their forms in the six languages name North and South
    /// Korea together.
    @Test func theTwoKoreasNameBothStatesInSixLanguages() throws {
        let cases: [(String, String)] = [
            ("The two Koreas agree to reopen border liaison office", "Officials said the office would open on Monday."),
            ("Inter-Korean talks set for next week", "Officials said the talks would be held on Monday."),
            ("Las dos Coreas acuerdan reabrir la oficina de enlace", "Los funcionarios dijeron que la oficina abrirá el lunes."),
            ("As duas Coreias concordam em reabrir escritório de ligação", "Os funcionários disseram que o escritório abrirá na segunda-feira."),
            ("Les deux Corées vont rouvrir leur bureau de liaison", "Les responsables ont dit que le bureau ouvrira lundi."),
            ("Die beiden Koreas wollen ihr Verbindungsbüro wieder öffnen", "Das Büro soll nach Angaben der Beamten am Montag öffnen."),
            ("Le due Coree riaprono l'ufficio di collegamento", "I funzionari hanno detto che l'ufficio aprirà lunedì."),
        ]
        for (title, body) in cases {
            #expect(try Self.actors(title, body) == ["north_korea", "south_korea"], "\(title)")
        }
        let d = try Self.decide("The two Koreas agree to reopen border liaison office", [
            "Seoul and Pyongyang agreed on Tuesday to reopen a liaison office at the border, officials said.",
        ])
        #expect(d.explanation.map(\.description) == [
            "state north_korea in title +6.0", "state north_korea in lead (sentence 1) +4.0",
            "state south_korea in title +3.0", "state south_korea in lead (sentence 1) +2.0",
            "title: korean_diplomacy \"border\" +2.0", "sentence 1: korean_diplomacy \"border\" +1.5",
            "title: north_korea+south_korea with korean_diplomacy +2.0",
            "sentence 1: north_korea+south_korea with korean_diplomacy +2.0",
            "title: north_korea with korean_diplomacy +4.0", "title: north_korea with south_korea +7.5",
        ])
        #expect(d.score == 34)
        #expect(d.level == .alert)
    }

    /// Sanctions enforcement in court (charges, pleas, sentences, fines, jail, laundering, front
    /// companies, and the luxury goods the UN sanctions ban: 4.0 in the title since the eleventh round) counts
    /// as sanctions evidence with North Korea or sanctions named within 12 words; the same words in
    /// other crime news do not count, and a note says why.
    @Test func courtWordsCountAsSanctionsOnlyNearNorthKorea() throws {
        let d = try Self.decide("Singapore businessman jailed for supplying luxury goods to North Korea", [
            "A Singapore court on Friday sentenced a businessman to three years in prison for shipping luxury goods worth millions of dollars to Pyongyang.",
        ])
        #expect(d.explanation.map(\.description) == [
            "state north_korea in title +6.0", "state north_korea in lead (sentence 1) +4.0",
            "title: sanctions \"luxury goods\" +4.0", "sentence 1: sanctions \"luxury goods\" +3.0",
            "title: north_korea with sanctions +4.0",
        ])
        #expect(d.score == 21)
        #expect(d.level == .alert)
        let fraud = try Self.decide("Chinese tycoon sentenced to 30 years in US jail for fraud", [
            "A Chinese businessman was sentenced on Friday to 30 years in prison for defrauding his followers.",
        ])
        #expect(fraud.explanation.filter { $0.rule == .requires }.map(\.description) == [
            "title: sanctions \"sentenced\" not counted: none of North Korea, North Korean, North Koreans, Pyongyang, DPRK, N. Korea, "
                + "N Korea, sanctions, sanctioned, Corea del Norte, … (43 in all) within 12 words +0.0",
            "title: sanctions \"jail\" not counted: none of North Korea, North Korean, North Koreans, Pyongyang, DPRK, N. Korea, "
                + "N Korea, sanctions, sanctioned, Corea del Norte, … (43 in all) within 12 words +0.0",
            "sentence 1: sanctions \"sentenced\" not counted: none of North Korea, North Korean, North Koreans, Pyongyang, DPRK, N. Korea, "
                + "N Korea, sanctions, sanctioned, Corea del Norte, … (43 in all) within 12 words +0.0",
        ])
        #expect(fraud.topicPoints == 0)
        #expect(fraud.level == nil)
    }

    /// Mexican Spanish writes the United States "EU": a weak name, read as the United States only in
    /// a Spanish article that names them strongly too ("Estados Unidos", "EE.UU."), and never as the
    /// European Union.
    @Test func mexicanEUIsTheUnitedStatesWhenTheArticleNamesThem() throws {
        let named = try ShippedModel.matcher.match(Article(
            title: "Corea del Norte acusa a EU de provocación",
            body: "El gobierno de Corea del Norte acusó a Estados Unidos de preparar una guerra, y dijo que EU debe retirar sus tropas."))
        let model = try ShippedModel.model
        #expect(named.actorIDs(in: model) == ["north_korea", "united_states"])
        #expect(named.mentions.filter { model.actors[$0.actor].id == "united_states" }.count == 3)
        let alone = Article(title: "Corea del Norte acusa a EU de provocación",
                            body: "El gobierno de Corea del Norte acusó a EU de preparar una guerra, según la agencia oficial.")
        #expect(alone.language == "es")
        #expect(try ShippedModel.matcher.match(alone).actorIDs(in: model) == ["north_korea"])
        #expect(try Self.actors("Corea del Norte y EE.UU. retoman el diálogo", "El diálogo con EEUU será posible, según la agencia oficial.")
            == ["north_korea", "united_states"])
    }

    /// A headline on the weather, a disaster or a sports contest names states as places or teams:
    /// it gets no relation points (`incident_title_terms`), and a note says so.
    @Test func aHeadlineOnAnIncidentOrAContestGetsNoRelationPoints() throws {
        let match = try Self.decide("Japan beat North Korea 2-0 in World Cup qualifier", [
            "Japan beat North Korea 2-0 in a World Cup qualifier in Tokyo on Thursday, with two goals in the second half.",
        ])
        #expect(match.explanation.map(\.description) == [
            "title: a headline on an incident or a contest (\"qualifier\"): japan, north_korea get no relation points there +0.0",
            "state north_korea in title +6.0", "state north_korea in lead (sentence 1) +4.0",
            "state japan in title +3.0", "state japan in lead (sentence 1) +2.0",
        ])
        #expect(match.level == nil)
        let snow = try Self.decide("Russia's Far East buried in snow, transport disrupted in China", [
            "Heavy snow buried cities in Russia's Far East on Wednesday, and trains were cancelled in northeast China.",
        ])
        #expect(snow.explanation.map(\.description) == [
            "title: a headline on an incident or a contest (\"snow\"): china, russia get no relation points there +0.0",
            "state russia in title +6.0", "state russia in lead (sentence 1) +4.0",
            "state china in title +6.0", "state china in lead (sentence 1) +4.0",
            "sentence 1: china+russia with no topic term +2.0",
        ])
        #expect(snow.topicPoints == 2)
        #expect(snow.level == nil)
        // The same states in a headline on their relations keep the relation points.
        let talks = try Self.decide("Japan and North Korea hold rare talks in Mongolia", [
            "Officials of Japan and North Korea met in Ulaanbaatar on Thursday.",
        ])
        #expect(talks.explanation.contains { $0.rule == .titleKeyRelation })
        #expect(!talks.explanation.contains { $0.rule == .incidentTitle })
    }
}
