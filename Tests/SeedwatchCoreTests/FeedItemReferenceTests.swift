import SeedwatchCore
import Testing

/// How `seedwatch why` recognises a feed item: its canonical link or its GUID.
@Suite("Feed item reference")
struct FeedItemReferenceTests {
    let key = ArticleIdentity.feedKey(feedURL: "https://example.org/rss", itemKey: "https://example.org/?p=7")

    @Test func theCanonicalLinkIgnoresTrackingParametersFragmentSchemeWWWAndTrailingSlash() {
        let reference = FeedItemReference("https://example.org/world/kim-visit")
        #expect(reference.canonicalLink == "example.org/world/kim-visit")
        #expect(reference.matches(subject: "http://www.Example.org/world/kim-visit/?utm_source=rss&gclid=Cj0#top", articleKey: nil))
        #expect(!reference.matches(subject: "https://example.org/world/kim-visit?page=2", articleKey: nil))
        #expect(!reference.matches(subject: "https://example.org/world/kim-visit-2", articleKey: nil))
    }

    @Test func theGUIDIsTheItemKeyOfTheArticleKey() {
        #expect(FeedItemReference("k-1").matches(subject: "https://example.org/a", articleKey: "feed:https://example.org/rss\u{0}k-1"))
        #expect(FeedItemReference("k-1").matches(subject: "feed:https://example.org/rss\u{0}k-1", articleKey: nil))
        #expect(!FeedItemReference("k-1").matches(subject: "https://example.org/a", articleKey: "feed:https://example.org/rss\u{0}k-12"))
        // A GUID that is a URL is keyed without its tracking parameters (ItemKey).
        #expect(FeedItemReference("https://example.org/?p=7&utm_medium=rss").itemKey == "https://example.org/?p=7")
        #expect(FeedItemReference("https://example.org/?p=7&utm_medium=rss").matches(subject: "https://example.org/item-7", articleKey: key))
        #expect(FeedItemReference.itemKey(ofArticleKey: "file:ab12") == nil)
        #expect(!FeedItemReference("ab12").matches(subject: "https://example.org/a", articleKey: "file:ab12"))
    }
}
