import Foundation
import SeedwatchCore
import Testing

/// Tryout F19, F16, F21, F26, F14 (pure rules): links as identity, description words, re-spelled
/// feed URLs, `feed:` URLs in OPML, recovered documents.
@Suite("Link identity, description words, re-spelled feed URLs, recovered feed documents")
struct LinkIdentityTests {
    typealias Version = ArticleUpdateMatch.StoredVersion
    static let date = Date(timeIntervalSince1970: 1_796_018_400)  // 2026-11-28T06:00:00Z

    @Test func aStoredItemsLinkNamesItUnderAnyGUIDUnlessTheLinkIsSharedOrAHomePage() {
        let m = ArticleUpdateMatch.self
        let stored = [Version(articleKey: "1", originalKey: "1", title: "Kim Jong Un oversees test of new hypersonic missile",
                              published: Self.date, descriptionHash: "h1", link: "https://pos.example/story?id=9001")]
        // A new GUID with the stored link (tracking parameters and fragment aside) is the stored item, present or not.
        #expect(m.feedItemOriginal(title: "Anything", published: nil, descriptionHash: nil,
                                   link: "https://POS.example/story?id=9001&utm_source=rss#top", stored: stored, present: ["1"]) == "1")
        #expect(m.feedItemOriginal(title: "Anything", published: nil, descriptionHash: nil, link: "https://pos.example/story?id=9001",
                                   linkShared: true, stored: stored) == nil)
        #expect(m.feedItemOriginal(title: "Anything", published: nil, descriptionHash: nil, link: "https://pos.example/story?id=9002",
                                   stored: stored) == nil)
        let home = [Version(articleKey: "a", originalKey: "a", title: "A", published: nil, descriptionHash: nil, link: "https://pos.example/")]
        #expect(m.linkOriginal(link: "https://pos.example/", linkShared: false, stored: home) == nil)
        #expect(m.isArticleLink("https://pos.example/story?id=1") && m.isArticleLink("https://pos.example/a"))
        #expect(!m.isArticleLink("https://pos.example/") && !m.isArticleLink("https://pos.example"))
    }

    @Test func aSeenGUIDNamesAnotherArticleOnlyWhenLinkTitleAndDescriptionAllMoved() {
        let m = ArticleUpdateMatch.self
        let words = m.descriptionWords(summary: "North Korean leader Kim Jong Un oversaw the test of a new hypersonic missile.", content: "")
        let stored = Version(articleKey: "1", originalKey: "1", title: "Kim Jong Un oversees test of new hypersonic missile",
                             published: Self.date, descriptionHash: "h1", link: "https://pos.example/story?id=9001", descriptionWords: words)
        let warships = m.descriptionWords(summary: "Russian Pacific Fleet warships docked in the North Korean port of Wonsan.", content: "")
        #expect(m.namesAnotherArticle(stored: stored, title: "Russian warships dock in Wonsan", link: "https://pos.example/story?id=9002",
                                      descriptionHash: "h2", descriptionWords: warships))
        // Same link: the same item edited.
        #expect(!m.namesAnotherArticle(stored: stored, title: "Russian warships dock in Wonsan", link: "https://pos.example/story?id=9001",
                                       descriptionHash: "h2", descriptionWords: warships))
        // A headline fix that moved the link, or a link moved with the same description: the same item.
        #expect(!m.namesAnotherArticle(stored: stored, title: "Kim Jong Un oversees test of a new hypersonic missile",
                                       link: "https://pos.example/story?id=9003", descriptionHash: "h2", descriptionWords: warships))
        #expect(!m.namesAnotherArticle(stored: stored, title: "Russian warships dock in Wonsan", link: "https://pos.example/story?id=9003",
                                       descriptionHash: "h1", descriptionWords: words))
    }

    @Test func descriptionWordsAndTheirSimilarity() throws {
        let m = ArticleUpdateMatch.self
        #expect(m.descriptionWords(summary: "Kim's missile, the missile: 2026 tests!", content: "ignored") == "missile tests")
        #expect(m.descriptionWords(summary: "", content: "A b c") == nil)
        let first = m.descriptionWords(summary: "North Korea fired a ballistic missile on Monday that landed outside Japan's exclusive "
            + "economic zone, Tokyo said; Beijing urged calm while Moscow stayed silent.", content: "")
        let second = m.descriptionWords(summary: "Pyongyang launched another ballistic missile that flew over northern Japan, prompting "
            + "evacuation alerts in Hokkaido; China and Russia blocked a Security Council statement.", content: "")
        let similarity = try #require(m.descriptionSimilarity(first, second))
        #expect(String(format: "%.4f", similarity) == "0.1905")
        let teaser = m.descriptionWords(summary: "The North Korean leader arrived by train on Saturday for talks with Xi Jinping on trade "
            + "and Russia.", content: "")
        let reworded = m.descriptionWords(summary: "The North Korean leader arrived in Beijing by train on Saturday for talks with Chinese "
            + "President Xi Jinping on trade and Russia.", content: "")
        #expect(String(format: "%.4f", try #require(m.descriptionSimilarity(teaser, reworded))) == "0.8800")
        #expect(m.unrelatedDescriptions(first, second) && !m.unrelatedDescriptions(teaser, reworded))
        #expect(!m.unrelatedDescriptions(nil, second))
        // The 48-h rule skips a version whose description is unrelated, keeps one whose is related.
        let stored = [Version(articleKey: "r1", originalKey: "r1", title: "North Korea fires ballistic missile, Japan says",
                              published: Self.date, descriptionHash: "a", descriptionWords: first)]
        #expect(m.feedItemOriginal(title: "North Korea fires ballistic missile, Japan says", published: Self.date.addingTimeInterval(29 * 3600),
                                   descriptionHash: "b", descriptionWords: second, stored: stored) == nil)
        #expect(m.feedItemOriginal(title: "North Korea fires ballistic missile, Japan says", published: Self.date.addingTimeInterval(29 * 3600),
                                   descriptionHash: "b", descriptionWords: first, stored: stored) == "r1")
    }

    @Test func aFeedKeyedByLinkTakesTheLinkBeforeTheGUID() {
        func item(_ title: String, _ link: String?, _ guid: String) -> FeedItem {
            FeedItem(title: title, link: link, guid: guid, itemKey: "", published: nil, updated: nil, summary: "", content: "", authors: [])
        }
        var items = [item("A", "https://pos.example/a", "1"), item("B", nil, "2"), item("C", "https://pos.example/c#x", "3")]
        ItemKey.assign(&items, keyedByLink: true)
        #expect(items.map(\.itemKey) == ["https://pos.example/a", "2", "https://pos.example/c"])
        ItemKey.assign(&items)
        #expect(items.map(\.itemKey) == ["1", "2", "3"])
    }

    @Test func respelledFeedURLsShareAKey() {
        let key = FeedURLIdentity.respellingKey("https://www.Example.org/world/rss/")
        #expect(key == "example.org/world/rss")
        #expect(FeedURLIdentity.respellingKey("http://example.org/world/rss") == key)
        #expect(FeedURLIdentity.respellingKey("http://example.org:80/world/rss?x=1") == "example.org/world/rss?x=1")
        #expect(FeedURLIdentity.respellingKey("https://example.com/world/rss") != key)
    }

    @Test func feedSchemeURLsOfOldOPMLAreHTTP() {
        #expect(OPMLReader.httpURL(ofFeedURL: "feed://example.org/rss.xml") == "http://example.org/rss.xml")
        #expect(OPMLReader.httpURL(ofFeedURL: "FEED:https://example.org/rss.xml") == "https://example.org/rss.xml")
        #expect(OPMLReader.httpURL(ofFeedURL: "https://example.org/rss.xml") == "https://example.org/rss.xml")
    }

    @Test func aTruncatedDocumentIsRecoveredAndSaysWhere() throws {
        let truncated = """
            <?xml version="1.0"?>
            <rss version="2.0"><channel><title>T</title>
            <item><guid>a</guid><title>First</title><description>One.</description></item>
            <item><guid>b</guid><title>Second</title><description>Cut in the mid
            """
        let stream = try FeedStream(Array(truncated.utf8))
        #expect(stream.count == 2)
        let illFormed = try #require(stream.illFormed)
        #expect(illFormed.line == 4)
        #expect(try FeedStream(Array((truncated + "dle.</description></item></channel></rss>").utf8)).illFormed == nil)
    }
}
