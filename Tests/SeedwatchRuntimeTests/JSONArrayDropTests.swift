import Foundation
import SeedwatchCore
import SeedwatchRuntime
import Testing

/// A dropped JSON array of scraped articles (news-please's `title`/`maintext`/`url`) is several
/// articles: each is decided under its own item key, and a rewritten array decides only new ones.
@Suite("Pipeline: a dropped JSON array of articles")
struct JSONArrayDropTests {
    static func article(_ title: String, _ text: String, _ url: String) -> String {
        #"{"title": "\#(title)", "maintext": "\#(text)", "url": "\#(url)", "date_publish": "2026-12-06 09:30:00"}"#
    }

    static let putin = article("Putin statement", "Putin spoke today.", "https://news.example/a")
    static let kim = article("Kim Jong Un visits Beijing", "Kim Jong Un arrived in Beijing by train.", "https://news.example/b")
    static let xi = article("Xi Jinping hosts summit", "Xi Jinping spoke in Beijing.", "https://news.example/c")

    @Test func everyArticleOfTheArrayIsDecidedAndARewriteAlertsOnlyTheNewOne() async throws {
        let f = try PipelineFixture()
        defer { f.folder.remove() }
        await f.process(try f.drop("batch.json", "[\(Self.putin), \(Self.kim)]"))
        #expect(f.alerts.compactMap { $0["title"] as? String } == ["Putin statement", "Kim Jong Un visits Beijing"])
        #expect(try f.store.isSeen(articleKey: ArticleIdentity.feedKey(feedURL: "file", itemKey: "https://news.example/b"), watch: "test-watch"))

        // The scraper rewrites the file with one more article: only that one is new.
        await f.process(try f.drop("batch.json", "[\(Self.putin), \(Self.kim), \(Self.xi)]"))
        #expect(f.alerts.compactMap { $0["title"] as? String } == ["Putin statement", "Kim Jong Un visits Beijing", "Xi Jinping hosts summit"])
        #expect(f.alerts.last.map(f.actorIDs) == ["xi_jinping", "china"])
        #expect(f.alerts.last?["published"] as? String == "2026-12-06T09:30:00Z")
    }

    @Test func theArticlesOfAnArrayHaveTheirOwnItemKeys() throws {
        let a = Article(title: "Same title", body: "One.", url: "https://news.example/x?utm_source=rss")
        let b = Article(title: "Same title", body: "Two.", url: "https://NEWS.example/y#top")
        let c = Article(title: "Untitled link", body: "Three.")
        #expect(ItemKey.keys(ofArticles: [a, b, c]) == [
            "https://news.example/x", "https://news.example/y",
            ItemKey.hashKey(link: nil, title: "Untitled link", published: nil),
        ])
    }
}
