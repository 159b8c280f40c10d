import Foundation
@testable import SeedwatchCore
import Testing

/// Feed items and headlines the shipped model reads as an analyst would (issue 8), each as a short
/// article of our own: a description that goes on about the headline's state without naming it, a
/// headline-only item, a weak topic term in a headline on two core states, a leader's lookalike,
/// "the North", and the travel words in Spanish and German.
@Suite("Scoring: headline items, descriptions, lookalikes, the North, travel words")
struct ScoringHeadlineItemTests {
    static func decide(_ title: String, _ body: [String]) throws -> Decision {
        try ShippedModel.scorer.score(ShippedModel.matcher.match(Article(title: title, body: body.joined(separator: "\n"))))
    }

    /// A short item's description that names no weighted state is about the headline's state: its
    /// topic terms are anchored by the title ("The country could soon carry out a new nuclear test"),
    /// and the title stands for its lead too (eighth round; 22 before, the description's term then
    /// counting 6 where the topic cap now leaves 1.5).
    @Test func aShortItemsDescriptionIsAnchoredByItsHeadline() throws {
        let d = try Self.decide("North Korea's denuclearisation an ever less realistic goal", [
            "The country could soon carry out a new nuclear test, officials say.",
        ])
        #expect(d.explanation.map(\.description) == [
            "state north_korea in title +6.0",
            "state north_korea in title, the lead of an item whose description names no state +4.0",
            "title: nk_weapons_program \"denuclearisation\" +6.0",
            "title, the lead of an item whose description names no state: nk_weapons_program \"denuclearisation\" +4.5",
            "sentence 1: nk_weapons_program \"nuclear test\" (short item: state named in the title) +1.5",
            "title: north_korea with nk_weapons_program +4.0",
        ])
        #expect(d.score == 26)
        #expect(d.level == .alert)
        let french = try Self.decide("La dénucléarisation de la Corée du Nord, un objectif toujours moins réaliste", [
            "Le pays pourrait bientôt procéder à un nouvel essai nucléaire, selon des responsables.",
        ])
        #expect(french.explanation.map(\.description) == [
            "state north_korea in title +6.0",
            "state north_korea in title, the lead of an item whose description names no state +4.0",
            "title: nk_weapons_program \"dénucléarisation\" +6.0",
            "title, the lead of an item whose description names no state: nk_weapons_program \"dénucléarisation\" +4.5",
            "sentence 1: nk_weapons_program \"essai nucléaire\" (short item: state named in the title) +1.5",
            "title: north_korea with nk_weapons_program +4.0",
        ])
        #expect(french.score == 26)
        #expect(french.level == .alert)
        // A description sentence naming its own weighted state keeps its own anchor.
        let japan = try Self.decide("North Korea's denuclearisation an ever less realistic goal", [
            "Japan could soon see a new nuclear test, officials say.",
        ])
        #expect(!japan.explanation.contains { $0.detail.contains("short item") })
        // In a longer article the sentences are read on their own.
        let long = try Self.decide("North Korea's denuclearisation an ever less realistic goal", [
            "The country could soon carry out a new nuclear test, officials say.",
            "Talks stalled years ago.", "Nobody expects them to resume.", "Experts are divided.", "The region waits.",
        ])
        #expect(!long.explanation.contains { $0.detail.contains("nuclear test") })
    }

    /// A feed item that is only a headline: its title is its lead too (`headline_only_lead`: its states
    /// get the lead's points and its topic terms the lead's factor), as when the feed repeats the
    /// headline as the description.
    @Test func aHeadlineOnlyItemsTitleIsItsLead() throws {
        let d = try Self.decide("Kim Jong Un oversees test of new multiple rocket launcher", [])
        #expect(d.actors.map(\.id) == ["kim_jong_un"])
        #expect(d.explanation.map(\.description) == [
            "state north_korea in title +6.0", "state north_korea in title, a headline-only item's lead +4.0",
            "title: nk_weapons_program \"rocket\" +4.0",
            "title, a headline-only item's lead: nk_weapons_program \"rocket\" +3.0",
            "title: north_korea with nk_weapons_program +4.0",
        ])
        // 18 before its topic terms counted for the lead too.
        #expect(d.score == 21)
        #expect(d.level == .alert)
        // With a description that names a state the title is the title only; with one that names
        // none it is the lead too (eighth round).
        let described = try Self.decide("Kim Jong Un oversees test of new multiple rocket launcher", [
            "The launcher was shown at a parade in Pyongyang, state media said.",
        ])
        #expect(!described.explanation.contains { $0.detail.contains("headline-only") || $0.detail.contains("the lead of an item whose description names no state") })
        let stateless = try Self.decide("Kim Jong Un oversees test of new multiple rocket launcher", [
            "The launcher was shown at a parade, state media said.",
        ])
        #expect(stateless.explanation.contains { $0.detail == "state north_korea in title, the lead of an item whose description names no state" })
    }

    /// Two core states acting together in a headline weigh at least `title_relation_points` (6) with
    /// a topic term too: a weak "meets" made "Xi meets Putin" weigh less than the bare pair. The bare
    /// surname "Xi" is the president, as headlines write it.
    @Test func aWeakTopicTermNeverLowersAHeadlineOnTwoCoreStates() throws {
        let d = try Self.decide("China's Xi meets Putin in Moscow", ["The two leaders signed a joint statement on Tuesday."])
        #expect(d.explanation.map(\.description) == [
            "state russia in title +6.0", "state russia in title, the lead of an item whose description names no state +4.0",
            "state china in title +6.0", "state china in title, the lead of an item whose description names no state +4.0",
            "title: russia_nk_alliance \"meets\" +1.0", "title, the lead of an item whose description names no state: russia_nk_alliance \"meets\" +0.75",
            "title: china+russia with russia_nk_alliance +6.0",
        ])
        #expect(d.score == 27.75)
        #expect(d.level == .alert)
        let xi = try Self.decide("Putin and Xi pledge 'no limits' partnership", ["The two leaders met on Friday."])
        #expect(xi.actors.map(\.id) == ["vladimir_putin", "xi_jinping"])
        #expect(xi.explanation.map(\.description) == [
            "state russia in title +6.0", "state russia in title, the lead of an item whose description names no state +4.0",
            "state china in title +6.0", "state china in title, the lead of an item whose description names no state +4.0",
            "title: russia_nk_alliance \"partnership\" +3.0", "title, the lead of an item whose description names no state: russia_nk_alliance \"partnership\" +2.25",
            "sentence 1: russia_nk_alliance \"met\" (short item: state named in the title) +0.75",
            "title: china+russia with russia_nk_alliance +6.0",
        ])
        #expect(xi.score == 32)
        #expect(xi.level == .alert)
    }

    /// A leader's lookalike at a match is no meeting of states: "lookalike", "Doppelgänger" and their
    /// kin are `incident_title_terms`, so such a headline gets no relation points.
    @Test func aHeadlineOnLookalikesGetsNoRelationPoints() throws {
        let d = try Self.decide("Doppelgänger von Selenskyj und Kim Jong-un bei der EM in Düsseldorf", [
            "Ein Kim-Jong-un-Doppelgänger posierte vor dem Stadion mit Fans.",
        ])
        #expect(d.explanation.map(\.description) == [
            "title: a headline on an incident or a contest (\"Doppelgänger\"): north_korea, ukraine get no relation points there +0.0",
            "state north_korea in title +6.0", "state north_korea in lead (sentence 1) +4.0",
        ])
        #expect(d.score == 10)
        #expect(d.level == nil)
        let english = try Self.decide("Kim Jong Un and Zelensky lookalikes draw crowds at Euro 2024", [
            "A Kim Jong Un impersonator posed with fans outside the stadium.",
        ])
        #expect(!english.explanation.contains { $0.rule == .titleKeyRelation })
        #expect(english.level == nil)
    }

    /// "The North" is North Korea where North Korea, its leader or its agency is named strongly; the
    /// longer names win ("North Korean"), and other Norths stay apart.
    @Test func theNorthIsNorthKoreaBesideAStrongName() throws {
        let model = try ShippedModel.model
        let kim = try ShippedModel.matcher.match(Article(
            title: "Kim Jong Un oversees test of new multiple rocket launcher",
            body: "The North's leader said the weapon would be deployed along the border, state media reported."))
        #expect(kim.mentions.map { "\(model.actors[$0.actor].id)@\($0.sentence)" } == ["kim_jong_un@0", "north_korea@1"])
        let news = try ShippedModel.matcher.match(Article(
            title: "North Korean leader warns Seoul",
            body: "The North fired two missiles as a US carrier group sailed from the North Atlantic, officials in Seoul said."))
        #expect(news.mentions.map { "\(model.actors[$0.actor].id)@\($0.sentence)" }
            == ["north_korea@0", "south_korea@0", "north_korea@1", "united_states@1", "south_korea@1"])
        let england = try ShippedModel.matcher.match(Article(
            title: "Labour gains ground in the North", body: "The party won seats across the North of England."))
        #expect(england.mentions.isEmpty)
    }

    /// The travel words count in their language as in English ("viaja", "reist", "viaje", "Reise"):
    /// an envoy's trip to Pyongyang is diplomacy (rubric (d)), and these headlines now alert.
    @Test func travelWordsCountInSpanishAndGerman() throws {
        let spanish = try Self.decide("El enviado de Trump viaja a Pionyang", ["El viaje fue anunciado por la Casa Blanca."])
        #expect(spanish.actors.map(\.id) == ["donald_trump", "north_korea", "united_states"])
        #expect(spanish.explanation.map(\.description) == [
            "state north_korea in title +6.0", "state north_korea in title, the lead of an item whose description names no state +4.0",
            "title: russia_nk_alliance \"viaja\" +1.0", "title, the lead of an item whose description names no state: russia_nk_alliance \"viaja\" +0.75",
            "sentence 1: russia_nk_alliance \"viaje\" (short item: state named in the title) +0.75",
            "title: north_korea with russia_nk_alliance +4.0", "title: north_korea with united_states +7.5",
        ])
        #expect(spanish.score == 24)
        #expect(spanish.level == .alert)
        let german = try Self.decide("Trumps Gesandter reist nach Pjöngjang", ["Die Reise wurde vom Weißen Haus angekündigt."])
        #expect(german.actors.map(\.id) == ["donald_trump", "north_korea", "united_states"])
        #expect(german.explanation.map(\.description) == [
            "state north_korea in title +6.0", "state north_korea in title, the lead of an item whose description names no state +4.0",
            "title: russia_nk_alliance \"reist\" +1.0", "title, the lead of an item whose description names no state: russia_nk_alliance \"reist\" +0.75",
            "sentence 1: russia_nk_alliance \"Reise\" (short item: state named in the title) +0.75",
            "title: north_korea with russia_nk_alliance +4.0", "title: north_korea with united_states +7.5",
        ])
        #expect(german.score == 24)
        #expect(german.level == .alert)
        // English "voyage" is no travel word of the model: the French form counts only in French.
        let english = try Self.decide("The maiden voyage of a Japanese ferry", ["The ferry left Tokyo on Monday."])
        #expect(!english.explanation.contains { $0.detail.contains("voyage") })
    }

    /// North Korea named only beside Russia as shared objects ("the US joined North Korea and Russia
    /// in voting against …", "compared it to North Korea and Russia") is no subject of the article:
    /// the subject test does not count those sentences for it, and the article gets no level.
    @Test func aKeyStateNamedOnlyAsASharedObjectIsNoSubject() throws {
        let body = [
            "The US delegation walked out of the Security Council on Monday while France's envoy spoke.",
            "The row began last week.",
            "Then the US joined North Korea and Russia in voting against extending the term of the UN rights chief.",
            "France's mission compared it to North Korea and Russia.",
            "Later the council discussed the war in Ukraine.",
            "Russia's ambassador defended the war in Ukraine and its security aims.",
            "Russia's foreign ministry said the war in Ukraine would go on and its troops would hold the front line.",
            "A Russian diplomat called for a ceasefire only on Moscow's terms.",
        ]
        let d = try Self.decide("US walks out of UN meeting during France's remarks", body)
        #expect(d.explanation.last?.description == "no level: neither north_korea nor two core states together in the title, "
            + "the lead or 20 % of the body sentences, nor regional_security with a partner state in the title or lead, "
            + "nor in 3 of 6 consecutive sentences +0.0")
        #expect(d.score == 21.5)
        #expect(d.level == nil)
        // North Korea and Russia as the subjects of the vote are the story's states acting.
        var acting = body
        acting[2] = "Then North Korea and Russia voted with the US against extending the term of the UN rights chief."
        let story = try Self.decide("US walks out of UN meeting during France's remarks", acting)
        #expect(!story.explanation.contains { $0.rule == .subject })
    }

    /// "Anti-Japanese" is an attitude, not Japan acting: KCNA's history features on the 1930s
    /// "anti-Japanese war" name no state of the model beyond North Korea, and get no level.
    @Test func antiJapaneseIsNoMentionOfJapan() throws {
        let d = try Self.decide("Outstanding tactics of the anti-Japanese war", [
            "The guerrillas of the anti-Japanese war fought in small units, the Korean People's Army recalls.",
            "Their soldiers moved at night and struck the enemy's weak points.",
        ])
        #expect(d.actors.map(\.id) == ["north_korea"])
        #expect(d.explanation.map(\.description) == [
            "state north_korea in lead (sentence 1) +4.0",
            "title: ukraine_war \"war\" (short item: state named in the lead) +2.0", "sentence 1: ukraine_war \"war\" +1.5",
        ])
        #expect(d.level == nil)
        #expect(try ShippedModel.matcher.match(Article(title: "Japanese and Chinese envoys meet", body: ""))
            .actorIDs(in: ShippedModel.model) == ["china", "japan"])
    }
}
