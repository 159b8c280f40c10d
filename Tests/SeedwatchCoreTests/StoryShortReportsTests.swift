import Foundation
import SeedwatchCore
import Testing

/// Short reports (feed items of a headline and a sentence) join a story only by what they share
/// beyond the watch's actor names. Texts written for these tests, except the last test's feed.
@Suite struct StoryShortReportsTests {
    static let monday = Date(timeIntervalSince1970: 1_786_000_000)  // 2026-08-06T07:06:40Z
    static let actorWords = StoryLeadWords(actorWords: ["north", "korea", "korean", "russia", "kim", "jong", "un", "pyongyang"])

    static func item(_ title: String, _ body: String, hoursLater: Double, leadWords: StoryLeadWords) -> StoryFingerprint {
        StoryFingerprint(title: title, body: body, url: nil, published: monday.addingTimeInterval(hoursLater * 3600), seen: monday,
                         actors: ["north_korea", "russia"], topics: ["russia_nk_alliance"], leadWords: leadWords)
    }

    @Test func twoItemsOfOneDayThatShareOnlyTheActorsNamesAreTwoStories() {
        let memorial = ("North Korea's Vietnam War dead to get first memorial", "North Korea will build a memorial to its war dead, Kim said in Pyongyang.")
        let deployment = ("North Korean missile unit deploys in Russia for the war", "A North Korean missile unit has deployed in Russia, Kim's Pyongyang confirmed.")
        // With only the common words left out, the actors' names carry the pair over the lead threshold.
        let before = (Self.item(memorial.0, memorial.1, hoursLater: 0, leadWords: .commonOnly),
                      Self.item(deployment.0, deployment.1, hoursLater: 3, leadWords: .commonOnly))
        #expect(StoryRule.standard.relation(before.0, before.1) == .sameEvent)
        let after = (Self.item(memorial.0, memorial.1, hoursLater: 0, leadWords: Self.actorWords),
                     Self.item(deployment.0, deployment.1, hoursLater: 3, leadWords: Self.actorWords))
        #expect(after.0.lead.wordCount == 5)  // vietnam, war, dead, memorial, build
        #expect(StoryRule.standard.relation(after.0, after.1) == nil)
    }

    @Test func twoItemsOfOneHappeningStillJoin() {
        let a = Self.item("Kim and Putin sign mutual defence treaty in Pyongyang",
                          "Russia and North Korea signed a mutual defence treaty on Wednesday.", hoursLater: 0, leadWords: Self.actorWords)
        let b = Self.item("Russia, North Korea defence treaty signed as Putin visits",
                          "The treaty pledges mutual military assistance, the Kremlin said.", hoursLater: 5, leadWords: Self.actorWords)
        #expect(StoryRule.standard.relation(a, b) == .sameEvent)
    }

    @Test func sharedWordsAreEstimatedFromTheJaccardIndexAndSizes() {
        // |A| = |B| = 10 sharing 4: J = 4 / 16 = 0.25, and 0.25 / 1.25 × 20 = 4.
        #expect(StoryRule.sharedWords(jaccard: 0.25, 10, 10) == 4)
        #expect(StoryRule.sharedWords(jaccard: 0, 10, 10) == 0)
        #expect(StoryRule.standard.minimumSharedLeadWords == 3)
        #expect(StoryRule.standard.minimumSharedWords == 15)
    }

    @Test func theShippedWatchLeavesItsActorsAliasWordsOutOfALead() throws {
        let words = CompiledWatch(model: try ShippedModel.model).storyLeadWords
        for word in ["north", "korea", "pyongyang", "putin", "kremlin", "trump", "atlantic", "said"] { #expect(words.leavesOut(word), "\(word)") }
        // "trump card" is an exclusion, not an alias; event words stay, and "treaty" of "North Atlantic Treaty
        // Organization" too: it is a topic term on its own.
        for word in ["card", "missile", "memorial", "treaty"] { #expect(!words.leavesOut(word), "\(word)") }
    }

    /// Two Reuters items of one feed file, 14 h apart: a missile unit's deployment and a war memorial.
    @Test func twoReutersItemsOfDifferentHappeningsAreTwoStories() throws {
        let path = ShippedModel.corpusRoot
            .appendingPathComponent("feeds/real/evilgodfahim-wl/reuters-direct-googlenews-decoded/2026-08-09_1127_b54a5936.xml").path
        guard let data = FileManager.default.contents(atPath: path) else {
            print("skipped: \(path) is absent (../shared/corpus)")
            return
        }
        let watch = CompiledWatch(model: try ShippedModel.model)
        let items = try DocumentReader.items(of: Document(bytes: Array(data), origin: .file(path: Array(path.utf8)), nameHint: "feed.xml"))
        func fingerprint(titled prefix: String) throws -> StoryFingerprint {
            let article = try #require(items.map(\.article).first { $0.title.hasPrefix(prefix) })
            let decision = watch.scorer.score(watch.matcher.match(article, language: article.language))
            #expect(decision.level == .alert)
            return StoryFingerprint(title: article.title, body: article.body, url: article.url, published: article.published,
                                    seen: Self.monday, actors: Set(decision.actors.map(\.id)), topics: Set(decision.topics.map(\.id)),
                                    leadWords: watch.storyLeadWords)
        }
        let memorial = try fingerprint(titled: "North Korea's Vietnam War dead to get first memorial")
        let deployment = try fingerprint(titled: "EXCLUSIVE: North Korean missile unit deploys in Russia")
        #expect(memorial.time == ISO8601DateFormatter().date(from: "2026-08-04T16:10:03Z"))
        #expect(StoryRule.standard.relation(memorial, deployment) == nil)
    }
}
