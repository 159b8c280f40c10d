import Foundation
import SeedwatchCore
import Testing

/// What an article that did not alert lacked (``Decision/shortfalls``, printed by `scan --explain`),
/// in the words of the shipped model's rules and thresholds: short articles of our own and real
/// articles of `../shared/corpus`.
@Suite("Scoring: what a miss lacked")
struct ScoringShortfallTests {
    static func decide(_ title: String, _ body: [String]) throws -> Decision {
        try ShippedModel.explainingScorer().score(ShippedModel.matcher.match(Article(title: title, body: body.joined(separator: "\n"))))
    }

    static func shortfalls(_ d: Decision) -> [String] { d.shortfalls.map { "\($0.rule): \($0.detail)" } }

    @Test func anAlertLacksNothing() throws {
        let d = try Self.decide("North Korea fires two ballistic missiles", ["It was North Korea's first test this year."])
        #expect(d.level == .alert)
        #expect(d.shortfalls == [])
    }

    /// The key state named in the title, but no topic term: the topic evidence and the score fall short.
    @Test func aNameWithoutATopicTermLacksTopicEvidenceAndScore() throws {
        let d = try Self.decide("North Korea holds a volleyball game", ["Officials in Pyongyang watched the game."])
        #expect(d.level == nil)
        #expect(Self.shortfalls(d) == [
            "alert_min_topic: topic evidence 0.0 below the 6.0 an alert needs (no topic term in the article)",
            "notice_threshold: score 10.0 below notice 14.0 (alert 17.5)",
        ])
    }

    /// No state at all: every rule falls short.
    @Test func anArticleWithoutStatesLacksEverything() throws {
        let d = try Self.decide("Bakery on Main Street wins a prize", ["The bakery won the prize for its rye bread.", "Its owner thanked the customers."])
        #expect(d.level == nil)
        #expect(Self.shortfalls(d) == [
            "alert_min_core_states: no key state named (North Korea), and 0 of the core states (none) where an alert needs 2",
            "require_subject: the subject test failed: North Korea in 0 of 2 body sentences, two core states together in 0, "
                + "none in the title or lead (needs the title, the lead or 1 body sentence: 20 %)",
            "short_item_sentences: a short item (2 body sentences) whose title names no actor and no topic term",
            "alert_min_topic: topic evidence 0.0 below the 6.0 an alert needs (no topic term in the article)",
            "notice_threshold: score 0.0 below notice 14.0 (alert 17.5)",
        ])
    }

    /// One core state with topic terms in the title: the score (20.0) passes the alert threshold
    /// (17.5), but no key state and one core state cap it, and the story is no subject.
    @Test func aScoreAboveTheThresholdWithOneCoreStateLacksTheKeyStateAndSubject() throws {
        let d = try Self.decide("Russia weighs new sanctions on gas exports", ["Officials in Moscow discussed the plan.", "No decision was taken."])
        #expect(d.score == 20)
        #expect(d.level == nil)
        #expect(Self.shortfalls(d) == [
            "alert_min_core_states: no key state named (North Korea), and 1 of the core states (Russia) where an alert needs 2",
            "require_subject: the subject test failed: North Korea in 0 of 2 body sentences, two core states together in 0, "
                + "none in the title or lead (needs the title, the lead or 1 body sentence: 20 %)",
        ])
    }

    /// A long analysis whose score (35.7) passes the alert threshold: only the subject test failed,
    /// and the shortfall counts the sentences (Russia and China apart in 21 of 66, never together).
    @Test func aLongAnalysisLacksOnlyTheSubject() throws {
        let (title, body) = ScoringSubjectTests.longAnalysis
        let d = try Self.decide(title, body)
        #expect(d.score == 35.7)
        #expect(Self.shortfalls(d) == [
            "require_subject: the subject test failed: North Korea in 0 of 66 body sentences, two core states together in 0, "
                + "none in the title or lead (needs the title, the lead or 14 body sentences: 20 %)",
        ])
    }

    static let corpusArticle = ShippedModel.corpusRoot.appendingPathComponent("articles/bbc-world-2026/2026-06-20_345878774e22.html")

    /// A real article labelled "Russia only passing" (dev labels): Russia is its one core state.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: corpusArticle.path),
                   "../shared/corpus/articles/bbc-world-2026 is absent: the corpus shortfall is not checked"))
    func aRealArticleWithRussiaOnlyInPassing() throws {
        let bytes = try Array(Data(contentsOf: Self.corpusArticle))
        let name = Self.corpusArticle.lastPathComponent
        let document = Document(bytes: bytes, origin: .file(path: Array(Self.corpusArticle.path.utf8)), nameHint: name)
        let article = try #require(DocumentReader.items(of: document).first).article
        let d = try ShippedModel.explainingScorer().score(ShippedModel.matcher.match(article, language: article.language))
        #expect(article.title == "Zelensky stripped of highest Polish honour over WW2 name of army unit")
        #expect(d.score == 8.5)
        #expect(d.level == nil)
        #expect(Self.shortfalls(d) == [
            "alert_min_core_states: no key state named (North Korea), and 1 of the core states (Russia) where an alert needs 2",
            "require_subject: the subject test failed: North Korea in 0 of 28 body sentences, two core states together in 0, "
                + "none in the title or lead (needs the title, the lead or 6 body sentences: 20 %)",
            "alert_min_topic: topic evidence 1.5 below the 6.0 an alert needs",
            "notice_threshold: score 8.5 below notice 14.0 (alert 17.5)",
        ])
    }
}
