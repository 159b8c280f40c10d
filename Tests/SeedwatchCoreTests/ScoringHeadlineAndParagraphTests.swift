import Foundation
import SeedwatchCore
import Testing

/// The miss and false-alarm kinds of news the rules were not tuned on (issue 8), each as a short
/// article of our own: headline-only feed items, a paragraph on the story inside a long liveblog,
/// and an English topic word that is another word in German.
@Suite("Scoring: headline items, paragraphs on the story, false friends")
struct ScoringHeadlineAndParagraphTests {
    static func decide(_ title: String, _ body: [String]) throws -> Decision {
        try ShippedModel.scorer.score(ShippedModel.matcher.match(Article(title: title, body: body.joined(separator: "\n"))))
    }

    /// A feed item of a title and one sentence, about North Korea alone: the headline names the key
    /// state with a weapons term, which is the story (`title_key_points`), so it alerts.
    @Test func headlineNamingTheKeyStateWithATopicTermAlerts() throws {
        let d = try Self.decide("North Korea fires two ballistic missiles", ["It was North Korea's first test this year."])
        #expect(d.explanation.map(\.description) == [
            "state north_korea in title +6.0", "state north_korea in lead (sentence 1) +4.0",
            "title: nk_weapons_program \"ballistic missiles\" +8.0",
            "title: north_korea with nk_weapons_program +4.0",
        ])
        #expect(d.explanation.last?.rule == .titleKeyPoints)
        #expect(d.score == 22)
        #expect(d.topicPoints == 12)
        #expect(d.level == .alert)
    }

    /// The same headline without a topic term gets no headline points: a name alone never alerts.
    @Test func headlineWithoutATopicTermGetsNoHeadlinePoints() throws {
        let d = try Self.decide("North Korea holds a volleyball game", ["Officials in Pyongyang watched the game."])
        #expect(!d.explanation.contains { $0.rule == .titleKeyPoints })
        #expect(d.level == nil)
    }

    /// A long liveblog whose title and lead are about something else, with one entry of three
    /// sentences on North Korean troops in Russia: a paragraph on the story makes it the subject
    /// (3 of 6 consecutive sentences), although it is under a fifth of the sentences.
    @Test func aParagraphOnTheStoryInsideALongLiveblogMakesItTheSubject() throws {
        var body = (1...12).map { "Entry \($0): the city council debated the tram timetable for district \($0)." }
        body += [
            "North Korea has sent thousands of troops to Russia's Kursk region, officials said.",
            "The North Korean soldiers are fighting alongside Russian units.",
            "Pyongyang has also shipped artillery shells to Moscow.",
        ]
        body += (13...24).map { "Entry \($0): the weather service expects rain in district \($0)." }
        let d = try Self.decide("Liveblog: the day in the city council", body)
        #expect(d.ceiling == .alert)
        #expect(!d.explanation.contains { $0.rule == .subject })
        // The same three sentences spread over the piece (after the lead) are passing mentions: no subject.
        var spread = body.filter { $0.hasPrefix("Entry") }
        spread.insert(body[12], at: 4)
        spread.insert(body[13], at: 13)
        spread.insert(body[14], at: 22)
        #expect(try Self.decide("Liveblog: the day in the city council", spread).ceiling == nil)
    }

    /// German "war" is "was": the English topic word "war" counts only in English articles.
    @Test func germanWarIsNotTheEnglishWordWar() throws {
        let article = Article(title: "Putin war in Pjöngjang",
                              body: "Der Besuch war nach Angaben der Regierung lang, und die Gespräche mit Kim Jong Un waren gut.")
        #expect(article.language == "de")
        let german = try ShippedModel.matcher.match(article)
        let model = try ShippedModel.model
        let terms = german.termHits.map { model.topics[$0.topic].terms[$0.term].text }
        #expect(!terms.contains("war"))
        let english = try ShippedModel.matcher.match(Article(
            title: "Putin speaks of the war",
            body: "The president said that the war would go on, and that the talks with Kim Jong Un were good."))
        #expect(english.termHits.map { model.topics[$0.topic].terms[$0.term].text }.contains("war"))
    }

    /// Mexican Spanish writes the United States "EU" (Estados Unidos); the European Union is "UE".
    @Test func mexicanEUIsNotTheEuropeanUnion() throws {
        let mexican = Article(title: "Corea del Norte propone conversaciones con EU",
                              body: "El gobierno de Corea del Norte dijo que las conversaciones con EU serán posibles, según la agencia.")
        #expect(mexican.language == "es")
        #expect(try !ShippedModel.matcher.match(mexican).actorIDs(in: ShippedModel.model).contains("european_union"))
        let spanish = Article(title: "La UE y Corea del Sur firman un acuerdo",
                              body: "La Unión Europea y el gobierno de Seúl dijo que el acuerdo será firmado, según la agencia.")
        #expect(try ShippedModel.matcher.match(spanish).actorIDs(in: ShippedModel.model).contains("european_union"))
        let english = Article(title: "EU leaders meet", body: "The EU said that the talks would go on.")
        #expect(try ShippedModel.matcher.match(english).actorIDs(in: ShippedModel.model).contains("european_union"))
    }
}
