import SeedwatchCore
import Testing

/// `seedwatch feeds add URL` refuses a URL the configuration would not accept, saying what is wrong.
@Suite("Feed URL check")
struct FeedURLCheckTests {
    @Test func whatIsWrongWithAFeedURL() {
        #expect(FeedURLCheck.problem("not a url") == "it has no scheme: a feed URL starts with http:// or https://")
        #expect(FeedURLCheck.problem("www.nknews.org/feed/") == "it has no scheme: a feed URL starts with http:// or https://")
        #expect(FeedURLCheck.problem("ftp://example.org/feed.xml") == "its scheme is 'ftp:'; a feed URL starts with http:// or https://")
        #expect(FeedURLCheck.problem("https://example.org/my feed.xml") == "it holds a space or a control character (write a space as %20)")
        #expect(FeedURLCheck.problem("https:///feed.xml") == "it has no host: a feed URL is http://HOST/PATH or https://HOST/PATH")
        #expect(FeedURLCheck.problem("http:feed.xml") == "it has no host: a feed URL is http://HOST/PATH or https://HOST/PATH")
        #expect(FeedURLCheck.problem("  ") == "it is empty")
    }

    @Test func feedURLsTheConfigurationAccepts() {
        for url in ["https://www.nknews.org/feed/", "HTTP://Example.org:8080/rss?x=1#top", "http://127.0.0.1:9/f.xml"] {
            #expect(FeedURLCheck.problem(url) == nil, "\(url)")
        }
    }
}
